import { describe, expect, it } from 'vitest'
import { createCategoryResolver, createTopicTaxonomy } from '../interests/index.js'
import { DEMO_PRODUCT_LINES } from './demo-catalog.js'
import { consentStateAt } from './demo-messages.js'
import { isOfferActive } from './demo-offers.js'
import {
  DEMO_BRAND_IDS,
  DEMO_PERSONAS,
  DEMO_PLACEMENTS,
  DEMO_SHOWCASE_ROLES,
  type DemoData,
  type DemoMessageEnvelope,
  type DemoPurpose,
  type JsonObject,
} from './demo-types.js'
import { generateDemo } from './generate-demo.js'

const NOW = Date.UTC(2025, 5, 1, 14, 30)
const DAY = 86_400_000
const taxonomy = createTopicTaxonomy()
const resolver = createCategoryResolver(taxonomy)
const SENSITIVE_CATEGORIES = new Map(
  DEMO_PRODUCT_LINES.flatMap((line) =>
    line.categories.map((entry) => [entry.category, line.sensitive] as const),
  ),
)

const small = generateDemo({ persons: 600, seed: 7, now: NOW })
const smallMessages = [...small.messages()]
const large = generateDemo({ persons: 3000, seed: 11, now: NOW })

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A signal read back from a message, the way an ingestion pipeline would see it. */
interface Signal {
  readonly person: number
  readonly brand: string
  readonly event: string
  readonly category: string
  readonly day: number
  readonly gift: boolean
}

function signalsOf(envelopes: readonly DemoMessageEnvelope[]): Signal[] {
  const signals: Signal[] = []
  for (const { person, brand, message } of envelopes) {
    if (message.type !== 'track') continue
    const props = message.properties
    const gift = props.gift === true || props.gift_wrap === true
    const day = Math.floor(Date.parse(message.timestamp) / DAY)
    const categories: string[] = []
    if (typeof props.category === 'string') categories.push(props.category)
    if (Array.isArray(props.products))
      for (const product of props.products)
        if (isObject(product) && typeof product.category === 'string') categories.push(product.category)
    for (const category of categories)
      signals.push({ person, brand, event: message.event, category, day, gift })
  }
  return signals
}

const smallSignals = signalsOf(smallMessages)
const topicOf = (category: string): string => resolver.resolve(category)?.topic ?? '(none)'
const signalsFor = (person: number): Signal[] => smallSignals.filter((s) => s.person === person)
const strip = (data: DemoData) => ({ ...data, messages: undefined })

describe('generateDemo: determinism', () => {
  it('gives deep-equal data and identical message streams for equal options', () => {
    const again = generateDemo({ persons: 600, seed: 7, now: NOW })
    expect(strip(again)).toEqual(strip(small))
    expect([...again.messages()]).toEqual(smallMessages)
    // A second pass over the same data is identical too.
    expect([...small.messages()]).toEqual(smallMessages)
  })

  it('gives different people and messages for a different seed', () => {
    const other = generateDemo({ persons: 600, seed: 8, now: NOW })
    expect(other.people).not.toEqual(small.people)
    const first = other.messages().next().value
    expect(first?.message).not.toEqual(smallMessages[0]?.message)
  })

  it('defaults days to 60 and rejects invalid options', () => {
    expect(small.options).toEqual({ persons: 600, seed: 7, now: NOW, days: 60 })
    expect(() => generateDemo({ persons: -1, seed: 1, now: NOW })).toThrow(RangeError)
    expect(() => generateDemo({ persons: 1.5, seed: 1, now: NOW })).toThrow(RangeError)
    expect(() => generateDemo({ persons: 1, seed: 0.5, now: NOW })).toThrow(RangeError)
    expect(() => generateDemo({ persons: 1, seed: 1, now: Number.NaN })).toThrow(RangeError)
    expect(() => generateDemo({ persons: 1, seed: 1, now: NOW, days: 0 })).toThrow(RangeError)
  })

  it('keeps a short window, starting just before midnight UTC, within [now - days, now]', () => {
    const now = Date.UTC(2025, 0, 10, 0, 20)
    const demo = generateDemo({ persons: 200, seed: 5, now, days: 7 })
    let count = 0
    for (const { message } of demo.messages()) {
      const at = Date.parse(message.timestamp)
      expect(at).toBeGreaterThanOrEqual(now - 7 * DAY)
      expect(Date.parse(message.sentAt)).toBeLessThanOrEqual(now)
      count++
    }
    expect(count).toBeGreaterThan(200)
  })

  it('handles zero persons', () => {
    const empty = generateDemo({ persons: 0, seed: 1, now: NOW })
    expect(empty.people).toEqual([])
    expect([...empty.messages()]).toEqual([])
    expect(empty.offers.length).toBeGreaterThan(0)
  })
})

