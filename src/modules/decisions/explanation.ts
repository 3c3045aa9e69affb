import type { ChangeAction, Factor, InterestEvidence } from './factor.js'

/** Why the answer is not personalized (stable codes). */
export const FALLBACK_REASONS = [
  'no-consent',
  'no-established-interests',
  'unknown-person',
  'unknown-placement',
  'topics-rejected',
] as const
export type FallbackReason = (typeof FALLBACK_REASONS)[number]

export interface Explanation {
  readonly text: string
  readonly factors: readonly Factor[]
  readonly howToChange: readonly ChangeAction[]
  /** The offer names a segment: the person is in its audience because of these criteria. */
  readonly audience?: SegmentAudience
}

/** Why a person is in the audience of an offer's segment. */
export interface SegmentAudience {
  readonly segment: string
  readonly name: string
  readonly purpose: string
  /** The rule's criteria that matched, in words ("interest outdoors.hiking"). */
  readonly criteria: readonly string[]
}

/** The explanation with the segment's matched criteria said first. */
export function withAudience(e: Explanation, a: SegmentAudience): Explanation {
  return {
    ...e,
    text: `You are in the audience "${a.name}" because: ${a.criteria.join('; ')}. ${e.text}`,
    audience: a,
  }
}

const VERBS: Readonly<Record<string, [string, string]>> = {
  search: ['searched for', 'time'],
  view: ['viewed', 'product'],
  add_to_cart: ['added', 'product to your cart'],
  purchase: ['bought', 'product'],
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
/** "5 Oct" (UTC), without Intl: formatting runs on every decision. */
const month = (t: number) => {
  const d = new Date(t)
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`
}

/** "you viewed 6 hiking products and bought 1 on 4 different days (5 Oct – 24 Nov)". */
export function describeEvidence(label: string, e: InterestEvidence): string {
  const parts: string[] = []
  for (const kind of ['view', 'search', 'add_to_cart', 'purchase']) {
    const n = e.signals[kind] ?? 0
    if (n === 0) continue
    const [verb, noun] = VERBS[kind] as [string, string]
    if (kind === 'search') parts.push(`${verb} ${label} ${n} ${n === 1 ? 'time' : 'times'}`)
    else if (kind === 'add_to_cart')
      parts.push(`${verb} ${n} ${label} ${n === 1 ? 'product' : 'products'} to your cart`)
    else parts.push(`${verb} ${n} ${label} ${n === 1 ? noun : `${noun}s`}`)
  }
  const what =
    parts.length > 1
      ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`
      : (parts[0] ?? `showed interest in ${label}`)
  // Across a new year the dates carry their years ("27 Mar 2025 – 30 Mar 2026").
  const year = (t: number) =>
    e.firstSeen !== null &&
    e.lastSeen !== null &&
    new Date(e.firstSeen).getUTCFullYear() !== new Date(e.lastSeen).getUTCFullYear()
      ? ` ${new Date(t).getUTCFullYear()}`
      : ''
  const span =
    e.firstSeen !== null && e.lastSeen !== null
      ? ` (${month(e.firstSeen)}${year(e.firstSeen)} – ${month(e.lastSeen)}${year(e.lastSeen)})`
      : ''
  const journeys =
    e.journeys !== undefined && e.journeys > 1 ? `, in ${e.journeys} separate shopping journeys` : ''
  return `you ${what} on ${e.distinctDays} different ${e.distinctDays === 1 ? 'day' : 'days'}${span}${journeys}`
}

/**
 * The explanation of one item, generated from its factors only — so it can never mention data
 * the policy excluded.
 */
export function explain(
  factors: readonly Factor[],
  ctx: {
    brandName: string
    fallbackReason?: FallbackReason
    /** The deciding brand, and the names of the brands whose shared data a factor may rest on. */
    brandId?: string
    brandNameOf?: (brandId: string) => string
  },
): Explanation {
  const sentences: string[] = []
  const changes: ChangeAction[] = []
  const personal = factors.filter((f) => f.kind === 'interest' || f.kind === 'stated')
  const sharedFrom = new Set<string>()
  for (const f of personal) {
    if (f.kind === 'stated') sentences.push(`Shown because you told us you're interested in ${f.label}.`)
    else if (f.kind === 'interest' && f.goesWith)
      // Never "because you bought a tent" to sell a tent: offers in the bought topic are held back,
      // and what is shown is said to go with the purchase.
      sentences.push(
        `Shown because it goes with the ${f.label} you bought on ${month(f.goesWith.purchasedAt)}.`,
      )
    else if (f.kind === 'interest') sentences.push(`Shown because ${describeEvidence(f.label, f.evidence)}.`)
    changes.push(f.change)
    // Data another brand collected, used because the person shares it: say whose, and how to stop it.
    if ((f.kind === 'interest' || f.kind === 'stated') && f.brand && ctx.brandId && f.brand !== ctx.brandId) {
      const other = ctx.brandNameOf?.(f.brand) ?? f.brand
      sentences.push(`${other} collected this, and you chose to share it with ${ctx.brandName}.`)
      if (!sharedFrom.has(f.brand))
        changes.push({
          action: 'withdraw-consent',
          purpose: 'cross_brand_sharing',
          text: `Stop sharing your data between brands in the control center: ${ctx.brandName} will no longer use what ${other} collected.`,
        })
      sharedFrom.add(f.brand)
    }
  }
  if (personal.length === 0) {
    const editorial = factors.find((f) => f.kind === 'editorial')
    const popular = factors.filter((f) => f.kind === 'popularity')
    if (editorial && editorial.kind === 'editorial') sentences.push(`Featured by ${ctx.brandName}.`)
    for (const p of popular)
      if (p.kind === 'popularity')
        sentences.push(
          `Popular: ${p.people} ${p.people === 1 ? 'person' : 'people'} showed interest in ${p.label} here in the last ${p.windowDays} days.`,
        )
    if (ctx.fallbackReason === 'no-consent') {
      sentences.push(`Not personalized: you have not allowed personalization at ${ctx.brandName}.`)
      changes.push({
        action: 'allow-personalization',
        purpose: 'personalization',
        text: `Allow personalization at ${ctx.brandName} in the control center to get offers based on your interests.`,
      })
    } else if (ctx.fallbackReason === 'no-established-interests') {
      sentences.push(
        'Not personalized: we have not seen an interest of yours recur on enough different days yet.',
      )
    } else if (ctx.fallbackReason === 'unknown-person') {
      sentences.push('Not personalized: we know nothing about you.')
    } else if (ctx.fallbackReason === 'topics-rejected') {
      sentences.push(
        'Not personalized: you opted out of some topics, and no other interest of yours has recurred on enough different days yet.',
      )
    } else if (ctx.fallbackReason === 'unknown-placement') {
      sentences.push(`Not personalized: ${ctx.brandName} has no offers for this place.`)
    } else {
      sentences.push('This offer does not rest on data about you.')
    }
  } else {
    changes.push({
      action: 'withdraw-consent',
      purpose: 'personalization',
      text: `Withdraw personalization at ${ctx.brandName} in the control center to stop all personalized offers.`,
    })
  }
  return { text: sentences.join(' '), factors, howToChange: changes }
}
