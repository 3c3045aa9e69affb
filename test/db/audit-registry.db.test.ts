/**
 * The registry of audit chains across versions and processes (issue 12): a data directory from a
 * version without the registry verifies as before, and the first process of this version
 * registers the chains already there, so dropping one of them (with its anchor) is then missed.
 */
import { existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { type Candor, createCandor } from '../../src/app/create-candor.js'
import { createTestEnv, DIALECTS, type TestEnv } from '../support/dialects.js'

for (const dialect of DIALECTS) {
  describe(`audit chain registry across versions (${dialect})`, () => {
    let env: TestEnv
    const open: Candor[] = []
    afterEach(async () => {
      for (const c of open.splice(0)) await c.close().catch(() => {})
      await env.cleanup()
    })
    const write = (c: Candor, ref: string) =>
      c.consent.record({
        brandId: 'b',
        ref: { kind: 'user', value: ref },
        actor: 'test',
        choices: [{ purpose: 'analytics', state: 'granted' }],
      })

    it('chains of an older version are registered by the first process of this one; one dropped later is missed', async () => {
      env = createTestEnv(dialect)
      const anchors = join(env.config.dataDir, 'audit-anchors')
      const first = await createCandor(env.config)
      open.push(first)
      await first.brands.add({ id: 'b', name: 'b', allowedOrigins: [] })
      await write(first, 'old-1')
      await first.audit.flush()
      expect((await first.audit.verify()).ok).toBe(true)
      const oldChain = first.audit.chainId
      await first.close()
      open.splice(0)
      // As an older version left it: no registry, anchors without the registry mark.
      unlinkSync(join(anchors, 'chains.log'))
      const anchorFile = join(anchors, `${oldChain}.json`)
      const { registered: _mark, ...legacy } = JSON.parse(readFileSync(anchorFile, 'utf8')) as Record<
        string,
        unknown
      >
      writeFileSync(anchorFile, JSON.stringify(legacy))

      const second = await createCandor(env.config)
      open.push(second)
      expect((await second.audit.verify()).ok).toBe(true)
      await write(second, 'new-1')
      await second.audit.flush()
      expect((await second.audit.verify()).ok).toBe(true)
      const registry = readFileSync(join(anchors, 'chains.log'), 'utf8').split('\n')
      expect(registry).toContain(oldChain)
      expect(registry).toContain(second.audit.chainId)

      // The old chain dropped with its anchor file: the registry still names it.
      const db = second.storage.data
      await sql`delete from audit_log where chain_id = ${oldChain}`.execute(db)
      await sql`delete from audit_chains where id = ${oldChain}`.execute(db)
      unlinkSync(anchorFile)
      expect(existsSync(anchorFile)).toBe(false)
      const verified = await second.audit.verify()
      expect(verified.ok).toBe(false)
      expect(verified.firstBroken).toMatchObject({ chainId: oldChain, reason: 'missing-chain' })
    })
  })
}
