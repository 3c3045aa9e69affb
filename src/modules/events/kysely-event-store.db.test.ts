import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestCandor, DIALECTS } from '../../../test/support/dialects.js'
import type { Candor } from '../../app/create-candor.js'
import { newEventId, type StoredEvent } from './event.js'

const NOW = Date.UTC(2026, 10, 29)

for (const dialect of DIALECTS) {
  describe(`event store on ${dialect}`, () => {
    let candor: Candor
    let close: () => Promise<void>
    let ann: string
    let bob: string

    const event = (
      over: Partial<StoredEvent> & Pick<StoredEvent, 'messageId' | 'personId'>,
    ): StoredEvent => ({
      id: newEventId(NOW),
      brandId: 'outdoor',
      type: 'track',
      kind: 'view',
      eventTime: NOW,
      receivedAt: NOW,
      gift: false,
      giftByPerson: false,
      keyId: 'dk_test',
      payloadCt: `ct-${over.messageId}`,
      ...over,
    })

    beforeAll(async () => {
      ;({ candor, close } = await createTestCandor(dialect))
      for (const b of ['outdoor', 'home']) await candor.brands.add({ id: b, name: b })
      const person = (value: string) =>
        candor.transaction(
          async (s) => (await candor.persons.resolveOrCreate(s, 'outdoor', { kind: 'user', value })).personId,
        )
      ann = await person('ann')
      bob = await person('bob')
    })
    afterAll(() => close())

    it('insert skips messageIds the brand stored already and returns the ones it inserted', async () => {
      const first = await candor.transaction((s) =>
        s.events.insert([
          event({ messageId: 'dup-1', personId: ann }),
          event({ messageId: 'dup-2', personId: ann }),
        ]),
      )
      expect([...first].sort()).toEqual(['dup-1', 'dup-2'])
      const again = await candor.transaction((s) =>
        s.events.insert([
          event({ messageId: 'dup-2', personId: bob }),
          event({ messageId: 'dup-3', personId: bob }),
        ]),
      )
      expect([...again]).toEqual(['dup-3'])
    })

    it('signalEventsOf returns the events of the kinds with their gift flag, at the brand, oldest first', async () => {
      await candor.transaction((s) =>
        s.events.insert([
          event({ messageId: 's-late', personId: ann, eventTime: NOW - 1_000 }),
          event({ messageId: 's-early', personId: ann, eventTime: NOW - 5_000, kind: 'purchase' }),
          event({ messageId: 's-gift', personId: ann, eventTime: NOW - 4_000, gift: true }),
          event({ messageId: 's-none', personId: ann, eventTime: NOW - 3_000, kind: 'none' }),
          event({ messageId: 's-home', personId: ann, eventTime: NOW - 2_000, brandId: 'home' }),
          event({ messageId: 's-bob', personId: bob, eventTime: NOW - 2_000 }),
        ]),
      )
      const found = await candor.stores.events.signalEventsOf(ann, 'outdoor', ['view', 'purchase'])
      expect(found.filter((e) => e.messageId.startsWith('s-'))).toEqual([
        {
          brandId: 'outdoor',
          messageId: 's-early',
          kind: 'purchase',
          eventTime: NOW - 5_000,
          gift: false,
          keyId: 'dk_test',
          payloadCt: 'ct-s-early',
        },
        {
          brandId: 'outdoor',
          messageId: 's-gift',
          kind: 'view',
          eventTime: NOW - 4_000,
          gift: true,
          keyId: 'dk_test',
          payloadCt: 'ct-s-gift',
        },
        {
          brandId: 'outdoor',
          messageId: 's-late',
          kind: 'view',
          eventTime: NOW - 1_000,
          gift: false,
          keyId: 'dk_test',
          payloadCt: 'ct-s-late',
        },
      ])
      // Marked as a gift afterwards: it carries the flag.
      await candor.transaction((s) => s.events.markGift(ann, 'outdoor', 's-late'))
      const after = await candor.stores.events.signalEventsOf(ann, 'outdoor', ['view', 'purchase'])
      expect(after.filter((e) => e.gift).map((e) => e.messageId)).toEqual(['s-gift', 's-late'])
      expect(await candor.stores.events.signalEventsOf(ann, 'outdoor', [])).toEqual([])
    })

    it('signalEventsAtBrand returns the signal events of every person at the brand, by person then time', async () => {
      await candor.transaction((s) =>
        s.events.insert([
          event({ messageId: 'b-ann-2', personId: ann, eventTime: NOW - 500 }),
          event({ messageId: 'b-ann-1', personId: ann, eventTime: NOW - 900, kind: 'purchase' }),
          event({ messageId: 'b-bob', personId: bob, eventTime: NOW - 700 }),
          event({ messageId: 'b-none', personId: bob, eventTime: NOW - 600, kind: 'none' }),
          event({ messageId: 'b-home', personId: bob, eventTime: NOW - 600, brandId: 'home' }),
        ]),
      )
      const found = (await candor.stores.events.signalEventsAtBrand('outdoor', ['view', 'purchase'])).filter(
        (e) => e.messageId.startsWith('b-'),
      )
      const byPerson = [ann, bob].sort()
      expect(found.map((e) => [e.personId, e.messageId])).toEqual(
        byPerson.flatMap((p) =>
          p === ann
            ? [
                [ann, 'b-ann-1'],
                [ann, 'b-ann-2'],
              ]
            : [[bob, 'b-bob']],
        ),
      )
      expect(found[0]).toMatchObject({ brandId: 'outdoor', keyId: 'dk_test', gift: false })
      expect(await candor.stores.events.signalEventsAtBrand('outdoor', [])).toEqual([])
    })
  })
}
