import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestCandor, DIALECTS } from '../../../test/support/dialects.js'
import type { Candor } from '../../app/create-candor.js'
import { fixedClock } from '../../kernel/clock.js'
import { ApiKeyService, MAX_CACHED_KEYS } from './api-key-service.js'
import type { ApiKeyStore } from './api-key-store.js'

// The cache is the same whatever the store; SQLite only, as the test makes ten thousand lookups.
for (const dialect of DIALECTS.filter((d) => d === 'sqlite')) {
  describe(`ApiKeyService key cache (${dialect})`, () => {
    let candor: Candor
    let close: () => Promise<void>
    beforeAll(async () => {
      ;({ candor, close } = await createTestCandor(dialect))
      await candor.brands.add({ id: 'b', name: 'b', allowedOrigins: [] })
    })
    afterAll(() => close())

    it('well-formed bogus key ids never evict real keys from the cache', async () => {
      const real = candor.stores.apiKeys
      const reads: string[] = []
      // The real store; the test only counts which ids it is asked for.
      const counted: ApiKeyStore = Object.assign(Object.create(real) as ApiKeyStore, {
        get: (id: string) => {
          reads.push(id)
          return real.get(id)
        },
      })
      // A clock that stands still: every entry stays fresh, only the bound can drop it.
      const keys = new ApiKeyService(counted, candor.brands, fixedClock(Date.now()))
      const { key, id } = await keys.create({ kind: 'server', brandId: 'b' })
      expect(await keys.authenticate(key)).toMatchObject({ keyId: id })
      // More bogus ids than the cache holds keys at all (the old cache was cleared when full).
      const bogus = MAX_CACHED_KEYS + 10
      const bogusId = (i: number) => `zz${i.toString(36).padStart(8, '0')}`
      for (let i = 0; i < bogus; i++)
        expect(await keys.authenticate(`cnd_server_${bogusId(i)}_${'s'.repeat(32)}`)).toBeUndefined()
      expect(reads.filter((r) => r.startsWith('zz'))).toHaveLength(bogus)
      reads.length = 0
      expect(await keys.authenticate(key)).toMatchObject({ keyId: id })
      expect(reads).toEqual([])
    })
  })
}
