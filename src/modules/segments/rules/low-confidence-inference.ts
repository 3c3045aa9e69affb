import type { Finding, ReviewRule } from '../review.js'

/** Warns when the rule accepts inferences below the confidence threshold. */
export const lowConfidenceInferenceRule: ReviewRule = {
  code: 'low-confidence-inference',
  check(f) {
    const out: Finding[] = []
    const t = f.settings.confidenceThreshold
    for (const l of f.leaves) {
      if (l.negated) continue
      const counted = f.audience.lowConfidence.get(l.path) ?? 0
      if (l.leaf.kind === 'interest' && l.leaf.minConfidence !== null && l.leaf.minConfidence < t)
        out.push({
          code: 'low-confidence-inference',
          severity: 'warn',
          path: l.path,
          message: `This criterion accepts interests inferred with confidence ${l.leaf.minConfidence}, below the organization's threshold of ${t}: guesses, not patterns.`,
          fix: `Raise "minConfidence" to at least ${t}, or leave it out (established interests only).`,
        })
      else if (counted > 0)
        out.push({
          code: 'low-confidence-inference',
          severity: 'warn',
          path: l.path,
          message: `${counted} people match on inferred data below the confidence threshold of ${t}.`,
          fix: 'Use stated or observed data here, or an established interest.',
          details: { people: counted },
        })
    }
    return out
  },
}
