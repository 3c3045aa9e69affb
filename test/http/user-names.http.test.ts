import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/dialects.js'
import { createTestServer, type TestServer } from '../support/http.js'

/** Names every plain object inherits (or that mean something to a property assignment). */
export const INHERITED_NAMES = [
  'constructor',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__proto__',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__lookupSetter__',
] as const

interface Call {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  readonly url: string
  readonly key: 'server' | 'write' | 'admin'
  /** JSON text (so an own `__proto__` key survives to the wire). */
  readonly payload?: string
}

/** Percent-encodes; an unpaired surrogate (which has no UTF-8) becomes the bytes of one, as a client might send. */
const q = (s: string): string => {
  try {
    return encodeURIComponent(s)
  } catch {
    return `${encodeURIComponent(s.replace(/[\ud800-\udfff]/g, ''))}%ED%A0%80`
  }
}

/** Names with a control character or an unpaired surrogate somewhere in them. */
const controlNames = fc
  .tuple(
    fc.string({ maxLength: 6 }),
    fc.constantFrom('\u0000', '\t', '\n', '\r', '\u001b', '\u007f', '\u0085', '\ud800', '\udfff'),
    fc.string({ maxLength: 6 }),
  )
  .map(([a, c, b]) => `${a}${c}${b}`)

/**
 * One call to every route, with `n` wherever a caller chooses a name: trait, property, context and
 * integration keys, event names, purposes, sensitive categories and topics, item keys and
 * categories, offer ids, topics and placements, brand ids, refs and query values.
 */
function callsWith(n: string, i: number): Call[] {
  const obj = `{${JSON.stringify(n)}:"x"}`
  const msg = (type: string, extra: string) =>
    `{"type":"${type}","userId":"u-${i}","messageId":"m-${type}-${i}",${extra}}`
  const track = msg(
    'track',
    `"event":${JSON.stringify(n)},"properties":${obj},"context":{${JSON.stringify(n)}:{"a":1},"consent":{"categoryPreferences":${obj}}},"integrations":${obj}`,
  )
  const identify = msg('identify', `"traits":{${JSON.stringify(n)}:"x","email":"a${i}@example.com"}`)
  const page = msg('page', `"name":${JSON.stringify(n)},"properties":${obj}`)
  const group = msg('group', `"groupId":"g-${i}","traits":${obj}`)
  const s = JSON.stringify
  return [
    { method: 'POST', url: '/v1/track', key: 'write', payload: track },
    { method: 'POST', url: '/v1/identify', key: 'write', payload: identify },
    {
      method: 'POST',
      url: '/v1/batch',
      key: 'write',
      payload: `{"batch":[${track},${identify},${page},${group}],"context":${obj}}`,
    },
    {
      method: 'POST',
      url: `/v1/persons/${q(n)}/consent`,
      key: 'server',
      payload: s({ purpose: n, state: 'granted' }),
    },
    {
      method: 'POST',
      url: `/v1/persons/u-${i}/consent`,
      key: 'server',
      payload: s({ purpose: 'personalization', state: 'granted', sensitiveCategory: n }),
    },
    {
      method: 'POST',
      url: `/v1/persons/u-${i}/consent`,
      key: 'server',
      payload: s({ purpose: 'personalization', state: 'granted', sensitiveTopic: n }),
    },
    { method: 'GET', url: `/v1/persons/${q(n)}/consent`, key: 'server' },
    { method: 'POST', url: `/v1/persons/${q(n)}/consent-signal`, key: 'server', payload: s({ tcString: n }) },
    {
      method: 'POST',
      url: `/v1/persons/u-${i}/data-items`,
      key: 'server',
      payload: s({ items: [{ key: n, value: { [n]: 1 }, category: n, source: 'stated', purpose: n }] }),
    },
    {
      method: 'POST',
      url: `/v1/persons/u-${i}/data-items`,
      key: 'server',
      payload: `{"items":[{"key":"k","value":${obj},"category":"user.unclassified","source":"stated"}]}`,
    },
    { method: 'POST', url: `/v1/persons/u-${i}/data-items/${q(n)}/rejection`, key: 'server', payload: '{}' },
    { method: 'GET', url: `/v1/persons/u-${i}?purpose=${q(n)}`, key: 'server' },
    { method: 'GET', url: `/v1/persons/${q(n)}?purpose=personalization`, key: 'server' },
    { method: 'GET', url: `/v1/persons/u-${i}/export?purpose=${q(n)}`, key: 'server' },
    { method: 'GET', url: `/v1/persons/u-${i}/interests?purpose=${q(n)}`, key: 'server' },
    {
      method: 'POST',
      url: `/v1/persons/u-${i}/interests`,
      key: 'server',
      payload: s({ topic: n, state: 'rejected' }),
    },
    { method: 'GET', url: `/v1/persons/${q(n)}/events`, key: 'server' },
    { method: 'POST', url: `/v1/persons/u-${i}/events/${q(n)}/gift`, key: 'server', payload: '{}' },
    {
      method: 'POST',
      url: '/v1/decide',
      key: 'server',
      payload: s({ userId: `u-${i}`, placement: n, candidates: [n] }),
    },
    { method: 'GET', url: `/v1/persons/${q(n)}/decisions`, key: 'server' },
    { method: 'GET', url: `/v1/taxonomy/resolve?category=${q(n)}`, key: 'server' },
    { method: 'GET', url: `/v1/ingest/rejections?cursor=${q(n)}`, key: 'server' },
    {
      method: 'POST',
      url: '/v1/offers',
      key: 'admin',
      payload: `{"id":"o-${i}","brand":"outdoor","title":"t","placements":[${s(n)}],"topics":{${s(n)}:1}}`,
    },
    { method: 'GET', url: `/v1/offers/${q(n)}?brand=outdoor`, key: 'admin' },
    { method: 'GET', url: `/v1/offers?brand=${q(n)}`, key: 'admin' },
    { method: 'POST', url: '/v1/brands', key: 'admin', payload: s({ id: n, name: n }) },
    { method: 'GET', url: `/v1/audit?brand=${q(n)}&personId=${q(n)}&subject=${q(n)}`, key: 'admin' },
    { method: 'DELETE', url: `/v1/persons/${q(n)}`, key: 'server' },
  ]
}

