import type { Finding, ReviewRule } from '../review.js'

/** Blocks a rule that reads a sensitive data category or sensitive interest topic. */
export const sensitiveCategoryRule: ReviewRule = {
  code: 'sensitive-category',
  check(f) {
    const out: Finding[] = []
    for (const l of f.leaves) {
      let what: string | undefined
      if (l.leaf.kind === 'data' && l.category && f.isSensitiveCategory(l.category))
        what = `the sensitive data category ${l.category}`
      if (l.leaf.kind === 'interest' && f.isSensitiveTopic(l.leaf.topic))
        what = `the sensitive topic ${l.leaf.topic}`
      if (l.leaf.kind === 'event') {
        const c = l.leaf.where.get('category')
        if (typeof c === 'string' && f.isSensitiveTopic(c)) what = `events in the sensitive topic ${c}`
      }
      if (!what) continue
      out.push({
        code: 'sensitive-category',
        severity: 'block',
        path: l.path,
        message: `This audience is chosen by ${what}. People have not given explicit consent for it to decide what they are offered, and audiences built on it can discriminate or expose something private.`,
        fix:
          l.leaf.kind === 'data'
            ? 'Target what people do instead: an interest they showed (e.g. the interest `baby_kids` instead of gender and age), or an event pattern.'
            : 'Remove this criterion, or limit the segment to people who opted in to this topic explicitly and get a reviewer to approve it.',
        details: {
          reads:
            l.leaf.kind === 'data'
              ? l.category
              : l.leaf.kind === 'interest'
                ? l.leaf.topic
                : l.leaf.where.get('category'),
        },
      })
    }
    return out
  },
}
