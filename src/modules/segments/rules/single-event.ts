import type { ReviewRule } from '../review.js'

/** Warns on an event leaf that fires on one occurrence. */
export const singleEventRule: ReviewRule = {
  code: 'single-event',
  check(f) {
    return f.leaves
      .filter((l) => !l.negated && l.leaf.kind === 'event' && l.leaf.minCount <= 1 && l.leaf.minDays <= 1)
      .map((l) => ({
        code: 'single-event' as const,
        severity: 'warn' as const,
        path: l.path,
        message: `One "${l.leaf.kind === 'event' ? l.leaf.event : ''}" is enough to enter this audience. A single search or view is often curiosity, a mistake or someone else on the device; people are targeted on a moment, not an interest.`,
        fix: 'Require it on ≥ 2 days ("minDays": 2) within a window ("withinDays": 30), or use an established interest.',
      }))
  },
}
