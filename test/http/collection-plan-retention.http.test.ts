/**
 * Declared retention drives expiry (issue 19): a trait the collection plan keeps for 1 day is a
 * data item that the policy engine hides the moment the day is over, and the next purge deletes
 * it, with a `retention.purge` audit entry carrying the counts. A trait without declared retention
 * is kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/kernel/clock.js'
import { DIALECTS } from '../support/dialects.js'
import { createTestServer, type TestServer } from '../support/http.js'

const DAY = 86_400_000

for (const dialect of DIALECTS) {
  describe(`retention from the collection plan (${dialect})`, () => {
    const clock = fixedClock(Date.UTC(2026, 11, 1, 12))
    let s: TestServer
    beforeAll(async () => {
      s = await createTestServer(dialect, {}, ['outdoor'], { clock })
      const plan = {
        mode: 'observe',
        events: [],
        traits: {
          email: {
            category: 'user.contact.email',
            purposes: ['essential'],
            retentionDays: 1,
            justification: 'Receipts',
          },
          username: { category: 'user.account.username', purposes: ['essential'], justification: 'Sign-in' },
        },
        context: {},
      }
      const r = await s.call('PUT', '/v1/brands/outdoor/collection-plan', {
        key: s.keys.admin,
        body: { reason: 'Emails for a day', plan },
      })
      expect(r.statusCode, r.body).toBe(200)
      const identify = await s.app.inject({
        method: 'POST',
        url: '/v1/identify',
        headers: { authorization: `Bearer ${s.keys.write.outdoor}` },
        payload: { userId: 'ann', traits: { email: 'ann@example.com', username: 'ann' } },
      })
      expect(identify.statusCode, identify.body).toBe(200)
    })
    afterAll(async () => s.close())

    const view = async () => {
      const r = await s.call('GET', '/v1/persons/ann?purpose=essential', { key: s.keys.server.outdoor })
      expect(r.statusCode, r.body).toBe(200)
      return r.json() as { items: { key: string }[]; excluded: { key: string; reason: string }[] }
    }

    it('hides an item past its declared retention at once, and the next purge deletes it, audited', async () => {
      expect((await view()).items.map((i) => i.key).sort()).toEqual(['trait.email', 'trait.username'])
      clock.advance(DAY - 1000)
      expect((await s.candor.dataItems.purgeExpired('test')).dataItems).toBe(0)
      clock.advance(2000)
      const hidden = await view()
      expect(hidden.items.map((i) => i.key)).toEqual(['trait.username'])
      expect(hidden.excluded).toEqual([expect.objectContaining({ key: 'trait.email', reason: 'expired' })])
      const purged = await s.candor.dataItems.purgeExpired('test')
      expect(purged).toEqual({ dataItems: 1, brands: { outdoor: 1 } })
      const after = await view()
      expect(after.excluded).toEqual([])
      expect(after.items.map((i) => i.key)).toEqual(['trait.username'])
      await s.candor.audit.flush()
      const entries = (await s.candor.audit.query({ brandId: 'outdoor', limit: 50 })).filter(
        (e) => e.action === 'retention.purge',
      )
      expect(entries.map((e) => e.details.dataItems)).toEqual([1])
      expect(entries[0]?.actor).toBe('test')
    })
  })
}
