// A brand-scoped erasure through node A makes node B treat the reference at that brand as unknown
// on its very next decision, also when the erasure deletes no consent record (the person's only
// consent is at another brand): only the identities trigger tells B's kept person state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Candor, createCandor } from '../../src/app/create-candor.js'
import { createTestCandor, DIALECTS } from '../support/dialects.js'
import { recordPersonalization } from '../support/fixtures.js'

const user = (value: string) => ({ kind: 'user', value }) as const

for (const dialect of DIALECTS) {
  describe(`brand-scoped erasure across nodes (${dialect})`, () => {
    let a: Candor
    let b: Candor
    let close: () => Promise<void>
    beforeAll(async () => {
      const first = await createTestCandor(dialect)
      a = first.candor
      close = first.close
      b = await createCandor(first.env.config)
      await a.brands.add({ id: 'outdoor', name: 'Outdoor' })
      await a.brands.add({ id: 'baby', name: 'Baby' })
      // A placement the brand has: a decision there says why it is not personalized.
      await a.offers.put(
        {
          id: 'outdoor-home',
          brand: 'outdoor',
          title: 'Tents',
          placements: ['home'],
          topics: { outdoors: 1 },
        },
        'create',
      )
    })
    afterAll(async () => {
      await b.close()
      await close()
    })

    it("B's next decision after A erased the person at one brand is unknown-person there", async () => {
      const ref = user('erased-at-one-brand')
      const { personId: p } = await recordPersonalization(a, 'baby', ref)
      await a.transaction((s) => a.persons.addIdentityIn(s, p, 'outdoor', ref))
      const decide = () =>
        b.decisions.decide({
          brandId: 'outdoor',
          ref,
          placement: 'home',
          limit: 3,
          gpc: false,
          actor: 'test',
        })
      expect((await decide()).fallbackReason).toBe('no-consent')
      expect((await decide()).fallbackReason).toBe('no-consent') // now from B's cache
      await a.erasure.erase({
        personId: p,
        brandId: 'outdoor',
        allBrands: false,
        suppress: false,
        actor: 'test',
      })
      expect(await a.persons.resolve(a.stores, 'outdoor', ref)).toBeUndefined()
      expect(await a.persons.resolve(a.stores, 'baby', ref)).toBe(p)
      expect((await decide()).fallbackReason).toBe('unknown-person')
    })
  })
}
