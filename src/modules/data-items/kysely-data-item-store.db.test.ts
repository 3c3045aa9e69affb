/**
 * The data-item upsert writes a call's items in one statement per kind (lifting a rejection or
 * not). These cases pin what must not change with that: ids come back in the order of the
 * items, an update keeps the item's id, a rejection holds unless the item lifts it — also when
 * both kinds are in one call — and the same item twice in a call ends with the last value.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestCandor, DIALECTS } from '../../../test/support/dialects.js'
import type { Candor } from '../../app/create-candor.js'
import { newId } from '../../kernel/ids.js'
import type { StoredDataItem } from './data-item.js'

const NOW = Date.UTC(2026, 10, 29, 12)

for (const dialect of DIALECTS) {
  describe(`data-item store upsert on ${dialect}`, () => {
    let candor: Candor
    let close: () => Promise<void>
    let personId: string

    beforeAll(async () => {
      ;({ candor, close } = await createTestCandor(dialect))
      await candor.brands.add({ id: 'outdoor', name: 'Outdoor' })
      personId = (
        await candor.transaction((s) =>
          candor.persons.resolveOrCreate(s, 'outdoor', { kind: 'user', value: 'items-user' }),
        )
      ).personId
    })
    afterAll(() => close())

    const item = (key: string, value: string, extra: Partial<StoredDataItem> = {}): StoredDataItem => ({
      id: newId('itm'),
      personId,
      brandId: 'outdoor',
      key,
      category: 'user.unclassified',
      source: 'observed',
      valueCt: value,
      keyId: 'dk_test',
      purpose: null,
      collectedAt: NOW,
      updatedAt: NOW,
      expiresAt: null,
      confidence: null,
      verified: false,
      rejectedAt: null,
      provenance: null,
      clearsRejection: false,
      ...extra,
    })
    const upsert = (items: StoredDataItem[]) => candor.transaction((s) => s.dataItems.upsert(items))
    const stored = async (key: string) =>
      (await candor.stores.dataItems.forPerson(personId)).find((i) => i.key === key)

    it('returns the ids in the order of the items, and an update keeps the id', async () => {
      const first = await upsert([item('a', 'A1'), item('b', 'B1'), item('c', 'C1')])
      expect(first).toEqual([(await stored('a'))?.id, (await stored('b'))?.id, (await stored('c'))?.id])
      const again = await upsert([item('c', 'C2'), item('a', 'A2')])
      expect(again).toEqual([first[2], first[0]])
      expect((await stored('a'))?.valueCt).toBe('A2')
      expect((await stored('c'))?.valueCt).toBe('C2')
    })

    it('keeps a rejection unless the item lifts it, with both kinds in one call', async () => {
      await upsert([item('r1', 'x'), item('r2', 'y')])
      for (const key of ['r1', 'r2']) {
        const id = (await stored(key))?.id as string
        await candor.transaction((s) => s.dataItems.reject(personId, 'outdoor', id, NOW + 1))
      }
      await upsert([item('r1', 'x2'), item('r2', 'y2', { source: 'stated', clearsRejection: true })])
      expect((await stored('r1'))?.rejectedAt).toBe(NOW + 1)
      expect((await stored('r1'))?.valueCt).toBe('x2')
      expect((await stored('r2'))?.rejectedAt).toBeNull()
      expect((await stored('r2'))?.source).toBe('stated')
    })

    it('writes more items than one statement may bind (3000 traits at once)', async () => {
      const many = Array.from({ length: 3000 }, (_, k) => item(`bulk-${k}`, `v${k}`))
      const ids = await upsert(many)
      expect(new Set(ids).size).toBe(3000)
      expect((await stored('bulk-2999'))?.id).toBe(ids[2999])
    })

    it('the same item twice in one call ends with the last value, under one id', async () => {
      const ids = await upsert([item('twice', 'first'), item('other', 'o'), item('twice', 'second')])
      expect(ids[0]).toBe(ids[2])
      expect((await stored('twice'))?.valueCt).toBe('second')
      expect((await stored('twice'))?.id).toBe(ids[0])
    })
  })
}
