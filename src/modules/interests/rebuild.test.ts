import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_INTEREST_MODEL as cfg,
  heldBackUntil,
  type Interest,
  isEstablished,
  scoreAt,
} from './interest.js'
import {
  addToJourneys,
  DEFAULT_JOURNEYS,
  describeSetAside,
  isPurchaseSpike,
  type Journey,
  possibleGiftOf,
  whyInterest,
} from './journeys.js'
import { type JourneyEvent, rebuildInterests } from './rebuild.js'

const DAY = 86_400_000
const T0 = Date.UTC(2026, 9, 1, 12) // 1 Oct 2026, noon UTC
const STROLLERS = 'baby_kids.baby_gear.strollers'
const BABY = 'baby_kids'
const HIKING = 'outdoors.hiking.footwear'
const TENTS = 'outdoors.camping.tents'

let seq = 0
const ev = (
  kind: JourneyEvent['kind'],
  day: number,
  topic: string,
  extra: Partial<JourneyEvent> = {},
): JourneyEvent => ({
  messageId: `m-${++seq}`,
  kind,
  at: T0 + day * DAY,
  gift: false,
  topics: [topic],
  giftTopics: [],
  possibleGift: false,
  ...extra,
})

const build = (events: JourneyEvent[], now = T0 + 30 * DAY) =>
  new Map(
    rebuildInterests({
      personId: 'p',
      brandId: 'b',
      events: [...events].sort((a, b) => a.at - b.at),
      base: new Map(),
      allowed: () => true,
      cfg,
      now,
    }).map((i) => [i.topic, i]),
  )

/** The story: a steady hiker shops for a baby-shower gift. */
function giftStory(): JourneyEvent[] {
  return [
    ev('view', 0, HIKING),
    ev('view', 5, HIKING),
    ev('purchase', 9, HIKING),
    ev('view', 10, STROLLERS),
    ev('view', 10, STROLLERS),
    ev('search', 11, BABY),
    ev('view', 12, STROLLERS),
    ev('add_to_cart', 12, STROLLERS),
    ev('purchase', 13, STROLLERS, { gift: true }),
  ]
}

describe('gift journeys', () => {
  it('sets aside the views, searches and cart adds before a gift purchase, and says so', () => {
    const interests = build(giftStory())
    const strollers = interests.get(STROLLERS) as Interest
    expect(strollers.days).toEqual([])
    expect(isEstablished(strollers, cfg)).toBe(false)
    expect(strollers.journeys.setAside.map(describeSetAside)).toEqual([
      '3 views and 1 cart add on 2 days before a gift purchase on 14 Oct 2026: not counted',
    ])
    // The broader search in the gift's line is part of the gift too.
    expect((interests.get(BABY) as Interest).journeys.setAside.map(describeSetAside)).toEqual([
      '1 search on 1 day before a gift purchase on 14 Oct 2026: not counted',
    ])
    expect(isEstablished(interests.get(HIKING) as Interest, cfg)).toBe(true)
  })

  it('keeps the journey of a topic that signals outside the window establish on their own', () => {
    const ownBabyYear = [0, 60, 120, 200, 300].map((d) => ev('purchase', d - 340, STROLLERS))
    const strollers = build([...ownBabyYear, ...giftStory()]).get(STROLLERS) as Interest
    expect(strollers.journeys.setAside).toEqual([])
    expect(strollers.signals).toEqual({ purchase: 5, view: 3, add_to_cart: 1 })
    expect(isEstablished(strollers, cfg)).toBe(true)
  })

  it('leaves signals outside the window, or after the gift, counted', () => {
    const events = [
      ev('view', 0, STROLLERS),
      ev('view', 1, STROLLERS),
      ev('purchase', 20, STROLLERS, { gift: true }),
      ev('view', 21, STROLLERS),
    ]
    const strollers = build(events).get(STROLLERS) as Interest
    expect(strollers.signals).toEqual({ view: 3 })
    expect(strollers.journeys.setAside).toEqual([])
  })

  it('sets aside only the gift line of an order that is partly a gift', () => {
    const events = [
      ev('view', 10, STROLLERS),
      ev('view', 11, HIKING),
      ev('view', 12, STROLLERS),
      ev('purchase', 13, STROLLERS, { topics: [STROLLERS, HIKING], giftTopics: [STROLLERS] }),
    ]
    const interests = build(events)
    expect((interests.get(STROLLERS) as Interest).days).toEqual([])
    expect((interests.get(HIKING) as Interest).signals).toEqual({ view: 1, purchase: 1 })
  })

  it('counts the journey of a purchase that may be a gift at a reduced weight', () => {
    const sure = build([ev('view', 10, STROLLERS), ev('purchase', 12, STROLLERS)]).get(STROLLERS) as Interest
    const maybe = build([
      ev('view', 10, STROLLERS),
      ev('purchase', 12, STROLLERS, { possibleGift: true }),
    ]).get(STROLLERS) as Interest
    expect(maybe.score).toBeCloseTo(sure.score / 2, 6)
    expect(maybe.journeys.fed).toEqual([
      {
        from: T0 + 10 * DAY,
        to: T0 + 12 * DAY,
        signals: { view: 1, purchase: 1 },
        purchaseAt: null,
        reduced: 2,
      },
    ])
    // A possible gift does not satiate: it may not have been for the person.
    expect(heldBackUntil(maybe, cfg, T0 + 13 * DAY)).toBeNull()
  })

  it('is order-independent: any order of the same events gives the same interests', () => {
    const events = giftStory()
    const strip = (m: Map<string, Interest>) =>
      [...m.values()]
        .map(({ sampleEventIds: _s, score, ...rest }) => ({ ...rest, score: Math.round(score * 1e9) }))
        .sort((a, b) => (a.topic < b.topic ? -1 : 1))
    fc.assert(
      fc.property(fc.shuffledSubarray(events, { minLength: events.length }), (shuffled) => {
        const interests = rebuildInterests({
          personId: 'p',
          brandId: 'b',
          events: shuffled,
          base: new Map(),
          allowed: () => true,
          cfg,
          now: T0 + 30 * DAY,
        })
        expect(strip(new Map(interests.map((i) => [i.topic, i])))).toEqual(strip(build(events)))
      }),
    )
  })
})

