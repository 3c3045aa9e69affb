import { type RankInterest, rankOffers } from '../decisions/index.js'
import {
  heldBackUntil,
  type InterestModelConfig,
  isEstablished,
  type JourneyEvent,
  lastPurchaseAt,
  rebuildInterests,
  scoreAt,
  within,
} from '../interests/index.js'
import type { Offer } from '../offers/index.js'

/**
 * The offline time-split evaluation: learn interests from each person's events before a cut-off,
 * rank the brand's offers as a decision would at the cut-off, and compare with what the person
 * bought in the following days. Pure: the caller brings the events (already classified, with
 * topics) and the offers.
 */

/** One person at one brand: all their events there, and what their gifts were. */
export interface EvaluationCase {
  readonly id: string
  readonly brand: string
  /** All the person's signal events at the brand, any time (the evaluation splits them). */
  readonly events: readonly JourneyEvent[]
  /**
   * Topics the person bought only as gifts (ground truth): a top offer resting on an interest in
   * their line is harmful.
   */
  readonly giftTopics: readonly string[]
}

/** A model to evaluate: an interest-model configuration, and whether decisions hold satiated topics back. */
export interface EvaluationModel {
  readonly name: string
  readonly cfg: InterestModelConfig
  readonly holdBack: boolean
}

/** One model's figures. */
export interface EvaluationResult {
  readonly model: string
  /** Cases evaluated (people × brands with history before the cut-off). */
  readonly cases: number
  /** Cases with an own purchase in the horizon (the precision's denominator). */
  readonly withPurchases: number
  /** Mean over those cases of (top-k offers matching a purchased topic line) / k. */
  readonly precisionAtK: number
  /** Cases whose top offer is personal and rests on a gift or an already satisfied topic. */
  readonly harmfulTop: number
  /** harmfulTop / cases. */
  readonly harmfulTopRate: number
  /** Cases whose top offer is personal. */
  readonly personalTop: number
  /** The harmful cases: id, the top offer and its topics (to look into). */
  readonly harmful: readonly {
    readonly id: string
    readonly offer: string
    readonly topics: readonly string[]
  }[]
}

const DAY_MS = 86_400_000
const sameLine = (a: string, b: string) => within(a, b) || within(b, a)

/**
 * The model as it was before journeys: gifts themselves never count, but nothing before them is
 * set aside, nothing is satiated, a possible gift counts in full and a purchase burst decays like
 * any interest.
 */
export function withoutJourneys(cfg: InterestModelConfig): InterestModelConfig {
  return {
    ...cfg,
    journeys: {
      ...cfg.journeys,
      giftWindowDays: 0,
      possibleGiftWeight: 1,
      satiation: {},
      spikeHalfLifeDays: cfg.halfLifeDays,
      spikeMinScore: 0,
    },
  }
}

/** Whether an offer is in a topic the person's model holds back (a durable good just bought). */
export function heldBack(offer: Offer, held: readonly string[]): boolean {
  return Object.keys(offer.topics).some((t) => held.some((h) => within(t, h)))
}

/**
 * What a decision at the cut-off would rest on: the person's interests learned from their history
 * (events before the cut-off) with the model, as the ranker takes them (established ones only),
 * and the topics the model holds back (satiated, when the model does so). Pure.
 */
export function interestsAtCutoff(input: {
  id: string
  brand: string
  history: readonly JourneyEvent[]
  model: EvaluationModel
  cutoff: number
  allowed: (topic: string) => boolean
}): { interests: RankInterest[]; held: string[] } {
  const { model, cutoff } = input
  const interests = rebuildInterests({
    personId: input.id,
    brandId: input.brand,
    events: input.history,
    base: new Map(),
    allowed: input.allowed,
    cfg: model.cfg,
    now: cutoff,
  })
  const held = model.holdBack
    ? interests.filter((i) => heldBackUntil(i, model.cfg, cutoff) !== null).map((i) => i.topic)
    : []
  const ranked = interests
    .filter((i) => isEstablished(i, model.cfg, cutoff))
    .map((i): RankInterest => {
      const purchasedAt = held.includes(i.topic) ? lastPurchaseAt(i.journeys) : null
      return {
        topic: i.topic,
        label: i.topic,
        source: 'inferred' as const,
        score: scoreAt(i, cutoff, model.cfg),
        evidence: {
          signals: i.signals,
          distinctDays: i.days.length,
          firstSeen: i.firstSeen,
          lastSeen: i.lastSeen,
          sampleEventIds: i.sampleEventIds,
        },
        consentIds: [],
        brand: input.brand,
        ...(purchasedAt === null ? {} : { satiated: { purchasedAt } }),
      }
    })
  return { interests: ranked, held }
}

