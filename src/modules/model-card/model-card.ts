import { createHash } from 'node:crypto'
import {
  evaluateRankingQuality,
  type QualityCase,
  type QualityComparison,
  type RankingMetrics,
} from '../evaluation/index.js'
import type { InterestModelConfig } from '../interests/index.js'
import type { Offer } from '../offers/index.js'
import type { ModelSignalsView } from '../policy/index.js'

/**
 * The model card (issue 18): what Candor's personalization uses, excludes and achieves, generated
 * from the live configuration and measured on the organization's own events. Pure: the service
 * brings the configuration, the policy's model signals and the offers.
 */

/** Everything in the configuration that shapes a decision: the model version is its hash. */
export interface DecisionShapingConfig {
  readonly interestModel: InterestModelConfig
  /** Inferred items below this confidence never appear in a view. */
  readonly confidenceThreshold: number
  /** Popularity is cited only from this many people on. */
  readonly popularityMinPeople: number
  /** Extra or replaced interest topics. */
  readonly topics: readonly unknown[]
  /** Category-path rules checked before the defaults. */
  readonly categoryRules: readonly unknown[]
  /** The personalization purpose's default (opt-in or opt-out): who the model learns from. */
  readonly personalizationDefault: string
  /** Candor's own version: the ranker and the model's code. */
  readonly codeVersion: string
}

/** What the card knows about the deployment besides the decision-shaping settings. */
export interface ModelCardContext {
  readonly config: DecisionShapingConfig
  /** Sensitive topics in the taxonomy (never inferred without an opt-in). */
  readonly sensitiveTopics: number
  /** Days the decision log is kept. */
  readonly decisionRetentionDays: number
  /** The brands the card covers, in order. */
  readonly brands: readonly { readonly id: string; readonly name: string }[]
  /** When the card is generated (epoch ms): the end of the observation window. */
  readonly now: number
  /** The evaluation: top k, the horizon after the cut-off, and the popularity window. */
  readonly k: number
  readonly horizonDays: number
  readonly popularityWindowDays: number
  /** Fairness-audit groups with fewer evaluated people × brands are merged, then suppressed (default 10). */
  readonly minGroupSize: number
}

export interface MetricPair {
  readonly interestModel: RankingMetrics
  readonly popularityBaseline: RankingMetrics
}

export interface ModelCard {
  readonly name: string
  /** `sha256:` + 16 hex digits of the decision-shaping configuration. */
  readonly version: string
  /** ISO date and time the card was generated. */
  readonly generatedAt: string
  readonly brands: readonly { readonly id: string; readonly name: string }[]
  readonly overview: string
  readonly uses: { readonly intended: readonly string[]; readonly outOfScope: readonly string[] }
  readonly inputs: {
    readonly used: readonly { readonly name: string; readonly description: string }[]
    readonly excluded: readonly { readonly name: string; readonly reason: string }[]
  }
  readonly observation: {
    /** ISO date of the first signal read, or null when there is none. */
    readonly from: string | null
    readonly to: string
    readonly cutoff: string
    readonly horizonDays: number
    readonly peopleWithSignals: number
    readonly peopleAllowing: number
    readonly signals: number
    readonly signalsNotAllowed: number
    readonly giftSignals: number
    readonly withheldTopics: number
    readonly sensitiveTopicsOptedIn: number
    readonly peopleOptedIn: number
    readonly candidateOffers: number
    readonly casesWithHistory: number
    /** Signals per ISO week start (Monday), of the people who allow personalization. */
    readonly weekly: readonly { readonly week: string; readonly signals: number }[]
  }
  readonly settings: readonly { readonly key: string; readonly value: string; readonly meaning: string }[]
  readonly quality: {
    readonly k: number
    readonly overall: MetricPair
    readonly byBrand: readonly ({ readonly brand: string } & MetricPair)[]
    readonly byGroup: readonly ({ readonly group: string } & MetricPair)[]
    /** Audit groups too small to report even merged (counts withheld), and the minimum size. */
    readonly suppressedGroups: number
    readonly minGroupSize: number
    /** People × brands with a fairness-audit group released under `fairness_audit`. */
    readonly inAuditGroups: number
    /** Whether the model beats the baseline on precision@k and nDCG@k, and by how much, in words. */
    readonly verdict: string
    readonly beatsBaseline: boolean
  }
  readonly considerations: {
    readonly limitations: readonly string[]
    readonly tradeoffs: readonly string[]
    readonly risks: readonly { readonly name: string; readonly mitigation: string }[]
  }
}

