/**
 * Explanations are generated from the factors only: a stated interest says "you told us", an
 * inferred one gives its evidence, a fallback says why it is not personalized, and every
 * personal factor says how the person can change it. A property test checks that no topic
 * label outside the factors ever reaches the text.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Offer } from '../offers/index.js'
import { describeEvidence, explain, FALLBACK_REASONS } from './explanation.js'
import { type Factor, NO_CHANGE } from './factor.js'
import { type RankInterest, rankOffers } from './ranker.js'

type PersonalFactor = Extract<Factor, { kind: 'interest' | 'stated' }>

const OCT_5 = Date.UTC(2024, 9, 5, 12)
const NOV_24 = Date.UTC(2024, 10, 24, 12)

function inferred(label: string, overrides: Partial<PersonalFactor> = {}): PersonalFactor {
  const topic = `outdoors.${label.toLowerCase()}`
  return {
    kind: 'interest',
    topic,
    label,
    offerTopic: topic,
    source: 'inferred',
    evidence: { signals: { view: 6 }, distinctDays: 4, firstSeen: null, lastSeen: null },
    dataItemIds: [`interest:outdoor:${topic}`],
    categories: ['user.inferred.interest'],
    purpose: 'personalization',
    consentIds: ['con_1'],
    sourceEvents: ['m-1'],
    contribution: 1,
    change: { action: 'reject-interest', topic, text: `Say "not interested in ${label}".` },
    ...overrides,
  }
}

function stated(label: string): PersonalFactor {
  const base = inferred(label)
  return {
    ...base,
    kind: 'stated',
    source: 'stated',
    categories: ['user.preference.stated'],
    change: { action: 'remove-stated-interest', topic: base.topic, text: `Remove "${label}".` },
  }
}

const editorial = (priority = 0): Factor => ({ kind: 'editorial', priority, change: NO_CHANGE })
const popularity = (label: string, people: number): Factor => ({
  kind: 'popularity',
  topic: `outdoors.${label.toLowerCase()}`,
  label,
  people,
  windowDays: 30,
  change: NO_CHANGE,
})

describe('describeEvidence', () => {
  it('says what the person did, how often and on how many different days', () => {
    expect(
      describeEvidence('Hiking', { signals: { view: 6 }, distinctDays: 4, firstSeen: null, lastSeen: null }),
    ).toBe('you viewed 6 Hiking products on 4 different days')
  })

  it('joins several kinds of signal and gives the period', () => {
    expect(
      describeEvidence('Hiking', {
        signals: { view: 6, purchase: 1, search: 2, add_to_cart: 1 },
        distinctDays: 4,
        firstSeen: OCT_5,
        lastSeen: NOV_24,
      }),
    ).toBe(
      'you viewed 6 Hiking products, searched for Hiking 2 times, added 1 Hiking product to your cart and bought 1 Hiking product on 4 different days (5 Oct – 24 Nov)',
    )
  })

  it('uses the singular for one', () => {
    expect(
      describeEvidence('Camping', {
        signals: { search: 1 },
        distinctDays: 1,
        firstSeen: null,
        lastSeen: null,
      }),
    ).toBe('you searched for Camping 1 time on 1 different day')
  })

  it('never invents a signal: without counted signals it only says the person showed interest', () => {
    expect(
      describeEvidence('Camping', {
        signals: { other: 3 },
        distinctDays: 2,
        firstSeen: null,
        lastSeen: null,
      }),
    ).toBe('you showed interest in Camping on 2 different days')
  })
})

describe('explain: personal factors', () => {
  it('explains a stated interest as "you told us"', () => {
    const e = explain([stated('Camping')], { brandName: 'Outdoor Co' })
    expect(e.text).toContain("Shown because you told us you're interested in Camping.")
    expect(e.text).not.toMatch(/viewed|bought|searched/)
  })

  it('explains an inferred interest with its evidence', () => {
    const e = explain(
      [
        inferred('Hiking', {
          evidence: { signals: { view: 6 }, distinctDays: 4, firstSeen: OCT_5, lastSeen: NOV_24 },
        }),
      ],
      { brandName: 'Outdoor Co' },
    )
    expect(e.text).toBe('Shown because you viewed 6 Hiking products on 4 different days (5 Oct – 24 Nov).')
    expect(e.text).not.toContain('told us')
  })

  it('every personal factor carries a change action, followed by withdrawing personalization', () => {
    const factors = [inferred('Hiking'), stated('Camping')]
    const e = explain(factors, { brandName: 'Outdoor Co' })
    expect(e.factors).toEqual(factors)
    expect(e.howToChange.map((c) => c.action)).toEqual([
      'reject-interest',
      'remove-stated-interest',
      'withdraw-consent',
    ])
    expect(e.howToChange[0]).toEqual(factors[0]?.change)
    expect(e.howToChange[1]).toEqual(factors[1]?.change)
    expect(e.howToChange[2]).toMatchObject({ purpose: 'personalization' })
    expect(e.howToChange[2]?.text).toContain('Outdoor Co')
    for (const f of factors) expect(f.change.action).not.toBe('none')
  })

  it('a personal explanation says nothing about fallbacks, editorial choices or popularity', () => {
    const e = explain([inferred('Hiking')], { brandName: 'Outdoor Co' })
    expect(e.text).not.toMatch(/Not personalized|Featured|Popular/)
  })
})

describe('explain: non-personal fallbacks', () => {
  const factors = [editorial(3), popularity('Camping', 12)]

  it('says the offer is featured and popular, with the number of people and the window', () => {
    const e = explain(factors, { brandName: 'Outdoor Co' })
    expect(e.text).toBe(
      'Featured by Outdoor Co. Popular: 12 people showed interest in Camping here in the last 30 days. This offer does not rest on data about you.',
    )
    expect(e.howToChange).toEqual([])
  })

  it('uses "person" for one', () => {
    expect(explain([popularity('Camping', 1)], { brandName: 'B' }).text).toContain(
      'Popular: 1 person showed interest in Camping',
    )
  })

  it('no-consent: says personalization is not allowed and how to allow it', () => {
    const e = explain(factors, { brandName: 'Outdoor Co', fallbackReason: 'no-consent' })
    expect(e.text).toContain('Not personalized: you have not allowed personalization at Outdoor Co.')
    expect(e.howToChange).toEqual([
      {
        action: 'allow-personalization',
        purpose: 'personalization',
        text: 'Allow personalization at Outdoor Co in the control center to get offers based on your interests.',
      },
    ])
  })

  it('no-established-interests: says no interest has recurred on enough days', () => {
    const e = explain(factors, { brandName: 'Outdoor Co', fallbackReason: 'no-established-interests' })
    expect(e.text).toContain(
      'Not personalized: we have not seen an interest of yours recur on enough different days yet.',
    )
    expect(e.howToChange).toEqual([])
  })

  it('unknown-person: says we know nothing about the person', () => {
    const e = explain(factors, { brandName: 'Outdoor Co', fallbackReason: 'unknown-person' })
    expect(e.text).toContain('Not personalized: we know nothing about you.')
  })

  it('each fallback reason has its own text', () => {
    const texts = FALLBACK_REASONS.map(
      (r) => explain([editorial()], { brandName: 'X', fallbackReason: r }).text,
    )
    expect(new Set(texts).size).toBe(FALLBACK_REASONS.length)
    for (const t of texts) expect(t).toMatch(/^Featured by X\. Not personalized: /)
  })

  it('a fallback explanation never claims a personal reason', () => {
    for (const r of FALLBACK_REASONS) {
      const t = explain(factors, { brandName: 'Outdoor Co', fallbackReason: r }).text
      expect(t).not.toMatch(/Shown because|told us|you viewed/)
    }
  })
})

describe('explain: properties', () => {
  // Labels that are not substrings of each other nor of the fixed wording.
  const POOL = ['Kayaking', 'Birdwatching', 'Astronomy', 'Pottery', 'Surfing', 'Chess', 'Origami', 'Fencing']
  const labelsArb = fc.subarray(POOL)
  const signalsArb = fc.record(
    {
      view: fc.integer({ min: 0, max: 20 }),
      search: fc.integer({ min: 0, max: 20 }),
      purchase: fc.integer({ min: 0, max: 5 }),
      add_to_cart: fc.integer({ min: 0, max: 5 }),
    },
    { requiredKeys: [] },
  )
  const factorArb = (label: string): fc.Arbitrary<Factor> =>
    fc.oneof(
      signalsArb.map((signals) =>
        inferred(label, { evidence: { signals, distinctDays: 2, firstSeen: OCT_5, lastSeen: NOV_24 } }),
      ),
      fc.constant(stated(label)),
      fc.integer({ min: 1, max: 100 }).map((n) => popularity(label, n)),
    )
  const reasonArb = fc.option(fc.constantFrom(...FALLBACK_REASONS), { nil: undefined })

  it('never mentions a topic label that is not in its factors', () => {
    fc.assert(
      fc.property(
        labelsArb.chain((labels) =>
          fc.tuple(fc.constant(labels), fc.tuple(...labels.map(factorArb)), fc.boolean(), reasonArb),
        ),
        ([labels, factors, withEditorial, reason]) => {
          const all: Factor[] = [...factors, ...(withEditorial ? [editorial()] : [])]
          const e = explain(all, { brandName: 'Outdoor Co', ...(reason ? { fallbackReason: reason } : {}) })
          const present = new Set(
            e.factors
              .flatMap((f) => (f.kind === 'editorial' ? [] : [f.label]))
              .filter((l) => l !== undefined),
          )
          for (const label of POOL) {
            if (!present.has(label)) expect(e.text).not.toContain(label)
          }
          expect([...present].every((l) => labels.includes(l))).toBe(true)
          // Every personal factor's change action is offered.
          for (const f of e.factors)
            if (f.kind === 'interest' || f.kind === 'stated') expect(e.howToChange).toContainEqual(f.change)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('ranked and explained end to end: an item mentions only labels of the factors it rests on', () => {
    const topicOf = (l: string) => `t.${l.toLowerCase()}`
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...POOL), { maxLength: 4 }),
        fc.array(fc.subarray(POOL, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 6 }),
        fc.subarray(POOL),
        (interestLabels, offerTopics, popularLabels) => {
          const offers: Offer[] = offerTopics.map((labels, i) => ({
            id: `o${i}`,
            brand: 'outdoor',
            title: `Offer ${i}`,
            placements: ['p'],
            topics: Object.fromEntries(labels.map((l) => [topicOf(l), 1])),
            beneficial: false,
            priority: 0,
            purpose: 'personalization',
            segment: null,
            startsAt: null,
            endsAt: null,
            frequencyCap: null,
            createdAt: 0,
            updatedAt: 0,
          }))
          const interests: RankInterest[] = interestLabels.map((l) => ({
            topic: topicOf(l),
            label: l,
            source: 'inferred',
            score: 1,
            evidence: {
              signals: { view: 3 },
              distinctDays: 3,
              firstSeen: OCT_5,
              lastSeen: NOV_24,
              sampleEventIds: [],
            },
            consentIds: ['c'],
            brand: 'outdoor',
          }))
          const labelOf = (t: string) => POOL.find((l) => topicOf(l) === t) ?? t
          const ranked = rankOffers(offers, {
            interests,
            popularity: new Map(popularLabels.map((l) => [topicOf(l), 5])),
            popularityWindowDays: 30,
            labelOf,
            brandName: 'Outdoor Co',
          })
          for (const item of ranked) {
            const e = explain(item.factors, { brandName: 'Outdoor Co' })
            const used = new Set(item.factors.flatMap((f) => (f.kind === 'editorial' ? [] : [f.label])))
            for (const label of POOL) if (!used.has(label)) expect(e.text).not.toContain(label)
            // And a personal item mentions only the person's interests.
            if (item.personal)
              for (const label of used) expect(interestLabels as readonly string[]).toContain(label)
          }
        },
      ),
      { numRuns: 200 },
    )
  })
})

describe('explain: journeys and satiation', () => {
  it('names the number of shopping journeys when more than one fed the interest', () => {
    const e = { signals: { view: 3 }, distinctDays: 3, firstSeen: OCT_5, lastSeen: NOV_24 }
    expect(describeEvidence('Hiking', { ...e, journeys: 2 })).toBe(
      'you viewed 3 Hiking products on 3 different days (5 Oct – 24 Nov), in 2 separate shopping journeys',
    )
    expect(describeEvidence('Hiking', { ...e, journeys: 1 })).toBe(
      'you viewed 3 Hiking products on 3 different days (5 Oct – 24 Nov)',
    )
  })

  it('gives the years of a period that crosses a new year', () => {
    const e = { signals: { view: 2 }, distinctDays: 2, firstSeen: NOV_24, lastSeen: NOV_24 + 60 * 86_400_000 }
    expect(describeEvidence('Hiking', e)).toBe(
      'you viewed 2 Hiking products on 2 different days (24 Nov 2024 – 23 Jan 2025)',
    )
  })

  it('explains an offer backed by a satiated interest as going with the purchase, never by the purchase', () => {
    const f = inferred('Tents', {
      evidence: { signals: { view: 4, purchase: 1 }, distinctDays: 4, firstSeen: OCT_5, lastSeen: NOV_24 },
      goesWith: { purchasedAt: NOV_24 },
    })
    const text = explain([f], { brandName: 'Northwind' }).text
    expect(text).toBe('Shown because it goes with the Tents you bought on 24 Nov.')
    expect(text).not.toMatch(/because you bought/)
  })

  it('ranks no offer within a satiated topic on its interest, and its siblings and parent on it', () => {
    const tents = 'outdoors.camping.tents'
    const satiated: RankInterest = {
      topic: tents,
      label: 'Tents',
      source: 'inferred',
      score: 10,
      evidence: {
        signals: { purchase: 1 },
        distinctDays: 3,
        firstSeen: OCT_5,
        lastSeen: NOV_24,
        sampleEventIds: [],
      },
      consentIds: [],
      brand: 'outdoor',
      satiated: { purchasedAt: NOV_24 },
    }
    const offer = (id: string, topic: string): Offer => ({
      id,
      brand: 'outdoor',
      title: id,
      placements: ['p'],
      topics: { [topic]: 1 },
      beneficial: false,
      priority: 0,
      purpose: 'personalization',
      segment: null,
      startsAt: null,
      endsAt: null,
      frequencyCap: null,
      createdAt: 0,
      updatedAt: 0,
    })
    const ranked = rankOffers(
      [offer('tent', tents), offer('stove', 'outdoors.camping.stoves'), offer('camping', 'outdoors.camping')],
      {
        interests: [satiated],
        popularity: new Map(),
        popularityWindowDays: 30,
        labelOf: (t) => t,
        brandName: 'N',
      },
    )
    expect(ranked.map((r) => [r.offer.id, r.personal])).toEqual([
      ['camping', true],
      ['stove', true],
      ['tent', false],
    ])
  })
})
