import type { ReviewRule } from '../review.js'

/** Says how many people leave the audience because they did not consent to the segment's purpose. */
export const purposeMismatchRule: ReviewRule = {
  code: 'purpose-mismatch',
  check(f) {
    const lost = f.audience.matched - f.audience.afterConsent
    if (lost <= 0) return []
    return [
      {
        code: 'purpose-mismatch',
        severity: 'info',
        message: `${lost} of the ${f.audience.matched} people whose data matches are not in the audience: they did not consent to ${f.purpose} (or to the sensitive data the rule reads).`,
        fix: 'Nothing to fix: consent decides. If the audience is too small, ask for consent where people use your service, not around it.',
        details: { lostToConsent: lost, purpose: f.purpose },
      },
    ]
  },
}
