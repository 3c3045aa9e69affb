/**
 * The real `@segment/analytics-node` SDK against a listening Candor (issue 3): pointed at Candor
 * by `host` alone, its track/identify/page/screen/group/alias calls are stored exactly once —
 * also when a proxy in front of Candor loses the first answer after Candor committed (a 500, or
 * a dropped connection), so the SDK retries the same batch with the same messageIds. The SDK's
 * own size guard lets oversized ASCII messages through; Candor enforces the 32 KB limit itself.
 */
import { randomUUID } from 'node:crypto'
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Analytics } from '@segment/analytics-node'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Candor } from '../../src/app/create-candor.js'
import { buildServer } from '../../src/http/build-server.js'
import { createTestCandor, DIALECTS } from '../support/dialects.js'

interface EventBody {
  messageId: string
  type: string
  event: string | null
  properties: Record<string, unknown>
}

interface RejectionBody {
  reason: string
  field: string | null
  batchIndex: number | null
  endpoint: string
}

const uid = (label: string): string => `${label}-${randomUUID().slice(0, 8)}`

/** One request that went through the proxy. */
interface Attempt {
  readonly path: string
  readonly retryCount: string | undefined
  readonly authorization: string | undefined
  readonly candorStatus: number
  readonly clientSaw: number | 'dropped'
  readonly messageIds: readonly string[]
}

interface Proxy {
  readonly url: string
  readonly attempts: Attempt[]
  close(): Promise<void>
}

/**
 * A tiny HTTP proxy in front of Candor. Every request is forwarded and Candor's answer awaited
 * (so Candor has committed); for the first POST, the client is then answered with a 500 (`fail`)
 * or its connection is destroyed (`drop`) instead of Candor's 200. Later requests pass through.
 */
