import type { ReviewRule } from '../review.js'

const PURCHASE = /order completed|purchase|checkout|bought|order placed/i

/** Warns on a rule that reads purchases without setting gifts aside. */
export const giftSignalRule: ReviewRule = {
  code: 'gift-signal',
  check(f) {
    return f.leaves
      .filter(
        (l) =>
          !l.negated &&
          ((l.leaf.kind === 'event' && PURCHASE.test(l.leaf.event) && !l.leaf.excludeGifts) ||
            (l.leaf.kind === 'data' && l.category?.startsWith('user.behavior.purchase') === true)),
      )
      .map((l) => ({
        code: 'gift-signal' as const,
        severity: 'warn' as const,
        path: l.path,
        message:
          'This audience reads purchases, gifts included: someone who bought one baby present is not expecting a baby. Gift purchases say little about the buyer.',
        fix:
          l.leaf.kind === 'event'
            ? 'Add "excludeGifts": true to this event criterion.'
            : 'Use an event criterion on the purchase event with "excludeGifts": true instead of purchase data.',
      }))
  },
}
