/**
 * The known name closest to `name` (by edit distance, case-insensitive), if it is close enough to
 * be a typo: at most 2 edits, and fewer than half the name's length.
 *
 * @example
 * ```ts
 * closestName('bodyLimt', ['bodyLimit', 'port']) // 'bodyLimit'
 * closestName('zzz', ['bodyLimit', 'port'])       // undefined
 * ```
 */
export function closestName(name: string, known: Iterable<string>): string | undefined {
  const target = name.toLowerCase()
  let best: string | undefined
  let bestDistance = Number.POSITIVE_INFINITY
  for (const k of known) {
    const d = editDistance(target, k.toLowerCase())
    if (d < bestDistance) {
      best = k
      bestDistance = d
    }
  }
  return best !== undefined && bestDistance > 0 && bestDistance <= 2 && bestDistance * 2 < name.length
    ? best
    : undefined
}

/** `; did you mean "x"?` when a known name is close to `name`, else `.`: a sentence ends either way. */
export function didYouMean(name: string, known: Iterable<string>): string {
  const c = closestName(name, known)
  return c === undefined ? '.' : `; did you mean "${c}"?`
}

/** Levenshtein distance with transpositions counted as one edit (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1
  const cols = b.length + 1
  const d: number[] = new Array(rows * cols).fill(0)
  for (let i = 0; i < rows; i++) d[i * cols] = i
  for (let j = 0; j < cols; j++) d[j] = j
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let v = Math.min(
        (d[(i - 1) * cols + j] as number) + 1,
        (d[i * cols + j - 1] as number) + 1,
        (d[(i - 1) * cols + j - 1] as number) + cost,
      )
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, (d[(i - 2) * cols + j - 2] as number) + 1)
      d[i * cols + j] = v
    }
  }
  return d[rows * cols - 1] as number
}
