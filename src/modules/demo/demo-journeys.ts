import { DEMO_PRODUCT_LINES, type DemoCategory } from './demo-catalog.js'
import type { DemoBrandId, DemoTrackMessage, JsonObject } from './demo-types.js'
import { createSeededRandom, type SeededRandom } from './seeded-random.js'

/**
 * Shopping journeys on top of the demo's people (issue 13): the browsing before a gift, durable
 * purchases, purchase bursts and recurring buyers, each person with what they buy next. Pure and
 * deterministic like the rest of the demo: everything derives from `seed` and `now`.
 *
 * Time: the journeys fall in `[now - 60 d, now - 15 d]`; each person's next own purchases (the
 * ground truth an offline evaluation predicts) fall in `[now - 13 d, now - 1 d]`, so a cut-off at
 * `now - 14 d` splits the history from the future.
 */

/** The journey personas. */
export const DEMO_JOURNEY_PERSONAS = [
  /** A steady hiker who researches a tent on 2–3 days and buys it as a gift (flag or gift wrap). */
  'outdoor-gift-journey',
  /** A parent of an older child (kids' clothing) who researches a stroller for a baby shower and buys it as a gift. */
  'baby-shower-journey',
  /** The same, but the order ships to another name: no gift flag. */
  'shipped-gift-journey',
  /** A young parent with a month of own baby purchases who also buys a stroller as a gift: keeps the baby interest. */
  'parent-who-gifts',
  /** A week of tent research ending in an own tent purchase; next buys a sleeping bag or a stove. */
  'tent-buyer',
  /** A week of stroller research ending in an own stroller purchase; next buys a car seat or feeding gear. */
  'stroller-buyer',
  /** Hiking gear viewed and bought every few weeks; next buys hiking gear again. */
  'recurring-hiking-buyer',
] as const

/** One of {@link DEMO_JOURNEY_PERSONAS}. */
export type DemoJourneyPersona = (typeof DEMO_JOURNEY_PERSONAS)[number]

/** A person of the journeys data with their messages. */
export interface DemoJourneyPerson {
  /** `journey-<seed>-<index>`: the userId at the brand. */
  readonly userId: string
  readonly persona: DemoJourneyPersona
  readonly brand: DemoBrandId
  /** Topics bought as gifts (for evaluation: a top offer resting on them is harmful). */
  readonly giftTopics: readonly string[]
  /** Durable topics the person bought for themselves (offers on them more of the same). */
  readonly durableTopics: readonly string[]
  /** Topics of the person's own purchases after the history (the ground truth of a time split). */
  readonly nextPurchases: readonly string[]
  /** The person's messages, chronological. */
  readonly messages: readonly DemoTrackMessage[]
}

const DAY_MS = 86_400_000

function categoryOf(topic: string): DemoCategory {
  for (const line of DEMO_PRODUCT_LINES)
    for (const c of line.categories) if (c.topic === topic && !line.sensitive) return c
  throw new Error(`no demo category for ${topic}`)
}

/** A small message builder for one person. */
class Journal {
  readonly messages: DemoTrackMessage[] = []
  private step = 0
  constructor(
    private readonly seed: number,
    private readonly index: number,
    readonly userId: string,
    private readonly random: SeededRandom,
    private readonly dayStart: (daysAgo: number) => number,
  ) {}

  private push(daysAgo: number, event: string, properties: JsonObject): void {
    const at = this.dayStart(daysAgo) + this.random.int(8, 20) * 3_600_000 + this.step * 60_000
    const step = this.step++
    this.messages.push({
      type: 'track',
      messageId: `demo-${this.seed}-j${this.index.toString(36)}-${step.toString(36)}`,
      userId: this.userId,
      timestamp: new Date(at).toISOString(),
      sentAt: new Date(at + 400).toISOString(),
      context: { library: { name: 'analytics.js', version: 'npm:next-1.72.0' } },
      event,
      properties,
    })
  }

  private product(topic: string): JsonObject {
    const c = categoryOf(topic)
    const [name, price] = this.random.pick(c.products)
    return { product_id: `p-${topic}-${name.length}`, name, category: c.category, price }
  }

  view(topic: string, daysAgo: number): void {
    this.push(daysAgo, 'Product Viewed', this.product(topic))
  }
  search(topic: string, daysAgo: number, query: string): void {
    this.push(daysAgo, 'Products Searched', { query, category: categoryOf(topic).category })
  }
  cart(topic: string, daysAgo: number): void {
    this.push(daysAgo, 'Product Added', this.product(topic))
  }
  order(topic: string, daysAgo: number, order: JsonObject = {}): void {
    this.push(daysAgo, 'Order Completed', {
      order_id: `o-${this.seed}-${this.index}-${this.step}`,
      currency: 'USD',
      products: [{ ...this.product(topic), quantity: 1 }],
      ...order,
    })
  }
  /** Views on `days` distinct days (ascending recency), a search and a cart add on the last one. */
  research(topic: string, daysAgo: readonly number[], query: string): void {
    daysAgo.forEach((d, k) => {
      this.view(topic, d)
      if (k === 1) this.search(topic, d, query)
      if (k === daysAgo.length - 1) this.cart(topic, d)
    })
  }
}

