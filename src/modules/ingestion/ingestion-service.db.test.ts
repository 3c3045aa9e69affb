/**
 * IngestionService reads what a request needs once (dedupe, identities, suppressions, consent
 * states) and writes in bulk. These cases pin the answers that must not change with that: a
 * consent change or a merge inside the request is seen by the interest model, suppressed
 * identities are refused, and `ingestIn` leaves the commit to its caller.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestCandor, DIALECTS } from '../../../test/support/dialects.js'
import { recordPersonalization } from '../../../test/support/fixtures.js'
import { batchInput } from '../../../test/support/ingest.js'
import type { Candor } from '../../app/create-candor.js'
import { fixedClock } from '../../kernel/clock.js'

const NOW = Date.UTC(2026, 10, 29, 12)
const DAY = 86_400_000

for (const dialect of DIALECTS) {
  describe(`ingestion service on ${dialect}`, () => {
    let candor: Candor
    let close: () => Promise<void>
    const clock = fixedClock(NOW)
    let n = 0

    beforeAll(async () => {
      ;({ candor, close } = await createTestCandor(dialect, { clock }))
      await candor.brands.add({ id: 'outdoor', name: 'Outdoor' })
    })
    afterAll(() => close())

    const view = (ids: { userId?: string; anonymousId?: string }, daysAgo: number, extra = {}) => ({
      type: 'track',
      event: 'Product Viewed',
      messageId: `m-${++n}`,
      timestamp: new Date(NOW - daysAgo * DAY).toISOString(),
      properties: { category: 'Outdoors > Hiking > Boots' },
      ...ids,
      ...extra,
    })
    const prefs = (personalization: boolean) => ({
      context: { consent: { categoryPreferences: { Personalization: personalization } } },
    })

    const input = (batch: Record<string, unknown>[]) => batchInput(candor, batch, NOW)
    const ingest = (batch: Record<string, unknown>[]) => candor.ingestion.ingest(input(batch))
    const personOf = (ref: { kind: 'user' | 'anonymous'; value: string }) =>
      candor.transaction((s) => candor.persons.resolve(s, 'outdoor', ref))
    const interestsOf = async (ref: { kind: 'user' | 'anonymous'; value: string }) => {
      const personId = await personOf(ref)
      return personId ? candor.stores.interests.forPersonBrand(personId, 'outdoor') : []
    }
    const grant = (ref: { kind: 'user' | 'anonymous'; value: string }) =>
      recordPersonalization(candor, 'outdoor', ref)

    it('a grant in a later message of the request lets the model count the whole request', async () => {
      await ingest([view({ userId: 'late-grant' }, 3)])
      expect(await interestsOf({ kind: 'user', value: 'late-grant' })).toEqual([])
      const outcome = await ingest([
        view({ userId: 'late-grant' }, 2),
        view({ userId: 'late-grant' }, 1, prefs(true)),
      ])
      expect(outcome).toEqual({ accepted: 2, duplicates: 0, rejected: 0 })
      const [interest] = await interestsOf({ kind: 'user', value: 'late-grant' })
      // The grant recomputed from the stored history (1 event), then the request's 2 counted.
      expect(interest?.signals).toEqual({ view: 3 })
    })

    it('a withdrawal in the request stops the model for all of it', async () => {
      await grant({ kind: 'user', value: 'withdraws' })
      await ingest([view({ userId: 'withdraws' }, 3)])
      expect((await interestsOf({ kind: 'user', value: 'withdraws' }))[0]?.signals).toEqual({ view: 1 })
      await ingest([view({ userId: 'withdraws' }, 2), view({ userId: 'withdraws' }, 1, prefs(false))])
      expect(await interestsOf({ kind: 'user', value: 'withdraws' })).toEqual([])
    })

    it("a merge in the request counts toward the survivor, under the merged ledger's consent", async () => {
      // The anonymous visitor allowed personalization; the user (created by another brand call) did not.
      await grant({ kind: 'anonymous', value: 'merge-anon' })
      await ingest([view({ anonymousId: 'merge-anon' }, 3)])
      await candor.transaction((s) =>
        candor.persons.resolveOrCreate(s, 'outdoor', { kind: 'user', value: 'merge-user' }),
      )
      await ingest([view({ userId: 'merge-user', anonymousId: 'merge-anon' }, 1)])
      const survivor = await personOf({ kind: 'user', value: 'merge-user' })
      expect(await personOf({ kind: 'anonymous', value: 'merge-anon' })).toBe(survivor)
      expect((await interestsOf({ kind: 'user', value: 'merge-user' }))[0]?.signals).toEqual({ view: 2 })
    })

    it('a person new in the request gets one data key for their events and identify traits', async () => {
      const identify = {
        type: 'identify',
        userId: 'one-key',
        messageId: `m-${++n}`,
        traits: { email: 'one-key@example.com', firstName: 'Ada' },
      }
      await ingest([view({ userId: 'one-key' }, 1), identify])
      const personId = await personOf({ kind: 'user', value: 'one-key' })
      const keys = await candor.storage.keys
        .selectFrom('data_keys')
        .select('key_id')
        .where('person_id', '=', personId as string)
        .execute()
      expect(keys).toHaveLength(1)
    })

    it('refuses the messages of suppressed identities only, and stores the rest', async () => {
      await ingest([view({ userId: 'erased' }, 1)])
      const personId = (await personOf({ kind: 'user', value: 'erased' })) as string
      await candor.erasure.erase({
        personId,
        brandId: 'outdoor',
        allBrands: false,
        suppress: true,
        actor: 'test',
      })
      const outcome = await ingest([
        view({ userId: 'erased' }, 1),
        view({ userId: 'new-after-erasure' }, 1),
        view({ anonymousId: 'anon-after-erasure' }, 1),
        view({ userId: 'erased', anonymousId: 'anon-of-erased' }, 1),
      ])
      expect(outcome).toEqual({ accepted: 2, duplicates: 0, rejected: 2 })
      expect(await personOf({ kind: 'user', value: 'erased' })).toBeUndefined()
      expect(await personOf({ kind: 'anonymous', value: 'anon-of-erased' })).toBeUndefined()
      const rejections = await candor.ingestion.rejections('outdoor', 10)
      expect(
        rejections
          .filter((r) => r.reason === 'suppressed')
          .map((r) => r.batchIndex)
          .sort(),
      ).toEqual([0, 3])
    })

    it('creating a person for an identity someone holds already yields the holder (a lost race)', async () => {
      const ref = { kind: 'anonymous', value: 'raced' } as const
      const first = await candor.transaction((s) => candor.persons.createIn(s, 'outdoor', ref))
      expect(first.created).toBe(true)
      const before = await candor.storage.data.selectFrom('persons').select('id').orderBy('id').execute()
      const second = await candor.transaction((s) => candor.persons.createIn(s, 'outdoor', ref))
      expect(second).toEqual({ personId: first.personId, created: false })
      // The person row made for nothing is gone again.
      expect(await candor.storage.data.selectFrom('persons').select('id').orderBy('id').execute()).toEqual(
        before,
      )
    })

    it("stores new people's data keys in one write, the merged-away visitor's under the survivor, and every event stays readable", async () => {
      await ingest([view({ userId: 'keys-known' }, 2)])
      const known = (await personOf({ kind: 'user', value: 'keys-known' })) as string
      const inserts: number[] = []
      const store = (candor.keyRing as unknown as { store: { insertDataKeys(k: unknown[]): Promise<void> } })
        .store
      const original = store.insertDataKeys.bind(store)
      store.insertDataKeys = (k) => {
        inserts.push(k.length)
        return original(k)
      }
      try {
        await ingest([
          view({ userId: 'keys-new-1' }, 1),
          view({ userId: 'keys-new-2' }, 1),
          view({ anonymousId: 'keys-visitor' }, 1),
          { type: 'identify', messageId: `m-${++n}`, anonymousId: 'keys-visitor', userId: 'keys-known' },
        ])
      } finally {
        store.insertDataKeys = original
      }
      // Three new people (two users and the visitor), one write.
      expect(inserts).toEqual([3])
      const owners = async (personId: string) => {
        const events = await candor.stores.events.page(personId, 'outdoor', 50)
        const rows = await candor.storage.keys
          .selectFrom('data_keys')
          .select(['key_id', 'person_id'])
          .where(
            'key_id',
            'in',
            events.map((e) => e.keyId),
          )
          .execute()
        for (const e of events) expect(await candor.keyRing.dataKey(e.keyId)).toBeDefined()
        return { events: events.length, owners: new Set(rows.map((r) => r.person_id)) }
      }
      expect(await owners(known)).toEqual({ events: 3, owners: new Set([known]) })
      const first = (await personOf({ kind: 'user', value: 'keys-new-1' })) as string
      expect(await owners(first)).toEqual({ events: 1, owners: new Set([first]) })
    })

    it('concurrent requests naming the same new people (with traits and consent) all commit, each message once', async () => {
      // On PostgreSQL these run side by side. Each takes identity rows and, at its end, the audit
      // chain head: a request that locked the head early (an identify's data items, a consent
      // change) and then waited for another's identity row deadlocked with it.
      // Request r names people 4r to 4r + 23: each starts with people of its own, then people the
      // next requests start with (SDK batches of overlapping sessions look like this).
      const users = Array.from({ length: 68 }, (_, k) => `together-${k}`)
      const request = (r: number) =>
        users.slice(4 * r, 4 * r + 24).flatMap((u, k) => [
          view({ userId: u }, (k + r) % 3, prefs(true)),
          {
            type: 'identify',
            messageId: `m-${++n}`,
            userId: u,
            traits: { firstName: `N${r}` },
          },
        ])
      // More at once than PostgreSQL's pool has connections (10).
      const batches = Array.from({ length: 12 }, (_, r) => request(r))
      const outcomes = await Promise.all(batches.map((b) => ingest(b)))
      for (const [r, o] of outcomes.entries())
        expect(o).toEqual({ accepted: batches[r]?.length, duplicates: 0, rejected: 0 })
      for (const [k, u] of users.entries()) {
        const personId = (await personOf({ kind: 'user', value: u })) as string
        // Each person is named (a view and an identify) by every request whose window holds them.
        const named = batches.filter((_, r) => k >= 4 * r && k < 4 * r + 24).length
        expect(await candor.stores.events.page(personId, 'outdoor', 100)).toHaveLength(2 * named)
      }
      expect((await candor.audit.verify()).ok).toBe(true)
    })

    it('requests creating the same new people in opposite orders all commit (a deadlock runs again)', async () => {
      const people = Array.from({ length: 30 }, (_, k) => `crossed-${k}`)
      const request = (order: string[]) => order.map((u) => view({ userId: u }, 1))
      const outcomes = await Promise.all([
        ingest(request(people)),
        ingest(request([...people].reverse())),
        ingest(request(people)),
        ingest(request([...people].reverse())),
      ])
      for (const o of outcomes) expect(o).toEqual({ accepted: 30, duplicates: 0, rejected: 0 })
      for (const u of people) {
        const personId = (await personOf({ kind: 'user', value: u })) as string
        expect(await candor.stores.events.page(personId, 'outdoor', 10)).toHaveLength(4)
      }
    })

    it('ingestIn leaves the commit to the caller: a rollback keeps nothing', async () => {
      const batch = [view({ userId: 'in-caller-tx' }, 1)]
      await expect(
        candor.transaction(async (s) => {
          expect(await candor.ingestion.ingestIn(s, candor.ingestion.prepare(input(batch)))).toEqual({
            accepted: 1,
            duplicates: 0,
            rejected: 0,
          })
          throw new Error('the caller fails after ingesting')
        }),
      ).rejects.toThrow('the caller fails')
      expect(await personOf({ kind: 'user', value: 'in-caller-tx' })).toBeUndefined()
      expect(await ingest(batch)).toEqual({ accepted: 1, duplicates: 0, rejected: 0 })
      expect(await ingest(batch)).toEqual({ accepted: 0, duplicates: 1, rejected: 0 })
    })
  })
}
