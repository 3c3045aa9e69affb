import { FOUR_FIFTHS, fourFifthsFailures } from '../fairness.js'
import type { ReviewRule } from '../review.js'

/** Blocks a deal whose audience selects an audit group at under four fifths of the best group's rate. */
export const beneficialExclusionRule: ReviewRule = {
  code: 'beneficial-exclusion',
  check(f) {
    if (!f.beneficial) return []
    const failing = fourFifthsFailures(f.audience.fairness)
    if (failing.length === 0) return []
    return [
      {
        code: 'beneficial-exclusion',
        severity: 'block',
        message: `This audience receives a deal, and it leaves out some groups: ${failing.map((r) => `${r.attribute} ${r.group} is selected at ${Math.round(r.ratioToMax * 100)} % of the best group's rate`).join('; ')} (the four-fifths rule asks for at least ${FOUR_FIFTHS * 100} %).`,
        fix: 'Choose people by interest or behaviour that every group shows, or widen the criteria until every group is selected at ≥ 80 % of the best rate; the fairness table shows the rates.',
        details: {
          failing: failing.map((r) => ({ attribute: r.attribute, group: r.group, ratioToMax: r.ratioToMax })),
        },
      },
    ]
  },
}
