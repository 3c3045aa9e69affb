import { afterEach, describe, expect, it } from 'vitest'
import { type Candor, createCandor } from '../../src/app/create-candor.js'
import { createTestEnv, DIALECTS, type TestEnv } from '../support/dialects.js'

/** An erasure in one process is seen by another process's key ring before its next use of the key. */
for (const dialect of DIALECTS) {
  describe(`erasure and other processes' key rings (${dialect})`, () => {
    let env: TestEnv
    const open: Candor[] = []
    afterEach(async () => {
      for (const c of open.splice(0)) await c.close()
      await env.cleanup()
    })

    it("a key destroyed by another process's erasure is never used again for new values", async () => {
      env = createTestEnv(dialect)
      const a = await createCandor(env.config)
      open.push(a)
      await a.brands.add({ id: 'b', name: 'b', allowedOrigins: [] })
      const b = await createCandor(env.config)
      open.push(b)
      const written = await a.dataItems.write({
        brandId: 'b',
        ref: { kind: 'user', value: 'shared-1' },
        actor: 'test',
        items: [{ key: 'k', value: 'v', category: 'user.unclassified', source: 'observed' }],
      })
      const versionOf = (p: string) => a.stores.persons.versionOf(p)
      const before = await a.keyRing.dataKeyFor(written.personId, 'b', undefined, versionOf)
      // Process B erases the person; process A still holds the key in memory.
      await b.erasure.erase({
        personId: written.personId,
        brandId: 'b',
        allBrands: false,
        suppress: false,
        actor: 'test',
      })
      expect(await b.keyRing.dataKey(before.keyId)).toBeUndefined()
      const after = await a.keyRing.dataKeyFor(written.personId, 'b', undefined, versionOf)
      expect(after.keyId).not.toBe(before.keyId)
    })
  })
}