describe('journeys', () => {
  it('merges signals at most journeyGapDays apart, in any order', () => {
    const kinds = ['view', 'search', 'add_to_cart', 'purchase'] as const
    fc.assert(
      fc.property(
        fc.array(fc.record({ kind: fc.constantFrom(...kinds), day: fc.integer({ min: 0, max: 60 }) }), {
          maxLength: 20,
        }),
        fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })),
        (signals, rnd) => {
          const sorted = [...signals].sort((a, b) => a.day - b.day)
          const shuffled = [...signals].sort(() => (rnd.next().value as number) - 0.5)
          const fold = (list: typeof signals) =>
            list.reduce<Journey[]>(
              (fed, s) => addToJourneys(fed, { kind: s.kind, at: T0 + s.day * DAY }, DEFAULT_JOURNEYS),
              [],
            )
          const a = fold(sorted)
          expect(fold(shuffled)).toEqual(a)
          for (let k = 1; k < a.length; k++)
            expect((a[k] as Journey).from - (a[k - 1] as Journey).to).toBeGreaterThan(7 * DAY)
        },
      ),
    )
  })

  it('answers "why do you think I like X?" in a sentence', () => {
    const hiking = build(giftStory()).get(HIKING) as Interest
    expect(whyInterest('Hiking Boots & Shoes', hiking.journeys)).toBe(
      'We think you like Hiking Boots & Shoes because of 1 shopping journey: 2 views and 1 purchase, 1 Oct – 10 Oct 2026.',
    )
    const strollers = build(giftStory()).get(STROLLERS) as Interest
    expect(whyInterest('Strollers & Prams', strollers.journeys)).toBe(
      'We do not count anything toward Strollers & Prams. 3 views and 1 cart add on 2 days before a gift purchase on 14 Oct 2026: not counted.',
    )
  })

  it('says "you told us" for an interest the person stated or rejected, whatever was observed', () => {
    const hiking = build(giftStory()).get(HIKING) as Interest
    expect(whyInterest('Hiking', hiking.journeys, 'stated')).toBe('You told us you are interested in Hiking.')
    expect(whyInterest('Hiking', hiking.journeys, 'rejected')).toBe(
      'You told us you are not interested in Hiking: nothing counts toward it.',
    )
  })
})