describe('generateDemo: brands and people', () => {
  it('has the three brands of one company', () => {
    expect(small.brands.map((b) => [b.id, b.name])).toEqual([
      ['outdoor', 'Northwind Outdoor'],
      ['littlesteps', 'Little Steps Baby & Kids'],
      ['hearth', 'Hearth Home'],
    ])
    expect(small.brands[0]?.allowedOrigins).toEqual(['http://localhost:3000'])
  })

  it('gives every person consistent ids, a shared email and 1-3 brands', () => {
    const ids = new Set<string>()
    for (const person of small.people) {
      expect(person.brands[0]).toBe(person.primaryBrand)
      expect(new Set(person.brands).size).toBe(person.brands.length)
      expect(person.email).toBe(`person${person.index}@example.test`)
      expect(person.traits.email).toBe(person.email)
      expect(Object.keys(person.userIds).sort()).toEqual([...person.brands].sort())
      expect(Object.keys(person.anonymousIds).sort()).toEqual([...person.brands].sort())
      for (const brand of person.brands) {
        for (const id of [person.userIds[brand]!, person.anonymousIds[brand]!]) {
          expect(ids.has(id)).toBe(false)
          ids.add(id)
        }
      }
    }
  })

  it('spreads personas, brands and attributes in the documented shares', () => {
    const people = large.people
    const share = (n: number) => n / people.length
    for (const persona of DEMO_PERSONAS)
      expect(large.expectations.byPersona[persona].length).toBeGreaterThan(30)
    expect(share(large.expectations.recurringHikers.length)).toBeCloseTo(0.12, 1)
    expect(share(people.filter((p) => p.brands.length === 2).length)).toBeCloseTo(0.2, 1)
    expect(share(people.filter((p) => p.brands.length === 3).length)).toBeCloseTo(0.05, 1)
    expect(share(large.expectations.gpcUsers.length)).toBeCloseTo(0.1, 1)
    expect(share(large.expectations.statedInterests.length)).toBeCloseTo(0.1, 1)
    expect(share(large.expectations.demographics.length)).toBeCloseTo(0.3, 1)
    expect(share(large.expectations.consentInContext.length)).toBeCloseTo(0.15, 1)
    expect(share(large.expectations.noConsentRecorded.length)).toBeCloseTo(0.08, 1)
    expect(large.expectations.withdrawals.length).toBeGreaterThan(50)
    expect(large.expectations.aliasUsers.length).toBeGreaterThan(20)
  })

  it('records every consent mix, near the documented grant shares', () => {
    const expected: Record<Exclude<DemoPurpose, 'cross_brand_sharing'>, number> = {
      personalization: 0.6,
      advertising: 0.3,
      analytics: 0.7,
      email_marketing: 0.4,
      fairness_audit: 0.15,
    }
    const pairs = large.people.flatMap((person) => person.brands.map((brand) => person.consent[brand] ?? {}))
    for (const [purpose, target] of Object.entries(expected) as [DemoPurpose, number][]) {
      const states = pairs.map((c) => c[purpose])
      expect(states.filter((s) => s === 'granted').length / pairs.length, purpose).toBeCloseTo(target, 1)
      expect(states).toContain('denied')
      expect(states).toContain(undefined)
    }
    const cross = large.people.map((p) => p.consentRecords.find((r) => r.purpose === 'cross_brand_sharing'))
    expect(cross.filter((r) => r?.state === 'granted').length / cross.length).toBeCloseTo(0.25, 1)
    for (const record of cross) if (record) expect(record).toMatchObject({ scope: 'all_brands', brand: null })
    // Distinct combinations of the six purposes at one brand: "every mix" means many.
    const mixes = new Set(pairs.map((c) => JSON.stringify(c)))
    expect(mixes.size).toBeGreaterThan(100)
  })

  it('keeps each consent ledger chronological, in the window, with withdrawals after grants', () => {
    for (const person of large.people) {
      let last = Number.NEGATIVE_INFINITY
      for (const record of person.consentRecords) {
        expect(record.at).toBeGreaterThanOrEqual(last)
        expect(record.at).toBeGreaterThanOrEqual(NOW - 60 * DAY)
        expect(record.at).toBeLessThanOrEqual(NOW)
        last = record.at
        if (record.state === 'withdrawn') {
          const grant = person.consentRecords.find(
            (r) =>
              r.state === 'granted' &&
              r.purpose === record.purpose &&
              r.brand === record.brand &&
              r.at < record.at,
          )
          expect(grant).toBeDefined()
        }
      }
    }
  })

  it('states only existing, non-sensitive topics', () => {
    for (const person of large.people) {
      for (const topic of person.statedInterests ?? []) {
        expect(taxonomy.has(topic)).toBe(true)
        expect(taxonomy.isSensitive(topic)).toBe(false)
      }
    }
  })

  it('puts the showcase people first, with the consent they are meant to demonstrate', () => {
    const show = small.expectations.showcase
    expect(Object.keys(show)).toEqual([...DEMO_SHOWCASE_ROLES])
    const at = (role: (typeof DEMO_SHOWCASE_ROLES)[number]) => small.people[show[role]!]!
    expect(at('hiker').persona).toBe('recurring-hiker')
    expect(at('babyShowerGifter').intent.gifts.length).toBeGreaterThan(0)
    expect(at('gpcHiker').gpc).toBe(true)
    expect(at('hikerWithoutConsent').consentRecords).toEqual([])
    expect(consentStateAt(at('hikerWhoWithdrew'), 'outdoor', 'personalization', NOW)).toBe('withdrawn')
    expect(consentStateAt(at('hiker'), 'outdoor', 'personalization', NOW)).toBe('granted')
    expect(at('anonymousThenIdentified').identifiedLater).toBe(true)
    expect(generateDemo({ persons: 3, seed: 1, now: NOW }).expectations.showcase).toEqual({})
  })
})

