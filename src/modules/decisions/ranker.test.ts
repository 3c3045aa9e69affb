/**
 * The ranker as a pure function: an offer backed by an established (or stated) interest ranks
 * above every offer without a personal factor, whatever their editorial priority; the rest are
 * ordered by priority, then popularity, then id; topics match exactly, through a narrower
 * interest or a broader one; every factor names what it rests on and how to change it.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Offer } from '../offers/index.js'
import type { Factor } from './factor.js'
import {
  type RankContext,
  type RankedItem,
  type RankInterest,
  rankOffers,
  topIndices,
  topicMatch,
} from './ranker.js'

const HIKING = 'outdoors.hiking'
const BOOTS = 'outdoors.hiking.footwear'
const CAMPING = 'outdoors.camping'
const CYCLING = 'sports.cycling'
const COOKWARE = 'home.cookware'

const LABELS: Readonly<Record<string, string>> = {
  outdoors: 'Outdoors',
  [HIKING]: 'Hiking',
  [BOOTS]: 'Hiking Footwear',
  [CAMPING]: 'Camping',
  [CYCLING]: 'Cycling',
  [COOKWARE]: 'Cookware',
}

function offer(overrides: Partial<Offer> & { id: string }): Offer {
  return {
    brand: 'outdoor',
    title: `Offer ${overrides.id}`,
    placements: ['home_hero'],
    topics: {},
    beneficial: false,
    priority: 0,
    purpose: 'personalization',
    segment: null,
    startsAt: null,
    endsAt: null,
    frequencyCap: null,
    createdAt: 0,
    updatedAt: 0,
    ...overrides,
  }
}

function interest(topic: string, overrides: Partial<RankInterest> = {}): RankInterest {
  return {
    topic,
    label: LABELS[topic] ?? topic,
    source: 'inferred',
    score: 1,
    evidence: {
      signals: { view: 6 },
      distinctDays: 4,
      firstSeen: Date.UTC(2024, 9, 5, 12),
      lastSeen: Date.UTC(2024, 10, 24, 12),
      sampleEventIds: ['m-1', 'm-2'],
    },
    consentIds: ['con_1'],
    brand: 'outdoor',
    ...overrides,
  }
}

function ctx(overrides: Partial<RankContext> = {}): RankContext {
  return {
    popularity: new Map(),
    popularityWindowDays: 30,
    labelOf: (t) => LABELS[t] ?? t,
    brandName: 'Outdoor Co',
    ...overrides,
  }
}

const ids = (items: readonly RankedItem[]): string[] => items.map((i) => i.offer.id)
const kinds = (item: RankedItem | undefined): string[] => (item?.factors ?? []).map((f) => f.kind)
const personalFactor = (item: RankedItem | undefined): Extract<Factor, { kind: 'interest' | 'stated' }> => {
  const f = item?.factors.find((x) => x.kind === 'interest' || x.kind === 'stated')
  if (!f || (f.kind !== 'interest' && f.kind !== 'stated')) throw new Error('no personal factor')
  return f
}

describe('topicMatch', () => {
  it('scores the same topic 1, a narrower interest 0.9 and a broader interest 0.7', () => {
    expect(topicMatch(HIKING, HIKING)).toBe(1)
    // The person's interest (boots) is narrower than the offer's topic (hiking).
    expect(topicMatch(BOOTS, HIKING)).toBe(0.9)
    // The person's interest (outdoors) is broader than the offer's topic (hiking).
    expect(topicMatch('outdoors', HIKING)).toBe(0.7)
  })

  it('does not match siblings, unrelated topics or a mere string prefix', () => {
    expect(topicMatch(CAMPING, HIKING)).toBe(0)
    expect(topicMatch(CYCLING, HIKING)).toBe(0)
    expect(topicMatch('outdoors.hike', HIKING)).toBe(0)
    expect(topicMatch(HIKING, 'outdoors.hike')).toBe(0)
    expect(topicMatch('outdoors.hikingpoles', HIKING)).toBe(0)
  })
})

describe('rankOffers: personalized', () => {
  it('puts an offer backed by an established interest above every offer with no personal factor, whatever their priority', () => {
    const offers = [
      offer({ id: 'top-editorial', topics: { [COOKWARE]: 1 }, priority: 1000 }),
      offer({ id: 'popular', topics: { [CYCLING]: 1 }, priority: 500 }),
      offer({ id: 'hiking', topics: { [HIKING]: 0.1 }, priority: -1000 }),
      offer({ id: 'camping', topics: { [CAMPING]: 1 }, priority: 999 }),
    ]
    const ranked = rankOffers(offers, {
      ...ctx({ popularity: new Map([[CYCLING, 10_000]]) }),
      interests: [interest(HIKING)],
    })
    expect(ids(ranked)).toEqual(['hiking', 'top-editorial', 'camping', 'popular'])
    expect(ranked.map((r) => r.personal)).toEqual([true, false, false, false])
    expect(ranked[0]?.score).toBeGreaterThan(0)
    expect(ranked.slice(1).map((r) => r.score)).toEqual([0, 0, 0])
  })

  it('among backed offers ranks the stronger personal match first, then editorial priority', () => {
    const offers = [
      offer({ id: 'broader', topics: { [HIKING]: 1 }, priority: 50 }),
      offer({ id: 'exact', topics: { [BOOTS]: 1 }, priority: 0 }),
      offer({ id: 'exact-low-weight', topics: { [BOOTS]: 0.5 }, priority: 100 }),
      offer({ id: 'exact-tie-a', topics: { [BOOTS]: 1 }, priority: -1 }),
    ]
    // An interest in boots: exact for BOOTS offers (1), narrower than HIKING offers (0.9).
    const ranked = rankOffers(offers, { ...ctx(), interests: [interest(BOOTS)] })
    expect(ids(ranked)).toEqual(['exact', 'exact-tie-a', 'broader', 'exact-low-weight'])
    // The strongest inferred interest has strength 0.9 (stated interests alone reach 1).
    expect(ranked.map((r) => r.score)).toEqual([0.9, 0.9, 0.81, 0.45])
  })

  it('matches the same topic, a narrower interest and a broader interest, in that order, naming the offer topic matched', () => {
    const offers = [
      offer({ id: 'a-broad', topics: { [BOOTS]: 1 } }),
      offer({ id: 'b-narrow', topics: { outdoors: 1 } }),
      offer({ id: 'c-same', topics: { [HIKING]: 1 } }),
      offer({ id: 'd-sibling', topics: { [CAMPING]: 1 } }),
    ]
    const ranked = rankOffers(offers, { ...ctx(), interests: [interest(HIKING)] })
    // same 1 > interest narrower than the offer topic 0.9 > interest broader than the offer topic 0.7
    expect(ids(ranked)).toEqual(['c-same', 'b-narrow', 'a-broad', 'd-sibling'])
    expect(ranked.map((r) => r.score)).toEqual([0.9, 0.81, 0.63, 0])
    expect(ranked.slice(0, 3).map((r) => personalFactor(r).topic)).toEqual([HIKING, HIKING, HIKING])
    expect(ranked.slice(0, 3).map((r) => personalFactor(r).offerTopic)).toEqual([HIKING, 'outdoors', BOOTS])
    expect(ranked[3]?.personal).toBe(false)
  })

  it('sums the personal contribution over the offer topics (weight × match)', () => {
    const ranked = rankOffers([offer({ id: 'both', topics: { [HIKING]: 0.5, [CAMPING]: 0.25 } })], {
      ...ctx(),
      interests: [interest(HIKING), interest(CAMPING)],
    })
    expect(ranked[0]?.score).toBe(0.675)
    expect(
      (ranked[0]?.factors ?? []).map((f) => (f.kind === 'interest' ? [f.topic, f.contribution] : f.kind)),
    ).toEqual([
      [HIKING, 0.45],
      [CAMPING, 0.225],
    ])
  })

  it('an inferred interest factor names its topic, evidence, data item, category, purpose, consent, source events and the change action', () => {
    const ranked = rankOffers([offer({ id: 'hiking', topics: { [HIKING]: 1 } })], {
      ...ctx(),
      interests: [
        interest(HIKING, { consentIds: ['con_grant'], evidence: { ...interest(HIKING).evidence } }),
      ],
    })
    const item = ranked[0]
    expect(kinds(item)).toEqual(['interest'])
    expect(item?.factors[0]).toEqual({
      kind: 'interest',
      topic: HIKING,
      brand: 'outdoor',
      label: 'Hiking',
      offerTopic: HIKING,
      source: 'inferred',
      evidence: {
        signals: { view: 6 },
        distinctDays: 4,
        firstSeen: Date.UTC(2024, 9, 5, 12),
        lastSeen: Date.UTC(2024, 10, 24, 12),
      },
      dataItemIds: [`interest:outdoor:${HIKING}`],
      categories: ['user.inferred.interest'],
      purpose: 'personalization',
      consentIds: ['con_grant'],
      sourceEvents: ['m-1', 'm-2'],
      contribution: 0.9,
      change: {
        action: 'reject-interest',
        topic: HIKING,
        text: 'Say "not interested in Hiking" in the control center, or withdraw personalization.',
      },
    })
  })

  it('a stated interest gives a `stated` factor from the stated category, removable in the control center', () => {
    const ranked = rankOffers(
      [offer({ id: 'camping', topics: { [CAMPING]: 1 } }), offer({ id: 'x', priority: 9 })],
      { ...ctx(), interests: [interest(CAMPING, { source: 'stated', score: 0.01 })] },
    )
    expect(ids(ranked)).toEqual(['camping', 'x'])
    const f = personalFactor(ranked[0])
    expect(f).toMatchObject({
      kind: 'stated',
      source: 'stated',
      topic: CAMPING,
      categories: ['user.preference.stated'],
      dataItemIds: [`interest:outdoor:${CAMPING}`],
      purpose: 'personalization',
      change: { action: 'remove-stated-interest', topic: CAMPING },
    })
    // A stated interest counts fully however small its score.
    expect(ranked[0]?.score).toBe(1)
  })

  it('an offer backed by a stated interest ranks above one backed by an equally weighted inferred interest (stated outranks inferred)', () => {
    const offers = [
      offer({ id: 'inferred-hiking', topics: { [HIKING]: 1 }, priority: 10 }),
      offer({ id: 'stated-camping', topics: { [CAMPING]: 1 }, priority: 0 }),
    ]
    const ranked = rankOffers(offers, {
      ...ctx(),
      interests: [interest(HIKING, { score: 5 }), interest(CAMPING, { source: 'stated', score: 0 })],
    })
    expect(ids(ranked)).toEqual(['stated-camping', 'inferred-hiking'])
  })

  it('a weaker inferred interest backs its offer less than the strongest one', () => {
    const ranked = rankOffers(
      [
        offer({ id: 'weak', topics: { [CAMPING]: 1 }, priority: 100 }),
        offer({ id: 'strong', topics: { [HIKING]: 1 } }),
      ],
      { ...ctx(), interests: [interest(HIKING, { score: 4 }), interest(CAMPING, { score: 1 })] },
    )
    expect(ids(ranked)).toEqual(['strong', 'weak'])
    expect(ranked[0]?.score).toBe(0.9)
    expect(ranked[1]?.score).toBeLessThan(0.9)
    expect(ranked[1]?.score).toBeGreaterThanOrEqual(0.5)
  })

  it('a personal item carries only personal factors; a non-personal one only popularity and editorial', () => {
    const ranked = rankOffers(
      [
        offer({ id: 'hiking', topics: { [HIKING]: 1, [CYCLING]: 0.5 } }),
        offer({ id: 'cycling', topics: { [CYCLING]: 1 }, priority: 3 }),
      ],
      { ...ctx({ popularity: new Map([[CYCLING, 17]]) }), interests: [interest(HIKING)] },
    )
    expect(kinds(ranked[0])).toEqual(['interest'])
    expect(kinds(ranked[1])).toEqual(['popularity', 'editorial'])
  })
})

describe('rankOffers: popularity is cited only when it points at no one', () => {
  const cycling = (people: number, extra: Record<string, unknown> = {}) =>
    rankOffers([offer({ id: 'c', topics: { [CYCLING]: 1 } })], {
      ...ctx({ popularity: new Map([[CYCLING, people]]) }),
      ...extra,
    })[0]
  it('never below the minimum (default 10), configurable', () => {
    expect(kinds(cycling(9))).toEqual(['editorial'])
    expect(kinds(cycling(10))).toEqual(['popularity', 'editorial'])
    expect(kinds(cycling(1))).toEqual(['editorial'])
    expect(kinds(cycling(3, { popularityMinPeople: 3 }))).toEqual(['popularity', 'editorial'])
  })
  it('never on a sensitive topic, whatever the count', () => {
    expect(kinds(cycling(10_000, { isSensitiveTopic: (t: string) => t === CYCLING }))).toEqual(['editorial'])
  })
})

describe('rankOffers: non-personalized', () => {
  it('orders by editorial priority, then popularity, then id, and marks nothing personal', () => {
    const offers = [
      offer({ id: 'd', topics: { [CAMPING]: 1 }, priority: 1 }),
      offer({ id: 'c', topics: { [CAMPING]: 1 }, priority: 1 }),
      offer({ id: 'b', topics: { [CYCLING]: 1 }, priority: 1 }),
      offer({ id: 'a', topics: { [COOKWARE]: 1 }, priority: 1 }),
      offer({ id: 'z', topics: { [COOKWARE]: 1 }, priority: 5 }),
      offer({ id: 'low', topics: { [CYCLING]: 1 }, priority: -3 }),
    ]
    const popularity = new Map([
      [CYCLING, 10],
      [CAMPING, 3],
    ])
    const ranked = rankOffers(offers, ctx({ popularity }))
    expect(ids(ranked)).toEqual(['z', 'b', 'c', 'd', 'a', 'low'])
    expect(ranked.every((r) => !r.personal && r.score === 0)).toBe(true)
  })

  it('an offer is as popular as its most popular topic', () => {
    const ranked = rankOffers(
      [
        offer({ id: 'a', topics: { [CAMPING]: 1 } }),
        offer({ id: 'b', topics: { [COOKWARE]: 1, [CYCLING]: 0.1 } }),
      ],
      ctx({
        popularity: new Map([
          [CAMPING, 5],
          [CYCLING, 6],
          [COOKWARE, 1],
        ]),
      }),
    )
    expect(ids(ranked)).toEqual(['b', 'a'])
  })

  it('gives popularity factors (only for topics someone engaged with) and one editorial factor, none changeable', () => {
    const ranked = rankOffers(
      [offer({ id: 'a', topics: { [CAMPING]: 1, [COOKWARE]: 1 }, priority: 7 })],
      ctx({ popularity: new Map([[CAMPING, 12]]) }),
    )
    expect(ranked[0]?.factors).toEqual([
      {
        kind: 'popularity',
        topic: CAMPING,
        label: 'Camping',
        people: 12,
        windowDays: 30,
        change: { action: 'none', text: 'This does not depend on data about you.' },
      },
      {
        kind: 'editorial',
        priority: 7,
        change: { action: 'none', text: 'This does not depend on data about you.' },
      },
    ])
  })

  it('interests that match nothing leave the ranking non-personal', () => {
    const offers = [offer({ id: 'a', topics: { [COOKWARE]: 1 } }), offer({ id: 'b', priority: 2 })]
    const ranked = rankOffers(offers, { ...ctx(), interests: [interest(HIKING)] })
    expect(ids(ranked)).toEqual(['b', 'a'])
    expect(ranked.some((r) => r.personal)).toBe(false)
  })

  it('returns an empty list for no offers', () => {
    expect(rankOffers([], { ...ctx(), interests: [interest(HIKING)] })).toEqual([])
  })
})

describe('rankOffers: properties', () => {
  const TOPICS = ['outdoors', HIKING, BOOTS, CAMPING, CYCLING, 'sports', COOKWARE, 'home'] as const
  const topicArb = fc.constantFrom(...TOPICS)
  const offersArb = fc
    .uniqueArray(
      fc.record({
        id: fc.stringMatching(/^[a-z0-9]{1,6}$/),
        topics: fc.dictionary(topicArb, fc.double({ min: 0.01, max: 1, noNaN: true }), { maxKeys: 3 }),
        priority: fc.integer({ min: -5, max: 5 }),
      }),
      { selector: (o) => o.id, maxLength: 12 },
    )
    .map((rows) => rows.map((r) => offer(r)))
  const interestsArb = fc.option(
    fc.uniqueArray(
      fc.record({
        topic: topicArb,
        source: fc.constantFrom('inferred' as const, 'stated' as const),
        score: fc.double({ min: 0, max: 10, noNaN: true }),
      }),
      { selector: (i) => i.topic, maxLength: 3 },
    ),
    { nil: undefined },
  )
  const popularityArb = fc
    .dictionary(topicArb, fc.integer({ min: 0, max: 20 }), { maxKeys: 5 })
    .map((d) => new Map(Object.entries(d)))

  it('is a permutation of its input, deterministic and independent of input order, with personal items first', () => {
    fc.assert(
      fc.property(offersArb, interestsArb, popularityArb, fc.nat(), (offers, rows, popularity, seed) => {
        const c: RankContext = {
          ...ctx({ popularity }),
          ...(rows ? { interests: rows.map((r) => interest(r.topic, r)) } : {}),
        }
        const ranked = rankOffers(offers, c)
        // A permutation: same offers, each once.
        expect([...ids(ranked)].sort()).toEqual(offers.map((o) => o.id).sort())
        for (const r of ranked) expect(offers).toContain(r.offer)
        // Deterministic, and the input order does not matter.
        expect(rankOffers(offers, c)).toEqual(ranked)
        const shuffled = [...offers]
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = (seed + i * 7919) % (i + 1)
          const t = shuffled[i] as Offer
          shuffled[i] = shuffled[j] as Offer
          shuffled[j] = t
        }
        expect(ids(rankOffers(shuffled, c))).toEqual(ids(ranked))
        // Personal items always precede non-personal ones.
        const firstNonPersonal = ranked.findIndex((r) => !r.personal)
        if (firstNonPersonal >= 0) expect(ranked.slice(firstNonPersonal).every((r) => !r.personal)).toBe(true)
        // Without interests nothing is personal.
        if (!rows || rows.length === 0) expect(ranked.every((r) => !r.personal)).toBe(true)
        // Asking for the first n gives exactly the first n of the full ranking, factors included.
        for (const n of [0, 1, 3, offers.length + 1])
          expect(rankOffers(offers, c, n)).toEqual(ranked.slice(0, n))
        // Personal ↔ personal factors; each personal factor has a change action.
        for (const r of ranked) {
          const personal = r.factors.filter((f) => f.kind === 'interest' || f.kind === 'stated')
          expect(personal.length > 0).toBe(r.personal)
          expect(r.score > 0).toBe(r.personal)
          for (const f of personal) expect(f.change.action).not.toBe('none')
        }
      }),
      { numRuns: 300 },
    )
  })

  it('topIndices gives the first k of a full sort, in order (ties broken by index)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 })), fc.nat(60), (values, k) => {
        const before = (a: number, b: number) => (values[a] as number) - (values[b] as number) || a - b
        const sorted = values.map((_, i) => i).sort(before)
        expect(topIndices(values.length, Math.min(k, values.length), before)).toEqual(sorted.slice(0, k))
      }),
      { numRuns: 500 },
    )
  })
})
