import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Candor, createCandor } from '../../src/app/create-candor.js'
import { createTestEnv, DIALECTS, type TestEnv } from '../support/dialects.js'
import { consentRecord, recordPersonalization } from '../support/fixtures.js'

const user = (value: string) => ({ kind: 'user', value }) as const

for (const dialect of DIALECTS) {
  describe(`trust core on ${dialect}`, () => {
    let env: TestEnv
    let candor: Candor
    beforeAll(async () => {
      env = createTestEnv(dialect)
      candor = await createCandor(env.config)
      await candor.brands.add({ id: 'outdoor', name: 'Outdoor' })
      await candor.brands.add({ id: 'baby', name: 'Baby' })
    })
    afterAll(async () => {
      await candor.close()
      await env.cleanup()
    })

    it('a withdrawal through one process applies to the very next view through another', async () => {
      const other = await createCandor(env.config)
      try {
        const w = await candor.dataItems.write({
          brandId: 'outdoor',
          ref: user('two-proc'),
          actor: 'test',
          items: [{ key: 'fav', value: 'climbing', category: 'user.preference.stated', source: 'stated' }],
        })
        await recordPersonalization(candor, 'outdoor', user('two-proc'))
        const view = () =>
          other.policy.view(w.personId, { brandId: 'outdoor', purpose: 'personalization', actor: 'test' })
        expect((await view()).items.map((i) => i.key)).toEqual(['fav'])
        await recordPersonalization(candor, 'outdoor', user('two-proc'), 'withdrawn')
        const after = await view()
        expect(after.items).toEqual([])
        expect(after.excluded).toEqual([
          { key: 'fav', category: 'user.preference.stated', brand: 'outdoor', reason: 'no-consent' },
        ])
      } finally {
        await other.close()
      }
    })

    it("a brand's consent states read only the entries that apply there, and agree with the whole ledger", async () => {
      const ref = user('brand-states')
      await recordPersonalization(candor, 'outdoor', ref)
      await candor.consent.record({
        brandId: 'outdoor',
        ref,
        actor: 'test',
        choices: [{ purpose: 'advertising', state: 'granted', scope: 'all_brands' }],
      })
      const personId = (await candor.persons.resolve(candor.stores, 'outdoor', ref)) as string
      // The same person's choice at another brand (as after a verified-email link).
      await candor.transaction((s) =>
        s.consent.append([
          consentRecord({
            id: 'cns_brand_states_baby',
            personId,
            brandId: 'baby',
            capturedBy: 'baby',
            state: 'denied',
            recordedAt: Date.now(),
          }),
        ]),
      )
      const rows = await candor.stores.consent.forPersons([personId], 'outdoor')
      expect(rows.map((r) => `${r.scope}:${r.brandId}:${r.purpose}`).sort()).toEqual([
        'all_brands:null:advertising',
        'brand:outdoor:personalization',
      ])
      const [one] = (await candor.consent.statesOf(candor.stores, [personId], 'outdoor')).values()
      const whole = await candor.consent.stateOf(candor.stores, personId)
      for (const purpose of ['personalization', 'advertising'])
        expect(one?.decide('outdoor', purpose)).toEqual(whole.decide('outdoor', purpose))
      expect(whole.isGranted('baby', 'personalization')).toBe(false)
    })

    it("a person's version changes with their ledger and identities (not with other data), and goes with them", async () => {
      const version = (personId: string) => candor.stores.persons.versionOf(personId)
      const { personId: a } = await recordPersonalization(candor, 'outdoor', user('ver-a'))
      const { personId: b } = await recordPersonalization(candor, 'outdoor', user('ver-b'))
      const v1 = await version(a)
      expect(v1).toBeTypeOf('number')
      expect(await candor.stores.persons.findVersionedByIdentity('outdoor', 'user', 'ver-a')).toEqual({
        personId: a,
        version: v1,
      })
      expect(await candor.stores.persons.findVersionedByIdentity('outdoor', 'user', 'nobody')).toBeUndefined()
      await candor.dataItems.write({
        brandId: 'outdoor',
        ref: user('ver-a'),
        actor: 'test',
        items: [{ key: 'fav', value: 'climbing', category: 'user.preference.stated', source: 'stated' }],
      })
      expect(await version(a)).toBe(v1)
      await recordPersonalization(candor, 'outdoor', user('ver-a'), 'withdrawn')
      const v2 = (await version(a)) as number
      expect(v2).toBeGreaterThan(v1 as number)

      // A merge moves b's identities and ledger to a: a's version changes, b's is gone with b.
      await candor.transaction((s) => candor.persons.mergeIn(s, b, a))
      expect(await version(a)).toBeGreaterThan(v2)
      expect(await version(b)).toBeUndefined()
      expect(await candor.persons.resolve(candor.stores, 'outdoor', user('ver-b'))).toBe(a)
      expect(await candor.stores.persons.findVersionedByIdentity('outdoor', 'user', 'ver-b')).toEqual({
        personId: a,
        version: await version(a),
      })

      await candor.erasure.erase({
        personId: a,
        brandId: 'outdoor',
        allBrands: true,
        suppress: false,
        actor: 'test',
      })
      expect(await version(a)).toBeUndefined()
    })

    it.runIf(dialect === 'postgres')(
      "a session with another search_path (psql, a script) still bumps this schema's versions",
      async () => {
        const { personId: p } = await recordPersonalization(candor, 'outdoor', user('ver-path'))
        const before = (await candor.stores.persons.versionOf(p)) as number
        const table = sql.table(`${env.config.databaseSchema}.identities`)
        await candor.storage.data.transaction().execute(async (trx) => {
          await sql`set local search_path to public`.execute(trx)
          await sql`update ${table} set created_at = created_at where person_id = ${p}`.execute(trx)
        })
        expect(await candor.stores.persons.versionOf(p)).toBeGreaterThan(before)
      },
    )

    it('a multi-item write with one unknown category writes nothing', async () => {
      await expect(
        candor.dataItems.write({
          brandId: 'outdoor',
          ref: user('atomic'),
          actor: 'test',
          items: [
            { key: 'ok', value: 1, category: 'user.unclassified', source: 'observed' },
            { key: 'bad', value: 2, category: 'user.nope', source: 'observed' },
          ],
        }),
      ).rejects.toMatchObject({ code: 'unknown-category', field: 'items[1].category' })
      expect(await candor.persons.resolve(candor.stores, 'outdoor', user('atomic'))).toBeUndefined()
    })

    it('verify names an entry edited directly in the database, and keeps passing otherwise', async () => {
      const w = await candor.dataItems.write({
        brandId: 'outdoor',
        ref: user('audited'),
        actor: 'test',
        items: [{ key: 'a', value: 'x', category: 'user.unclassified', source: 'observed' }],
      })
      for (let i = 0; i < 3; i++)
        await candor.policy.view(w.personId, { brandId: 'outdoor', purpose: 'analytics', actor: 'test' })
      await candor.audit.flush()
      const before = await candor.audit.verify()
      expect(before.ok).toBe(true)
      expect(before.entries).toBeGreaterThanOrEqual(4)
      await sql`update audit_log set actor = 'key:forged' where chain_id = ${candor.audit.chainId} and seq = 2`.execute(
        candor.storage.data,
      )
      const after = await candor.audit.verify()
      expect(after.ok).toBe(false)
      expect(after.firstBroken).toEqual({ chainId: candor.audit.chainId, seq: 2, reason: 'hash-mismatch' })
      await sql`update audit_log set actor = 'test' where chain_id = ${candor.audit.chainId} and seq = 2`.execute(
        candor.storage.data,
      )
      expect((await candor.audit.verify()).ok).toBe(true)
    })

    it('verify detects truncation of the newest entries through the anchor', async () => {
      const w = await candor.dataItems.write({
        brandId: 'baby',
        ref: user('trunc'),
        actor: 'test',
        items: [{ key: 'a', value: 'x', category: 'user.unclassified', source: 'observed' }],
      })
      await candor.policy.view(w.personId, { brandId: 'baby', purpose: 'analytics', actor: 'test' })
      await candor.audit.flush()
      const head = await sql<{
        head_seq: number
      }>`select head_seq from audit_chains where id = ${candor.audit.chainId}`.execute(candor.storage.data)
      const seq = Number(head.rows[0]?.head_seq)
      // Delete the newest entry and rewind the head row: only the anchor outside the database can tell.
      await sql`delete from audit_log where chain_id = ${candor.audit.chainId} and seq = ${seq}`.execute(
        candor.storage.data,
      )
      await sql`update audit_chains set head_seq = ${seq - 1}, head_hash = (select hash from audit_log where chain_id = ${candor.audit.chainId} and seq = ${seq - 1}) where id = ${candor.audit.chainId}`.execute(
        candor.storage.data,
      )
      const r = await candor.audit.verify()
      expect(r.ok).toBe(false)
      expect(r.firstBroken).toMatchObject({ chainId: candor.audit.chainId, reason: 'truncated' })
    })
  })
}