describe('generateDemo: messages', () => {
  it('streams Segment-shaped messages, unique and chronological, within the window', () => {
    const ids = new Set<string>()
    let last = Number.NEGATIVE_INFINITY
    for (const { message, brand, person } of smallMessages) {
      expect(['track', 'identify', 'page', 'alias']).toContain(message.type)
      expect(message.messageId).toMatch(/^demo-/)
      expect(ids.has(message.messageId)).toBe(false)
      ids.add(message.messageId)
      expect(message.userId !== undefined || message.anonymousId !== undefined).toBe(true)
      const at = Date.parse(message.timestamp)
      expect(new Date(at).toISOString()).toBe(message.timestamp)
      expect(new Date(Date.parse(message.sentAt)).toISOString()).toBe(message.sentAt)
      expect(Date.parse(message.sentAt)).toBeGreaterThanOrEqual(at)
      expect(Date.parse(message.sentAt)).toBeLessThanOrEqual(NOW)
      expect(at).toBeGreaterThanOrEqual(NOW - 60 * DAY)
      expect(at).toBeGreaterThanOrEqual(last)
      last = at
      expect(small.people[person]?.brands).toContain(brand)
      expect(isObject(message.context)).toBe(true)
      if (message.type === 'track') {
        expect(message.event.length).toBeGreaterThan(0)
        expect(isObject(message.properties)).toBe(true)
      }
      if (message.type === 'identify') expect(message.traits.email).toBe(small.people[person]?.email)
      if (message.type === 'alias') {
        expect(message.userId).toBe(small.people[person]?.userIds[brand])
        expect(message.previousId).toBe(small.people[person]?.anonymousIds[brand])
      }
      expect(JSON.parse(JSON.stringify(message))).toEqual(message)
    }
    expect(smallMessages.length).toBeGreaterThan(small.people.length * 5)
  })

  it('uses Segment e-commerce v2 event names with full product lines', () => {
    const events = new Set(
      smallMessages.flatMap(({ message }) => (message.type === 'track' ? [message.event] : [])),
    )
    expect([...events].sort()).toEqual([
      'Order Completed',
      'Product Added',
      'Product Viewed',
      'Products Searched',
    ])
    for (const { message } of smallMessages) {
      if (message.type !== 'track' || message.event !== 'Order Completed') continue
      const products = message.properties.products
      expect(Array.isArray(products) && products.length > 0).toBe(true)
      for (const product of products as JsonObject[])
        expect(Object.keys(product).sort()).toEqual([
          'category',
          'name',
          'price',
          'product_id',
          'quantity',
          'sku',
        ])
    }
  })

  it('opens each brand with an identify, except anonymous sessions before a later identify', () => {
    const seen = new Map<string, boolean>()
    for (const { person, brand, message } of smallMessages) {
      const key = `${person}|${brand}`
      if (seen.has(key)) continue
      const who = small.people[person]!
      if (message.userId === undefined) {
        expect(who.identifiedLater && brand === who.primaryBrand).toBe(true)
        continue
      }
      expect(message.type).toBe('identify')
      seen.set(key, true)
    }
    for (const index of small.expectations.anonymousThenIdentified) {
      const who = small.people[index]!
      const own = smallMessages.filter((e) => e.person === index && e.brand === who.primaryBrand)
      const identify = own.findIndex((e) => e.message.type === 'identify')
      expect(identify).toBeGreaterThan(0)
      expect(own.slice(0, identify).every((e) => e.message.userId === undefined)).toBe(true)
      expect(own[identify]?.message).toMatchObject({
        userId: who.userIds[who.primaryBrand],
        anonymousId: who.anonymousIds[who.primaryBrand],
      })
      expect(own.slice(identify).every((e) => e.message.userId === who.userIds[who.primaryBrand])).toBe(true)
    }
  })

  it('resolves every category sent to a topic, with the intended sensitivity, and sends a few sensitive ones', () => {
    const categories = new Set(smallSignals.map((s) => s.category))
    for (const category of categories) {
      const resolution = resolver.resolve(category)
      expect(resolution, category).toBeDefined()
      expect(SENSITIVE_CATEGORIES.has(category), category).toBe(true)
      expect(resolution?.sensitive, category).toBe(SENSITIVE_CATEGORIES.get(category))
    }
    const sensitive = smallSignals.filter((s) => SENSITIVE_CATEGORIES.get(s.category)).length
    expect(sensitive / smallSignals.length).toBeGreaterThan(0.005)
    expect(sensitive / smallSignals.length).toBeLessThan(0.1)
  })

  it('marks every gifter baby purchase as a gift, on 1-3 days, with no other baby signal', () => {
    expect(small.expectations.babyShowerGifters.length).toBeGreaterThan(10)
    for (const index of small.expectations.babyShowerGifters) {
      const baby = signalsFor(index).filter((s) => topicOf(s.category).startsWith('baby_kids'))
      expect(baby.length).toBeGreaterThan(0)
      for (const signal of baby) {
        expect(signal.event).toBe('Order Completed')
        expect(signal.gift).toBe(true)
      }
      const days = new Set(baby.map((s) => s.day)).size
      expect(days).toBeGreaterThanOrEqual(1)
      expect(days).toBeLessThanOrEqual(3)
      const intent = small.people[index]!.intent
      expect([...intent.recurring, ...intent.oneTime].some((s) => s.topic.startsWith('baby_kids'))).toBe(
        false,
      )
    }
    const showcaseDays = new Set(signalsFor(small.expectations.showcase.babyShowerGifter!).map((s) => s.day))
    expect(showcaseDays.size).toBe(3)
  })

  it('gives one-off baby buyers exactly one unmarked baby order, on one day', () => {
    for (const index of small.expectations.oneOffBabyBuyers) {
      const orders = signalsFor(index).filter((s) => s.event === 'Order Completed')
      expect(orders).toHaveLength(1)
      expect(orders[0]?.gift).toBe(false)
      expect(topicOf(orders[0]!.category)).toMatch(/^baby_kids/)
      const baby = signalsFor(index).filter((s) => topicOf(s.category).startsWith('baby_kids'))
      expect(new Set(baby.map((s) => s.day)).size).toBe(1)
    }
  })

  it('has recurring hikers view hiking products on at least 4 distinct UTC days', () => {
    expect(small.expectations.recurringHikers.length).toBeGreaterThan(30)
    for (const index of small.expectations.recurringHikers) {
      const hiking = signalsFor(index).filter(
        (s) =>
          s.event === 'Product Viewed' &&
          s.brand === 'outdoor' &&
          topicOf(s.category).startsWith('outdoors.hiking'),
      )
      expect(new Set(hiking.map((s) => s.day)).size).toBeGreaterThanOrEqual(4)
      const [recurring] = small.people[index]!.intent.recurring.filter((s) =>
        s.topic.startsWith('outdoors.hiking'),
      )
      expect(recurring?.days).toBeGreaterThanOrEqual(4)
    }
  })

  it('has young parents buy baby products, unmarked, on at least 2 distinct days', () => {
    for (const index of small.expectations.youngParents) {
      const orders = signalsFor(index).filter(
        (s) => s.event === 'Order Completed' && topicOf(s.category).startsWith('baby_kids'),
      )
      expect(orders.every((s) => !s.gift)).toBe(true)
      expect(new Set(orders.map((s) => s.day)).size).toBeGreaterThanOrEqual(2)
    }
  })

  it('has one-time searchers search once, with a category whose topic appears on one day only', () => {
    for (const index of small.expectations.oneTimeSearchers) {
      const searches = signalsFor(index).filter((s) => s.event === 'Products Searched')
      expect(searches).toHaveLength(1)
      const topic = topicOf(searches[0]!.category)
      const days = signalsFor(index).filter(
        (s) => s.brand === searches[0]!.brand && topicOf(s.category) === topic,
      )
      expect(new Set(days.map((s) => s.day)).size).toBe(1)
    }
    const drill = small.people[small.expectations.showcase.oneTimeSearcher!]!
    expect(drill.intent.oneTime.map((s) => s.category)).toContain('Tools > Power Tools > Drills')
  })

  it("describes each person's signals truthfully in intent", () => {
    for (const person of small.people) {
      const expected = new Map<string, { days: Set<number>; bucket: string }>()
      for (const s of signalsFor(person.index)) {
        const topic = topicOf(s.category)
        const bucket = SENSITIVE_CATEGORIES.get(s.category) ? 'sensitive' : s.gift ? 'gifts' : 'ordinary'
        const key = `${bucket}|${s.brand}|${topic}`
        const entry = expected.get(key) ?? { days: new Set<number>(), bucket }
        entry.days.add(s.day)
        expected.set(key, entry)
      }
      const actual = new Map<string, number>()
      const { recurring, oneTime, gifts, sensitive } = person.intent
      for (const s of recurring) actual.set(`ordinary|${s.brand}|${s.topic}`, s.days)
      for (const s of oneTime) actual.set(`ordinary|${s.brand}|${s.topic}`, s.days)
      for (const s of gifts) actual.set(`gifts|${s.brand}|${s.topic}`, s.days)
      for (const s of sensitive) actual.set(`sensitive|${s.brand}|${s.topic}`, s.days)
      expect(actual).toEqual(new Map([...expected].map(([key, value]) => [key, value.days.size])))
      for (const s of recurring) expect(s.days).toBeGreaterThanOrEqual(2)
      for (const s of oneTime) expect(s.days).toBe(1)
    }
  })

  it('sends categoryPreferences only for CMP users, matching their ledger, and relays GPC', () => {
    let withPreferences = 0
    for (const { person, brand, gpc, message } of smallMessages) {
      const who = small.people[person]!
      expect(gpc).toBe(who.gpc)
      const consent = message.context.consent
      if (!who.consentInContext) {
        expect(consent).toBeUndefined()
        continue
      }
      if (consent === undefined) continue
      withPreferences++
      const preferences = (consent as JsonObject).categoryPreferences as JsonObject
      const at = Date.parse(message.timestamp)
      const state = consentStateAt(who, brand, 'personalization', at)
      expect(preferences.Personalization).toBe(state === undefined ? undefined : state === 'granted')
    }
    expect(withPreferences).toBeGreaterThan(0)
  })

  it('streams 10 000 persons', () => {
    const demo = generateDemo({ persons: 10_000, seed: 3, now: NOW })
    let count = 0
    for (const _ of demo.messages()) count++
    expect(count).toBeGreaterThan(100_000)
  })
})