/** A stable JSON text: object keys sorted at every level. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`
  return JSON.stringify(value) ?? 'null'
}

/**
 * The model version: a hash of every setting that shapes a decision (half-lives, weights, journeys,
 * satiation, thresholds, topics, rules, the personalization default, Candor's version). Any change
 * to one of them gives another version; the same settings always give the same one.
 */
export function modelVersion(config: DecisionShapingConfig): string {
  return `sha256:${createHash('sha256').update(canonical(config)).digest('hex').slice(0, 16)}`
}

const DAY_MS = 86_400_000
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)
const fixed = (x: number) => x.toFixed(4)

/** Monday of the UTC week of `ms`, as an ISO date. */
function weekOf(ms: number): string {
  const day = Math.floor(ms / DAY_MS)
  // 1970-01-01 was a Thursday: day 0 → weekday 3 counted from Monday.
  const monday = day - ((day + 3) % 7)
  return isoDay(monday * DAY_MS)
}

/**
 * Builds the card from the configuration, the policy's model signals of each brand and the brands'
 * offers: runs the time-split evaluation (learn before `now - horizonDays`, score the following
 * `horizonDays`), and writes the considerations from what the configuration and the counts say.
 */
export function buildModelCard(input: {
  context: ModelCardContext
  signals: readonly ModelSignalsView[]
  offers: ReadonlyMap<string, readonly Offer[]>
}): ModelCard {
  const { context: ctx, signals } = input
  const cfg = ctx.config.interestModel
  const cutoff = ctx.now - ctx.horizonDays * DAY_MS
  const cases: QualityCase[] = signals.flatMap((v) =>
    v.people.map((p) => ({ brand: v.brandId, events: p.events, groups: p.groups })),
  )
  const evaluate = (list: readonly QualityCase[]) =>
    evaluateRankingQuality({
      cases: list,
      offers: input.offers,
      cutoff,
      horizonDays: ctx.horizonDays,
      k: ctx.k,
      cfg,
      popularityWindowDays: ctx.popularityWindowDays,
    })
  // Fairness-audit groups: aggregate only. A group with fewer than `minGroupSize` evaluated
  // people × brands is merged into its attribute's "other" group; one still too small is dropped.
  const unmerged = evaluate(cases)
  const small = new Set(
    [...unmerged.byGroup].filter(([, pair]) => pair.interestModel.cases < ctx.minGroupSize).map(([g]) => g),
  )
  const merged = (g: string) =>
    small.has(g) ? `${g.split(':')[0]}: other (groups under ${ctx.minGroupSize})` : g
  const report =
    small.size === 0
      ? unmerged
      : evaluate(cases.map((c) => ({ ...c, groups: [...new Set((c.groups ?? []).map(merged))] })))
  const reported = [...report.byGroup].filter(([, pair]) => pair.interestModel.cases >= ctx.minGroupSize)
  const stillSmall = new Set(
    [...report.byGroup].filter(([, pair]) => pair.interestModel.cases < ctx.minGroupSize).map(([g]) => g),
  )
  const suppressedGroups = [...small].filter((g) => stillSmall.has(merged(g))).length
  const sum = (f: (v: ModelSignalsView) => number) => signals.reduce((s, v) => s + f(v), 0)
  const weekly = new Map<string, number>()
  let first: number | null = null
  for (const v of signals)
    for (const d of v.daily) {
      if (first === null || d.day < first) first = d.day
      const w = weekOf(d.day)
      weekly.set(w, (weekly.get(w) ?? 0) + d.signals)
    }
  const observation = {
    from: first === null ? null : isoDay(first),
    to: new Date(ctx.now).toISOString(),
    cutoff: new Date(cutoff).toISOString(),
    horizonDays: ctx.horizonDays,
    peopleWithSignals: sum((v) => v.counts.peopleWithSignals),
    peopleAllowing: sum((v) => v.counts.peopleAllowing),
    signals: sum((v) => v.counts.signals),
    signalsNotAllowed: sum((v) => v.counts.signalsNotAllowed),
    giftSignals: sum((v) => v.counts.giftSignals),
    withheldTopics: sum((v) => v.counts.withheldTopics),
    sensitiveTopicsOptedIn: sum((v) => v.counts.sensitiveTopicsOptedIn),
    peopleOptedIn: sum((v) => v.counts.peopleOptedIn),
    candidateOffers: report.candidateOffers,
    casesWithHistory: report.casesWithHistory,
    weekly: [...weekly].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([week, n]) => ({ week, signals: n })),
  }
  const overall = report.overall
  const { verdict, beats } = verdictOf(overall, ctx.k)
  const brandName = new Map(ctx.brands.map((b) => [b.id, b.name]))
  const quality = {
    k: ctx.k,
    overall,
    byBrand: [...report.byBrand].map(([brand, pair]) => ({
      brand: brandName.get(brand) ?? brand,
      ...pair,
    })),
    byGroup: reported.map(([group, pair]) => ({ group, ...pair })),
    suppressedGroups,
    minGroupSize: ctx.minGroupSize,
    inAuditGroups: cases.filter((c) => (c.groups ?? []).length > 0).length,
    verdict,
    beatsBaseline: beats,
  }
  return {
    name: 'Candor interest model and offer ranker',
    version: modelVersion(ctx.config),
    generatedAt: new Date(ctx.now).toISOString(),
    brands: ctx.brands,
    overview:
      "Learns each person's interests at a brand from their own recurring signals (views, searches, cart adds, purchases), " +
      "time-decayed and weighted, and ranks the brand's offers and content by them, with an explanation for each decision. " +
      'People who do not allow personalization get the non-personalized ranking (editorial priority, then popularity).',
    uses: USES,
    inputs: inputsOf(cfg),
    observation,
    settings: settingsOf(ctx),
    quality,
    considerations: considerationsOf(ctx, observation, quality),
  }
}

