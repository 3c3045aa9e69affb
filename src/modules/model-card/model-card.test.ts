import { describe, expect, it } from 'vitest'
import { modelCardSchemaErrors } from '../../../test/support/model-card-schema.js'
import { DEFAULT_INTEREST_MODEL, type JourneyEvent } from '../interests/index.js'
import type { Offer } from '../offers/index.js'
import type { ModelSignalsView } from '../policy/index.js'
import {
  buildModelCard,
  type DecisionShapingConfig,
  type ModelCardContext,
  modelVersion,
} from './model-card.js'
import { modelCardMarkdown } from './model-card-markdown.js'
import { toModelCardToolkit } from './model-card-toolkit.js'

const DAY = 86_400_000
const NOW = Date.UTC(2026, 10, 20, 12)
const CUTOFF = NOW - 14 * DAY

const CONFIG: DecisionShapingConfig = {
  interestModel: DEFAULT_INTEREST_MODEL,
  confidenceThreshold: 0.6,
  popularityMinPeople: 10,
  topics: [],
  categoryRules: [],
  personalizationDefault: 'opt-in',
  codeVersion: '0.0.0-test',
}

const context = (over: Partial<ModelCardContext> = {}): ModelCardContext => ({
  config: CONFIG,
  sensitiveTopics: 12,
  decisionRetentionDays: 90,
  brands: [{ id: 'outdoor', name: 'Northwind Outdoor' }],
  now: NOW,
  k: 3,
  horizonDays: 14,
  popularityWindowDays: 30,
  minGroupSize: 5,
  ...over,
})

let seq = 0
const ev = (
  daysBefore: number,
  topic: string,
  kind: JourneyEvent['kind'] = 'view',
  gift = false,
): JourneyEvent => ({
  messageId: `m${String(++seq).padStart(4, '0')}`,
  kind,
  at: CUTOFF - daysBefore * DAY,
  gift,
  topics: [topic],
  giftTopics: [],
  possibleGift: false,
})

const offer = (id: string, topic: string, priority = 1): Offer => ({
  id,
  brand: 'outdoor',
  title: id,
  placements: ['home_hero'],
  topics: { [topic]: 1 },
  beneficial: false,
  priority,
  purpose: 'personalization',
  segment: null,
  startsAt: null,
  endsAt: null,
  frequencyCap: null,
  createdAt: 0,
  updatedAt: 0,
})

// The editor favours tents; hikers keep coming back to boots, climbers to ropes.
const OFFERS = new Map([
  [
    'outdoor',
    [
      offer('tent', 'outdoors.camping.tents', 5),
      offer('stove', 'outdoors.camping.stoves', 4),
      offer('lantern', 'outdoors.camping', 3),
      offer('boots', 'outdoors.hiking.footwear'),
      offer('packs', 'outdoors.hiking.backpacks'),
      offer('ropes', 'outdoors.climbing'),
    ],
  ],
])

function signals(): ModelSignalsView {
  const people: { events: JourneyEvent[]; groups: string[] }[] = []
  for (let i = 0; i < 6; i++)
    people.push({
      groups: ['age: 25-34'],
      events: [
        ev(20, 'outdoors.hiking.footwear'),
        ev(9, 'outdoors.hiking.footwear'),
        ev(-3, 'outdoors.hiking.footwear'),
      ],
    })
  for (let i = 0; i < 4; i++)
    people.push({
      groups: [i < 2 ? 'age: 35-44' : 'age: 45-54'],
      events: [
        ev(15, 'outdoors.climbing'),
        ev(5, 'outdoors.climbing'),
        ev(-2, 'outdoors.climbing', 'purchase'),
      ],
    })
  // A gifter: the tent was a gift, and she goes on to look at backpacks.
  people.push({
    groups: [],
    events: [ev(12, 'outdoors.camping.tents', 'purchase', true), ev(-1, 'outdoors.hiking.backpacks')],
  })
  const events = people.flatMap((p) => p.events)
  return {
    brandId: 'outdoor',
    people,
    counts: {
      peopleWithSignals: 14,
      peopleAllowing: people.length,
      signals: events.length,
      signalsNotAllowed: 7,
      giftSignals: 1,
      withheldTopics: 2,
      sensitiveTopicsOptedIn: 1,
      peopleOptedIn: 3,
      peopleInAuditGroups: 10,
    },
    daily: [...new Set(events.map((e) => Math.floor(e.at / DAY)))].sort().map((day) => ({
      day: day * DAY,
      signals: events.filter((e) => Math.floor(e.at / DAY) === day).length,
    })),
  }
}

