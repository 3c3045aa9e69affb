import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestCandor, DIALECTS } from '../../test/support/dialects.js'
import type { Candor } from '../app/create-candor.js'
import { reusableQuery } from './reusable-query.js'

for (const dialect of DIALECTS) {
  describe(`reusableQuery on ${dialect}`, () => {
    let candor: Candor
    let close: () => Promise<void>
    beforeAll(async () => {
      ;({ candor, close } = await createTestCandor(dialect))
      await candor.brands.add({ id: 'outdoor', name: 'Outdoor' })
      await candor.brands.add({ id: 'baby', name: 'Baby' })
    })
    afterAll(() => close())

    it('compiles once and runs with each call’s values, in the order the query had them', async () => {
      const db = candor.storage.data
      const names = reusableQuery<{ name: string }, [string, string]>(db, () =>
        db.selectFrom('brands').select('name').where('id', '=', '').where('name', '!=', ''),
      )
      expect(await names('outdoor', 'nobody')).toEqual([{ name: 'Outdoor' }])
      expect(await names('baby', 'nobody')).toEqual([{ name: 'Baby' }])
      expect(await names('baby', 'Baby')).toEqual([])
    })

    it('refuses a call with another number of values', async () => {
      const db = candor.storage.data
      const one = reusableQuery<{ name: string }, [string]>(db, () =>
        db.selectFrom('brands').select('name').where('id', '=', ''),
      )
      await expect((one as unknown as (...p: string[]) => Promise<unknown>)('a', 'b')).rejects.toThrow(
        'this query takes 1 values, not 2',
      )
    })
  })
}
