import { describe, expect, it } from 'vitest'
import { createIngestionPipeline } from '../ingestion/index.js'
import { createCategoryResolver, createTopicTaxonomy } from '../interests/index.js'
import { DEMO_JOURNEY_PERSONAS, generateJourneys } from './demo-journeys.js'

const NOW = Date.UTC(2026, 10, 20, 12)
const DAY = 86_400_000
const resolver = createCategoryResolver(createTopicTaxonomy())
const pipeline = createIngestionPipeline({ mapCategoryPreferences: () => ({ decisions: [] }) })

describe('demo journeys', () => {
  const people = generateJourneys({ persons: 70, seed: 42, now: NOW })

  it('is deterministic and covers every persona in turn', () => {
    expect(generateJourneys({ persons: 70, seed: 42, now: NOW })).toEqual(people)
    expect(generateJourneys({ persons: 70, seed: 43, now: NOW })).not.toEqual(people)
    expect(people.slice(0, DEMO_JOURNEY_PERSONAS.length).map((p) => p.persona)).toEqual([
      ...DEMO_JOURNEY_PERSONAS,
    ])
    const ids = people.flatMap((p) => p.messages.map((m) => m.messageId))
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('keeps the history before now − 15 d and the next purchases in the 14 days after now − 14 d', () => {
    for (const p of people) {
      const purchases = p.messages.filter((m) => m.event === 'Order Completed')
      const future = purchases.filter((m) => Date.parse(m.timestamp) >= NOW - 14 * DAY)
      expect(future.length, p.persona).toBe(1)
      for (const m of p.messages.filter((x) => !future.includes(x)))
        expect(Date.parse(m.timestamp), p.persona).toBeLessThan(NOW - 15 * DAY)
      const products = (future[0]?.properties.products ?? []) as { category: string }[]
      const topic = resolver.resolve(String(products[0]?.category))
      expect([topic?.topic]).toEqual(p.nextPurchases)
    }
  })

  it('sends gifts the pipeline detects: a flag, gift wrap, a gift message, or another shipping name', () => {
    for (const p of people.filter((x) => x.giftTopics.length > 0)) {
      const gifts = p.messages
        .map((m) => pipeline.processMessage(m, { receivedAt: Date.parse(m.sentAt) }))
        .filter((r) => r.type === 'ok' && r.value.gift.isGift)
      expect(gifts.length, p.persona).toBe(1)
    }
    const shipped = people.find((p) => p.persona === 'shipped-gift-journey')
    const order = shipped?.messages.find(
      (m) => m.event === 'Order Completed' && 'shipping_address' in m.properties,
    )
    expect(order?.properties).not.toHaveProperty('gift')
  })
})