/**
 * People with shopping journeys, `persons` of them (the personas in turn), for the brands
 * `outdoor` and `littlesteps`.
 *
 * @example
 * const journeys = generateJourneys({ persons: 70, seed: 42, now: Date.UTC(2026, 10, 20) })
 * journeys[0].persona // 'outdoor-gift-journey'
 */
export function generateJourneys(options: {
  persons: number
  seed: number
  now: number
}): DemoJourneyPerson[] {
  const today = Math.floor(options.now / DAY_MS) * DAY_MS
  const dayStart = (daysAgo: number) => today - daysAgo * DAY_MS
  const out: DemoJourneyPerson[] = []
  for (let index = 0; index < options.persons; index++) {
    const persona = DEMO_JOURNEY_PERSONAS[index % DEMO_JOURNEY_PERSONAS.length] as DemoJourneyPersona
    const random = createSeededRandom(options.seed, 'journey', index)
    const userId = `journey-${options.seed}-${index}`
    const j = new Journal(options.seed, index, userId, random, dayStart)
    // The gift (or own purchase) day and the research days before it, inside the history.
    const buyDay = random.int(16, 30)
    const researchDays = [buyDay + random.int(4, 6), buyDay + random.int(2, 3), buyDay]
    const steadyDays = [random.int(50, 58), random.int(40, 47), random.int(30, 37), random.int(17, 24)]
    const next = random.int(2, 12)
    let brand: DemoBrandId = 'outdoor'
    let giftTopics: string[] = []
    let durableTopics: string[] = []
    let nextPurchases: string[] = []
    switch (persona) {
      case 'outdoor-gift-journey': {
        for (const d of steadyDays) j.view('outdoors.hiking.footwear', d)
        j.research('outdoors.camping.tents', researchDays, 'tent for a friend')
        j.order('outdoors.camping.tents', buyDay, random.chance(0.5) ? { gift: true } : { gift_wrap: true })
        j.order('outdoors.hiking.backpacks', next)
        giftTopics = ['outdoors.camping.tents']
        nextPurchases = ['outdoors.hiking.backpacks']
        break
      }
      case 'baby-shower-journey':
      case 'shipped-gift-journey': {
        brand = 'littlesteps'
        for (const d of steadyDays) j.view('baby_kids.kids_clothing', d)
        j.research('baby_kids.baby_gear.strollers', researchDays, 'baby shower gift ideas')
        j.order(
          'baby_kids.baby_gear.strollers',
          buyDay,
          persona === 'baby-shower-journey'
            ? { gift: true, gift_message: 'Congratulations!' }
            : {
                billing_address: { name: 'Ann Lee', city: 'Oslo' },
                shipping_address: { name: 'Bea Berg', city: 'Bergen' },
              },
        )
        j.order('baby_kids.kids_clothing', next)
        giftTopics = ['baby_kids.baby_gear.strollers']
        nextPurchases = ['baby_kids.kids_clothing']
        break
      }
      case 'parent-who-gifts': {
        brand = 'littlesteps'
        for (const d of steadyDays) {
          j.view('baby_kids.baby_gear.strollers', d + 1)
          j.order('baby_kids.feeding', d)
        }
        j.research('baby_kids.baby_gear.strollers', researchDays, 'stroller')
        j.order('baby_kids.baby_gear.strollers', buyDay, { gift: true })
        j.order('baby_kids.feeding', next)
        nextPurchases = ['baby_kids.feeding']
        break
      }
      case 'tent-buyer': {
        j.research('outdoors.camping.tents', [buyDay + 6, buyDay + 4, buyDay + 1], 'two person tent')
        j.order('outdoors.camping.tents', buyDay)
        const accessory = random.pick(['outdoors.camping.sleeping_bags', 'outdoors.camping.stoves'])
        j.order(accessory, next)
        durableTopics = ['outdoors.camping.tents']
        nextPurchases = [accessory]
        break
      }
      case 'stroller-buyer': {
        brand = 'littlesteps'
        j.research('baby_kids.baby_gear.strollers', [buyDay + 6, buyDay + 4, buyDay + 1], 'stroller')
        j.order('baby_kids.baby_gear.strollers', buyDay)
        const accessory = random.pick(['baby_kids.baby_gear.car_seats', 'baby_kids.feeding'])
        j.order(accessory, next)
        durableTopics = ['baby_kids.baby_gear.strollers']
        nextPurchases = [accessory]
        break
      }
      case 'recurring-hiking-buyer': {
        for (const d of steadyDays) {
          j.view('outdoors.hiking.footwear', d + 2)
          j.order('outdoors.hiking.footwear', d)
        }
        j.order('outdoors.hiking.footwear', next)
        nextPurchases = ['outdoors.hiking.footwear']
        break
      }
    }
    const messages = [...j.messages].sort((a, b) =>
      a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0,
    )
    out.push({ userId, persona, brand, giftTopics, durableTopics, nextPurchases, messages })
  }
  return out
}