for (const dialect of DIALECTS) {
  describe(`names a caller chooses (${dialect})`, () => {
    let s: TestServer
    beforeAll(async () => {
      s = await createTestServer(dialect)
    })
    afterAll(() => s.close())

    const send = (c: Call) => {
      const key = c.key === 'admin' ? s.keys.admin : (s.keys[c.key].outdoor as string)
      return s.app.inject({
        method: c.method,
        url: c.url,
        headers: {
          authorization: `Bearer ${key}`,
          ...(c.payload === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(c.payload === undefined ? {} : { payload: c.payload }),
      })
    }

    it('no route answers 5xx to an inherited property name or a control character, and a batch keeps its messages', async () => {
      let i = 0
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.constantFrom(...INHERITED_NAMES), controlNames), async (n) => {
          i++
          for (const c of callsWith(n, i)) {
            const r = await send(c)
            expect(r.statusCode, `${c.method} ${c.url} ${c.payload ?? ''} → ${r.body}`).toBeLessThan(500)
          }
          // The batch's messages were all stored (the identify trait became a data item).
          const events = await s.call('GET', `/v1/persons/u-${i}/events?limit=50&purpose=essential`, {
            key: s.keys.server.outdoor,
          })
          expect(events.statusCode, events.body).toBe(200)
          const ids = (events.json() as { events: { messageId: string }[] }).events.map((e) => e.messageId)
          // A track whose event name is only whitespace has no event: it is refused alone (missing-event).
          const kept = [`m-identify-${i}`, `m-page-${i}`, `m-group-${i}`]
          if (n.trim() !== '') kept.push(`m-track-${i}`)
          else expect(ids, `name ${JSON.stringify(n)}`).not.toContain(`m-track-${i}`)
          expect(ids, `name ${JSON.stringify(n)}`).toEqual(expect.arrayContaining(kept))
          // No purpose of that name reached the ledger.
          const consent = await s.call('GET', `/v1/persons/u-${i}/consent`, { key: s.keys.server.outdoor })
          expect(consent.statusCode, consent.body).toBe(200)
          const purposes = (consent.json() as { history: { purpose: string }[] }).history.map(
            (h) => h.purpose,
          )
          expect(purposes).not.toContain(n)
        }),
        { numRuns: 20 },
      )
    })
  })
}
