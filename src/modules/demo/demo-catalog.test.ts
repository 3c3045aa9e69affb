import { describe, expect, it } from 'vitest'
import { createCategoryResolver, createTopicTaxonomy } from '../interests/index.js'
import { DEMO_PRODUCT_LINES, OFFER_TOPICS } from './demo-catalog.js'
import { DEMO_BRAND_IDS } from './demo-types.js'

const taxonomy = createTopicTaxonomy()
const resolver = createCategoryResolver(taxonomy)

describe('demo catalogue', () => {
  const categories = DEMO_PRODUCT_LINES.flatMap((line) =>
    line.categories.map((entry) => ({ line: line.key, sensitive: line.sensitive, ...entry })),
  )

  it.each(categories)('$category resolves to $topic (line $line)', ({ category, topic, sensitive }) => {
    const resolution = resolver.resolve(category)
    expect(resolution?.topic).toBe(topic)
    expect(resolution?.sensitive).toBe(sensitive)
  })

  it('has sensitive lines (so the demo shows signals being dropped) and mostly ordinary ones', () => {
    const sensitive = DEMO_PRODUCT_LINES.filter((line) => line.sensitive).map((line) => line.key)
    expect(sensitive).toEqual(expect.arrayContaining(['weight-loss', 'wine', 'pregnancy']))
    expect(sensitive.length).toBeLessThan(DEMO_PRODUCT_LINES.length / 4)
  })

  it('never lets two lines of one brand share a topic, so single views of different lines stay single', () => {
    for (const brand of DEMO_BRAND_IDS) {
      const owner = new Map<string, string>()
      for (const line of DEMO_PRODUCT_LINES.filter((entry) => entry.brand === brand)) {
        for (const { topic } of line.categories) {
          expect(owner.get(topic) ?? line.key, `${topic} in ${brand}`).toBe(line.key)
          owner.set(topic, line.key)
        }
      }
    }
  })

  it('has unique line keys and non-empty product lists', () => {
    expect(new Set(DEMO_PRODUCT_LINES.map((line) => line.key)).size).toBe(DEMO_PRODUCT_LINES.length)
    for (const entry of categories) expect(entry.products.length).toBeGreaterThan(0)
  })

  it('offers only existing, non-sensitive topics', () => {
    for (const brand of DEMO_BRAND_IDS) {
      for (const [topic] of OFFER_TOPICS[brand]) {
        expect(taxonomy.has(topic), topic).toBe(true)
        expect(taxonomy.isSensitive(topic), topic).toBe(false)
      }
    }
  })
})
