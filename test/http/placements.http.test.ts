import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/dialects.js'
import { createTestServer, type TestServer } from '../support/http.js'

// A decide for a placement no offer of the brand uses (a typo) answers 200, like any decide a
// page makes (a page must not break when its placement's last offer is removed), and says why it
// is empty: fallbackReason `unknown-placement`, with the placements the brand has.
for (const dialect of DIALECTS) {
  describe(`a decide for a placement the brand does not have (${dialect})`, () => {
    let s: TestServer
    beforeAll(async () => {
      s = await createTestServer(dialect)
    })
    afterAll(() => s.close())
    const decide = (brand: string, placement: string) =>
      s.call('POST', '/v1/decide', { key: s.keys.server[brand], body: { userId: 'ann', placement } })

    it('says the placement is unknown and names the brand’s placements', async () => {
      for (const [id, placements] of [
        ['o-1', ['home_hero']],
        ['o-2', ['home_hero', 'product_page']],
      ] as const) {
        const r = await s.call('POST', '/v1/offers', {
          key: s.keys.admin,
          body: { id, brand: 'outdoor', title: id, placements, topics: {} },
        })
        expect(r.statusCode, r.body).toBe(201)
      }
      const typo = await decide('outdoor', 'home_heor')
      expect(typo.statusCode).toBe(200)
      expect(typo.json()).toMatchObject({
        items: [],
        personalized: false,
        fallbackReason: 'unknown-placement',
        placements: ['home_hero', 'product_page'],
      })
      const known = await decide('outdoor', 'home_hero')
      expect(known.json().items.length).toBe(2)
      expect(known.json().fallbackReason).not.toBe('unknown-placement')
      expect(known.json().placements).toBeUndefined()
    })

    it('a brand without offers has no placements', async () => {
      const r = await decide('baby', 'home_hero')
      expect(r.json()).toMatchObject({ items: [], fallbackReason: 'unknown-placement', placements: [] })
    })
  })
}

for (const dialect of DIALECTS) {
  describe(`a decide after "not interested" (${dialect})`, () => {
    let s: TestServer
    beforeAll(async () => {
      s = await createTestServer(dialect)
    })
    afterAll(() => s.close())

    it('says the person opted out of topics, not that nothing recurred', async () => {
      const key = s.keys.server.outdoor as string
      const r = await s.call('POST', '/v1/offers', {
        key: s.keys.admin,
        body: {
          id: 'feature',
          brand: 'outdoor',
          title: 'Our repair program',
          placements: ['home_hero'],
          topics: {},
        },
      })
      expect(r.statusCode, r.body).toBe(201)
      await s.call('POST', '/v1/persons/ann/consent', {
        key,
        body: { purpose: 'personalization', state: 'granted' },
      })
      const before = await s.call('POST', '/v1/decide', {
        key,
        body: { userId: 'ann', placement: 'home_hero' },
      })
      expect(before.json().fallbackReason).toBe('no-established-interests')
      const rejected = await s.call('POST', '/v1/persons/ann/interests', {
        key,
        body: { topic: 'outdoors.hiking', state: 'rejected' },
      })
      expect(rejected.statusCode, rejected.body).toBeLessThan(300)
      const after = await s.call('POST', '/v1/decide', {
        key,
        body: { userId: 'ann', placement: 'home_hero' },
      })
      expect(after.json().fallbackReason).toBe('topics-rejected')
      const text = after.json().items[0].explanation.text as string
      expect(text).toContain('you opted out of some topics')
      expect(text).not.toContain('we have not seen an interest of yours recur')
    })
  })
}