function verdictOf(pair: QualityComparison, k: number): { verdict: string; beats: boolean } {
  const m = pair.interestModel
  const b = pair.popularityBaseline
  if (m.cases === 0)
    return {
      verdict: `Not measured: no person had signals before the cut-off and engaged with an offer's topic after it, so what personalization adds is unknown.`,
      beats: false,
    }
  const dp = m.precisionAtK - b.precisionAtK
  const dn = m.ndcgAtK - b.ndcgAtK
  const rel = (x: number, y: number) => (y === 0 ? 'from zero' : `${dpct((x - y) / y)} relative`)
  const line = `precision@${k} ${fixed(m.precisionAtK)} against ${fixed(b.precisionAtK)} (${sign(dp)}, ${rel(m.precisionAtK, b.precisionAtK)}); nDCG@${k} ${fixed(m.ndcgAtK)} against ${fixed(b.ndcgAtK)} (${sign(dn)}, ${rel(m.ndcgAtK, b.ndcgAtK)}), over ${m.cases} people × brands`
  if (dp > 0 && dn > 0)
    return { verdict: `The interest model beats the popularity baseline: ${line}.`, beats: true }
  if (dp <= 0 && dn <= 0)
    return {
      verdict: `Personalization adds nothing measurable here: the interest model does not beat the popularity baseline (${line}).`,
      beats: false,
    }
  return {
    verdict: `Mixed: the interest model beats the popularity baseline on one measure only (${line}).`,
    beats: false,
  }
}

const sign = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(4)}`
const dpct = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)} %`

const USES = {
  intended: [
    "Ranking a brand's own offers and content for a person who allows personalization at that brand, with an explanation of each decision.",
    'Showing a person which interests Candor holds about them and why, so they can correct or remove them.',
    'The non-personalized ranking (editorial priority, then popularity) for everyone else.',
  ],
  outOfScope: [
    'Decisions about eligibility for credit, insurance, employment, housing, education or healthcare.',
    'Personal pricing, or offering worse terms to some people.',
    'Inferring sensitive traits (health, religion, sexual orientation, ethnicity, politics…) or demographics.',
    "Using one brand's data at another brand without the person's cross-brand consent.",
    "Targeting people who do not allow personalization, or profiling them from others' data.",
  ],
}

