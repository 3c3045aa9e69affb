/**
 * Adds to a map that holds at most `max` entries, dropping the oldest entry (insertion order) when
 * full: a memory bound for caches whose misses are only slower, never wrong.
 */
export function remember<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  if (map.size >= max && !map.has(key)) {
    const oldest = map.keys().next()
    if (!oldest.done) map.delete(oldest.value)
  }
  map.set(key, value)
}