describe('satiation and purchase journeys', () => {
  const tentWeek = () => [
    ev('search', 0, TENTS),
    ev('view', 1, TENTS),
    ev('view', 3, TENTS),
    ev('add_to_cart', 6, TENTS),
    ev('purchase', 7, TENTS),
  ]

  it('holds a durable topic back after an own purchase, for the configured days', () => {
    const tents = build(tentWeek()).get(TENTS) as Interest
    expect(heldBackUntil(tents, cfg, T0 + 8 * DAY)).toBe(T0 + 7 * DAY + 365 * DAY)
    expect(heldBackUntil(tents, cfg, T0 + 7 * DAY + 366 * DAY)).toBeNull()
    const shorter = { ...cfg, journeys: { ...cfg.journeys, satiation: { [TENTS]: 30 } } }
    expect(heldBackUntil(tents, shorter, T0 + 40 * DAY)).toBeNull()
    // Bought more than once: one purchase did not satisfy the need, nothing is held back.
    const twice = build([...tentWeek(), ev('purchase', 20, TENTS)]).get(TENTS) as Interest
    expect(heldBackUntil(twice, cfg, T0 + 21 * DAY)).toBeNull()
    // Not durable: boots are bought again.
    const boots = build([ev('view', 0, HIKING), ev('purchase', 1, HIKING)]).get(HIKING) as Interest
    expect(heldBackUntil(boots, cfg, T0 + 2 * DAY)).toBeNull()
  })

  it('lets a burst of research ending in a purchase decay fast, unless the person comes back', () => {
    const tents = build(tentWeek()).get(TENTS) as Interest
    expect(isPurchaseSpike(tents.journeys, cfg.journeys)).toBe(true)
    const later = (days: number) => T0 + (7 + days) * DAY
    // 3-day half-life: a fortnight later it is no longer an interest.
    expect(scoreAt(tents, later(3), cfg)).toBeCloseTo(tents.score / 2, 6)
    expect(isEstablished(tents, cfg, later(1))).toBe(true)
    expect(isEstablished(tents, cfg, later(15))).toBe(false)
    const back = build([...tentWeek(), ev('view', 9, TENTS)]).get(TENTS) as Interest
    expect(isPurchaseSpike(back.journeys, cfg.journeys)).toBe(false)
    expect(isEstablished(back, cfg, later(15))).toBe(true)
  })

  it('keeps the interest of a hiker who buys boots every spring', () => {
    const springs = [0, 365, 730].flatMap((d) => [ev('view', d, HIKING), ev('purchase', d + 2, HIKING)])
    const boots = build(springs, T0 + 760 * DAY).get(HIKING) as Interest
    expect(boots.journeys.fed).toHaveLength(3)
    expect(isPurchaseSpike(boots.journeys, cfg.journeys)).toBe(false)
    expect(isEstablished(boots, cfg, T0 + 760 * DAY)).toBe(true)
  })
})

describe('possible gifts', () => {
  it('reads a registry and a shipping address never used before from configurable paths', () => {
    const known = new Set<string>()
    const first = possibleGiftOf(
      { shipping_address: { city: 'Oslo', line1: '1 Main' } },
      known,
      DEFAULT_JOURNEYS,
    )
    expect(first.reason).toBeNull() // a first order's address is new by definition
    known.add(first.address as string)
    expect(
      possibleGiftOf(
        { shipping_address: { city: 'oslo ', line1: '1  Main', name: 'Ann' } },
        known,
        DEFAULT_JOURNEYS,
      ).reason,
    ).toBeNull()
    expect(possibleGiftOf({ shipping_address: { city: 'Bergen' } }, known, DEFAULT_JOURNEYS).reason).toBe(
      'new-address',
    )
    expect(possibleGiftOf({ registry_id: 'r-1' }, known, DEFAULT_JOURNEYS).reason).toBe('registry')
    const custom = { ...DEFAULT_JOURNEYS, registryPaths: ['order.list.kind'] }
    expect(possibleGiftOf({ order: { list: { kind: 'wedding' } } }, known, custom).reason).toBe('registry')
    // Inherited names are not read as properties.
    expect(
      possibleGiftOf(JSON.parse('{"__proto__": {"registry": 1}}'), known, DEFAULT_JOURNEYS).reason,
    ).toBeNull()
  })
})