function inputsOf(cfg: InterestModelConfig) {
  const w = cfg.weights
  return {
    used: [
      {
        name: "The person's own signals at the brand",
        description: `Views (weight ${w.view}), searches (${w.search}), cart adds (${w.add_to_cart}) and purchases (${w.purchase}), mapped to interest topics, decayed with a ${cfg.halfLifeDays}-day half-life.`,
      },
      {
        name: 'Stated interests',
        description: 'Interests the person told the brand about; they outrank inferred ones.',
      },
      {
        name: '"Not interested" choices',
        description: 'A rejected topic is never used again, whatever the signals.',
      },
      {
        name: 'Consent',
        description:
          'Only people who allow personalization at the brand; sensitive topics only with their own opt-in.',
      },
      { name: 'Offers', description: "The offer's topics and its editorial priority." },
      {
        name: 'Popularity (aggregate)',
        description: 'How many people engage with a topic at the brand: counts only, no one person.',
      },
    ],
    excluded: [
      {
        name: 'Sensitive categories and topics',
        reason:
          'Never inferred or used without an explicit opt-in by the person for that topic (health, religion, sexuality…).',
      },
      {
        name: 'Demographics (age, gender…)',
        reason: 'Never a model input; usable only under fairness_audit, in aggregate, to check the model.',
      },
      {
        name: "Other brands' data",
        reason: "Never used unless the person's cross-brand sharing covers both brands today.",
      },
      {
        name: 'Gifts and gift journeys',
        reason:
          cfg.journeys.giftWindowDays > 0
            ? `A gift never counts, nor the signals in its topics in the ${cfg.journeys.giftWindowDays} days before it.`
            : 'A gift never counts (the journey before it is not set aside: interestGiftWindowDays is 0).',
      },
      {
        name: 'One-off signals',
        reason:
          cfg.minDistinctDays > 1
            ? `An interest needs signals on at least ${cfg.minDistinctDays} distinct days; a single visit is not an interest.`
            : 'Not excluded here: interestMinDays is 1, so a single day of signals makes an interest.',
      },
      {
        name: 'People who do not allow personalization',
        reason: 'Their events are neither learned from nor evaluated; they get the non-personalized ranking.',
      },
    ],
  }
}

function settingsOf(ctx: ModelCardContext) {
  const cfg = ctx.config.interestModel
  const j = cfg.journeys
  const w = cfg.weights
  return [
    {
      key: 'interestHalfLifeDays',
      value: String(cfg.halfLifeDays),
      meaning: 'Half-life of interest scores in days.',
    },
    {
      key: 'interestMinDays',
      value: String(cfg.minDistinctDays),
      meaning: 'Distinct days with signals before an inferred interest is established.',
    },
    {
      key: 'signalWeights',
      value: `search ${w.search}, view ${w.view}, add_to_cart ${w.add_to_cart}, purchase ${w.purchase}`,
      meaning: 'Weight of each signal kind.',
    },
    {
      key: 'interestGiftWindowDays',
      value: String(j.giftWindowDays),
      meaning: "Days before a gift whose signals in the gift's topics do not count.",
    },
    {
      key: 'interestPossibleGiftWeight',
      value: String(j.possibleGiftWeight),
      meaning: 'Weight factor of a purchase that may be a gift (registry, new shipping address).',
    },
    {
      key: 'interestSpikeHalfLifeDays',
      value: String(j.spikeHalfLifeDays),
      meaning: 'Half-life of a short burst of research that ended in a purchase.',
    },
    {
      key: 'satiationDays',
      value: `${Object.keys(j.satiation).length} durable topics`,
      meaning: 'Offers in a durable topic are held back for a while after a purchase.',
    },
    {
      key: 'confidenceThreshold',
      value: String(ctx.config.confidenceThreshold),
      meaning: 'Inferred items below this confidence are never used.',
    },
    {
      key: 'popularityMinPeople',
      value: String(ctx.config.popularityMinPeople),
      meaning: 'Popularity is cited in an explanation only from this many people on.',
    },
    {
      key: 'purposes.personalization',
      value: ctx.config.personalizationDefault,
      meaning: 'Whether personalization needs an opt-in or is on until the person opts out.',
    },
    {
      key: 'decisionRetentionDays',
      value: String(ctx.decisionRetentionDays),
      meaning: 'How long what a person was shown, and why, is kept.',
    },
  ]
}

