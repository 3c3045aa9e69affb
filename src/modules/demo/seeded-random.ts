/**
 * A small seeded pseudo-random number generator for synthetic data: the same seed and keys always
 * give the same sequence, on every platform. Not for anything secret.
 *
 * The generator is sfc32 (Chris Doty-Humphrey's "small fast counting" generator, 128-bit state,
 * public domain algorithm), seeded by hashing the seed and the stream keys with cyrb128. Deriving a
 * stream from keys (`createSeededRandom(seed, 'person', 42)`) makes every person's sequence
 * independent of how many numbers other persons drew, so adding a feature to one persona does not
 * reshuffle everyone else.
 */

/** A key that names an independent stream under one seed. */
export type StreamKey = string | number

/** cyrb128: a fast 128-bit string hash (four 32-bit words). Deterministic, not cryptographic. */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703
  let h2 = 3144134277
  let h3 = 1013904242
  let h4 = 2773480762
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i)
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067)
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233)
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213)
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179)
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067)
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233)
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213)
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179)
  h1 ^= h2 ^ h3 ^ h4
  h2 ^= h1
  h3 ^= h1
  h4 ^= h1
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0]
}

function streamName(seed: number, keys: readonly StreamKey[]): string {
  return [String(seed), ...keys.map((key) => (typeof key === 'number' ? `#${key}` : key))].join('\u0000')
}

/**
 * A deterministic random stream. Every method draws from the same sequence, so calls must happen in
 * the same order to reproduce a result; use {@link SeededRandom.fork} for an independent sub-stream.
 *
 * @example
 * ```ts
 * const random = createSeededRandom(42, 'person', 7)
 * random.int(1, 6) // the same die roll for seed 42, person 7, every time
 * random.pick(['a', 'b', 'c'])
 * ```
 */
export class SeededRandom {
  #a: number
  #b: number
  #c: number
  #d: number
  readonly #seed: number
  readonly #keys: readonly StreamKey[]

  /** Seeds the stream from `seed` and `keys`; prefer {@link createSeededRandom}. */
  constructor(seed: number, keys: readonly StreamKey[] = []) {
    if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${String(seed)}`)
    this.#seed = seed
    this.#keys = [...keys]
    const [a, b, c, d] = cyrb128(streamName(seed, keys))
    this.#a = a
    this.#b = b
    this.#c = c
    this.#d = d
    // Warm up so that similar seeds diverge before the first value is used.
    for (let i = 0; i < 15; i++) this.uint32()
  }

  /** The next unsigned 32-bit integer, `0 … 2^32 - 1`. */
  uint32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0
    this.#d = (this.#d + 1) | 0
    this.#a = this.#b ^ (this.#b >>> 9)
    this.#b = (this.#c + (this.#c << 3)) | 0
    this.#c = (this.#c << 21) | (this.#c >>> 11)
    this.#c = (this.#c + t) | 0
    return t >>> 0
  }

  /** The next float in `[0, 1)`, with 32 bits of randomness. */
  next(): number {
    return this.uint32() / 4294967296
  }

  /**
   * An integer in `[min, max]`, both inclusive. Throws a `RangeError` when the bounds are not
   * integers or `min > max`.
   */
  int(min: number, max: number): number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || min > max) {
      throw new RangeError(`int(min, max) needs integers with min <= max, got ${min}, ${max}`)
    }
    return min + Math.floor(this.next() * (max - min + 1))
  }

  /** A float in `[min, max)`. */
  float(min: number, max: number): number {
    return min + this.next() * (max - min)
  }

  /** True with probability `p` (clamped to `[0, 1]`): `chance(0)` is never, `chance(1)` always. */
  chance(p: number): boolean {
    return this.next() < p
  }

  /** One element of a non-empty array, uniformly. Throws a `RangeError` on an empty array. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick() needs a non-empty array')
    return items[Math.floor(this.next() * items.length)] as T
  }

  /**
   * One value of `[value, weight]` pairs, with probability proportional to its weight. Weights must
   * be finite and non-negative with a positive sum; otherwise throws a `RangeError`.
   *
   * @example
   * ```ts
   * random.weighted([['granted', 0.6], ['denied', 0.4]])
   * ```
   */
  weighted<T>(pairs: readonly (readonly [T, number])[]): T {
    let total = 0
    for (const [, weight] of pairs) {
      if (!Number.isFinite(weight) || weight < 0) throw new RangeError(`invalid weight ${weight}`)
      total += weight
    }
    if (!(total > 0)) throw new RangeError('weighted() needs a positive total weight')
    let target = this.next() * total
    for (const [value, weight] of pairs) {
      if (target < weight) return value
      target -= weight
    }
    // Floating-point leftovers land on the last positive weight.
    for (let i = pairs.length - 1; i >= 0; i--) {
      const pair = pairs[i]
      if (pair !== undefined && pair[1] > 0) return pair[0]
    }
    throw new RangeError('weighted() needs a positive total weight')
  }

  /** A shuffled copy (Fisher–Yates); the input is not modified. */
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items]
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1))
      const tmp = copy[i] as T
      copy[i] = copy[j] as T
      copy[j] = tmp
    }
    return copy
  }

  /** `count` distinct elements (all of them when `count` exceeds the length), in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    return this.shuffle(items).slice(0, Math.max(0, count))
  }

  /** `length` lower-case hexadecimal digits. */
  hex(length: number): string {
    let out = ''
    while (out.length < length) out += this.uint32().toString(16).padStart(8, '0')
    return out.slice(0, length)
  }

  /** A random RFC 4122 version-4 UUID string, the shape browser SDKs use for `anonymousId`. */
  uuid(): string {
    const h = this.hex(32)
    const variant = ((Number.parseInt(h.charAt(16), 16) & 0x3) | 0x8).toString(16)
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`
  }

  /**
   * An independent stream derived from this stream's seed and keys plus `keys`. It does not depend on
   * how many numbers this stream has drawn.
   */
  fork(...keys: StreamKey[]): SeededRandom {
    return new SeededRandom(this.#seed, [...this.#keys, ...keys])
  }
}

/**
 * Creates a deterministic stream for `seed` and optional stream `keys`. Equal arguments give equal
 * sequences; different keys give independent sequences. Throws a `RangeError` for a non-finite seed.
 *
 * @example
 * ```ts
 * const a = createSeededRandom(1, 'offers')
 * const b = createSeededRandom(1, 'offers')
 * a.uint32() === b.uint32() // true
 * ```
 */
export function createSeededRandom(seed: number, ...keys: StreamKey[]): SeededRandom {
  return new SeededRandom(seed, keys)
}
