import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { type Candor, createCandor } from '../../src/app/create-candor.js'
import { newDataKey } from '../../src/crypto/envelope.js'
import type { MasterKeySource } from '../../src/crypto/master-key-source.js'
import { createTestEnv, DIALECTS, type TestEnv } from '../support/dialects.js'

const source = (key: Buffer): MasterKeySource => ({
  kind: 'env',
  candidates: () => [key],
  promote: () => {},
  stagePending: () => {},
})

/** The audit chain is keyed: someone with only the database (and the anchors) cannot rehash it. */
for (const dialect of DIALECTS) {
  describe(`keyed audit chain (${dialect})`, () => {
    let env: TestEnv
    const open: Candor[] = []
    afterEach(async () => {
      for (const c of open.splice(0)) await c.close().catch(() => {})
      await env.cleanup()
    })
    const start = async (key: Buffer) => {
      const c = await createCandor(env.config, { masterKeySource: source(key) })
      open.push(c)
      return c
    }
    const write = (c: Candor, ref: string) =>
      c.consent.record({
        brandId: 'b',
        ref: { kind: 'user', value: ref },
        actor: 'test',
        choices: [{ purpose: 'analytics', state: 'granted' }],
      })

    it('an entry edited and the chain rehashed with SHA-256 (head row and anchor too) fails verification', async () => {
      env = createTestEnv(dialect)
      const c = await start(newDataKey())
      await c.brands.add({ id: 'b', name: 'b', allowedOrigins: [] })
      for (let i = 0; i < 3; i++) await write(c, `k-${i}`)
      expect((await c.audit.verify()).ok).toBe(true)
      const chainId = c.audit.chainId
      expect(chainId.startsWith('chaink_')).toBe(true)
      const db = c.storage.data
      // The attacker changes an entry and recomputes every hash the unkeyed way, then fixes the
      // head row and the anchor file: everything a plain hash chain would check agrees again.
      const rows = (
        await sql<
          Record<string, unknown>
        >`select * from audit_log where chain_id = ${chainId} order by seq`.execute(db)
      ).rows
      let prev = createHash('sha256').update(`candor-audit-genesis:${chainId}`).digest('hex')
      for (const r of rows) {
        const purpose = Number(r.seq) === 2 ? 'advertising' : (r.purpose as string | null)
        const canonical = JSON.stringify([
          chainId,
          Number(r.seq),
          Number(r.at),
          r.actor,
          r.action,
          r.brand_id,
          purpose,
          r.subject,
          JSON.parse(r.item_ids as string),
          sortKeys(JSON.parse(r.details as string)),
          prev,
        ])
        const hash = createHash('sha256').update(canonical).digest('hex')
        await sql`update audit_log set purpose = ${purpose}, prev_hash = ${prev}, hash = ${hash}
          where chain_id = ${chainId} and seq = ${r.seq}`.execute(db)
        prev = hash
      }
      const last = Number(rows[rows.length - 1]?.seq)
      await sql`update audit_chains set head_hash = ${prev} where id = ${chainId}`.execute(db)
      writeFileSync(
        join(env.config.dataDir, 'audit-anchors', `${chainId}.json`),
        JSON.stringify({ chainId, seq: last, hash: prev }),
      )
      const result = await c.audit.verify()
      expect(result.ok).toBe(false)
      expect(result.firstBroken).toMatchObject({ chainId, reason: 'prev-hash-mismatch', seq: 1 })
    })

    it('master-key rotation rewraps the chain key: entries written before it still verify', async () => {
      env = createTestEnv(dialect)
      const first = newDataKey()
      const c = await start(first)
      await c.brands.add({ id: 'b', name: 'b', allowedOrigins: [] })
      for (let i = 0; i < 3; i++) await write(c, `r-${i}`)
      const next = newDataKey()
      await c.keyRing.rotate(next)
      await c.close()
      open.splice(0)
      const after = await start(next)
      await write(after, 'r-after')
      const result = await after.audit.verify()
      expect(result).toMatchObject({ ok: true, chains: 2 })
      expect(result.entries).toBeGreaterThanOrEqual(4)
    })
  })
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    )
  return value
}
