import { rankOffers } from '../decisions/index.js'
import { type InterestModelConfig, type JourneyEvent, within } from '../interests/index.js'
import type { Offer } from '../offers/index.js'
import { heldBack, interestsAtCutoff } from './time-split.js'

/**
 * The ranking quality of the interest model against a popularity baseline, on a time split of
 * the organization's own events: learn from each person's signals before a cut-off, rank the
 * brand's offers as a decision would at the cut-off, and score the top k against what the person
 * engaged with in the following period. Pure and deterministic: the same cases give the same
 * figures.
 */

/** One person at one brand: their released signals there, oldest first. */
export interface QualityCase {
  readonly brand: string
  readonly events: readonly JourneyEvent[]
  /** Groups the person belongs to for a per-group breakdown (fairness-audit groups), if any. */
  readonly groups?: readonly string[]
}

/** The figures of one ranking over a set of cases. */
export interface RankingMetrics {
  /** Cases with history before the cut-off and at least one relevant offer after it (the averages' denominator). */
  readonly cases: number
  /** Mean of hits in the top k / k. */
  readonly precisionAtK: number
  /** Mean of hits in the top k / relevant offers. */
  readonly recallAtK: number
  /** Mean normalized discounted cumulative gain of the top k (binary relevance). */
  readonly ndcgAtK: number
  /** Distinct offers shown in some top k / candidate offers (catalogue coverage). */
  readonly coverage: number
  /** Share of the evaluated cases whose top offer is personal (rests on an interest). */
  readonly personalTopShare: number
  /**
   * Exposure of beneficial offers: over every case with history (engaged afterwards or not), the
   * mean share of the top k that are beneficial offers.
   */
  readonly beneficialShare: number
}

export interface QualityComparison {
  readonly interestModel: RankingMetrics
  readonly popularityBaseline: RankingMetrics
}

export interface QualityReport {
  readonly k: number
  readonly cutoff: number
  readonly horizonDays: number
  /** Cases with history before the cut-off (whether or not they engaged after it). */
  readonly casesWithHistory: number
  /** Candidate offers (active at the cut-off) over every brand evaluated. */
  readonly candidateOffers: number
  readonly overall: QualityComparison
  /** The same figures per brand, by brand id. */
  readonly byBrand: ReadonlyMap<string, QualityComparison>
  /** The same figures per group, for cases that carry one. */
  readonly byGroup: ReadonlyMap<string, QualityComparison>
}

const DAY_MS = 86_400_000
const sameLine = (a: string, b: string) => within(a, b) || within(b, a)

interface Tally {
  cases: number
  precision: number
  recall: number
  ndcg: number
  personalTop: number
  exposed: number
  beneficial: number
  shown: Set<string>
  candidates: Set<string>
}

const tally = (): Tally => ({
  cases: 0,
  precision: 0,
  recall: 0,
  ndcg: 0,
  personalTop: 0,
  exposed: 0,
  beneficial: 0,
  shown: new Set(),
  candidates: new Set(),
})

function metrics(t: Tally): RankingMetrics {
  const mean = (x: number) => (t.cases === 0 ? 0 : x / t.cases)
  return {
    cases: t.cases,
    precisionAtK: mean(t.precision),
    recallAtK: mean(t.recall),
    ndcgAtK: mean(t.ndcg),
    coverage: t.candidates.size === 0 ? 0 : t.shown.size / t.candidates.size,
    personalTopShare: mean(t.personalTop),
    beneficialShare: t.exposed === 0 ? 0 : t.beneficial / t.exposed,
  }
}

/**
 * Evaluates the model (`cfg`, satiated topics held back as decisions do) and the popularity
 * baseline (the non-personalized ranking decisions fall back to: editorial priority, then the
 * number of people engaging with the offer's topics in the `popularityWindowDays` before the
 * cut-off) on the same cases and offers. A case counts when the person has signals before the
 * cut-off and engaged, in the horizon, with a topic of at least one candidate offer (an own,
 * non-gift signal of any kind on the same topic line).
 */
