import type { Finding, ReviewRule } from '../review.js'

/** Warns when people match on data older than the freshness limit, or on events of any age. */
export const staleDataRule: ReviewRule = {
  code: 'stale-data',
  check(f) {
    const out: Finding[] = []
    for (const l of f.leaves) {
      if (l.negated) continue
      const stale = f.audience.stale.get(l.path) ?? 0
      if (stale > 0)
        out.push({
          code: 'stale-data',
          severity: 'warn',
          path: l.path,
          message: `${stale} people match on data older than ${f.settings.freshnessDays} days. What was true then may not be now.`,
          fix:
            l.leaf.kind === 'event'
              ? 'Add "withinDays" to this criterion (e.g. 90).'
              : 'Ask people to confirm it, or add a recent behaviour criterion beside it.',
          details: { people: stale, freshnessDays: f.settings.freshnessDays },
        })
      else if (l.leaf.kind === 'event' && l.leaf.withinDays === null)
        out.push({
          code: 'stale-data',
          severity: 'warn',
          path: l.path,
          message: `"${l.leaf.event}" counts events of any age: something a person did years ago keeps them in this audience.`,
          fix: 'Add "withinDays" to this criterion (e.g. 30 or 90).',
        })
    }
    return out
  },
}