describe('generateDemo: offers', () => {
  it('has at least 100 active home_hero offers at outdoor', () => {
    const active = small.offers.filter(
      (o) => o.brand === 'outdoor' && o.placements.includes('home_hero') && isOfferActive(o, NOW),
    )
    expect(active.length).toBeGreaterThanOrEqual(100)
  })

  it('covers every placement at every brand, with unique ids and valid fields', () => {
    expect(new Set(small.offers.map((o) => o.id)).size).toBe(small.offers.length)
    for (const brand of DEMO_BRAND_IDS) {
      for (const placement of DEMO_PLACEMENTS) {
        expect(
          small.offers.some((o) => o.brand === brand && o.placements.includes(placement)),
          `${brand} ${placement}`,
        ).toBe(true)
      }
    }
    for (const offer of small.offers) {
      expect(offer.placements.length).toBeGreaterThan(0)
      expect(Number.isInteger(offer.priority)).toBe(true)
      if (offer.startsAt && offer.endsAt)
        expect(Date.parse(offer.startsAt)).toBeLessThan(Date.parse(offer.endsAt))
      if (offer.frequencyCap) expect(offer.frequencyCap.count).toBeGreaterThan(0)
    }
    const beneficial = small.offers.filter((o) => o.beneficial).length / small.offers.length
    expect(beneficial).toBeGreaterThan(0.2)
    expect(beneficial).toBeLessThan(0.4)
    expect(small.offers.some((o) => Object.keys(o.topics).length === 0)).toBe(true)
    expect(small.offers.some((o) => !isOfferActive(o, NOW))).toBe(true)
  })

  it('targets only existing, non-sensitive topics with weights in (0, 1]', () => {
    for (const offer of small.offers) {
      for (const [topic, weight] of Object.entries(offer.topics)) {
        expect(taxonomy.has(topic), topic).toBe(true)
        expect(taxonomy.isSensitive(topic), topic).toBe(false)
        expect(weight).toBeGreaterThan(0)
        expect(weight).toBeLessThanOrEqual(1)
      }
    }
  })
})
