import type { Finding, ReviewRule } from '../review.js'

/** Warns on likely proxies for protected attributes; blocks when audit data shows a strong association. */
export const proxyAttributeRule: ReviewRule = {
  code: 'proxy-attribute',
  check(f) {
    const out: Finding[] = []
    for (const l of f.leaves) {
      if (!l.proxyFor) continue
      const measured = f.audience.associations.filter((a) => a.path === l.path)
      const strong = measured.filter((a) => a.cramersV >= f.settings.proxyThreshold)
      const strongest = [...measured].sort((a, b) => b.cramersV - a.cramersV)[0]
      const name = l.leaf.kind === 'data' ? l.leaf.data : l.path
      out.push({
        code: 'proxy-attribute',
        severity: strong.length > 0 ? 'block' : 'warn',
        path: l.path,
        message:
          strong.length > 0
            ? `${name} tracks ${strong.map((a) => a.auditAttribute).join(' and ')} in your own audit data (Cramér's V ${strongest?.cramersV} over ${strongest?.people} people, threshold ${f.settings.proxyThreshold}): choosing people by it amounts to choosing them by ${strong.map((a) => a.auditAttribute).join(' and ')}.`
            : `${name} is a likely stand-in for ${l.proxyFor}. ${measured.length > 0 ? `Your audit data shows a weak association (Cramér's V ${strongest?.cramersV}).` : 'No audit data measures how strongly here.'}`,
        fix: 'Choose people by what they did or showed interest in (an interest or an event pattern) rather than where they live, their name or their language.',
        details: {
          proxyFor: l.proxyFor,
          threshold: f.settings.proxyThreshold,
          associations: measured.map((a) => ({
            auditAttribute: a.auditAttribute,
            cramersV: a.cramersV,
            people: a.people,
          })),
        },
      })
    }
    return out
  },
}
