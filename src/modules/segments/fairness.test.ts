import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cramersV, fairnessTable, fourFifthsFailures, type GroupCounts } from './fairness.js'

const table = (rows: Record<string, Record<string, number>>) =>
  new Map(Object.entries(rows).map(([r, cols]) => [r, new Map(Object.entries(cols))]))

describe("Cramér's V", () => {
  it('is 1 when one determines the other, 0 when independent, undefined without two rows and columns', () => {
    expect(cramersV(table({ a: { f: 10 }, b: { m: 10 } }))).toBe(1)
    expect(cramersV(table({ a: { f: 5, m: 5 }, b: { f: 5, m: 5 } }))).toBe(0)
    expect(cramersV(table({ a: { f: 18, m: 2 }, b: { f: 2, m: 18 } }))).toBe(0.8)
    expect(cramersV(table({ a: { f: 3, m: 4 } }))).toBeUndefined()
  })
  it('stays within [0, 1] for any counts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.nat(50), { minLength: 2, maxLength: 4 }), { minLength: 2, maxLength: 4 }),
        (rows) => {
          const t = new Map(rows.map((r, i) => [`r${i}`, new Map(r.map((v, j) => [`c${j}`, v]))]))
          const v = cramersV(t)
          if (v !== undefined) expect(v >= 0 && v <= 1).toBe(true)
        },
      ),
    )
  })
})

describe('fairness table', () => {
  const counts = (groups: Record<string, [people: number, members: number]>): GroupCounts =>
    new Map([
      ['gender', new Map(Object.entries(groups).map(([g, [people, members]]) => [g, { people, members }]))],
    ])

  it('merges groups under the minimum into other, and suppresses what stays small', () => {
    const rows = fairnessTable(counts({ female: [20, 18], male: [20, 2], non_binary: [3, 1] }), 10)
    expect(rows.map((r) => r.group)).toEqual(['female', 'male'])
    const merged = fairnessTable(counts({ female: [20, 10], male: [20, 10], a: [6, 1], b: [6, 5] }), 10)
    expect(merged.find((r) => r.group === 'other')).toMatchObject({ people: 12, members: 6 })
    expect(fairnessTable(counts({ female: [20, 10], male: [5, 1] }), 10)).toEqual([])
  })
  it('flags a group selected at under four fifths of the best rate', () => {
    const rows = fairnessTable(counts({ female: [20, 10], male: [20, 7] }), 10)
    expect(fourFifthsFailures(rows).map((r) => r.group)).toEqual(['male'])
    expect(fourFifthsFailures(fairnessTable(counts({ female: [20, 10], male: [20, 8] }), 10))).toEqual([])
  })
  it('never lists a group under the minimum size', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ minLength: 1, maxLength: 3 }), fc.tuple(fc.nat(30), fc.nat(30))),
        (d) => {
          const groups = Object.fromEntries(
            Object.entries(d).map(([g, [a, b]]) => [g, [Math.max(a, b), Math.min(a, b)] as [number, number]]),
          )
          for (const r of fairnessTable(counts(groups), 10)) expect(r.people).toBeGreaterThanOrEqual(10)
        },
      ),
    )
  })
})
