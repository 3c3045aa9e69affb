import type { ReviewRule } from '../review.js'

/** Warns when people match on data another brand of the organization collected. */
export const crossBrandDataRule: ReviewRule = {
  code: 'cross-brand-data',
  check(f) {
    const { people, lost } = f.audience.crossBrand
    if (people === 0) return []
    return [
      {
        code: 'cross-brand-data',
        severity: 'warn',
        message: `${people} people match on data another brand of the organization collected; ${lost} of them have not agreed to share it between brands, so they are not in the audience.`,
        fix: 'Build the audience on data your brand collected itself, or keep it but expect only people who share their data across brands.',
        details: { people, lostToConsent: lost },
      },
    ]
  },
}
