import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { OFFER_TOPICS } from './demo-catalog.js'
import { generateOffers } from './demo-offers.js'

describe('demo offers', () => {
  it('name every topic they target in their title, so an explanation matches the offer', () => {
    const labels = new Map(Object.values(OFFER_TOPICS).flatMap((pairs) => pairs.map(([t, l]) => [t, l])))
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (seed) => {
        for (const offer of generateOffers(seed, Date.UTC(2026, 5, 1))) {
          for (const topic of Object.keys(offer.topics)) expect(offer.title).toContain(labels.get(topic))
        }
      }),
      { numRuns: 20 },
    )
  })
})
