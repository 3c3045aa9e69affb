import { describe, expect, it } from 'vitest'
import {
  DEFAULT_INTEREST_MODEL,
  DEFAULT_JOURNEYS,
  type JourneyEvent,
  satiationDays,
} from '../interests/index.js'
import type { Offer } from '../offers/index.js'
import { type EvaluationCase, evaluateTimeSplit, withoutJourneys } from './time-split.js'

const DAY = 86_400_000
const CUTOFF = Date.UTC(2026, 10, 6, 12)
let seq = 0
const ev = (kind: JourneyEvent['kind'], daysBefore: number, topic: string, gift = false): JourneyEvent => ({
  messageId: `m${++seq}`,
  kind,
  at: CUTOFF - daysBefore * DAY,
  gift,
  topics: [topic],
  giftTopics: [],
  possibleGift: false,
})
const offer = (id: string, topic: string, priority = 1): Offer => ({
  id,
  brand: 'b',
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

const OFFERS = new Map([
  [
    'b',
    [
      offer('hiking', 'outdoors.hiking.footwear'),
      offer('tent', 'outdoors.camping.tents'),
      offer('stove', 'outdoors.camping.stoves'),
      offer('packs', 'outdoors.hiking.backpacks'),
    ],
  ],
])

const run = (cases: EvaluationCase[]) =>
  evaluateTimeSplit({
    cases,
    offers: OFFERS,
    cutoff: CUTOFF,
    horizonDays: 14,
    k: 3,
    models: [
      { name: 'before', cfg: withoutJourneys(DEFAULT_INTEREST_MODEL), holdBack: false },
      { name: 'after', cfg: DEFAULT_INTEREST_MODEL, holdBack: true },
    ],
    durable: (t) => satiationDays(t, DEFAULT_JOURNEYS),
    allowed: () => true,
  })

describe('the time-split evaluation', () => {
  it('counts a top offer resting on a gift journey as harmful before journeys, and not after', () => {
    const gifter: EvaluationCase = {
      id: 'gifter',
      brand: 'b',
      giftTopics: ['outdoors.camping.tents'],
      events: [
        ev('view', 40, 'outdoors.hiking.footwear'),
        ev('view', 30, 'outdoors.hiking.footwear'),
        ev('view', 25, 'outdoors.camping.tents'),
        ev('view', 23, 'outdoors.camping.tents'),
        ev('add_to_cart', 22, 'outdoors.camping.tents'),
        ev('purchase', 21, 'outdoors.camping.tents', true),
        ev('purchase', -3, 'outdoors.hiking.backpacks'),
      ],
    }
    const [before, after] = run([gifter])
    expect(before).toMatchObject({ cases: 1, withPurchases: 1, harmfulTop: 1, personalTop: 1 })
    expect(before?.harmful).toEqual([{ id: 'gifter', offer: 'tent', topics: ['outdoors.camping.tents'] }])
    expect(after).toMatchObject({ harmfulTop: 0, personalTop: 1 })
    expect(after?.precisionAtK).toBeGreaterThanOrEqual(before?.precisionAtK ?? 1)
  })

  it('counts more of a durable purchase on top as harmful, and holds it back after', () => {
    const camper: EvaluationCase = {
      id: 'camper',
      brand: 'b',
      giftTopics: [],
      events: [
        ev('view', 27, 'outdoors.camping.tents'),
        ev('view', 25, 'outdoors.camping.tents'),
        ev('purchase', 21, 'outdoors.camping.tents'),
        ev('purchase', -5, 'outdoors.camping.stoves'),
      ],
    }
    const [before, after] = run([camper])
    expect(before).toMatchObject({ harmfulTop: 1, withPurchases: 1 })
    expect(after).toMatchObject({ harmfulTop: 0, harmful: [] })
    // The stove (an accessory of the tent) rises to the top: a hit.
    expect(after?.precisionAtK).toBeCloseTo(1 / 3, 6)
    // Before: the tent on top, then the editorial order (hiking, packs): the stove is not in the top 3.
    expect(before?.precisionAtK).toBe(0)
  })

  it('skips people with no history before the cut-off, and scores only own purchases in the horizon', () => {
    const late: EvaluationCase = {
      id: 'late',
      brand: 'b',
      giftTopics: [],
      events: [ev('purchase', -2, 'outdoors.hiking.footwear')],
    }
    const gifted: EvaluationCase = {
      id: 'gifted',
      brand: 'b',
      giftTopics: [],
      events: [ev('view', 3, 'outdoors.hiking.footwear'), ev('purchase', -2, 'outdoors.camping.tents', true)],
    }
    const [before] = run([late, gifted])
    expect(before).toMatchObject({ cases: 1, withPurchases: 0, precisionAtK: 0 })
  })
})
