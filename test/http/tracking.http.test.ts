/**
 * The Segment tracking API over HTTP (issue 3): every endpoint and its short path, the three ways
 * to present a write key, CORS for browser SDKs, key kinds, byte-measured size limits, messageId
 * deduplication per brand, rejections (field names only), consent signals carried by tracking
 * requests (GPC, categoryPreferences), identify traits as data items, identity merges, encryption
 * at rest, erasure of events, 503 when the store is down, and the ingestion metric.
 */
import { randomUUID } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/dialects.js'
import { createTestServer, type TestServer } from '../support/http.js'

interface ApiError {
  code: string
  message: string
  field?: string
}

interface EventBody {
  messageId: string
  type: string
  kind: string
  event: string | null
  name: string | null
  timestamp: string
  receivedAt: string
  gift: boolean
  giftMarkedByPerson: boolean
  topics: string[]
  properties: Record<string, unknown>
  context: Record<string, unknown>
  traits: Record<string, unknown>
}

interface EventsBody {
  events: EventBody[]
  nextCursor: string | null
}

interface RejectionBody {
  brand: string
  receivedAt: string
  endpoint: string
  reason: string
  field: string | null
  batchIndex: number | null
}

interface RejectionsBody {
  rejections: RejectionBody[]
  nextCursor: string | null
}

interface ConsentBody {
  current: { purpose: string; granted: boolean; state: string; source: string | null }[]
  history: { purpose: string; state: string; source: string; evidence: string | null }[]
}

interface ViewBody {
  items: { key: string; value: unknown; category: string; source: string; brand: string }[]
  excluded: { key: string; category: string; brand: string; reason: string }[]
}

interface ExportBody {
  dataItems: { key: string; value: unknown; category: string; source: string }[]
}

const uid = (label: string): string => `${label}-${randomUUID().slice(0, 8)}`

/** `Authorization: Basic base64(key + ":")`, exactly as Segment's SDKs send the write key. */
const basic = (key: string | undefined): string => `Basic ${Buffer.from(`${key ?? ''}:`).toString('base64')}`
const bearer = (key: string | undefined): string => `Bearer ${key ?? ''}`

/** Noon UTC `daysAgo` days before today, ISO. */
const dayAt = (daysAgo: number): string => {
  const d = new Date()
  d.setUTCHours(12, 0, 0, 0)
  return new Date(d.getTime() - daysAgo * 86_400_000).toISOString()
}

function errorOf(res: LightMyRequestResponse): ApiError {
  const body = res.json() as { error?: ApiError }
  if (!body.error) throw new Error(`expected an error body, got ${res.statusCode} ${res.body}`)
  return body.error
}

/**
 * A JSON value whose UTF-8 serialization is exactly `bytes` bytes, padded with "é" (2 bytes, one
 * UTF-16 unit) so the character count stays far below the byte count.
 */
function sizedTo(bytes: number, build: (pad: string) => unknown): { json: string; chars: number } {
  const base = Buffer.byteLength(JSON.stringify(build('')), 'utf8')
  const need = bytes - base
  if (need < 0) throw new Error('base already larger than the target')
  const pad = 'é'.repeat(Math.floor(need / 2)) + (need % 2 === 1 ? 'a' : '')
  const json = JSON.stringify(build(pad))
  if (Buffer.byteLength(json, 'utf8') !== bytes) throw new Error('padding miscalculated')
  return { json, chars: json.length }
}

/** The tracking calls of one test server. */
function tracking(s: TestServer) {
  const send = (
    path: string,
    body: unknown,
    opts: {
      key?: string | undefined
      auth?: 'basic' | 'bearer' | 'none'
      headers?: Record<string, string>
    } = {},
  ) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...(opts.headers ?? {}) }
    const auth = opts.auth ?? 'basic'
    if (auth === 'basic') headers.authorization = basic(opts.key)
    if (auth === 'bearer') headers.authorization = bearer(opts.key)
    return s.app.inject({
      method: 'POST',
      url: path,
      headers,
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    })
  }
  const sendOk = async (path: string, body: unknown, brand = 'outdoor', headers?: Record<string, string>) => {
    const res = await send(path, body, { key: s.keys.write[brand], ...(headers ? { headers } : {}) })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toEqual({ success: true })
    return res
  }
  /** The stored events, read for `analytics` (granted first: these tests read their properties). */
  const events = async (ref: string, brand = 'outdoor'): Promise<EventBody[]> => {
    const g = await s.call('POST', `/v1/persons/${encodeURIComponent(ref)}/consent`, {
      key: s.keys.server[brand],
      body: { purpose: 'analytics', state: 'granted' },
    })
    expect(g.statusCode, g.body).toBe(200)
    const res = await s.call(
      'GET',
      `/v1/persons/${encodeURIComponent(ref)}/events?limit=500&purpose=analytics`,
      {
        key: s.keys.server[brand],
      },
    )
    expect(res.statusCode, res.body).toBe(200)
    return (res.json() as EventsBody).events
  }
  const eventsStatus = async (ref: string, brand = 'outdoor'): Promise<number> =>
    (
      await s.call('GET', `/v1/persons/${encodeURIComponent(ref)}/events?purpose=analytics`, {
        key: s.keys.server[brand],
      })
    ).statusCode
  const rejections = async (key: string | undefined): Promise<RejectionsBody> => {
    const res = await s.call('GET', '/v1/ingest/rejections?limit=500', { key })
    expect(res.statusCode, res.body).toBe(200)
    return res.json() as RejectionsBody
  }
  return { send, sendOk, events, eventsStatus, rejections }
}

const track = (userId: string, extra: Record<string, unknown> = {}) => ({
  type: 'track',
  userId,
  event: 'Product Viewed',
  messageId: uid('msg'),
  timestamp: dayAt(1),
  sentAt: new Date().toISOString(),
  properties: { product_id: 'p-1', category: 'Outdoors > Hiking > Boots' },
  ...extra,
})