describe('encryption at rest on SQLite', () => {
  it('keeps no plaintext in the database files, and erasure leaves no wrapped key behind', async () => {
    const env = createTestEnv('sqlite')
    const candor = await createCandor(env.config)
    try {
      await candor.brands.add({ id: 'outdoor', name: 'Outdoor' })
      const marker = `MARKER${Date.now()}zq`
      const w = await candor.dataItems.write({
        brandId: 'outdoor',
        ref: user('enc'),
        actor: 'test',
        items: [{ key: 'note', value: `secret ${marker}`, category: 'user.unclassified', source: 'stated' }],
      })
      const wrapped = await candor.storage.keys
        .selectFrom('data_keys')
        .select(['key_id', 'wrapped'])
        .execute()
      expect(wrapped).toHaveLength(1)
      const filesContain = (needle: string) =>
        readdirSync(env.dataDir)
          .filter((f) => /\.db(-wal|-shm)?$/.test(f))
          .some((f) => readFileSync(join(env.dataDir, f)).includes(Buffer.from(needle)))
      expect(filesContain(marker)).toBe(false)
      // The value really is there, readable only through the policy engine.
      await candor.consent.record({
        brandId: 'outdoor',
        ref: user('enc'),
        actor: 'test',
        choices: [{ purpose: 'analytics', state: 'granted' }],
      })
      expect(
        (await candor.policy.view(w.personId, { brandId: 'outdoor', purpose: 'analytics', actor: 'test' }))
          .items[0]?.value,
      ).toBe(`secret ${marker}`)

      const wrappedValue = wrapped[0]?.wrapped as string
      expect(filesContain(wrappedValue)).toBe(true)
      const receipt = await candor.erasure.erase({
        personId: w.personId,
        brandId: 'outdoor',
        allBrands: false,
        suppress: false,
        actor: 'test',
      })
      expect(receipt.keysDestroyed).toBe(1)
      expect(await candor.storage.keys.selectFrom('data_keys').selectAll().execute()).toEqual([])
      // secure_delete and the WAL checkpoint leave no copy of the wrapped key in any file.
      expect(filesContain(wrappedValue)).toBe(false)
    } finally {
      await candor.close()
      await env.cleanup()
    }
  })
})
