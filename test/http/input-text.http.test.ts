import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/dialects.js'
import { createTestServer, type TestServer } from '../support/http.js'

/** Identifiers and text a store cannot take, or a person could not address: refused at the edge. */
for (const dialect of DIALECTS) {
  describe(`identifiers and text at the edge (${dialect})`, () => {
    let s: TestServer
    beforeAll(async () => {
      s = await createTestServer(dialect)
    })
    afterAll(() => s.close())

    const basic = () => `Basic ${Buffer.from(`${s.keys.write.outdoor}:`).toString('base64')}`
    const track = (payload: string, url = '/v1/batch') =>
      s.app.inject({
        method: 'POST',
        url,
        headers: { authorization: basic(), 'content-type': 'application/json' },
        payload,
      })
    const key = () => s.keys.server.outdoor as string
    const eventIds = async (ref: string) => {
      const r = await s.call(
        'GET',
        `/v1/persons/${encodeURIComponent(ref)}/events?limit=100&purpose=essential`,
        { key: key() },
      )
      expect(r.statusCode, r.body).toBe(200)
      return (r.json() as { events: { messageId: string }[] }).events.map((e) => e.messageId)
    }
    const rejections = async () => {
      const r = await s.call('GET', '/v1/ingest/rejections?limit=100', { key: key() })
      return (r.json() as { rejections: { reason: string; field: string | null }[] }).rejections
    }

    const BAD_IDS = [
      'tab\tuser',
      'line\nuser',
      'nul\u0000user',
      'del\u007fuser',
      'lone\ud800user',
      'lone\udc00',
    ]

    it('a batch drops messages whose ids break the identifier rule and stores the others', async () => {
      for (const [i, bad] of BAD_IDS.entries()) {
        for (const field of ['userId', 'anonymousId', 'messageId'] as const) {
          const badMessage = {
            type: 'track',
            event: 'Viewed',
            userId: `ok-${i}`,
            messageId: `bad-${i}-${field}`,
            [field]: bad,
          }
          const good = { type: 'track', event: 'Viewed', userId: `ok-${i}`, messageId: `good-${i}-${field}` }
          const r = await track(JSON.stringify({ batch: [badMessage, good] }))
          expect(r.statusCode, r.body).toBe(200)
          expect(await eventIds(`ok-${i}`)).toContain(`good-${i}-${field}`)
          expect(await eventIds(`ok-${i}`)).not.toContain(`bad-${i}-${field}`)
        }
      }
      expect(await rejections()).toContainEqual(
        expect.objectContaining({ reason: 'invalid-field', field: 'userId' }),
      )
      expect(await rejections()).toContainEqual(
        expect.objectContaining({ reason: 'invalid-field', field: 'messageId' }),
      )
    })

    it('a single message with such an id is a 400 naming the field', async () => {
      const r = await track(
        JSON.stringify({ event: 'A', userId: 'nul\u0000user', messageId: 'x1' }),
        '/v1/track',
      )
      expect(r.statusCode, r.body).toBe(400)
      expect(r.json()).toMatchObject({ error: { code: 'message-rejected', field: 'userId' } })
    })

    it('every identity intake accepts can be addressed: a userId that looks like a prefix is userId:<id>', async () => {
      for (const id of ['anonymousId:lookalike', 'userId:lookalike']) {
        const r = await track(JSON.stringify({ event: 'A', userId: id, messageId: `m-${id}` }), '/v1/track')
        expect(r.statusCode, r.body).toBe(200)
        expect(await eventIds(`userId:${id}`)).toEqual([`m-${id}`])
        const exported = await s.call(
          'GET',
          `/v1/persons/${encodeURIComponent(`userId:${id}`)}/export?purpose=access`,
          {
            key: key(),
          },
        )
        expect(exported.statusCode, exported.body).not.toBe(404)
        const erased = await s.call('DELETE', `/v1/persons/${encodeURIComponent(`userId:${id}`)}`, {
          key: key(),
        })
        expect(erased.statusCode, erased.body).toBe(200)
        const gone = await s.call(
          'GET',
          `/v1/persons/${encodeURIComponent(`userId:${id}`)}/events?purpose=essential`,
          {
            key: key(),
          },
        )
        expect(gone.statusCode).toBe(404)
      }
      // The plain spelling still means what it meant.
      await track(
        JSON.stringify({ event: 'A', anonymousId: 'plain-anon', messageId: 'm-plain-anon' }),
        '/v1/track',
      )
      expect(await eventIds('anonymousId:plain-anon')).toEqual(['m-plain-anon'])
    })

    it('a {ref} with a control character or an unpaired surrogate is invalid-person-ref', async () => {
      for (const ref of ['tab\tuser', 'anonymousId:x\u0000', 'userId:a\u0085']) {
        const r = await s.call('GET', `/v1/persons/${encodeURIComponent(ref)}/events?purpose=essential`, {
          key: key(),
        })
        expect(r.statusCode, r.body).toBe(400)
        expect(r.json()).toMatchObject({ error: { code: 'invalid-person-ref', field: 'ref' } })
      }
      // An unpaired surrogate cannot be percent-encoded as UTF-8: its bytes are not UTF-8 either.
      const r = await s.call('GET', '/v1/persons/userId:%ED%A0%80/events?purpose=essential', { key: key() })
      expect(r.statusCode, r.body).toBe(400)
    })

    it('server API: NUL or an unpaired surrogate anywhere in a body, query or parameter is a 400 naming the field', async () => {
      const consent = await s.call('POST', '/v1/persons/text-1/consent', {
        key: key(),
        body: { purpose: 'personalization', state: 'granted', evidence: 'notice v1\u0000' },
      })
      expect(consent.statusCode, consent.body).toBe(400)
      expect(consent.json()).toMatchObject({ error: { code: 'invalid-request', field: 'evidence' } })
      const item = await s.call('POST', '/v1/persons/text-1/data-items', {
        key: key(),
        body: {
          items: [
            { key: 'nick', value: { a: ['x\udfff'] }, category: 'user.unclassified', source: 'stated' },
          ],
        },
      })
      expect(item.statusCode, item.body).toBe(400)
      expect(item.json()).toMatchObject({ error: { code: 'invalid-request', field: 'items[0].value.a[0]' } })
      const decide = await s.call('POST', '/v1/decide', {
        key: key(),
        body: { userId: 'u', placement: 'home\u0000' },
      })
      expect(decide.statusCode, decide.body).toBe(400)
      const gift = await s.call('POST', `/v1/persons/text-1/events/${encodeURIComponent('m\u0000')}/gift`, {
        key: key(),
        body: {},
      })
      expect(gift.statusCode, gift.body).toBe(400)
      const audit = await s.call('GET', `/v1/audit?brand=${encodeURIComponent('o\u0000')}`, {
        key: s.keys.admin,
      })
      expect(audit.statusCode, audit.body).toBe(400)
      expect(audit.json()).toMatchObject({ error: { field: 'query.brand' } })
      // Nothing of person text-1 was stored.
      expect((await s.call('GET', '/v1/persons/text-1/consent', { key: key() })).statusCode).toBe(404)
    })

    it('server API: invalid UTF-8 in a body is a 400, not a value stored with U+FFFD', async () => {
      const body = Buffer.concat([
        Buffer.from('{"items":[{"key":"nick","value":"a'),
        Buffer.from([0xff, 0xfe]),
        Buffer.from('","category":"user.unclassified","source":"stated"}]}'),
      ])
      const r = await s.app.inject({
        method: 'POST',
        url: '/v1/persons/utf-1/data-items',
        headers: { authorization: `Bearer ${key()}`, 'content-type': 'application/json' },
        payload: body,
      })
      expect(r.statusCode, r.body).toBe(400)
      expect(r.json()).toMatchObject({ error: { code: 'invalid-json', field: 'body' } })
      expect((await s.call('GET', '/v1/persons/utf-1/consent', { key: key() })).statusCode).toBe(404)
    })

    it('a data item value nested 5,000 deep is a 400 (depth limit), not a stack overflow', async () => {
      const deep = `${'['.repeat(5000)}1${']'.repeat(5000)}`
      const r = await s.app.inject({
        method: 'POST',
        url: '/v1/persons/deep-1/data-items',
        headers: { authorization: `Bearer ${key()}`, 'content-type': 'application/json' },
        payload: `{"items":[{"key":"k","value":${deep},"category":"user.unclassified","source":"stated"}]}`,
      })
      expect(r.statusCode, r.body).toBe(400)
      expect(r.json()).toMatchObject({ error: { code: 'invalid-request' } })
      expect((r.json() as { error: { message: string } }).error.message).toContain('nested deeper than')
    })

    it('one message the store cannot take is recorded as a rejection; the rest of the batch is stored', async () => {
      // A real storage failure for one messageId: a trigger that refuses it.
      if (dialect === 'sqlite') {
        await sql`create trigger refuse_poison before insert on events when new.message_id = 'poison'
          begin select raise(abort, 'refused'); end`.execute(s.candor.storage.data)
      } else {
        await sql`create function refuse_poison() returns trigger language plpgsql as $$
          begin if new.message_id = 'poison' then raise exception 'refused'; end if; return new; end $$`.execute(
          s.candor.storage.data,
        )
        await sql`create trigger refuse_poison before insert on events for each row execute function refuse_poison()`.execute(
          s.candor.storage.data,
        )
      }
      const before = (await rejections()).filter((r) => r.reason === 'storage-failed').length
      const batch = ['p-1', 'poison', 'p-2'].map((messageId) => ({
        type: 'track',
        event: 'Viewed',
        userId: 'poisoned-batch',
        messageId,
      }))
      const r = await track(JSON.stringify({ batch }))
      expect(r.statusCode, r.body).toBe(200)
      expect((await eventIds('poisoned-batch')).sort()).toEqual(['p-1', 'p-2'])
      expect((await rejections()).filter((x) => x.reason === 'storage-failed').length).toBe(before + 1)
    })
  })
}
