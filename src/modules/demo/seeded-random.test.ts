import { describe, expect, it } from 'vitest'
import { createSeededRandom } from './seeded-random.js'

const draw = (seed: number, ...keys: (string | number)[]): number[] => {
  const random = createSeededRandom(seed, ...keys)
  return Array.from({ length: 20 }, () => random.uint32())
}

describe('createSeededRandom', () => {
  it('gives the same sequence for the same seed and keys', () => {
    expect(draw(42, 'person', 7)).toEqual(draw(42, 'person', 7))
  })

  it('gives different sequences for different seeds, keys or key types', () => {
    const base = draw(42, 'person', 7)
    expect(draw(43, 'person', 7)).not.toEqual(base)
    expect(draw(42, 'person', 8)).not.toEqual(base)
    expect(draw(42, 'person', '7')).not.toEqual(base)
    expect(draw(42)).not.toEqual(base)
  })

  it('forks streams that do not depend on how much the parent drew', () => {
    const a = createSeededRandom(1, 'x')
    const b = createSeededRandom(1, 'x')
    b.uint32()
    b.next()
    expect(a.fork('child').hex(16)).toBe(b.fork('child').hex(16))
    expect(a.fork('child').hex(16)).toBe(createSeededRandom(1, 'x', 'child').hex(16))
  })

  it('rejects a non-finite seed', () => {
    expect(() => createSeededRandom(Number.NaN)).toThrow(RangeError)
  })
})

describe('SeededRandom helpers', () => {
  it('next() stays in [0, 1) and int() covers both inclusive bounds', () => {
    const random = createSeededRandom(5)
    const seen = new Set<number>()
    for (let i = 0; i < 2000; i++) {
      const x = random.next()
      expect(x).toBeGreaterThanOrEqual(0)
      expect(x).toBeLessThan(1)
      const n = random.int(-2, 3)
      expect(Number.isInteger(n)).toBe(true)
      seen.add(n)
    }
    expect([...seen].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2, 3])
    expect(random.int(4, 4)).toBe(4)
    expect(() => random.int(3, 2)).toThrow(RangeError)
    expect(() => random.int(0.5, 2)).toThrow(RangeError)
  })

  it('chance(0) is never and chance(1) always; chance(p) is about p', () => {
    const random = createSeededRandom(9)
    let hits = 0
    for (let i = 0; i < 10_000; i++) {
      expect(random.chance(0)).toBe(false)
      expect(random.chance(1)).toBe(true)
      if (random.chance(0.3)) hits++
    }
    expect(hits / 10_000).toBeCloseTo(0.3, 1)
  })

  it('weighted() follows the weights and skips zero weights', () => {
    const random = createSeededRandom(11)
    const counts = { a: 0, b: 0, c: 0 }
    for (let i = 0; i < 10_000; i++)
      counts[
        random.weighted([
          ['a', 1],
          ['b', 3],
          ['c', 0],
        ] as const)
      ]++
    expect(counts.c).toBe(0)
    expect(counts.b / 10_000).toBeCloseTo(0.75, 1)
    expect(() => random.weighted([['a', 0]])).toThrow(RangeError)
    expect(() => random.weighted([['a', -1]])).toThrow(RangeError)
  })

  it('pick(), shuffle() and sample() return elements of the input without changing it', () => {
    const random = createSeededRandom(13)
    const items = [1, 2, 3, 4, 5, 6, 7, 8] as const
    const shuffled = random.shuffle(items)
    expect([...shuffled].sort()).toEqual([...items])
    expect(items).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    const sample = random.sample(items, 3)
    expect(new Set(sample).size).toBe(3)
    expect(random.sample(items, 20)).toHaveLength(8)
    expect(items).toContain(random.pick(items))
    expect(() => random.pick([])).toThrow(RangeError)
  })

  it('hex() and uuid() have the documented shapes', () => {
    const random = createSeededRandom(17)
    expect(random.hex(13)).toMatch(/^[0-9a-f]{13}$/)
    expect(random.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })
})