// ---------------------------------------------------------------------------------------------
// Store-dependent behaviour: deduplication and partial batches, on every dialect.
// ---------------------------------------------------------------------------------------------
for (const dialect of DIALECTS) {
  describe(`tracking: messageId deduplication and batches (${dialect})`, () => {
    let s: TestServer
    let t: ReturnType<typeof tracking>
    beforeAll(async () => {
      s = await createTestServer(dialect)
      t = tracking(s)
    })
    afterAll(async () => {
      await s?.close()
    })

    it('concurrent first requests on a fresh server (as an SDK sends parallel batches) all answer 200 and are all stored', async () => {
      const users = Array.from({ length: 8 }, () => uid('par'))
      const results = await Promise.all(
        users.map((u) => t.send('/v1/batch', { batch: [track(u), track(u)] }, { key: s.keys.write.outdoor })),
      )
      expect(results.map((r) => r.statusCode)).toEqual(users.map(() => 200))
      for (const u of users) expect(await t.events(u)).toHaveLength(2)
    })

    it('an identify racing with a track of the same userId in another request still joins the anonymous history', async () => {
      for (let round = 0; round < 8; round++) {
        const anon = uid('ranon')
        const user = uid('ruser')
        const a1 = { type: 'track', anonymousId: anon, event: 'Product Viewed', messageId: uid('m') }
        const idf = { type: 'identify', userId: user, anonymousId: anon, messageId: uid('m') }
        const u1 = { type: 'track', userId: user, event: 'Product Viewed', messageId: uid('m') }
        const res = await Promise.all([
          t.send('/v1/batch', { batch: [a1, idf] }, { key: s.keys.write.outdoor }),
          t.send('/v1/batch', { batch: [u1] }, { key: s.keys.write.outdoor }),
        ])
        expect(res.map((r) => r.statusCode)).toEqual([200, 200])
        expect((await t.events(user)).map((e) => e.messageId).sort(), `round ${round}`).toEqual(
          [a1.messageId, idf.messageId, u1.messageId].sort(),
        )
      }
    })

    it('the same message sent twice (a retry) is stored once; both answers are 200', async () => {
      const user = uid('dup')
      const m = track(user)
      await t.sendOk('/v1/track', m)
      await t.sendOk('/v1/track', m, 'outdoor', { 'x-retry-count': '1' })
      const evs = await t.events(user)
      expect(evs.map((e) => e.messageId)).toEqual([m.messageId])
    })

    it('the same messageId twice inside one batch is stored once', async () => {
      const user = uid('dupb')
      const m = track(user)
      await t.sendOk('/v1/batch', { batch: [m, m, track(user)] })
      const evs = await t.events(user)
      expect(evs).toHaveLength(2)
      expect(evs.filter((e) => e.messageId === m.messageId)).toHaveLength(1)
    })

    it('a replayed batch (SDK retry with the same messageIds) adds nothing', async () => {
      const user = uid('replay')
      const batch = { batch: [track(user), track(user, { timestamp: dayAt(2) }), track(user)] }
      await t.sendOk('/v1/batch', batch)
      const first = await t.events(user)
      await t.sendOk('/v1/batch', batch, 'outdoor', { 'x-retry-count': '1' })
      await t.sendOk('/v1/batch', batch, 'outdoor', { 'x-retry-count': '2' })
      expect(await t.events(user)).toEqual(first)
      expect(first).toHaveLength(3)
    })

    it('a message without messageId but with a timestamp is deduplicated on its content', async () => {
      const user = uid('derived')
      const { messageId: _drop, ...m } = track(user)
      await t.sendOk('/v1/track', m)
      await t.sendOk('/v1/track', { ...m, sentAt: new Date(Date.now() + 5).toISOString() })
      const evs = await t.events(user)
      expect(evs).toHaveLength(1)
      expect(evs[0]?.messageId).toMatch(/^derived-[0-9a-f]{32}$/)
    })

    it('the same messageId at another brand is stored separately: one brand cannot suppress the events of another', async () => {
      const messageId = uid('shared')
      const user = uid('both')
      // Brand baby sends first; outdoor's event with the same messageId must still be stored.
      await t.sendOk(
        '/v1/track',
        track(user, { messageId, properties: { category: 'Baby > Strollers', note: 'from-baby' } }),
        'baby',
      )
      await t.sendOk(
        '/v1/track',
        track(user, { messageId, properties: { category: 'Outdoors > Hiking', note: 'from-outdoor' } }),
        'outdoor',
      )
      const atOutdoor = await t.events(user, 'outdoor')
      const atBaby = await t.events(user, 'baby')
      expect(atOutdoor.map((e) => [e.messageId, e.properties.note])).toEqual([[messageId, 'from-outdoor']])
      expect(atBaby.map((e) => [e.messageId, e.properties.note])).toEqual([[messageId, 'from-baby']])
      // And a retry at either brand is still a duplicate there.
      await t.sendOk('/v1/track', track(user, { messageId, properties: { note: 'again' } }), 'outdoor')
      expect((await t.events(user, 'outdoor')).map((e) => e.properties.note)).toEqual(['from-outdoor'])
    })

    it('a batch with valid and invalid messages → 200; the valid ones are stored, the invalid ones listed as rejections with batchIndex', async () => {
      const user = uid('mixed')
      const secret = uid('SECRETVALUE')
      const good1 = track(user)
      const good2 = track(user, { type: 'page', event: undefined, name: 'Home', properties: {} })
      const batch = [
        good1,
        { type: 'track', event: 'Product Viewed', messageId: uid('m'), properties: { secret } },
        good2,
        { type: 'track', userId: user, messageId: uid('m'), properties: { secret } },
        { type: 'nonsense', userId: user, messageId: uid('m') },
      ]
      const res = await t.send('/v1/batch', { batch }, { key: s.keys.write.outdoor })
      expect(res.statusCode, res.body).toBe(200)
      expect(res.json()).toEqual({ success: true })
      const evs = await t.events(user)
      expect(evs.map((e) => e.messageId).sort()).toEqual([good1.messageId, good2.messageId].sort())
      const { rejections } = await t.rejections(s.keys.server.outdoor)
      const mine = rejections
        .slice(0, 3)
        .map((r) => ({
          index: r.batchIndex,
          reason: r.reason,
          field: r.field,
          endpoint: r.endpoint,
          brand: r.brand,
        }))
        .sort((a, b) => (a.index ?? -1) - (b.index ?? -1))
      expect(mine).toEqual([
        { index: 1, reason: 'missing-identity', field: 'userId', endpoint: 'batch', brand: 'outdoor' },
        { index: 3, reason: 'missing-event', field: 'event', endpoint: 'batch', brand: 'outdoor' },
        { index: 4, reason: 'invalid-type', field: 'type', endpoint: 'batch', brand: 'outdoor' },
      ])
      const raw = JSON.stringify(rejections)
      expect(raw).not.toContain(secret)
      expect(raw).not.toContain(user)
    })
  })
}

