// The offline time-split evaluation of the interest model on the demo's data plus its shopping
// journeys: learn from events before a cut-off, rank each brand's home_hero offers as a decision
// would at the cut-off, and score against the next 14 days' own purchases. Prints precision@3 and
// the harmful-top-offer rate (a gift or an already satisfied topic on top) for the model without
// journeys (before issue 13) and with them, side by side.
// Deterministic: a fixed `now` and seed. JOURNEY_EVAL_PERSONS (default 2000) demo people, and
// JOURNEY_EVAL_JOURNEYS (default 700) journey people; ABLATE=1 adds the after-model with one part
// switched off at a time; JOURNEY_EVAL_SHOW_HARMFUL=1 lists the harmful cases after.
import { pathToFileURL } from 'node:url'
import {
  type DemoMessage,
  type DemoOffer,
  generateDemo,
  generateJourneys,
  isOfferActive,
} from '../src/modules/demo/index.js'
import { type EvaluationCase, evaluateTimeSplit, withoutJourneys } from '../src/modules/evaluation/index.js'
import { createIngestionPipeline } from '../src/modules/ingestion/steps/index.js'
import {
  createCategoryResolver,
  createTopicTaxonomy,
  DEFAULT_INTEREST_MODEL,
  DEFAULT_JOURNEYS,
  INTEREST_SIGNAL_KINDS,
  type InterestSignalKind,
  type JourneyEvent,
  possibleGiftOf,
  satiationDays,
} from '../src/modules/interests/index.js'
import type { Offer } from '../src/modules/offers/index.js'

const DAY = 86_400_000
const NOW = Date.UTC(2026, 10, 20, 12)
const CUTOFF = NOW - 14 * DAY

