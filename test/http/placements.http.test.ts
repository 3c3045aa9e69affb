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
