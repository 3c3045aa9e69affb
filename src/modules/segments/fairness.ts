/**
 * Aggregate fairness measures over audit groups. Pure. Only counts come in; only rates and
 * counts of groups of at least `minGroupSize` people go out.
 */

/** One audit group's row in a fairness table. */
export interface FairnessRow {
  /** The audit attribute: `gender`, `age`, … (a `user.demographic.*` category). */
  readonly attribute: string
  /** The group, or `other` for small groups merged together. */
  readonly group: string
  /** People of the group in the audience. */
  readonly members: number
  /** People of the group held under `fairness_audit`. */
  readonly people: number
  /** members / people. */
  readonly selectionRate: number
  /** This group's rate over the highest rate of the attribute (four-fifths rule: below 0.8 fails). */
  readonly ratioToMax: number
}

/** attribute → group → { people, members } */
export type GroupCounts = Map<string, Map<string, { people: number; members: number }>>

export const FOUR_FIFTHS = 0.8

/**
 * The fairness table: per attribute, groups smaller than `minGroupSize` merged into `other`, which
 * is suppressed if still smaller; an attribute left with fewer than two groups is left out (a
 * rate compared with nothing says nothing).
 */
export function fairnessTable(counts: GroupCounts, minGroupSize: number): FairnessRow[] {
  const rows: FairnessRow[] = []
  for (const [attribute, groups] of [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const kept: [string, { people: number; members: number }][] = []
    const other = { people: 0, members: 0 }
    for (const [group, c] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (c.people >= minGroupSize && group !== 'other') kept.push([group, c])
      else {
        other.people += c.people
        other.members += c.members
      }
    }
    if (other.people >= minGroupSize) kept.push(['other', other])
    if (kept.length < 2) continue
    const rates = kept.map(([, c]) => c.members / c.people)
    const max = Math.max(...rates)
    kept.forEach(([group, c], i) => {
      const rate = rates[i] as number
      rows.push({
        attribute,
        group,
        members: c.members,
        people: c.people,
        selectionRate: round(rate),
        ratioToMax: max === 0 ? 1 : round(rate / max),
      })
    })
  }
  return rows
}

/** The rows that fail the four-fifths rule (the audience selects them at under 80 % of the best rate). */
export function fourFifthsFailures(table: readonly FairnessRow[]): FairnessRow[] {
  return table.filter((r) => r.ratioToMax < FOUR_FIFTHS)
}

/**
 * Cramér's V of a contingency table (rows × columns of counts): 0 = independent, 1 = one
 * determines the other. Rows or columns with no count are ignored; undefined with fewer than
 * two non-empty rows or columns.
 */
export function cramersV(table: ReadonlyMap<string, ReadonlyMap<string, number>>): number | undefined {
  const rowTotals = new Map<string, number>()
  const colTotals = new Map<string, number>()
  let n = 0
  for (const [r, cols] of table)
    for (const [c, v] of cols) {
      if (v <= 0) continue
      rowTotals.set(r, (rowTotals.get(r) ?? 0) + v)
      colTotals.set(c, (colTotals.get(c) ?? 0) + v)
      n += v
    }
  const k = Math.min(rowTotals.size, colTotals.size)
  if (k < 2 || n === 0) return undefined
  let chi2 = 0
  for (const [r, rt] of rowTotals)
    for (const [c, ct] of colTotals) {
      const expected = (rt * ct) / n
      const observed = table.get(r)?.get(c) ?? 0
      chi2 += (observed - expected) ** 2 / expected
    }
  return round(Math.sqrt(chi2 / n / (k - 1)))
}

const round = (x: number) => Math.round(x * 1000) / 1000