const card = (over: Partial<ModelCardContext> = {}) =>
  buildModelCard({ context: context(over), signals: [signals()], offers: OFFERS })

describe('the model card', () => {
  it('is JSON that validates against the Model Card Toolkit schema', () => {
    const json = toModelCardToolkit(card())
    expect(modelCardSchemaErrors(json)).toEqual([])
    // The check can fail: a metric value that is not a string is refused.
    const broken = structuredClone(json) as unknown as {
      quantitative_analysis: { performance_metrics: { value: unknown }[] }
    }
    ;(broken.quantitative_analysis.performance_metrics[0] as { value: unknown }).value = 0.5
    expect(modelCardSchemaErrors(broken).map((e) => e.instancePath)).toContain(
      '/quantitative_analysis/performance_metrics/0/value',
    )
  })

  it('names each metric in type and whose it is in slice', () => {
    const metrics = toModelCardToolkit(card()).quantitative_analysis.performance_metrics
    const of = (type: string, slice: string) =>
      metrics.find((m) => m.type === type && m.slice === slice)?.value
    expect(of('precision@3', 'interest model')).toMatch(/^\d\.\d{4}$/)
    expect(of('nDCG@3', 'popularity baseline')).toMatch(/^\d\.\d{4}$/)
    expect(of('recall@3', 'brand: Northwind Outdoor · interest model')).toBeDefined()
    expect(of('coverage', 'popularity baseline')).toBeDefined()
  })

  it('measures the model against the popularity baseline on the time split', () => {
    const q = card().quality
    const { interestModel: m, popularityBaseline: b } = q.overall
    // 11 people engaged after the cut-off with a topic of an offer; the gifter had no interest established.
    expect(m.cases).toBe(11)
    expect(b.cases).toBe(11)
    // Hikers: boots first, then the editor's tent and stove (1 hit of 3); climbers: ropes first.
    // The gifter: the editor's order, no backpacks in the top 3.
    expect(m.precisionAtK).toBeCloseTo(10 / 3 / 11, 10)
    expect(m.recallAtK).toBeCloseTo(10 / 11, 10)
    expect(m.ndcgAtK).toBeCloseTo(10 / 11, 10)
    // The baseline is the editor's order for everyone: tent, stove, lantern — no hit.
    expect(b.precisionAtK).toBe(0)
    expect(b.coverage).toBeCloseTo(3 / 6, 10)
    expect(m.coverage).toBeCloseTo(5 / 6, 10)
    expect(q.beatsBaseline).toBe(true)
    expect(q.verdict).toMatch(
      /^The interest model beats the popularity baseline: precision@3 0\.3030 against 0\.0000/,
    )
  })

  it('says so when personalization adds nothing', () => {
    // Offers the people never look at: both rankings miss, the card does not claim a gain.
    const offers = new Map([
      ['outdoor', [offer('kayak', 'outdoors.water_sports'), offer('boots', 'outdoors.hiking.footwear')]],
    ])
    const none = buildModelCard({
      context: context(),
      signals: [{ ...signals(), people: signals().people.slice(6, 10) }],
      offers,
    })
    expect(none.quality.overall.interestModel.cases).toBe(0)
    expect(none.quality.beatsBaseline).toBe(false)
    expect(none.quality.verdict).toMatch(/^Not measured/)
    const tied = buildModelCard({
      context: context(),
      signals: [{ ...signals(), people: signals().people.slice(0, 6) }],
      offers: new Map([
        ['outdoor', [offer('boots', 'outdoors.hiking.footwear', 9), offer('tent', 'outdoors.camping.tents')]],
      ]),
    })
    expect(tied.quality.verdict).toMatch(/^Personalization adds nothing measurable here/)
    expect(tied.considerations.limitations[0]).toBe(tied.quality.verdict)
  })

  it('reports fairness-audit groups only from the minimum size: smaller ones merged, then suppressed', () => {
    const q = card().quality
    // 25-34: the six hikers; 35-44 (2) and 45-54 (2) merge into "age: other" (4): still under 5, suppressed.
    expect(q.byGroup.map((g) => [g.group, g.interestModel.cases])).toEqual([['age: 25-34', 6]])
    expect(q.suppressedGroups).toBe(2)
    expect(q.inAuditGroups).toBe(10)
    const merged = card({ minGroupSize: 4 }).quality
    expect(merged.byGroup.map((g) => [g.group, g.interestModel.cases])).toEqual([
      ['age: 25-34', 6],
      ['age: other (groups under 4)', 4],
    ])
    expect(merged.suppressedGroups).toBe(0)
    expect(
      toModelCardToolkit(card({ minGroupSize: 4 })).quantitative_analysis.performance_metrics,
    ).toContainEqual({
      type: 'precision@3',
      value: '0.3333',
      slice: 'group: age: other (groups under 4) · interest model',
    })
  })

  it('changes version when a setting that shapes decisions changes, and only then', () => {
    const base = modelVersion(CONFIG)
    expect(base).toMatch(/^sha256:[0-9a-f]{16}$/)
    expect(modelVersion({ ...CONFIG })).toBe(base)
    const halfLife = { ...CONFIG, interestModel: { ...CONFIG.interestModel, halfLifeDays: 45 } }
    expect(modelVersion(halfLife)).not.toBe(base)
    const gift = {
      ...CONFIG,
      interestModel: {
        ...CONFIG.interestModel,
        journeys: { ...CONFIG.interestModel.journeys, giftWindowDays: 7 },
      },
    }
    expect(modelVersion(gift)).not.toBe(base)
    expect(card().version).toBe(base)
    expect(card({ config: halfLife }).version).toBe(modelVersion(halfLife))
  })

  it('writes its considerations from the configuration and the counts', () => {
    const c = card()
    const risks = c.considerations.risks.map((r) => r.name).join('\n')
    expect(risks).toContain('12 topics in the taxonomy are sensitive')
    expect(risks).toContain('1 of them are used because 3 people opted in; 2 topic mentions were withheld')
    expect(risks).toContain('1 gift signals in the observation window were set aside, with the 14 days')
    const noGiftWindow = card({
      config: {
        ...CONFIG,
        interestModel: {
          ...CONFIG.interestModel,
          minDistinctDays: 1,
          journeys: { ...CONFIG.interestModel.journeys, giftWindowDays: 0 },
        },
      },
    })
    expect(noGiftWindow.considerations.risks.map((r) => r.name).join('\n')).toContain(
      'the journey before a gift still counts (interestGiftWindowDays is 0)',
    )
    expect(noGiftWindow.considerations.tradeoffs[0]).toContain('interestMinDays is 1')
    expect(noGiftWindow.inputs.excluded.find((e) => e.name === 'One-off signals')?.reason).toMatch(
      /^Not excluded here/,
    )
    expect(c.considerations.limitations.join('\n')).toContain(
      '11 of 14 people × brands with signals (78.6 %)',
    )
    expect(c.observation.weekly.reduce((s, w) => s + w.signals, 0)).toBe(c.observation.signals)
  })

  it('reads as Markdown with the same figures', () => {
    const c = card()
    const md = modelCardMarkdown(c)
    expect(md).toContain(`\`${c.version}\``)
    expect(md).toContain('| interest model | 0.3030 | 0.9091 | 0.9091 |')
    expect(md).toContain('## Inputs')
    expect(md).toContain('**Excluded by design:**')
  })
})