function considerationsOf(
  ctx: ModelCardContext,
  o: ModelCard['observation'],
  q: Omit<ModelCard['quality'], 'beatsBaseline'>,
): ModelCard['considerations'] {
  const overall = q.overall
  const verdict = q.verdict
  const cfg = ctx.config.interestModel
  const j = cfg.journeys
  const share = o.peopleWithSignals === 0 ? 0 : o.peopleAllowing / o.peopleWithSignals
  const limitations = [
    verdict,
    `Measured offline on a time split: learned from signals before ${o.cutoff.slice(0, 10)}, scored against the next ${o.horizonDays} days' own engagement (any own signal, gifts apart) with the brand's ${o.candidateOffers} offers active at the cut-off. Offline figures are not the effect on behaviour: people also engage with what they were shown.`,
    `Only people who allow personalization are learned from and evaluated: ${o.peopleAllowing} of ${o.peopleWithSignals} people × brands with signals (${(share * 100).toFixed(1)} %); ${o.signalsNotAllowed} signals of the others were counted, never opened.`,
  ]
  if (overall.interestModel.cases < 30)
    limitations.push(
      `Few cases: ${overall.interestModel.cases} people × brands were evaluated, so the figures are uncertain.`,
    )
  limitations.push(
    'Measured lift (a holdout group of people served the non-personalized ranking) is not run yet: only the offline comparison is reported.',
  )
  const tradeoffs = [
    cfg.minDistinctDays > 1
      ? `One-off signals are ignored: an interest needs ${cfg.minDistinctDays} distinct days. Someone with a single intense visit gets the non-personalized ranking until they return.`
      : 'interestMinDays is 1: a single visit makes an interest, so one-off searches shape what people see.',
    `Interests fade with a ${cfg.halfLifeDays}-day half-life: older interests give way to new ones; a longer half-life remembers more, a shorter one forgets faster.`,
    `${Object.keys(j.satiation).length} durable topics are held back after a purchase (for example a tent is not offered again the next week), at the cost of missing a second purchase.`,
  ]
  const risks = [
    {
      name: `Sensitive topics: ${ctx.sensitiveTopics} topics in the taxonomy are sensitive and never inferred without an opt-in; ${o.sensitiveTopicsOptedIn} of them are used because ${o.peopleOptedIn} people opted in; ${o.withheldTopics} topic mentions were withheld.`,
      mitigation:
        'Each sensitive topic needs its own explicit opt-in per brand; the policy engine withholds the rest before the model sees them, and decisions never cite them.',
    },
    {
      name:
        j.giftWindowDays > 0
          ? `Gifts mistaken for interests: ${o.giftSignals} gift signals in the observation window were set aside, with the ${j.giftWindowDays} days of signals before each gift in its topics.`
          : `Gifts mistaken for interests: ${o.giftSignals} gift signals; the journey before a gift still counts (interestGiftWindowDays is 0).`,
      mitigation:
        'Gifts are detected at ingestion and can be marked by the person ("that was a gift"); possible gifts count at reduced weight.',
    },
    {
      name: 'Popularity feeds on itself: popular offers are shown more and become more popular.',
      mitigation: `The baseline and explanations use counts of people only from ${ctx.config.popularityMinPeople} people on; personal interests outrank popularity for people who allow personalization.`,
    },
    {
      name:
        q.inAuditGroups === 0
          ? 'Unequal quality between groups of people: not measurable here, no one evaluated has fairness_audit data.'
          : `Unequal quality between groups of people: measured for ${q.byGroup.length} fairness-audit groups (${q.inAuditGroups} people × brands with fairness_audit data; ${q.suppressedGroups} groups suppressed under ${q.minGroupSize}).`,
      mitigation: `Per-group figures and the exposure of beneficial offers come from fairness_audit data, in aggregate only, from ${q.minGroupSize} evaluated people × brands per group (smaller groups merged or suppressed); demographics are never a model input.`,
    },
    {
      name: 'People may not know why they see an offer.',
      mitigation: `Every decision carries an explanation and is kept ${ctx.decisionRetentionDays} days in a log the person can see; "not interested" is honoured at once.`,
    },
  ]
  return { limitations, tradeoffs, risks }
}

/** Rounds a metric for display and the JSON card. */
export const metricText = fixed
