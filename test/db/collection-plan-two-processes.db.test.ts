/**
 * A saved collection plan applies on every process within a second (issue 19): two Candor
 * instances on one store, one saves, the other's intake sees the new version within
 * PLAN_CACHE_MS (500 ms) — and the saving process at once. Violations count across both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Candor, createCandor } from '../../src/app/create-candor.js'
import { PLAN_CACHE_MS } from '../../src/modules/collection-plan/index.js'
import { createTestCandor, DIALECTS } from '../support/dialects.js'

const doc = (mode: string) => ({
  mode,
  events: [],
  traits: {
    email: {
      category: 'user.contact.email',
      purposes: ['essential'],
      retentionDays: 30,
      justification: 'Receipts',
    },
  },
  context: {},
})

for (const dialect of DIALECTS) {
  describe(`collection plan across processes (${dialect})`, () => {
    let a: Candor
    let b: Candor
    let closeA: () => Promise<void>
    beforeAll(async () => {
      const first = await createTestCandor(dialect)
      a = first.candor
      closeA = first.close
      await a.brands.add({ id: 'outdoor', name: 'Outdoor' })
      b = await createCandor(first.env.config)
    })
    afterAll(async () => {
      await b?.close()
      await closeA?.()
    })

    it('the saving process applies a new version at once, the other within the cache period', async () => {
      expect(await b.collectionPlans.activePlan('outdoor')).toBeUndefined()
      const saved = await a.collectionPlans.save({
        brandId: 'outdoor',
        document: doc('strip'),
        reason: 'first',
        actor: 'cli',
        reviewer: false,
      })
      expect(saved.accepted).toBe(true)
      expect((await a.collectionPlans.activePlan('outdoor'))?.mode).toBe('strip')
      const started = Date.now()
      let seen: string | undefined
      while (Date.now() - started < 1000) {
        seen = (await b.collectionPlans.activePlan('outdoor'))?.mode
        if (seen === 'strip') break
        await new Promise((r) => setTimeout(r, 20))
      }
      const lag = Date.now() - started
      expect(seen).toBe('strip')
      expect(lag).toBeLessThanOrEqual(PLAN_CACHE_MS + 100)
      await b.collectionPlans.save({
        brandId: 'outdoor',
        document: doc('reject'),
        reason: 'second',
        actor: 'cli',
        reviewer: false,
      })
      await new Promise((r) => setTimeout(r, PLAN_CACHE_MS + 20))
      expect((await a.collectionPlans.activePlan('outdoor'))?.mode).toBe('reject')
      expect((await a.collectionPlans.versions('outdoor', 10)).map((v) => [v.version, v.reason])).toEqual([
        [2, 'second'],
        [1, 'first'],
      ])
    })

    it('counts violations by name from both processes into one row', async () => {
      const v = [
        { event: 'Product Viewed', field: 'properties.color', kind: 'undeclared' as const, count: 2 },
      ]
      await a.stores.collectionPlans.countViolations('outdoor', v, 1000)
      await b.stores.collectionPlans.countViolations('outdoor', v, 2000)
      expect(await a.collectionPlans.violations('outdoor', 10)).toEqual([
        { ...v[0], count: 4, firstSeenAt: 1000, lastSeenAt: 2000 },
      ])
    })
  })
}
