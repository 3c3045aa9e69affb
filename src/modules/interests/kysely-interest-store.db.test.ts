import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestCandor, DIALECTS } from '../../../test/support/dialects.js'
import type { Candor } from '../../app/create-candor.js'
import { emptyInterest, type Interest } from './interest.js'

const NOW = Date.UTC(2026, 10, 29)

for (const dialect of DIALECTS) {
  describe(`interest store on ${dialect}`, () => {
    let candor: Candor
    let close: () => Promise<void>
    const people: string[] = []

    beforeAll(async () => {
      ;({ candor, close } = await createTestCandor(dialect))
      for (const b of ['outdoor', 'home']) await candor.brands.add({ id: b, name: b })
      for (let p = 0; p < 3; p++) {
        const { personId } = await candor.transaction((s) =>
          candor.persons.resolveOrCreate(s, 'outdoor', { kind: 'user', value: `pairs-${p}` }),
        )
        people.push(personId)
      }
      const rows: Interest[] = []
      for (const personId of people)
        for (const brandId of ['outdoor', 'home'])
          for (const topic of ['a.one', 'a.two', 'b.one'])
            rows.push({ ...emptyInterest(personId, brandId, topic, 'inferred', NOW), score: topic.length })
      await candor.transaction((s) => s.interests.upsert(rows))
    })
    afterAll(() => close())

    const key = (i: Interest) => `${i.personId}|${i.brandId}|${i.topic}`

    it('forPairsAtBrand returns exactly the requested (person, topic) rows of the brand', async () => {
      const [p0, p1, p2] = people as [string, string, string]
      const found = await candor.stores.interests.forPairsAtBrand('outdoor', [
        { personId: p0, topic: 'a.one' },
        { personId: p1, topic: 'b.one' },
        // A topic the person has no row in, and a row of the other brand's only: both absent.
        { personId: p2, topic: 'c.none' },
      ])
      expect(found.map(key).sort()).toEqual([`${p0}|outdoor|a.one`, `${p1}|outdoor|b.one`].sort())
      expect(found.find((i) => i.personId === p0)).toMatchObject({ state: 'inferred', score: 5, days: [] })
    })

    it('forPairsAtBrand returns nothing for no pairs, and reads past 500 pairs a statement', async () => {
      expect(await candor.stores.interests.forPairsAtBrand('outdoor', [])).toEqual([])
      const [p0] = people as [string]
      const many = Array.from({ length: 1_200 }, (_, k) => ({ personId: p0, topic: `x.${k}` }))
      many.push({ personId: p0, topic: 'a.two' })
      const found = await candor.stores.interests.forPairsAtBrand('home', many)
      expect(found.map(key)).toEqual([`${p0}|home|a.two`])
    })
  })
}