export function evaluateRankingQuality(input: {
  cases: readonly QualityCase[]
  /** The brand's offers; only those active at the cut-off are candidates. */
  offers: ReadonlyMap<string, readonly Offer[]>
  cutoff: number
  horizonDays: number
  k: number
  cfg: InterestModelConfig
  popularityWindowDays: number
}): QualityReport {
  const { cutoff, k, cfg } = input
  const end = cutoff + input.horizonDays * DAY_MS
  const model = { name: 'interest model', cfg, holdBack: true }
  const candidatesOf = new Map<string, Offer[]>()
  for (const [brand, list] of input.offers)
    candidatesOf.set(
      brand,
      list.filter(
        (o) => (o.startsAt === null || o.startsAt <= cutoff) && (o.endsAt === null || o.endsAt > cutoff),
      ),
    )
  // Popularity as decisions see it: distinct people per topic (and each broader topic) at the brand.
  const popularity = new Map<string, Map<string, number>>()
  for (const c of input.cases) {
    const counts = popularity.get(c.brand) ?? new Map<string, number>()
    popularity.set(c.brand, counts)
    const topics = new Set<string>()
    for (const e of c.events)
      if (!e.gift && e.at < cutoff && e.at >= cutoff - input.popularityWindowDays * DAY_MS)
        for (const t of e.topics) {
          if (e.giftTopics.includes(t)) continue
          const parts = t.split('.')
          for (let i = 1; i <= parts.length; i++) topics.add(parts.slice(0, i).join('.'))
        }
    for (const t of topics) counts.set(t, (counts.get(t) ?? 0) + 1)
  }
  const baselineTop = new Map<string, Offer[]>()
  for (const [brand, offers] of candidatesOf)
    baselineTop.set(
      brand,
      rankOffers(
        offers,
        {
          popularity: popularity.get(brand) ?? new Map(),
          popularityWindowDays: input.popularityWindowDays,
          labelOf: (t) => t,
          brandName: brand,
        },
        k,
      ).map((r) => r.offer),
    )

  const overall = { model: tally(), baseline: tally() }
  const byBrand = new Map<string, { model: Tally; baseline: Tally }>()
  const byGroup = new Map<string, { model: Tally; baseline: Tally }>()
  const slot = (m: Map<string, { model: Tally; baseline: Tally }>, key: string) => {
    let s = m.get(key)
    if (!s) {
      s = { model: tally(), baseline: tally() }
      m.set(key, s)
    }
    return s
  }
  let casesWithHistory = 0
  for (const c of input.cases) {
    const candidates = candidatesOf.get(c.brand) ?? []
    if (candidates.length === 0) continue
    const history = c.events.filter((e) => e.at < cutoff)
    if (history.length === 0) continue
    casesWithHistory++
    const engaged = new Set<string>()
    for (const e of c.events)
      if (!e.gift && e.at >= cutoff && e.at < end)
        for (const t of e.topics) if (!e.giftTopics.includes(t)) engaged.add(t)
    const relevant = new Set(
      candidates
        .filter((o) => Object.keys(o.topics).some((t) => [...engaged].some((b) => sameLine(t, b))))
        .map((o) => o.id),
    )
    const { interests, held } = interestsAtCutoff({
      id: `case-${casesWithHistory}`,
      brand: c.brand,
      history,
      model,
      cutoff,
      allowed: () => true,
    })
    const personalized = rankOffers(
      candidates.filter((o) => !heldBack(o, held)),
      {
        ...(interests.length > 0 ? { interests } : {}),
        popularity: popularity.get(c.brand) ?? new Map(),
        popularityWindowDays: input.popularityWindowDays,
        labelOf: (t) => t,
        brandName: c.brand,
      },
      k,
    )
    const tallies = [overall, slot(byBrand, c.brand), ...(c.groups ?? []).map((g) => slot(byGroup, g))]
    const baseline = baselineTop.get(c.brand) ?? []
    // Coverage and exposure count every case with history, whether or not it engaged afterwards.
    const beneficialIn = (top: readonly Offer[]) => top.filter((o) => o.beneficial).length / k
    for (const t of tallies) {
      t.model.exposed++
      t.model.beneficial += beneficialIn(personalized.map((r) => r.offer))
      t.baseline.exposed++
      t.baseline.beneficial += beneficialIn(baseline)
    }
    for (const t of tallies)
      for (const o of candidates) {
        t.model.candidates.add(`${c.brand}|${o.id}`)
        t.baseline.candidates.add(`${c.brand}|${o.id}`)
        if (personalized.some((r) => r.offer.id === o.id)) t.model.shown.add(`${c.brand}|${o.id}`)
        if (baseline.some((b) => b.id === o.id)) t.baseline.shown.add(`${c.brand}|${o.id}`)
      }
    if (relevant.size === 0) continue
    const score = (top: readonly Offer[], personalTop: boolean, which: 'model' | 'baseline') => {
      let hits = 0
      let dcg = 0
      top.forEach((o, i) => {
        if (relevant.has(o.id)) {
          hits++
          dcg += 1 / Math.log2(i + 2)
        }
      })
      let idcg = 0
      for (let i = 0; i < Math.min(k, relevant.size); i++) idcg += 1 / Math.log2(i + 2)
      for (const t of tallies) {
        const s = t[which]
        s.cases++
        s.precision += hits / k
        s.recall += hits / relevant.size
        s.ndcg += dcg / idcg
        if (personalTop) s.personalTop++
      }
    }
    score(
      personalized.map((r) => r.offer),
      personalized[0]?.personal === true,
      'model',
    )
    score(baseline, false, 'baseline')
  }
  const compare = (s: { model: Tally; baseline: Tally }): QualityComparison => ({
    interestModel: metrics(s.model),
    popularityBaseline: metrics(s.baseline),
  })
  const sorted = (m: Map<string, { model: Tally; baseline: Tally }>) =>
    new Map([...m].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([key, s]) => [key, compare(s)]))
  let candidateOffers = 0
  for (const list of candidatesOf.values()) candidateOffers += list.length
  return {
    k,
    cutoff,
    horizonDays: input.horizonDays,
    casesWithHistory,
    candidateOffers,
    overall: compare(overall),
    byBrand: sorted(byBrand),
    byGroup: sorted(byGroup),
  }
}