async function startProxy(target: number, mode: 'fail' | 'drop' | 'pass'): Promise<Proxy> {
  const attempts: Attempt[] = []
  let posts = 0
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      const headers: IncomingHttpHeaders = { ...req.headers, host: `127.0.0.1:${target}` }
      const upstream = httpRequest(
        { host: '127.0.0.1', port: target, method: req.method, path: req.url, headers },
        (up) => {
          const upChunks: Buffer[] = []
          up.on('data', (c: Buffer) => upChunks.push(c))
          up.on('end', () => {
            const upBody = Buffer.concat(upChunks)
            const isPost = req.method === 'POST'
            if (isPost) posts++
            let messageIds: string[] = []
            try {
              const parsed = JSON.parse(body.toString('utf8')) as { batch?: { messageId?: string }[] }
              messageIds = (parsed.batch ?? []).map((m) => m.messageId ?? '')
            } catch {
              messageIds = []
            }
            const sabotage = isPost && posts === 1 && mode !== 'pass'
            const retry = req.headers['x-retry-count']
            attempts.push({
              path: req.url ?? '',
              retryCount: Array.isArray(retry) ? retry[0] : retry,
              authorization: req.headers.authorization,
              candorStatus: up.statusCode ?? 0,
              clientSaw: sabotage ? (mode === 'fail' ? 500 : 'dropped') : (up.statusCode ?? 0),
              messageIds,
            })
            if (sabotage && mode === 'drop') {
              req.socket.destroy()
              return
            }
            if (sabotage) {
              res.writeHead(500, { 'content-type': 'application/json' })
              res.end('{"error":"injected by the test proxy"}')
              return
            }
            const out: Record<string, string | string[]> = {}
            for (const [k, v] of Object.entries(up.headers)) if (v !== undefined) out[k] = v
            res.writeHead(up.statusCode ?? 502, out)
            res.end(upBody)
          })
        },
      )
      upstream.on('error', () => {
        res.writeHead(502)
        res.end()
      })
      upstream.end(body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    attempts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** An SDK client, with every error it reported and every HTTP status it saw. */
function sdk(host: string, writeKey: string, opts: { maxEventsInBatch?: number } = {}) {
  const analytics = new Analytics({
    writeKey,
    host,
    maxEventsInBatch: opts.maxEventsInBatch ?? 20,
    flushInterval: 50,
    maxRetries: 4,
    httpRequestTimeout: 10_000,
  })
  const errors: unknown[] = []
  const statuses: number[] = []
  const delivered: string[] = []
  const batchSizes: number[] = []
  const callbackErrors: unknown[] = []
  analytics.on('error', (e) => errors.push(e))
  analytics.on('http_response', (r) => statuses.push(r.status))
  analytics.on('http_request', (r) =>
    batchSizes.push((JSON.parse(r.body) as { batch: unknown[] }).batch.length),
  )
  const done = (err?: unknown, ctx?: { event: { messageId?: string } }) => {
    if (err) callbackErrors.push(err)
    else if (ctx?.event.messageId) delivered.push(ctx.event.messageId)
  }
  return { analytics, errors, statuses, delivered, callbackErrors, batchSizes, done }
}

for (const dialect of DIALECTS) {
  describe(`@segment/analytics-node v3 against a listening Candor (${dialect})`, () => {
    let candor: Candor
    let closeCandor: () => Promise<void>
    let app: FastifyInstance
    let port: number
    let writeKey: string
    let serverKey: string

    beforeAll(async () => {
      const created = await createTestCandor(dialect)
      candor = created.candor
      closeCandor = created.close
      await candor.brands.add({ id: 'outdoor', name: 'Outdoor', allowedOrigins: ['https://outdoor.example'] })
      writeKey = (await candor.apiKeys.create({ kind: 'write', brandId: 'outdoor' })).key
      serverKey = (await candor.apiKeys.create({ kind: 'server', brandId: 'outdoor' })).key
      app = await buildServer(candor)
      await app.listen({ port: 0, host: '127.0.0.1' })
      port = (app.server.address() as AddressInfo).port
    })
    afterAll(async () => {
      await app?.close()
      await closeCandor?.()
    })

    /** The stored events; with `analytics` granted first when the test reads their properties. */
    const events = async (ref: string, grantAnalytics = false): Promise<EventBody[]> => {
      if (grantAnalytics) {
        const g = await app.inject({
          method: 'POST',
          url: `/v1/persons/${encodeURIComponent(ref)}/consent`,
          headers: { authorization: `Bearer ${serverKey}` },
          payload: { purpose: 'analytics', state: 'granted' },
        })
        expect(g.statusCode, g.body).toBe(200)
      }
      const res = await app.inject({
        method: 'GET',
        url: `/v1/persons/${encodeURIComponent(ref)}/events?limit=500&purpose=analytics`,
        headers: { authorization: `Bearer ${serverKey}` },
      })
      expect(res.statusCode, res.body).toBe(200)
      return (res.json() as { events: EventBody[] }).events
    }
    const rejections = async (): Promise<RejectionBody[]> => {
      const res = await app.inject({
        method: 'GET',
        url: '/v1/ingest/rejections?limit=50',
        headers: { authorization: `Bearer ${serverKey}` },
      })
      expect(res.statusCode, res.body).toBe(200)
      return (res.json() as { rejections: RejectionBody[] }).rejections
    }
    const sorted = (xs: readonly string[]) => [...xs].sort()

    it('track, identify, page, screen, group and alias sent through the SDK are stored exactly once', async () => {
      const anon = uid('anon')
      const user = uid('user')
      // One batch: a single transaction, so the identity steps apply in call order.
      const c = sdk(`http://127.0.0.1:${port}`, writeKey, { maxEventsInBatch: 20 })
      c.analytics.page(
        { anonymousId: anon, name: 'Boots', properties: { category: 'Outdoors > Hiking > Boots' } },
        c.done,
      )
      c.analytics.track(
        {
          anonymousId: anon,
          event: 'Product Viewed',
          properties: { product_id: 'b-1', category: 'Outdoors > Hiking > Boots' },
        },
        c.done,
      )
      c.analytics.identify(
        { userId: user, anonymousId: anon, traits: { email: `${user}@example.com`, shoeSize: 44 } },
        c.done,
      )
      c.analytics.track({ userId: user, event: 'Order Completed', properties: { order_id: 'o-1' } }, c.done)
      c.analytics.screen({ userId: user, name: 'Cart' }, c.done)
      c.analytics.group({ userId: user, groupId: 'team-1', traits: { name: 'Trail club' } }, c.done)
      const newId = uid('renamed')
      c.analytics.alias({ userId: newId, previousId: user }, c.done)
      await c.analytics.closeAndFlush({ timeout: 20_000 })

      expect(c.errors).toEqual([])
      expect(c.callbackErrors).toEqual([])
      expect(c.delivered).toHaveLength(7)
      expect(c.statuses).toEqual([200])
      const stored = await events(newId)
      expect(sorted(stored.map((e) => e.messageId))).toEqual(sorted(c.delivered))
      expect(sorted(stored.map((e) => e.type))).toEqual(
        sorted(['page', 'track', 'identify', 'track', 'screen', 'group', 'alias']),
      )
      // The anonymous history and the old userId resolve to the same person.
      expect(await events(`anonymousId:${anon}`)).toHaveLength(7)
      expect(await events(user)).toHaveLength(7)
    })

    it('many events in several batches: each stored once, in batches no larger than maxEventsInBatch', async () => {
      const user = uid('many')
      const c = sdk(`http://127.0.0.1:${port}`, writeKey, { maxEventsInBatch: 4 })
      for (let i = 0; i < 10; i++)
        c.analytics.track({ userId: user, event: 'Product Viewed', properties: { i } }, c.done)
      await c.analytics.closeAndFlush({ timeout: 20_000 })
      expect(c.errors).toEqual([])
      expect(c.statuses.length).toBeGreaterThanOrEqual(3)
      expect(c.statuses.every((st) => st === 200)).toBe(true)
      expect(c.batchSizes.reduce((x, y) => x + y, 0)).toBe(10)
      expect(Math.max(...c.batchSizes)).toBeLessThanOrEqual(4)
      const stored = await events(user, true)
      expect(stored).toHaveLength(10)
      expect(new Set(stored.map((e) => e.properties.i))).toEqual(new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]))
      expect(sorted(stored.map((e) => e.messageId))).toEqual(sorted(c.delivered))
    })

    it('concurrent batches (maxEventsInBatch: 1, as the SDK sends them in parallel): every event stored exactly once, and the identify still joins the anonymous history', async () => {
      // Several rounds: the SDK does not order its parallel batches, so identity steps race.
      for (let round = 0; round < 5; round++) {
        const anon = uid('canon')
        const user = uid('cuser')
        const c = sdk(`http://127.0.0.1:${port}`, writeKey, { maxEventsInBatch: 1 })
        c.analytics.page({ anonymousId: anon, name: 'Landing' }, c.done)
        c.analytics.track({ anonymousId: anon, event: 'Product Viewed', properties: { n: 1 } }, c.done)
        c.analytics.identify({ userId: user, anonymousId: anon, traits: { plan: 'free' } }, c.done)
        c.analytics.track({ userId: user, event: 'Product Viewed', properties: { n: 2 } }, c.done)
        c.analytics.track(
          { userId: user, anonymousId: anon, event: 'Product Viewed', properties: { n: 3 } },
          c.done,
        )
        await c.analytics.closeAndFlush({ timeout: 30_000 })
        expect(c.errors).toEqual([])
        expect(c.delivered).toHaveLength(5)
        // Exactly once, wherever each event landed.
        const byAnon = await app.inject({
          method: 'GET',
          url: `/v1/persons/anonymousId:${anon}/events?limit=500&purpose=analytics`,
          headers: { authorization: `Bearer ${serverKey}` },
        })
        const byUser = await app.inject({
          method: 'GET',
          url: `/v1/persons/${user}/events?limit=500&purpose=analytics`,
          headers: { authorization: `Bearer ${serverKey}` },
        })
        const ids = new Set<string>()
        for (const r of [byAnon, byUser])
          if (r.statusCode === 200)
            for (const e of (r.json() as { events: EventBody[] }).events) ids.add(e.messageId)
        expect(sorted([...ids]), `round ${round}`).toEqual(sorted(c.delivered))
        // And one person: the userId lists all five.
        expect(sorted((await events(user)).map((e) => e.messageId)), `round ${round}`).toEqual(
          sorted(c.delivered),
        )
      }
    })

    for (const mode of ['fail', 'drop'] as const) {
      it(`forced retry (${mode === 'fail' ? '500' : 'dropped connection'} after Candor committed): the SDK resends the same batch and every event is still stored exactly once`, async () => {
        const proxy = await startProxy(port, mode)
        try {
          const user = uid(`retry-${mode}`)
          const c = sdk(proxy.url, writeKey, { maxEventsInBatch: 20 })
          c.analytics.identify({ userId: user, traits: { email: `${user}@example.com` } }, c.done)
          for (let i = 0; i < 4; i++)
            c.analytics.track(
              {
                userId: user,
                event: 'Product Viewed',
                properties: { i, category: 'Outdoors > Camping' },
              },
              c.done,
            )
          c.analytics.page({ userId: user, name: 'Home' }, c.done)
          await c.analytics.closeAndFlush({ timeout: 30_000 })

          // The proxy saw the first POST committed by Candor but not acknowledged, then a retry.
          const posts = proxy.attempts.filter((x) => x.path === '/v1/batch')
          expect(posts.length).toBeGreaterThanOrEqual(2)
          const [first, second] = posts
          expect(first?.candorStatus).toBe(200)
          expect(first?.clientSaw).toBe(mode === 'fail' ? 500 : 'dropped')
          expect(second?.candorStatus).toBe(200)
          expect(second?.clientSaw).toBe(200)
          expect(second?.retryCount).toBe('1')
          expect(first?.authorization).toBe(`Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`)
          expect(sorted(second?.messageIds ?? [])).toEqual(sorted(first?.messageIds ?? []))
          expect(first?.messageIds).toHaveLength(6)

          // The SDK reported no error in the end, and delivered all six.
          expect(c.errors).toEqual([])
          expect(c.callbackErrors).toEqual([])
          expect(sorted(c.delivered)).toEqual(sorted(first?.messageIds ?? []))

          const stored = await events(user)
          expect(stored).toHaveLength(6)
          expect(sorted(stored.map((e) => e.messageId))).toEqual(sorted(c.delivered))
        } finally {
          await proxy.close()
        }
      })
    }

    it("the SDK's size guard lets a 40 KB ASCII event through; Candor rejects that one event (message-too-large) and stores the rest of the batch", async () => {
      const user = uid('oversize')
      const c = sdk(`http://127.0.0.1:${port}`, writeKey, { maxEventsInBatch: 20 })
      c.analytics.track({ userId: user, event: 'Product Viewed', properties: { n: 1 } }, c.done)
      c.analytics.track(
        { userId: user, event: 'Note Written', properties: { note: 'a'.repeat(40_000) } },
        c.done,
      )
      c.analytics.track({ userId: user, event: 'Product Viewed', properties: { n: 3 } }, c.done)
      await c.analytics.closeAndFlush({ timeout: 20_000 })
      // The SDK sent all three in one batch (its guard did not catch the big one) and got a 200.
      expect(c.statuses).toEqual([200])
      expect(c.errors).toEqual([])
      const stored = await events(user, true)
      expect(stored.map((e) => e.properties.n).sort()).toEqual([1, 3])
      expect(stored.some((e) => e.event === 'Note Written')).toBe(false)
      const [latest] = await rejections()
      expect(latest).toMatchObject({ reason: 'message-too-large', batchIndex: 1, endpoint: 'batch' })
    })

    it('a wrong write key: the SDK gets a non-retried 4xx, reports the failure, and nothing is stored', async () => {
      const user = uid('badkey')
      const c = sdk(`http://127.0.0.1:${port}`, serverKey)
      c.analytics.track({ userId: user, event: 'Product Viewed' }, c.done)
      await c.analytics.closeAndFlush({ timeout: 20_000 })
      expect(c.statuses).toEqual([403])
      expect(c.callbackErrors).toHaveLength(1)
      const res = await app.inject({
        method: 'GET',
        url: `/v1/persons/${user}/events?purpose=analytics`,
        headers: { authorization: `Bearer ${serverKey}` },
      })
      expect(res.statusCode).toBe(404)
    })
  })
}