// ---------------------------------------------------------------------------------------------
// Everything else on SQLite.
// ---------------------------------------------------------------------------------------------
describe('tracking API (sqlite)', () => {
  let s: TestServer
  let t: ReturnType<typeof tracking>
  beforeAll(async () => {
    s = await createTestServer('sqlite')
    t = tracking(s)
  })
  afterAll(async () => {
    await s?.close()
  })

  const messagesFor = (user: string) => ({
    '/v1/track': track(user),
    '/v1/identify': {
      userId: user,
      messageId: uid('m'),
      traits: { plan: 'pro' },
      timestamp: dayAt(1),
    },
    '/v1/page': { userId: user, messageId: uid('m'), name: 'Home', properties: { path: '/' } },
    '/v1/screen': { userId: user, messageId: uid('m'), name: 'Settings', properties: {} },
    '/v1/group': { userId: user, messageId: uid('m'), groupId: 'g-1', traits: { name: 'Team' } },
    '/v1/alias': { userId: user, previousId: uid('prev'), messageId: uid('m') },
  })

  describe('endpoints and write-key presentation', () => {
    it('every Segment endpoint with the write key as Basic user name (empty password) → 200 {"success":true}, stored once each', async () => {
      const user = uid('basic')
      const msgs = messagesFor(user)
      for (const [path, body] of Object.entries(msgs)) {
        const res = await t.send(path, body, { key: s.keys.write.outdoor, auth: 'basic' })
        expect(res.statusCode, `${path}: ${res.body}`).toBe(200)
        expect(res.json()).toEqual({ success: true })
      }
      const batchMsg = track(user)
      const res = await t.send('/v1/batch', { batch: [batchMsg] }, { key: s.keys.write.outdoor })
      expect(res.statusCode).toBe(200)
      expect(res.json()).toEqual({ success: true })
      const evs = await t.events(user)
      expect(evs.map((e) => e.type).sort()).toEqual(
        ['alias', 'group', 'identify', 'page', 'screen', 'track', 'track'].sort(),
      )
      const ids = new Set(evs.map((e) => e.messageId))
      for (const m of Object.values(msgs)) expect(ids.has(m.messageId)).toBe(true)
      expect(ids.has(batchMsg.messageId)).toBe(true)
    })

    it('every Segment endpoint with Authorization: Bearer → 200', async () => {
      const user = uid('bearer')
      for (const [path, body] of Object.entries(messagesFor(user))) {
        const res = await t.send(path, body, { key: s.keys.write.outdoor, auth: 'bearer' })
        expect(res.statusCode, `${path}: ${res.body}`).toBe(200)
        expect(res.json()).toEqual({ success: true })
      }
      const res = await t.send(
        '/v1/batch',
        { batch: [track(user)] },
        { key: s.keys.write.outdoor, auth: 'bearer' },
      )
      expect(res.statusCode).toBe(200)
      expect(await t.events(user)).toHaveLength(7)
    })

    it('the short paths /v1/t … /v1/b accept text/plain JSON with the writeKey in the body and no Authorization header', async () => {
      const user = uid('short')
      const long = messagesFor(user)
      const short: [string, unknown][] = [
        ['/v1/t', long['/v1/track']],
        ['/v1/i', long['/v1/identify']],
        ['/v1/p', long['/v1/page']],
        ['/v1/s', long['/v1/screen']],
        ['/v1/g', long['/v1/group']],
        ['/v1/a', long['/v1/alias']],
      ]
      for (const [path, body] of short) {
        const res = await t.send(
          path,
          { ...(body as object), writeKey: s.keys.write.outdoor },
          { auth: 'none', headers: { 'content-type': 'text/plain;charset=UTF-8' } },
        )
        expect(res.statusCode, `${path}: ${res.body}`).toBe(200)
        expect(res.json()).toEqual({ success: true })
      }
      const b = track(user)
      const res = await t.send(
        '/v1/b',
        { batch: [b], writeKey: s.keys.write.outdoor },
        { auth: 'none', headers: { 'content-type': 'text/plain' } },
      )
      expect(res.statusCode, res.body).toBe(200)
      const evs = await t.events(user)
      expect(evs).toHaveLength(7)
      // The write key is never stored with the event.
      expect(JSON.stringify(evs)).not.toContain(s.keys.write.outdoor)
    })

    it('a short-path retry with X-Retry-Count is accepted and deduplicated', async () => {
      const user = uid('retry')
      const m = { ...track(user), writeKey: s.keys.write.outdoor }
      for (const retry of ['0', '1', '2']) {
        const res = await t.send('/v1/t', m, {
          auth: 'none',
          headers: { 'content-type': 'text/plain', 'x-retry-count': retry },
        })
        expect(res.statusCode, res.body).toBe(200)
      }
      expect(await t.events(user)).toHaveLength(1)
    })

    it('the body writeKey is used only without a header: a Basic header with a server key wins and is refused', async () => {
      const user = uid('hdrwins')
      const res = await t.send(
        '/v1/t',
        { ...track(user), writeKey: s.keys.write.outdoor },
        { key: s.keys.server.outdoor, auth: 'basic', headers: { 'content-type': 'text/plain' } },
      )
      expect(res.statusCode).toBe(403)
      expect(await t.eventsStatus(user)).toBe(404)
    })
  })

  describe('CORS for browser SDKs', () => {
    const preflight = (origin: string) =>
      s.app.inject({
        method: 'OPTIONS',
        url: '/v1/t',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,authorization,x-retry-count',
        },
      })

    it("a preflight from the brand's allowed origin is answered with access-control-allow-origin", async () => {
      const res = await preflight('https://outdoor.example')
      expect(res.statusCode).toBeGreaterThanOrEqual(200)
      expect(res.statusCode).toBeLessThan(300)
      expect(res.headers['access-control-allow-origin']).toBe('https://outdoor.example')
      expect(String(res.headers['access-control-allow-methods'] ?? '')).toContain('POST')
    })

    it('a preflight from an origin no brand allows gets no access-control-allow-origin', async () => {
      const res = await preflight('https://evil.example')
      expect(res.headers['access-control-allow-origin']).toBeUndefined()
    })

    it('a POST from the allowed origin is answered with the CORS header; from another brand’s origin with that key → 403, nothing stored', async () => {
      const user = uid('cors')
      const ok = await t.send(
        '/v1/t',
        { ...track(user), writeKey: s.keys.write.outdoor },
        {
          auth: 'none',
          headers: { 'content-type': 'text/plain', origin: 'https://outdoor.example' },
        },
      )
      expect(ok.statusCode, ok.body).toBe(200)
      expect(ok.headers['access-control-allow-origin']).toBe('https://outdoor.example')
      const other = uid('cors-other')
      const bad = await t.send(
        '/v1/t',
        { ...track(other), writeKey: s.keys.write.outdoor },
        {
          auth: 'none',
          headers: { 'content-type': 'text/plain', origin: 'https://baby.example' },
        },
      )
      expect(bad.statusCode).toBe(403)
      expect(await t.eventsStatus(other)).toBe(404)
    })
  })

  describe('keys', () => {
    const refused = async (key: string | undefined, status: number, code: string) => {
      const user = uid('key')
      for (const auth of ['basic', 'bearer'] as const) {
        const res = await t.send('/v1/track', track(user), { key, auth })
        expect(res.statusCode, res.body).toBe(status)
        expect(errorOf(res).code).toBe(code)
      }
      const res = await t.send(
        '/v1/t',
        { ...track(user), writeKey: key },
        { auth: 'none', headers: { 'content-type': 'text/plain' } },
      )
      expect(res.statusCode, res.body).toBe(status)
      expect(await t.eventsStatus(user)).toBe(404)
    }

    it('a server key used as write key → 403 forbidden; nothing stored', async () => {
      await refused(s.keys.server.outdoor, 403, 'forbidden')
    })

    it('an admin or reviewer key used as write key → 403 forbidden', async () => {
      await refused(s.keys.admin, 403, 'forbidden')
      await refused(s.keys.reviewer, 403, 'forbidden')
    })

    it('an unknown write key → 401 unauthorized', async () => {
      await refused(`cnd_write_abcdefghij_${'A'.repeat(43)}`, 401, 'unauthorized')
      await refused('garbage', 401, 'unauthorized')
    })

    it('a revoked write key → 401 unauthorized', async () => {
      const created = await s.candor.apiKeys.create({ kind: 'write', brandId: 'outdoor' })
      await t.sendOk('/v1/track', track(uid('live')), 'outdoor')
      const before = await t.send('/v1/track', track(uid('rv')), { key: created.key })
      expect(before.statusCode).toBe(200)
      await s.candor.apiKeys.revoke(created.id)
      await refused(created.key, 401, 'unauthorized')
    })

    it('no key at all → 401', async () => {
      const user = uid('nokey')
      const res = await t.send('/v1/track', track(user), { auth: 'none' })
      expect(res.statusCode).toBe(401)
      expect(errorOf(res).code).toBe('unauthorized')
      expect(await t.eventsStatus(user)).toBe(404)
    })

    it('a write key cannot read: GET events and rejections with a write key → 403', async () => {
      const res = await s.call('GET', '/v1/ingest/rejections', { key: s.keys.write.outdoor })
      expect(res.statusCode).toBe(403)
      const user = uid('wr')
      await t.sendOk('/v1/track', track(user))
      const ev = await s.call('GET', `/v1/persons/${user}/events`, { key: s.keys.write.outdoor })
      expect(ev.statusCode).toBe(403)
    })
  })

  describe('size limits in bytes', () => {
    it('a single message just over 32 KB in bytes (but fewer characters) → 400 message-rejected naming message-too-large; nothing stored', async () => {
      const user = uid('big')
      const { json, chars } = sizedTo(32_769, (pad) => track(user, { properties: { note: pad } }))
      expect(chars).toBeLessThan(32_768)
      const res = await t.send('/v1/track', json, { key: s.keys.write.outdoor })
      expect(res.statusCode, res.body).toBe(400)
      const e = errorOf(res)
      expect(e.code).toBe('message-rejected')
      expect(`${e.message} ${e.field ?? ''}`).toContain('message-too-large')
      expect(await t.eventsStatus(user)).toBe(404)
      const { rejections } = await t.rejections(s.keys.server.outdoor)
      expect(rejections[0]).toMatchObject({
        reason: 'message-too-large',
        endpoint: 'track',
        batchIndex: null,
      })
    })

    it('a single message of exactly 32768 bytes is accepted', async () => {
      const user = uid('edge')
      const { json } = sizedTo(32_768, (pad) => track(user, { properties: { note: pad } }))
      const res = await t.send('/v1/track', json, { key: s.keys.write.outdoor })
      expect(res.statusCode, res.body).toBe(200)
      expect(await t.events(user)).toHaveLength(1)
    })

    it('the short path measures bytes too (text/plain, multi-byte) → 400', async () => {
      const user = uid('bigshort')
      const { json, chars } = sizedTo(32_769, (pad) => ({
        ...track(user, { properties: { note: pad } }),
        writeKey: s.keys.write.outdoor,
      }))
      expect(chars).toBeLessThan(32_768)
      const res = await t.send('/v1/t', json, { auth: 'none', headers: { 'content-type': 'text/plain' } })
      expect(res.statusCode, res.body).toBe(400)
      expect(errorOf(res).code).toBe('message-rejected')
      expect(await t.eventsStatus(user)).toBe(404)
    })

    it('a batch item over 32 KB is rejected on its own (batchIndex) while the others are stored', async () => {
      const user = uid('bigitem')
      const small = track(user)
      const { json } = sizedTo(32_769, (pad) => track(user, { properties: { note: pad } }))
      const body = `{"batch":[${JSON.stringify(small)},${json}]}`
      const res = await t.send('/v1/batch', body, { key: s.keys.write.outdoor })
      expect(res.statusCode, res.body).toBe(200)
      expect((await t.events(user)).map((e) => e.messageId)).toEqual([small.messageId])
      const { rejections } = await t.rejections(s.keys.server.outdoor)
      expect(rejections[0]).toMatchObject({ reason: 'message-too-large', batchIndex: 1, endpoint: 'batch' })
    })

    const batchOf = (user: string, ids: string[]) => (pad: string) => ({
      batch: ids.map((messageId, i) =>
        track(user, { messageId, properties: { note: i === ids.length - 1 ? pad : 'é'.repeat(12_000) } }),
      ),
    })

    it('a batch just over 500 KB in bytes (but fewer characters) → 400 naming batch-too-large; nothing stored', async () => {
      const user = uid('bigbatch')
      const ids = Array.from({ length: 21 }, () => uid('m'))
      const { json, chars } = sizedTo(512_001, batchOf(user, ids))
      expect(chars).toBeLessThan(512_000)
      const res = await t.send('/v1/batch', json, { key: s.keys.write.outdoor })
      expect(res.statusCode, res.body).toBe(400)
      const e = errorOf(res)
      expect(e.code).toBe('message-rejected')
      expect(`${e.message} ${e.field ?? ''}`).toContain('batch-too-large')
      expect(await t.eventsStatus(user)).toBe(404)
    })

    it('a batch of exactly 512000 bytes is accepted in full', async () => {
      const user = uid('edgebatch')
      const ids = Array.from({ length: 21 }, () => uid('m'))
      const { json } = sizedTo(512_000, batchOf(user, ids))
      const res = await t.send('/v1/batch', json, { key: s.keys.write.outdoor })
      expect(res.statusCode, res.body).toBe(200)
      expect((await t.events(user)).map((e) => e.messageId).sort()).toEqual([...ids].sort())
    })
  })

  describe('invalid single messages and rejections', () => {
    it('a message with neither userId nor anonymousId → 400 naming userId; listed as a rejection without any value', async () => {
      const secret = uid('PROPVALUE')
      const res = await t.send(
        '/v1/track',
        { event: 'Product Viewed', messageId: uid('m'), properties: { secret, category: secret } },
        { key: s.keys.write.outdoor },
      )
      expect(res.statusCode, res.body).toBe(400)
      const e = errorOf(res)
      expect(e.code).toBe('message-rejected')
      expect(e.field).toBe('userId')
      expect(res.body).not.toContain(secret)
      const body = await t.rejections(s.keys.server.outdoor)
      expect(body.rejections[0]).toMatchObject({
        brand: 'outdoor',
        endpoint: 'track',
        reason: 'missing-identity',
        field: 'userId',
        batchIndex: null,
      })
      expect(Number.isNaN(Date.parse(body.rejections[0]?.receivedAt ?? ''))).toBe(false)
      expect(JSON.stringify(body)).not.toContain(secret)
    })

    it('a track without event → 400 naming event; the rejection holds no userId and no property value', async () => {
      const user = uid('USERVALUE')
      const secret = uid('PROPVALUE')
      const res = await t.send(
        '/v1/track',
        { userId: user, messageId: uid('m'), properties: { secret } },
        { key: s.keys.write.outdoor },
      )
      expect(res.statusCode).toBe(400)
      expect(errorOf(res)).toMatchObject({ code: 'message-rejected', field: 'event' })
      expect(await t.eventsStatus(user)).toBe(404)
      const body = await t.rejections(s.keys.server.outdoor)
      expect(body.rejections[0]).toMatchObject({ reason: 'missing-event', field: 'event', endpoint: 'track' })
      const raw = JSON.stringify(body)
      expect(raw).not.toContain(secret)
      expect(raw).not.toContain(user)
    })

    it('rejections are brand-scoped: another brand’s server key does not see them; the admin key sees all (and can filter)', async () => {
      const marker = uid('onlybaby')
      const res = await t.send(
        '/v1/track',
        { userId: marker, messageId: uid('m') },
        { key: s.keys.write.baby },
      )
      expect(res.statusCode).toBe(400)
      const outdoor = await t.rejections(s.keys.server.outdoor)
      expect(outdoor.rejections.every((r) => r.brand === 'outdoor')).toBe(true)
      const baby = await t.rejections(s.keys.server.baby)
      expect(baby.rejections[0]).toMatchObject({ brand: 'baby', reason: 'missing-event' })
      expect(baby.rejections.every((r) => r.brand === 'baby')).toBe(true)
      const all = await t.rejections(s.keys.admin)
      expect(new Set(all.rejections.map((r) => r.brand))).toEqual(new Set(['outdoor', 'baby']))
      const filtered = await s.call('GET', '/v1/ingest/rejections?brand=baby', { key: s.keys.admin })
      expect(filtered.statusCode).toBe(200)
      expect((filtered.json() as RejectionsBody).rejections.every((r) => r.brand === 'baby')).toBe(true)
    })

    it('rejections paginate with limit and cursor', async () => {
      for (let i = 0; i < 3; i++)
        expect(
          (await t.send('/v1/track', { messageId: uid('m') }, { key: s.keys.write.home })).statusCode,
        ).toBe(400)
      const p1 = await s.call('GET', '/v1/ingest/rejections?limit=2', { key: s.keys.server.home })
      const b1 = p1.json() as RejectionsBody
      expect(b1.rejections).toHaveLength(2)
      expect(b1.nextCursor).not.toBeNull()
      const p2 = await s.call('GET', `/v1/ingest/rejections?limit=2&cursor=${b1.nextCursor}`, {
        key: s.keys.server.home,
      })
      const b2 = p2.json() as RejectionsBody
      expect(b2.rejections).toHaveLength(1)
      expect(b2.nextCursor).toBeNull()
    })

    it('invalid JSON → 400 invalid-json; an unsupported content type → 415', async () => {
      const bad = await t.send('/v1/track', '{"userId":', { key: s.keys.write.outdoor })
      expect(bad.statusCode).toBe(400)
      expect(errorOf(bad).code).toBe('invalid-json')
      const xml = await t.send('/v1/track', '<track/>', {
        key: s.keys.write.outdoor,
        headers: { 'content-type': 'application/xml' },
      })
      expect(xml.statusCode).toBe(415)
    })
  })

  describe('consent signals on tracking requests', () => {
    const consentOf = async (ref: string, brand = 'outdoor'): Promise<ConsentBody> => {
      const res = await s.call('GET', `/v1/persons/${encodeURIComponent(ref)}/consent?limit=500`, {
        key: s.keys.server[brand],
      })
      expect(res.statusCode, res.body).toBe(200)
      return res.json() as ConsentBody
    }

    it('Sec-GPC: 1 records a GPC opt-out of advertising (source gpc); a second GPC request adds no second entry', async () => {
      const user = uid('gpc')
      await t.sendOk('/v1/track', track(user), 'outdoor', { 'sec-gpc': '1' })
      const c1 = await consentOf(user)
      expect(c1.current.find((c) => c.purpose === 'advertising')).toMatchObject({
        granted: false,
        state: 'denied',
        source: 'gpc',
      })
      expect(c1.history.filter((h) => h.source === 'gpc')).toHaveLength(1)
      expect(c1.history.find((h) => h.source === 'gpc')).toMatchObject({
        purpose: 'advertising',
        state: 'denied',
      })
      await t.sendOk('/v1/batch', { batch: [track(user), track(user)] }, 'outdoor', { 'sec-gpc': '1' })
      const c2 = await consentOf(user)
      expect(c2.history.filter((h) => h.source === 'gpc')).toHaveLength(1)
    })

    it('Sec-GPC on a batch records one opt-out per person in it', async () => {
      const u1 = uid('gpc1')
      const u2 = uid('gpc2')
      await t.sendOk('/v1/batch', { batch: [track(u1), track(u2), track(u1)] }, 'outdoor', { 'sec-gpc': '1' })
      for (const u of [u1, u2]) {
        const c = await consentOf(u)
        expect(c.history.filter((h) => h.source === 'gpc').map((h) => `${h.purpose}:${h.state}`)).toEqual([
          'advertising:denied',
        ])
      }
    })

    it('categoryPreferences granting advertising in a request with Sec-GPC: 1 do not override the GPC opt-out', async () => {
      const user = uid('gpc-prefs')
      await t.sendOk(
        '/v1/track',
        track(user, {
          context: {
            consent: { categoryPreferences: { Advertising: true, DataSharing: true, Marketing: true } },
          },
        }),
        'outdoor',
        { 'sec-gpc': '1' },
      )
      const c = await consentOf(user)
      expect(c.current.find((x) => x.purpose === 'advertising')).toMatchObject({
        granted: false,
        source: 'gpc',
      })
      expect(c.history.filter((h) => h.purpose === 'advertising' && h.state === 'granted')).toEqual([])
    })

    it('without Sec-GPC nothing is recorded in the ledger', async () => {
      const user = uid('nogpc')
      await t.sendOk('/v1/track', track(user))
      expect((await consentOf(user)).history).toEqual([])
    })

    it('context.consent.categoryPreferences become ledger entries', async () => {
      const user = uid('prefs')
      await t.sendOk(
        '/v1/track',
        track(user, {
          context: { consent: { categoryPreferences: { Personalisation: true, Analytics: false } } },
        }),
      )
      const c = await consentOf(user)
      const current = Object.fromEntries(c.current.map((x) => [x.purpose, x.granted]))
      expect(current.personalization).toBe(true)
      expect(current.analytics).toBe(false)
      const entries = c.history.map((h) => `${h.purpose}:${h.state}`).sort()
      expect(entries).toEqual(['analytics:denied', 'personalization:granted'])
      for (const h of c.history) expect(h.evidence ?? '').toContain('categoryPreferences')
      // The same preferences again change nothing.
      await t.sendOk(
        '/v1/track',
        track(user, {
          context: { consent: { categoryPreferences: { Personalisation: true, Analytics: false } } },
        }),
      )
      expect((await consentOf(user)).history).toHaveLength(2)
    })
  })

  describe('identify traits and identities', () => {
    it('identify traits become data items: email → user.contact.email (usable for essential), an unknown trait → user.unclassified', async () => {
      const user = uid('traits')
      const email = `${uid('mail')}@example.com`
      await t.sendOk('/v1/identify', {
        userId: user,
        messageId: uid('m'),
        traits: { email, favouriteTrail: 'ridge loop' },
      })
      const res = await s.call('GET', `/v1/persons/${user}?purpose=essential`, { key: s.keys.server.outdoor })
      expect(res.statusCode, res.body).toBe(200)
      const view = res.json() as ViewBody
      const mail = view.items.find((i) => i.category === 'user.contact.email')
      expect(mail).toMatchObject({ value: email, brand: 'outdoor', source: 'stated' })
      const exp = await s.call('GET', `/v1/persons/${user}/export`, { key: s.keys.server.outdoor })
      expect(exp.statusCode).toBe(200)
      const items = (exp.json() as ExportBody).dataItems
      const unknown = items.find((i) => i.value === 'ridge loop')
      expect(unknown?.category).toBe('user.unclassified')
      expect(items.find((i) => i.value === email)?.category).toBe('user.contact.email')
    })

    it('events sent with only an anonymousId, then identify with both ids: the userId lists all of them', async () => {
      const anon = uid('anon')
      const user = uid('user')
      const a1 = { anonymousId: anon, event: 'Product Viewed', messageId: uid('m'), properties: {} }
      const a2 = { anonymousId: anon, event: 'Product Viewed', messageId: uid('m'), properties: {} }
      await t.sendOk('/v1/track', a1)
      await t.sendOk('/v1/track', a2)
      expect(await t.eventsStatus(user)).toBe(404)
      const idf = { userId: user, anonymousId: anon, messageId: uid('m'), traits: {} }
      await t.sendOk('/v1/identify', idf)
      const evs = await t.events(user)
      expect(evs.map((e) => e.messageId).sort()).toEqual([a1.messageId, a2.messageId, idf.messageId].sort())
      // The anonymous ref resolves to the same person.
      expect((await t.events(`anonymousId:${anon}`)).map((e) => e.messageId).sort()).toEqual(
        evs.map((e) => e.messageId).sort(),
      )
      // Later anonymous-only events land on the same person too.
      const a3 = { anonymousId: anon, event: 'Product Viewed', messageId: uid('m'), properties: {} }
      await t.sendOk('/v1/track', a3)
      expect(await t.events(user)).toHaveLength(4)
    })

    it('an identify merge inside one batch also joins the events', async () => {
      const anon = uid('anonb')
      const user = uid('userb')
      const a1 = { type: 'track', anonymousId: anon, event: 'Product Viewed', messageId: uid('m') }
      const idf = { type: 'identify', userId: user, anonymousId: anon, messageId: uid('m') }
      const u1 = { type: 'track', userId: user, event: 'Product Viewed', messageId: uid('m') }
      await t.sendOk('/v1/batch', { batch: [a1, idf, u1] })
      expect((await t.events(user)).map((e) => e.messageId).sort()).toEqual(
        [a1.messageId, idf.messageId, u1.messageId].sort(),
      )
    })

    it('alias merges previousId into userId', async () => {
      const old = uid('old')
      const now = uid('new')
      const e1 = track(old)
      const e2 = track(now)
      await t.sendOk('/v1/track', e1)
      await t.sendOk('/v1/track', e2)
      const al = { userId: now, previousId: old, messageId: uid('m') }
      await t.sendOk('/v1/alias', al)
      expect((await t.events(now)).map((e) => e.messageId).sort()).toEqual(
        [e1.messageId, e2.messageId, al.messageId].sort(),
      )
    })

    it('alias of an anonymousId to a new userId attaches the anonymous history', async () => {
      const anon = uid('anon-al')
      const user = uid('user-al')
      const e1 = { anonymousId: anon, event: 'Product Viewed', messageId: uid('m') }
      await t.sendOk('/v1/track', e1)
      await t.sendOk('/v1/alias', { userId: user, previousId: anon, messageId: uid('m') })
      expect((await t.events(user)).map((e) => e.messageId)).toContain(e1.messageId)
    })

    it('a second identify with a new email updates the data item instead of adding a second one', async () => {
      const user = uid('reident')
      await t.sendOk('/v1/identify', {
        userId: user,
        messageId: uid('m'),
        traits: { email: 'first@example.com' },
      })
      await t.sendOk('/v1/identify', {
        userId: user,
        messageId: uid('m'),
        traits: { email: 'second@example.com' },
      })
      const res = await s.call('GET', `/v1/persons/${user}?purpose=essential`, { key: s.keys.server.outdoor })
      const mails = (res.json() as ViewBody).items.filter((i) => i.category === 'user.contact.email')
      expect(mails.map((i) => i.value)).toEqual(['second@example.com'])
    })

    it('after an erasure with suppression, tracking for that userId is acknowledged (200) but nothing is stored; the rejection says suppressed', async () => {
      const user = uid('suppress')
      await t.sendOk('/v1/track', track(user))
      const del = await s.call('DELETE', `/v1/persons/${user}?suppress=true`, { key: s.keys.server.outdoor })
      expect(del.statusCode, del.body).toBe(200)
      await t.sendOk('/v1/track', track(user))
      const r1 = await t.rejections(s.keys.server.outdoor)
      expect(r1.rejections[0]).toMatchObject({ reason: 'suppressed', endpoint: 'track', batchIndex: null })
      await t.sendOk('/v1/batch', { batch: [track(user), track(user)] })
      expect(await t.eventsStatus(user)).toBe(404)
      const { rejections } = await t.rejections(s.keys.server.outdoor)
      expect(
        rejections
          .slice(0, 2)
          .map((r) => [r.reason, r.endpoint, r.batchIndex])
          .sort(),
      ).toEqual([
        ['suppressed', 'batch', 0],
        ['suppressed', 'batch', 1],
      ])
      expect(JSON.stringify(rejections)).not.toContain(user)
    })

    it('in a one-message batch, a suppressed message is still reported at batchIndex 0 (like a validation rejection)', async () => {
      const user = uid('suppress1')
      await t.sendOk('/v1/track', track(user))
      const del = await s.call('DELETE', `/v1/persons/${user}?suppress=true`, { key: s.keys.server.outdoor })
      expect(del.statusCode, del.body).toBe(200)
      // A validation rejection in a one-message batch carries its index…
      await t.sendOk('/v1/batch', { batch: [{ type: 'track', userId: user, messageId: uid('m') }] })
      expect((await t.rejections(s.keys.server.outdoor)).rejections[0]).toMatchObject({
        reason: 'missing-event',
        endpoint: 'batch',
        batchIndex: 0,
      })
      // …and so must a suppression.
      await t.sendOk('/v1/batch', { batch: [track(user)] })
      expect((await t.rejections(s.keys.server.outdoor)).rejections[0]).toMatchObject({
        reason: 'suppressed',
        endpoint: 'batch',
        batchIndex: 0,
      })
    })

    it('an alias without previousId → 400 naming previousId', async () => {
      const res = await t.send(
        '/v1/alias',
        { userId: uid('u'), messageId: uid('m') },
        { key: s.keys.write.outdoor },
      )
      expect(res.statusCode).toBe(400)
      expect(errorOf(res)).toMatchObject({ code: 'message-rejected', field: 'previousId' })
    })
  })

  describe('events API', () => {
    it('events come back decrypted and newest first, and paginate', async () => {
      const user = uid('order')
      const ms = [3, 1, 2].map((d) => track(user, { timestamp: dayAt(d), properties: { day: d } }))
      await t.sendOk('/v1/batch', { batch: ms })
      const evs = await t.events(user)
      expect(evs.map((e) => e.properties.day)).toEqual([1, 2, 3])
      const p1 = await s.call('GET', `/v1/persons/${user}/events?limit=2&purpose=analytics`, {
        key: s.keys.server.outdoor,
      })
      const b1 = p1.json() as EventsBody
      expect(b1.events.map((e) => e.properties.day)).toEqual([1, 2])
      const p2 = await s.call(
        'GET',
        `/v1/persons/${user}/events?limit=2&purpose=analytics&cursor=${b1.nextCursor}`,
        {
          key: s.keys.server.outdoor,
        },
      )
      expect((p2.json() as EventsBody).events.map((e) => e.properties.day)).toEqual([3])
    })

    it('clock skew: a client clock 3 days fast is corrected with sentAt; a far-future timestamp without sentAt is clamped to the arrival time', async () => {
      const user = uid('skew')
      const skew = 3 * 86_400_000
      const now = Date.now()
      const fast = track(user, {
        timestamp: new Date(now + skew - 2 * 3_600_000).toISOString(),
        sentAt: new Date(now + skew).toISOString(),
        properties: { which: 'fast' },
      })
      const { sentAt: _s, ...future } = track(user, {
        timestamp: new Date(now + 2 * 86_400_000).toISOString(),
        properties: { which: 'future' },
      })
      await t.sendOk('/v1/track', fast)
      await t.sendOk('/v1/track', future)
      const after = Date.now()
      const evs = await t.events(user)
      const at = (w: string) => Date.parse(evs.find((e) => e.properties.which === w)?.timestamp ?? '')
      // Two hours before the send, on the server clock (± the request's own duration).
      expect(at('fast')).toBeGreaterThanOrEqual(now - 2 * 3_600_000 - 60_000)
      expect(at('fast')).toBeLessThanOrEqual(after - 2 * 3_600_000 + 60_000)
      expect(at('future')).toBeGreaterThanOrEqual(now - 60_000)
      expect(at('future')).toBeLessThanOrEqual(after + 60_000)
    })

    it("a brand sees only its own events: another brand's server key gets 404 for the same userId", async () => {
      const user = uid('mine')
      await t.sendOk('/v1/track', track(user), 'outdoor')
      expect(await t.eventsStatus(user, 'baby')).toBe(404)
    })

    it('event properties are encrypted at rest: no property value appears in the raw SQLite files', async () => {
      const user = uid('enc')
      const marker = `PLAINMARKER${randomUUID().replace(/-/g, '')}`
      const m = track(user, { properties: { category: 'Outdoors > Hiking', note: marker } })
      await t.sendOk('/v1/track', m)
      // The API decrypts it…
      expect((await t.events(user))[0]?.properties.note).toBe(marker)
      // …but the files hold only ciphertext.
      const dir = s.candor.config.dataDir
      const files = readdirSync(dir).filter((f) => statSync(join(dir, f)).isFile())
      expect(files.some((f) => f.endsWith('.db'))).toBe(true)
      let scanned = 0
      let sawMessageId = false
      for (const f of files) {
        const buf = readFileSync(join(dir, f))
        scanned += buf.length
        expect(buf.includes(marker), `${f} holds the property value in plaintext`).toBe(false)
        if (buf.includes(m.messageId)) sawMessageId = true
      }
      expect(scanned).toBeGreaterThan(0)
      // The messageId is stored in the clear (dedupe), so the scan does see the event's row.
      expect(sawMessageId).toBe(true)
    })

    it('erasure covers events: DELETE the person → GET events 404, and a new track is a new person', async () => {
      const user = uid('erase')
      await t.sendOk('/v1/batch', { batch: [track(user), track(user)] })
      expect(await t.events(user)).toHaveLength(2)
      const del = await s.call('DELETE', `/v1/persons/${user}`, { key: s.keys.server.outdoor })
      expect(del.statusCode, del.body).toBe(200)
      const removed = Object.fromEntries(
        (del.json() as { removed: { table: string; count: number }[] }).removed.map((r) => [
          r.table,
          r.count,
        ]),
      )
      expect(removed.events).toBe(2)
      expect(await t.eventsStatus(user)).toBe(404)
      await t.sendOk('/v1/track', track(user))
      expect(await t.events(user)).toHaveLength(1)
    })
  })

  describe('metrics', () => {
    const counter = async (result: string): Promise<number> => {
      const res = await s.app.inject({ method: 'GET', url: '/metrics' })
      expect(res.statusCode).toBe(200)
      const line = res.body
        .split('\n')
        .find((l) => l.startsWith(`candor_ingest_messages_total{result="${result}"}`))
      return line === undefined ? 0 : Number(line.split(' ').pop())
    }

    it('/metrics counts accepted, duplicate and rejected messages (candor_ingest_messages_total)', async () => {
      const before = {
        accepted: await counter('accepted'),
        duplicate: await counter('duplicate'),
        rejected: await counter('rejected'),
      }
      const user = uid('metrics')
      const m = track(user)
      await t.sendOk('/v1/batch', { batch: [m, track(user), { type: 'track', userId: user }] })
      await t.sendOk('/v1/track', m)
      const res = await s.app.inject({ method: 'GET', url: '/metrics' })
      expect(res.body).toContain('candor_ingest_messages_total')
      expect(await counter('accepted')).toBe(before.accepted + 2)
      expect(await counter('duplicate')).toBe(before.duplicate + 1)
      expect(await counter('rejected')).toBe(before.rejected + 1)
    })
  })
})

