import type { ReviewRule } from '../review.js'

/** Warns on a rule that chooses people by who they are only, not by what they showed interest in. */
export const demographicOnlyRule: ReviewRule = {
  code: 'demographic-only',
  check(f) {
    const positive = f.leaves.filter((l) => !l.negated)
    const demographic = positive.filter(
      (l) =>
        l.leaf.kind === 'data' && (l.category?.startsWith('user.demographic') || l.proxyFor !== undefined),
    )
    const behaviour = positive.some((l) => l.leaf.kind === 'interest' || l.leaf.kind === 'event')
    if (demographic.length === 0 || behaviour) return []
    return [
      {
        code: 'demographic-only',
        severity: 'warn',
        message: `This audience is chosen only by who people are (${demographic.map((l) => (l.leaf.kind === 'data' ? l.leaf.data : l.path)).join(', ')}), not by anything they did or showed interest in. It will reach many people who do not care and miss many who do.`,
        fix: 'Add or switch to an interest or behaviour criterion, e.g. the interest `baby_kids` instead of gender and age.',
        details: { demographic: demographic.map((l) => l.path) },
      },
    ]
  },
}
