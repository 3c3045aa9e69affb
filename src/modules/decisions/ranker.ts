import type { Offer } from '../offers/index.js'
import { type Factor, NO_CHANGE } from './factor.js'

/** An established (or stated) interest as the ranker sees it. */
export interface RankInterest {
  readonly topic: string
  readonly label: string
  readonly source: 'inferred' | 'stated'
  readonly score: number
  readonly evidence: {
    readonly signals: Readonly<Partial<Record<string, number>>>
    readonly distinctDays: number
    readonly firstSeen: number | null
    readonly lastSeen: number | null
    readonly sampleEventIds: readonly string[]
    /** How many shopping journeys fed the interest (0 or absent: not known). */
    readonly journeys?: number
  }
  readonly consentIds: readonly string[]
  readonly brand: string
  /**
   * A durable purchase in the topic satisfied the need: offers in the topic are held back (the
   * caller leaves them out); the interest still backs related offers (accessories: the topic's
   * siblings and parent), explained as going with what was bought.
   */
  readonly satiated?: { readonly purchasedAt: number }
}

/** The fewest people a popularity explanation may cite. */
export const DEFAULT_POPULARITY_MIN_PEOPLE = 10

export interface RankContext {
  /** Established interests; undefined for a non-personalized ranking. */
  readonly interests?: readonly RankInterest[]
  /** topic → distinct people engaging (aggregate). */
  readonly popularity: ReadonlyMap<string, number>
  readonly popularityWindowDays: number
  /** An explanation cites popularity only from this many people on (default 10). */
  readonly popularityMinPeople?: number
  /** Popularity is never cited on a sensitive topic. */
  readonly isSensitiveTopic?: (topic: string) => boolean
  readonly labelOf: (topic: string) => string
  readonly brandName: string
}

export interface RankedItem {
  readonly offer: Offer
  readonly score: number
  readonly personal: boolean
  readonly factors: readonly Factor[]
}

const within = (a: string, b: string) => a === b || a.startsWith(`${b}.`)

/**
 * An offer's topics and weights as arrays, made once per offer object (offers are cached and
 * immutable): decide ranks every candidate on every request, and `Object.entries` per offer per
 * request was a fifth of a decision's allocations.
 */
const topicLists = new WeakMap<Offer, { readonly topics: string[]; readonly weights: number[] }>()

function topicListsOf(offer: Offer): { readonly topics: string[]; readonly weights: number[] } {
  let list = topicLists.get(offer)
  if (!list) {
    list = { topics: Object.keys(offer.topics), weights: Object.values(offer.topics) }
    topicLists.set(offer, list)
  }
  return list
}

/** How well an interest topic covers an offer topic: same topic 1, a narrower interest 0.9, a broader one 0.7. */
export function topicMatch(interestTopic: string, offerTopic: string): number {
  if (interestTopic === offerTopic) return 1
  if (within(interestTopic, offerTopic)) return 0.9
  if (within(offerTopic, interestTopic)) return 0.7
  return 0
}

/** The parent of a dotted topic id ('' for a top-level topic). */
const parentOf = (topic: string): string => {
  const dot = topic.lastIndexOf('.')
  return dot < 0 ? '' : topic.slice(0, dot)
}

/**
 * How well an interest covers an offer topic. A satiated interest (a durable purchase) covers no
 * offer within its own topic, its parent as a broader interest does (0.7) and its siblings at 0.6:
 * the tent is bought, the lantern may rise.
 */
export function interestMatch(i: RankInterest, offerTopic: string): number {
  if (!i.satiated) return topicMatch(i.topic, offerTopic)
  if (within(offerTopic, i.topic)) return 0
  const parent = parentOf(i.topic)
  if (parent === '') return 0
  if (offerTopic === parent || within(parent, offerTopic)) return 0.7
  return within(offerTopic, parent) ? 0.6 : 0
}

/**
 * Ranks offers. Personalized: an offer backed by an established interest ranks above every offer
 * with no personal factor; among backed offers the personal match decides, then editorial
 * priority. Without interests (or for the rest): editorial priority, then popularity, then id.
 * Pure. Every offer is scored, but only the first `limit` get their factors (the explanation's
 * material), so ranking 100 candidates for 3 slots takes microseconds.
 */