describe('tracking while the store is unavailable (sqlite)', () => {
  let s: TestServer
  beforeAll(async () => {
    s = await createTestServer('sqlite')
  })
  afterAll(async () => {
    // The store was closed on purpose; closing again may complain.
    await s?.close().catch(() => undefined)
  })

  it('a track with the store closed → 503 storage-unavailable with Retry-After, never 200', async () => {
    const key = s.keys.write.outdoor
    await s.candor.storage.close()
    const res = await s.app.inject({
      method: 'POST',
      url: '/v1/track',
      headers: { 'content-type': 'application/json', authorization: basic(key) },
      payload: JSON.stringify(track(uid('down'))),
    })
    expect(res.statusCode, res.body).toBe(503)
    expect(res.headers['retry-after']).toBeDefined()
    expect(errorOf(res).code).toBe('storage-unavailable')
  })
})

describe('tracking while another process holds the SQLite write lock (sqlite)', () => {
  let s: TestServer
  beforeAll(async () => {
    s = await createTestServer('sqlite')
  })
  afterAll(async () => {
    await s?.close()
  })

  it('a busy store → 503 storage-unavailable with Retry-After, nothing stored; after the lock is gone → 200', async () => {
    const user = uid('busy')
    const m = track(user)
    const other = new SQLite(join(s.candor.config.dataDir, 'candor.db'))
    other.pragma('busy_timeout = 0')
    other.exec('BEGIN EXCLUSIVE')
    let res: LightMyRequestResponse
    try {
      res = await s.app.inject({
        method: 'POST',
        url: '/v1/track',
        headers: { 'content-type': 'application/json', authorization: basic(s.keys.write.outdoor) },
        payload: JSON.stringify(m),
      })
    } finally {
      other.exec('ROLLBACK')
      other.close()
    }
    expect(res.statusCode, res.body).toBe(503)
    expect(res.headers['retry-after']).toBeDefined()
    expect(errorOf(res).code).toBe('storage-unavailable')
    // The SDK retries the same message: now it is stored, once.
    const retry = await s.app.inject({
      method: 'POST',
      url: '/v1/track',
      headers: {
        'content-type': 'application/json',
        authorization: basic(s.keys.write.outdoor),
        'x-retry-count': '1',
      },
      payload: JSON.stringify(m),
    })
    expect(retry.statusCode, retry.body).toBe(200)
    const evs = await s.call('GET', `/v1/persons/${user}/events?purpose=essential`, {
      key: s.keys.server.outdoor,
    })
    expect((evs.json() as EventsBody).events.map((e) => e.messageId)).toEqual([m.messageId])
  })
})