export function benchJourneys(
  persons = Number(process.env.JOURNEY_EVAL_PERSONS ?? 2000),
  journeyPersons = Number(process.env.JOURNEY_EVAL_JOURNEYS ?? 700),
): string[] {
  const taxonomy = createTopicTaxonomy()
  const resolver = createCategoryResolver(taxonomy)
  const pipeline = createIngestionPipeline({ mapCategoryPreferences: () => ({ decisions: [] }) })
  const byCase = new Map<string, { brand: string; events: JourneyEvent[]; giftTopics: Set<string> }>()
  const addresses = new Map<string, Set<string>>()

  const add = (key: string, brand: string, message: DemoMessage, giftTopics: readonly string[] = []) => {
    const entry = byCase.get(key) ?? { brand, events: [], giftTopics: new Set<string>() }
    byCase.set(key, entry)
    for (const t of giftTopics) entry.giftTopics.add(t)
    const result = pipeline.processMessage(message, { receivedAt: Date.parse(message.sentAt) })
    if (result.type !== 'ok') return
    const m = result.value
    const kind = m.classification.kind
    if (!(INTEREST_SIGNAL_KINDS as readonly string[]).includes(kind)) return
    // The topics of the message's lines, gift lines apart (as ingestion does).
    const giftLines = new Set(m.gift.lines.map((l) => l.index))
    const lines =
      m.classification.lines.length > 0
        ? m.classification.lines
        : m.classification.categories.map((category) => ({ category, index: undefined }))
    const topics = new Set<string>()
    const gifted = new Set<string>()
    const own = new Set<string>()
    for (const line of lines) {
      const resolved = line.category ? resolver.resolve(line.category) : undefined
      if (!resolved) continue
      topics.add(resolved.topic)
      if (line.index !== undefined && giftLines.has(line.index)) gifted.add(resolved.topic)
      else own.add(resolved.topic)
    }
    for (const t of own) gifted.delete(t)
    let possibleGift = false
    if (kind === 'purchase' && !m.gift.isGift) {
      const known = addresses.get(key) ?? new Set<string>()
      const seen = possibleGiftOf(m.properties, known, DEFAULT_JOURNEYS)
      possibleGift = seen.reason !== null
      if (seen.address !== null) known.add(seen.address)
      addresses.set(key, known)
    }
    entry.events.push({
      messageId: m.messageId,
      kind: kind as InterestSignalKind,
      at: m.eventTime,
      gift: m.gift.isGift,
      topics: [...topics],
      giftTopics: [...gifted],
      possibleGift,
    })
  }

  const demo = generateDemo({ persons, seed: 42, now: NOW })
  // The demo's ground truth: topics a person bought only as gifts at a brand.
  const giftOnly = new Map<string, string[]>()
  for (const p of demo.people)
    for (const g of p.intent.gifts)
      if (!p.intent.recurring.some((r) => r.brand === g.brand && r.topic === g.topic))
        giftOnly.set(`demo-${p.index}|${g.brand}`, [
          ...(giftOnly.get(`demo-${p.index}|${g.brand}`) ?? []),
          g.topic,
        ])
  for (const { brand, person, message } of demo.messages()) {
    const key = `demo-${person}|${brand}`
    add(key, brand, message, giftOnly.get(key) ?? [])
  }
  for (const j of generateJourneys({ persons: journeyPersons, seed: 42, now: NOW }))
    for (const message of j.messages) add(`${j.userId}|${j.brand}`, j.brand, message, j.giftTopics)

  const offers = new Map<string, Offer[]>()
  for (const o of demo.offers) {
    if (!o.placements.includes('home_hero') || !isOfferActive(o, CUTOFF)) continue
    offers.set(o.brand, [...(offers.get(o.brand) ?? []), toOffer(o)])
  }
  const cases: EvaluationCase[] = [...byCase].map(([id, c]) => ({
    id,
    brand: c.brand,
    events: c.events.sort((a, b) => a.at - b.at),
    giftTopics: [...c.giftTopics],
  }))
  const journeyCases = cases.filter((c) => c.id.startsWith('journey-'))
  const run = (set: readonly EvaluationCase[]) =>
    evaluateTimeSplit({
      cases: set,
      offers,
      cutoff: CUTOFF,
      horizonDays: 14,
      k: 3,
      models: [
        { name: 'before (no journeys)', cfg: withoutJourneys(DEFAULT_INTEREST_MODEL), holdBack: false },
        { name: 'after (journeys)', cfg: DEFAULT_INTEREST_MODEL, holdBack: true },
        ...(process.env.ABLATE ? ablations() : []),
      ],
      durable: (t) => satiationDays(t, DEFAULT_JOURNEYS),
      allowed: (t) => taxonomy.has(t) && !taxonomy.isSensitive(t),
    })
  const lines: string[] = [
    `demo ${persons} people + ${journeyPersons} journey people, seed 42, cut-off ${new Date(CUTOFF).toISOString().slice(0, 10)}, horizon 14 d, home_hero offers`,
  ]
  for (const [label, set] of [
    ['journey people', journeyCases],
    ['demo people (no journeys added)', cases.filter((c) => !c.id.startsWith('journey-'))],
    ['all people', cases],
  ] as const) {
    const [before, after, ...rest] = run(set)
    for (const r of rest)
      lines.push(`  ablation ${r.model}: precision@3 ${r.precisionAtK.toFixed(4)} harmful ${r.harmfulTop}`)
    if (!before || !after) continue
    lines.push(
      `${label}: ${before.cases} person×brand cases, ${before.withPurchases} with a purchase in the horizon`,
    )
    lines.push(
      `  precision@3        before ${before.precisionAtK.toFixed(4)}  after ${after.precisionAtK.toFixed(4)}  ratio ${(after.precisionAtK / (before.precisionAtK || 1)).toFixed(2)}`,
    )
    lines.push(
      `  harmful top offer  before ${before.harmfulTop} (${pct(before.harmfulTopRate)})  after ${after.harmfulTop} (${pct(after.harmfulTopRate)})`,
    )
    lines.push(`  personal top offer before ${before.personalTop}  after ${after.personalTop}`)
    if (process.env.JOURNEY_EVAL_SHOW_HARMFUL)
      for (const h of after.harmful) lines.push(`    harmful after: ${h.id} ${h.offer} ${h.topics.join(',')}`)
  }
  return lines
}

function ablations() {
  const j = DEFAULT_INTEREST_MODEL.journeys
  const m = (name: string, journeys: Partial<typeof j>, holdBack = true) => ({
    name,
    cfg: { ...DEFAULT_INTEREST_MODEL, journeys: { ...j, ...journeys } },
    holdBack,
  })
  return [
    m('no gift window', { giftWindowDays: 0 }),
    m('no possible gifts', { possibleGiftWeight: 1 }),
    m('no satiation', { satiation: {} }, false),
    m('no spikes', { spikeHalfLifeDays: DEFAULT_INTEREST_MODEL.halfLifeDays, spikeMinScore: 0 }),
  ]
}

const pct = (x: number) => `${(x * 100).toFixed(2)}%`

function toOffer(o: DemoOffer): Offer {
  return {
    id: o.id,
    brand: o.brand,
    title: o.title,
    placements: [...o.placements],
    topics: o.topics,
    beneficial: o.beneficial,
    priority: o.priority,
    purpose: 'personalization',
    segment: null,
    startsAt: o.startsAt === undefined ? null : Date.parse(o.startsAt),
    endsAt: o.endsAt === undefined ? null : Date.parse(o.endsAt),
    frequencyCap: null,
    createdAt: 0,
    updatedAt: 0,
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  for (const l of benchJourneys()) console.log(l)