/**
 * Runs the evaluation for each model. `durable` says which topics a purchase satisfies (the
 * harm label for "already satisfied", the same for every model); `allowed` which topics may be
 * inferred at all (sensitive ones are not, without an opt-in the evaluation does not model).
 */
export function evaluateTimeSplit(input: {
  cases: readonly EvaluationCase[]
  offers: ReadonlyMap<string, readonly Offer[]>
  cutoff: number
  horizonDays: number
  k: number
  models: readonly EvaluationModel[]
  durable: (topic: string) => number
  allowed: (topic: string) => boolean
}): EvaluationResult[] {
  const { cutoff, k } = input
  const end = cutoff + input.horizonDays * DAY_MS
  return input.models.map((model) => {
    let cases = 0
    let withPurchases = 0
    let precisionSum = 0
    let harmfulTop = 0
    let personalTop = 0
    const harmfulCases: { id: string; offer: string; topics: string[] }[] = []
    for (const c of input.cases) {
      const history = c.events.filter((e) => e.at < cutoff)
      if (history.length === 0) continue
      cases++
      const bought = new Set<string>()
      for (const e of c.events)
        if (e.kind === 'purchase' && !e.gift && e.at >= cutoff && e.at < end)
          for (const t of e.topics) if (!e.giftTopics.includes(t)) bought.add(t)
      // Durable topics the person bought for themselves exactly once, still within their
      // satiation period (someone who buys a topic again and again is not satisfied by one).
      const ownDurable = new Map<string, number[]>()
      for (const e of history) {
        if (e.kind !== 'purchase' || e.gift || e.possibleGift) continue
        for (const t of e.topics)
          if (!e.giftTopics.includes(t) && input.durable(t) > 0)
            ownDurable.set(t, [...(ownDurable.get(t) ?? []), e.at])
      }
      const satisfied = new Set<string>()
      for (const [t, times] of ownDurable)
        if (times.length === 1 && (times[0] as number) + input.durable(t) * DAY_MS > cutoff) satisfied.add(t)
      const { held, interests: ranked } = interestsAtCutoff({
        id: c.id,
        brand: c.brand,
        history,
        model,
        cutoff,
        allowed: input.allowed,
      })
      const offers = (input.offers.get(c.brand) ?? []).filter((o) => !heldBack(o, held))
      const top = rankOffers(
        offers,
        {
          ...(ranked.length > 0 ? { interests: ranked } : {}),
          popularity: new Map(),
          popularityWindowDays: 30,
          labelOf: (t) => t,
          brandName: c.brand,
        },
        k,
      )
      if (bought.size > 0) {
        withPurchases++
        const hits = top.filter((r) =>
          Object.keys(r.offer.topics).some((t) => [...bought].some((b) => sameLine(t, b))),
        ).length
        precisionSum += hits / k
      }
      const first = top[0]
      if (first?.personal) {
        personalTop++
        const topics = Object.keys(first.offer.topics)
        // Harmful: it rests on an interest in a gift's topic line, or it sells more of what was
        // just bought (an offer topic within a satisfied durable topic).
        const restsOnGift = first.factors.some(
          (f) => f.kind === 'interest' && c.giftTopics.some((g) => sameLine(f.topic, g)),
        )
        const moreOfTheSame = topics.some((t) => [...satisfied].some((s) => within(t, s)))
        const harmful = restsOnGift || moreOfTheSame
        if (harmful) {
          harmfulTop++
          harmfulCases.push({ id: c.id, offer: first.offer.id, topics })
        }
      }
    }
    return {
      model: model.name,
      cases,
      withPurchases,
      precisionAtK: withPurchases === 0 ? 0 : precisionSum / withPurchases,
      harmfulTop,
      harmfulTopRate: cases === 0 ? 0 : harmfulTop / cases,
      personalTop,
      harmful: harmfulCases,
    }
  })
}
