/**
 * The real `@rudderstack/rudder-sdk-node` SDK against a listening Candor (issue 15): pointed at
 * Candor by `dataPlaneUrl` alone, it sends gzip-compressed batches to `/v1/batch` (its default);
 * each event is stored exactly once — also when a proxy in front of Candor answers the first
 * batch with a 503 after Candor committed, so the SDK retries the same batch.
 */
import { randomUUID } from 'node:crypto'
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gunzipSync } from 'node:zlib'
import Analytics from '@rudderstack/rudder-sdk-node'
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

const uid = (label: string): string => `${label}-${randomUUID().slice(0, 8)}`
const sorted = (xs: readonly string[]) => [...xs].sort()

interface Attempt {
  readonly path: string
  readonly encoding: string | undefined
  readonly candorStatus: number
  readonly clientSaw: number
  readonly messageIds: readonly string[]
}

/**
 * A proxy in front of Candor that forwards every request and awaits Candor's answer; with
 * `fail503`, the client gets a 503 instead of Candor's answer to the first POST.
 */
async function startProxy(target: number, fail503: boolean) {
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
            const isPost = req.method === 'POST'
            if (isPost) posts++
            let messageIds: string[] = []
            try {
              const text = req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body
              const parsed = JSON.parse(text.toString('utf8')) as { batch?: { messageId?: string }[] }
              messageIds = (parsed.batch ?? []).map((m) => m.messageId ?? '')
            } catch {
              messageIds = []
            }
            const sabotage = isPost && posts === 1 && fail503
            const encoding = req.headers['content-encoding']
            attempts.push({
              path: req.url ?? '',
              encoding: Array.isArray(encoding) ? encoding[0] : encoding,
              candorStatus: up.statusCode ?? 0,
              clientSaw: sabotage ? 503 : (up.statusCode ?? 0),
              messageIds,
            })
            if (sabotage) {
              res.writeHead(503, { 'content-type': 'application/json' })
              res.end('{"error":"injected by the test proxy"}')
              return
            }
            const out: Record<string, string | string[]> = {}
            for (const [k, v] of Object.entries(up.headers)) if (v !== undefined) out[k] = v
            res.writeHead(up.statusCode ?? 502, out)
            res.end(Buffer.concat(upChunks))
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

/** An SDK client and every error it reported. */
function sdk(dataPlaneUrl: string, writeKey: string) {
  const errors: unknown[] = []
  const analytics = new Analytics(writeKey, {
    dataPlaneUrl,
    flushAt: 20,
    flushInterval: 50,
    retryCount: 3,
    logLevel: 'error',
    errorHandler: (e) => errors.push(e),
  })
  const flush = () => new Promise<void>((resolve) => analytics.flush(() => resolve()))
  return { analytics, errors, flush }
}

for (const dialect of DIALECTS) {
  describe(`@rudderstack/rudder-sdk-node v3 against a listening Candor (${dialect})`, () => {
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

    const events = async (ref: string): Promise<EventBody[]> => {
      const res = await app.inject({
        method: 'GET',
        url: `/v1/persons/${encodeURIComponent(ref)}/events?limit=500&purpose=analytics`,
        headers: { authorization: `Bearer ${serverKey}` },
      })
      if (res.statusCode === 404) return []
      expect(res.statusCode, res.body).toBe(200)
      return (res.json() as { events: EventBody[] }).events
    }

    it('track, identify, page, screen, group and alias, sent gzip-compressed to /v1/batch, are stored exactly once', async () => {
      const proxy = await startProxy(port, false)
      try {
        const anon = uid('anon')
        const user = uid('user')
        const c = sdk(proxy.url, writeKey)
        c.analytics.page({ anonymousId: anon, name: 'Boots', properties: { category: 'Outdoors > Hiking' } })
        c.analytics.track({ anonymousId: anon, event: 'Product Viewed', properties: { product_id: 'b-1' } })
        c.analytics.identify({ userId: user, anonymousId: anon, traits: { email: `${user}@example.com` } })
        c.analytics.track({ userId: user, event: 'Order Completed', properties: { order_id: 'o-1' } })
        c.analytics.screen({ userId: user, name: 'Cart' })
        c.analytics.group({ userId: user, groupId: 'team-1', traits: { name: 'Trail club' } })
        const newId = uid('renamed')
        c.analytics.alias({ userId: newId, previousId: user })
        await c.flush()

        expect(c.errors).toEqual([])
        const posts = proxy.attempts.filter((a) => a.path === '/v1/batch')
        expect(posts.length).toBeGreaterThanOrEqual(1)
        for (const p of posts) {
          expect(p.encoding).toBe('gzip')
          expect(p.candorStatus).toBe(200)
        }
        const sent = posts.flatMap((p) => p.messageIds)
        expect(sent).toHaveLength(7)
        const stored = await events(newId)
        expect(sorted(stored.map((e) => e.messageId))).toEqual(sorted(sent))
        expect(sorted(stored.map((e) => e.type))).toEqual(
          sorted(['page', 'track', 'identify', 'track', 'screen', 'group', 'alias']),
        )
        expect(await events(`anonymousId:${anon}`)).toHaveLength(7)
      } finally {
        await proxy.close()
      }
    })

    it('a forced 503 after Candor committed: the SDK resends the same batch and every event is stored once', async () => {
      const proxy = await startProxy(port, true)
      try {
        const user = uid('retry')
        const c = sdk(proxy.url, writeKey)
        // The SDK sends its first event alone at once; the later ones are batched.
        c.analytics.identify({ userId: user, traits: { plan: 'free' } })
        for (let i = 0; i < 4; i++)
          c.analytics.track({ userId: user, event: 'Product Viewed', properties: { i } })
        await c.flush()
        await new Promise((r) => setTimeout(r, 200))
        await c.flush()

        const posts = proxy.attempts.filter((a) => a.path === '/v1/batch')
        const [first, second] = posts
        expect(first?.candorStatus).toBe(200)
        expect(first?.clientSaw).toBe(503)
        expect(second?.candorStatus).toBe(200)
        expect(second?.clientSaw).toBe(200)
        expect(sorted(second?.messageIds ?? [])).toEqual(sorted(first?.messageIds ?? []))
        expect(c.errors).toEqual([])
        const sent = new Set(posts.flatMap((p) => p.messageIds))
        expect(sent.size).toBe(5)
        const stored = await events(user)
        expect(stored).toHaveLength(5)
        expect(sorted(stored.map((e) => e.messageId))).toEqual(sorted([...sent]))
      } finally {
        await proxy.close()
      }
    })

    it("RudderStack's payload shape and context.consentManagement: consent ids map to the ledger through the categoryPreferences mapping", async () => {
      const user = uid('consent')
      const c = sdk(`http://127.0.0.1:${port}`, writeKey)
      c.analytics.track({
        userId: user,
        event: 'Product Viewed',
        properties: { product_id: 'b-1' },
        context: {
          consentManagement: {
            provider: 'custom',
            resolutionStrategy: 'and',
            allowedConsentIds: ['Analytics', 'Personalization'],
            deniedConsentIds: ['Advertising'],
          },
        },
      })
      await c.flush()
      expect(c.errors).toEqual([])
      const res = await app.inject({
        method: 'GET',
        url: `/v1/persons/${user}/consent`,
        headers: { authorization: `Bearer ${serverKey}` },
      })
      expect(res.statusCode, res.body).toBe(200)
      const current = (
        res.json() as { current: { purpose: string; granted: boolean; source: string | null }[] }
      ).current
      const state = (purpose: string) => current.find((x) => x.purpose === purpose)
      expect(state('analytics')).toMatchObject({ granted: true, source: 'rudderstack' })
      expect(state('personalization')).toMatchObject({ granted: true, source: 'rudderstack' })
      expect(state('advertising')).toMatchObject({ granted: false, source: 'rudderstack' })
      // The ledger names the SDK whose fields carried the consent, and what they said.
      const history = (
        res.json() as { history: { purpose: string; source: string; evidence: string | null }[] }
      ).history
      expect(history.find((h) => h.purpose === 'advertising')?.evidence).toContain('consentManagement')
      // The stored event keeps the SDK's own fields (channel, originalTimestamp).
      const [stored] = await events(user)
      expect(stored?.event).toBe('Product Viewed')
    })

    it('the source configuration the JavaScript SDK reads: only for a valid write key; enabled, no destinations; CORS for allowed origins', async () => {
      const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`
      const url = '/sourceConfig/?p=npm&v=3.34.1&build=modern&lockIntegrationsVersion=false'
      const ok = await app.inject({
        method: 'GET',
        url,
        headers: { authorization: basic(writeKey), origin: 'https://outdoor.example' },
      })
      expect(ok.statusCode, ok.body).toBe(200)
      expect(ok.json()).toMatchObject({
        source: { id: 'outdoor', enabled: true, config: {}, destinations: [] },
      })
      expect(ok.headers['access-control-allow-origin']).toBe('https://outdoor.example')
      const byQuery = await app.inject({ method: 'GET', url: `/sourceConfig?writeKey=${writeKey}` })
      expect(byQuery.statusCode).toBe(200)
      const preflight = await app.inject({
        method: 'OPTIONS',
        url,
        headers: {
          origin: 'https://outdoor.example',
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      })
      expect(preflight.statusCode).toBe(204)
      expect(preflight.headers['access-control-allow-origin']).toBe('https://outdoor.example')
      for (const [auth, status] of [
        [basic('wk_not-a-key'), 401],
        [basic(serverKey), 403],
        [undefined, 401],
      ] as const) {
        const res = await app.inject({
          method: 'GET',
          url,
          headers: auth === undefined ? {} : { authorization: auth },
        })
        expect(res.statusCode, String(auth)).toBe(status)
        expect(res.body).not.toContain('destinations')
      }
    })

    it('a wrong write key: the SDK reports the failure and nothing is stored', async () => {
      const user = uid('badkey')
      const c = sdk(`http://127.0.0.1:${port}`, serverKey)
      c.analytics.track({ userId: user, event: 'Product Viewed' })
      await c.flush()
      expect(c.errors).toHaveLength(1)
      expect(await events(user)).toEqual([])
    })
  })
}