export function rankOffers(
  offers: readonly Offer[],
  ctx: RankContext,
  limit: number = offers.length,
): RankedItem[] {
  const interests = ctx.interests ?? []
  let maxInferred = 1e-9
  for (const i of interests) if (i.source === 'inferred' && i.score > maxInferred) maxInferred = i.score
  // Stated interests outrank inferred ones: an inferred interest's strength stays below 1.
  const strengths = interests.map((i) =>
    i.source === 'stated' ? 1 : 0.5 + 0.4 * Math.min(1, i.score / maxInferred),
  )
  /** The strongest match of an offer topic among the interests (the first of equals), if any. */
  const best = (offerTopic: string): { i: RankInterest; value: number } | undefined => {
    const k = bestIndex(offerTopic)
    return k < 0 ? undefined : { i: interests[k] as RankInterest, value: strength(k, offerTopic) }
  }
  const strength = (k: number, offerTopic: string) =>
    interestMatch(interests[k] as RankInterest, offerTopic) * (strengths[k] as number)
  const bestIndex = (offerTopic: string): number => {
    let best = -1
    let value = 0
    for (let k = 0; k < interests.length; k++) {
      const v = strength(k, offerTopic)
      if (v > value) {
        value = v
        best = k
      }
    }
    return best
  }
  // Scores in flat arrays and a top-`limit` selection over indices: no object per candidate and no
  // sort of all of them (a decision ranks every candidate, 100 or more, for a few slots).
  const n = offers.length
  const personal = new Float64Array(n)
  const score = new Float64Array(n)
  const popularity = new Float64Array(n)
  for (let o = 0; o < n; o++) {
    const { topics, weights } = topicListsOf(offers[o] as Offer)
    let p = 0
    if (interests.length > 0)
      for (let t = 0; t < topics.length; t++) {
        const k = bestIndex(topics[t] as string)
        if (k >= 0) p += (weights[t] as number) * strength(k, topics[t] as string)
      }
    let pop = 0
    if (p === 0)
      for (const topic of topics) {
        const people = ctx.popularity.get(topic) ?? 0
        if (people > pop) pop = people
      }
    personal[o] = p
    score[o] = round(p)
    popularity[o] = pop
  }
  /** Negative when offer a ranks before offer b: a strict order (offer ids are unique). */
  const before = (a: number, b: number): number => {
    const oa = offers[a] as Offer
    const ob = offers[b] as Offer
    return (
      Number((personal[b] as number) > 0) - Number((personal[a] as number) > 0) ||
      (score[b] as number) - (score[a] as number) ||
      ob.priority - oa.priority ||
      (popularity[b] as number) - (popularity[a] as number) ||
      (oa.id < ob.id ? -1 : oa.id > ob.id ? 1 : 0)
    )
  }
  return topIndices(n, Math.min(limit, n), before).map((o) => {
    const offer = offers[o] as Offer
    const p = personal[o] as number
    return {
      offer,
      score: score[o] as number,
      personal: p > 0,
      factors: p > 0 ? personalFactors(offer, best) : impersonalFactors(offer, ctx),
    }
  })
}

/** The first `k` of `0…n-1` under `before`, in order: insertion into a list of at most k. */
export function topIndices(n: number, k: number, before: (a: number, b: number) => number): number[] {
  const top: number[] = []
  if (k <= 0) return top
  for (let i = 0; i < n; i++) {
    if (top.length === k && before(i, top[k - 1] as number) >= 0) continue
    let at = top.length === k ? k - 1 : top.length
    while (at > 0 && before(i, top[at - 1] as number) < 0) at--
    if (top.length === k) top.pop()
    top.splice(at, 0, i)
  }
  return top
}

function personalFactors(
  offer: Offer,
  best: (offerTopic: string) => { i: RankInterest; value: number } | undefined,
): Factor[] {
  const factors: Factor[] = []
  for (const [offerTopic, weight] of Object.entries(offer.topics)) {
    const match = best(offerTopic)
    if (!match) continue
    const i = match.i
    factors.push({
      kind: i.source === 'stated' ? 'stated' : 'interest',
      topic: i.topic,
      label: i.label,
      offerTopic,
      source: i.source,
      evidence: {
        signals: i.evidence.signals,
        distinctDays: i.evidence.distinctDays,
        firstSeen: i.evidence.firstSeen,
        lastSeen: i.evidence.lastSeen,
        ...(i.evidence.journeys ? { journeys: i.evidence.journeys } : {}),
      },
      ...(i.satiated ? { goesWith: { purchasedAt: i.satiated.purchasedAt } } : {}),
      brand: i.brand,
      dataItemIds: [`interest:${i.brand}:${i.topic}`],
      categories: [i.source === 'stated' ? 'user.preference.stated' : 'user.inferred.interest'],
      purpose: 'personalization',
      consentIds: i.consentIds,
      sourceEvents: i.evidence.sampleEventIds,
      contribution: round(weight * match.value),
      change:
        i.source === 'stated'
          ? {
              action: 'remove-stated-interest',
              topic: i.topic,
              text: `Remove "${i.label}" from the interests you told us about in the control center.`,
            }
          : {
              action: 'reject-interest',
              topic: i.topic,
              text: `Say "not interested in ${i.label}" in the control center, or withdraw personalization.`,
            },
    })
  }
  return factors
}

function impersonalFactors(offer: Offer, ctx: RankContext): Factor[] {
  const factors: Factor[] = []
  for (const topic of Object.keys(offer.topics)) {
    const people = ctx.popularity.get(topic) ?? 0
    // A small count points at a few people, and a sensitive topic is nobody's business: neither is cited.
    if (
      people >= (ctx.popularityMinPeople ?? DEFAULT_POPULARITY_MIN_PEOPLE) &&
      !ctx.isSensitiveTopic?.(topic)
    )
      factors.push({
        kind: 'popularity',
        topic,
        label: ctx.labelOf(topic),
        people,
        windowDays: ctx.popularityWindowDays,
        change: NO_CHANGE,
      })
  }
  factors.push({ kind: 'editorial', priority: offer.priority, change: NO_CHANGE })
  return factors
}

function round(n: number): number {
  return Math.round(n * 10_000) / 10_000
}
