/**
 * The browser SDKs people run, in Debian's Chromium (playwright-core), against a listening Candor
 * (issue 15): `@segment/analytics-next` and `@rudderstack/analytics-js` (its `/bundled` build),
 * each bundled from its npm package with esbuild and loaded by a page of another origin
 * (`http://localhost:<port>`, Candor at `http://127.0.0.1:<port>`). Each SDK is pointed at Candor
 * by its own settings alone — analytics.js by `cdnURL` (Candor serves its settings document),
 * RudderStack by `configUrl` and `dataPlaneUrl` — and the test asserts through Candor's API that
 * the events, the identities and the consent arrived, and through a recording proxy in front of
 * Candor what the browser sent: CORS preflights answered, a forced 503 retried and stored once,
 * a keepalive flush on leaving the page (analytics.js) and navigator.sendBeacon (RudderStack)
 * stored. No request leaves for any other host. A screenshot per SDK goes to test-artifacts/sdk/.
 */
import { randomUUID } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { createServer, request as httpRequest, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { build } from 'esbuild'
import type { FastifyInstance } from 'fastify'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Candor } from '../../src/app/create-candor.js'
import { buildServer } from '../../src/http/build-server.js'
import { createTestCandor } from '../support/dialects.js'

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'sdk')
const uid = (label: string): string => `${label}-${randomUUID().slice(0, 8)}`
const sorted = (xs: readonly string[]) => [...xs].sort()

/** One request the browser sent to Candor, and what Candor (and the browser) got back. */
interface Seen {
  readonly method: string
  readonly path: string
  readonly origin: string | undefined
  readonly contentType: string | undefined
  readonly requestHeaders: string | undefined
  readonly status: number
  readonly clientSaw: number
  readonly allowOrigin: string | undefined
  readonly allowHeaders: string | undefined
  readonly messageIds: readonly string[]
}

/**
 * A transparent proxy in front of Candor (the Host header passes through, as a reverse proxy's
 * does) that records every request; `failNext(path)` answers the next POST to `path` with a 503
 * (Candor's CORS headers kept) after Candor committed it.
 */
async function startProxy(target: number) {
  const seen: Seen[] = []
  const failing = new Set<string>()
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      const upstream = httpRequest(
        { host: '127.0.0.1', port: target, method: req.method, path: req.url, headers: req.headers },
        (up) => {
          const upChunks: Buffer[] = []
          up.on('data', (c: Buffer) => upChunks.push(c))
          up.on('end', () => {
            const path = (req.url ?? '').split('?', 1)[0] ?? ''
            const sabotage = req.method === 'POST' && failing.delete(path)
            let messageIds: string[] = []
            try {
              const parsed = JSON.parse(body.toString('utf8')) as {
                messageId?: string
                batch?: { messageId?: string }[]
              }
              messageIds = parsed.batch
                ? parsed.batch.map((m) => m.messageId ?? '')
                : parsed.messageId
                  ? [parsed.messageId]
                  : []
            } catch {
              messageIds = []
            }
            const header = (name: string) => {
              const v = up.headers[name]
              return Array.isArray(v) ? v.join(',') : v
            }
            seen.push({
              method: req.method ?? '',
              path,
              origin: req.headers.origin,
              contentType: req.headers['content-type'],
              requestHeaders: req.headers['access-control-request-headers'],
              status: up.statusCode ?? 0,
              clientSaw: sabotage ? 503 : (up.statusCode ?? 0),
              allowOrigin: header('access-control-allow-origin'),
              allowHeaders: header('access-control-allow-headers'),
              messageIds,
            })
            const out: Record<string, string | string[]> = {}
            for (const [k, v] of Object.entries(up.headers))
              if (v !== undefined && k !== 'content-length') out[k] = v
            if (sabotage) {
              res.writeHead(503, { ...out, 'content-type': 'application/json', 'retry-after': '0' })
              res.end('{"error":"injected by the test proxy"}')
              return
            }
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
    seen,
    failNext: (path: string) => failing.add(path),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** The SDK's npm package bundled for the page (one IIFE that sets a global). */
async function bundle(source: string): Promise<string> {
  const out = await build({
    stdin: { contents: source, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  })
  return out.outputFiles[0]?.text ?? ''
}

/** The site: a page per SDK (its bundle in a script tag) and a second page to navigate to. */
async function startSite(scripts: Record<string, string>) {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?', 1)[0] ?? '/'
    const script = path.endsWith('.js') ? scripts[path.slice(1, -3)] : undefined
    if (script !== undefined) {
      res.writeHead(200, { 'content-type': 'text/javascript' })
      res.end(script)
      return
    }
    const name = path.endsWith('.html') ? path.slice(1, -5) : ''
    if (name === 'next' || Object.hasOwn(scripts, name)) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      res.end(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${name}</title>` +
          `${name === 'next' ? '' : `<script src="/${name}.js"></script>`}</head>` +
          `<body><h1>Trail shop: ${name}</h1><p id="status">loading</p></body></html>`,
      )
      return
    }
    res.writeHead(404)
    res.end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://localhost:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 150))
  }
}

/** The page's globals as the functions run in the browser use them (no DOM types in this project). */
// biome-ignore lint/suspicious/noExplicitAny: globals the SDK bundles set, typed by the SDKs at run time only
type PageWindow = Record<string, any>

interface EventBody {
  readonly messageId: string
  readonly type: string
  readonly event: string | null
}

describe('browser SDKs in Chromium against a listening Candor', () => {
  let candor: Candor
  let closeCandor: () => Promise<void>
  let app: FastifyInstance
  let proxy: Awaited<ReturnType<typeof startProxy>>
  let site: Awaited<ReturnType<typeof startSite>>
  let browser: Browser
  let writeKey: string
  let serverKey: string
  /** Requests the browser made to any host but the site and Candor. */
  const foreign: string[] = []

  beforeAll(async () => {
    const [segment, rudder] = await Promise.all([
      bundle(
        "import { AnalyticsBrowser } from '@segment/analytics-next'\nwindow.AnalyticsBrowser = AnalyticsBrowser",
      ),
      bundle(
        "import { RudderAnalytics } from '@rudderstack/analytics-js/bundled'\nwindow.RudderAnalytics = RudderAnalytics",
      ),
    ])
    site = await startSite({ segment, rudder })
    const created = await createTestCandor('sqlite')
    candor = created.candor
    closeCandor = created.close
    await candor.brands.add({ id: 'outdoor', name: 'Outdoor', allowedOrigins: [site.origin] })
    writeKey = (await candor.apiKeys.create({ kind: 'write', brandId: 'outdoor' })).key
    serverKey = (await candor.apiKeys.create({ kind: 'server', brandId: 'outdoor' })).key
    app = await buildServer(candor)
    await app.listen({ port: 0, host: '127.0.0.1' })
    proxy = await startProxy((app.server.address() as AddressInfo).port)
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium' })
    mkdirSync(ARTIFACTS, { recursive: true })
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await proxy?.close()
    await site?.close()
    await app?.close()
    await closeCandor?.()
  })

  async function newPage(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await browser.newContext()
    const errors: string[] = []
    context.on('request', (r) => {
      const { origin } = new URL(r.url())
      if (origin !== site.origin && origin !== proxy.url) foreign.push(r.url())
    })
    const page = await context.newPage()
    page.on('pageerror', (e) => errors.push(e.message))
    return { context, page, errors }
  }

  const api = async (url: string) =>
    app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${serverKey}` } })

  const events = async (ref: string): Promise<EventBody[]> => {
    const res = await api(`/v1/persons/${encodeURIComponent(ref)}/events?limit=500&purpose=analytics`)
    if (res.statusCode === 404) return []
    expect(res.statusCode, res.body).toBe(200)
    return (res.json() as { events: EventBody[] }).events
  }

  const consent = async (ref: string) => {
    const res = await api(`/v1/persons/${encodeURIComponent(ref)}/consent`)
    expect(res.statusCode, res.body).toBe(200)
    const body = res.json() as {
      personId: string
      current: { purpose: string; granted: boolean; source: string | null }[]
    }
    return { personId: body.personId, of: (p: string) => body.current.find((c) => c.purpose === p) }
  }

  /** The identities the brand holds for `ref` (from its export), as `kind:value`. */
  const identities = async (ref: string): Promise<string[]> => {
    const res = await api(`/v1/persons/${encodeURIComponent(ref)}/export`)
    expect(res.statusCode, res.body).toBe(200)
    return sorted(
      (res.json() as { identities: { kind: string; value: string }[] }).identities.map(
        (i) => `${i.kind}:${i.value}`,
      ),
    )
  }

  /** Every preflight answered 204 for the page's origin, allowing every header the browser asked for. */
  const expectPreflightsAllowed = (preflights: readonly Seen[]) => {
    expect(preflights.length).toBeGreaterThan(0)
    for (const p of preflights) {
      expect(p).toMatchObject({ status: 204, allowOrigin: site.origin })
      const allowed = new Set((p.allowHeaders ?? '').toLowerCase().split(/\s*,\s*/))
      const asked = (p.requestHeaders ?? '')
        .toLowerCase()
        .split(/\s*,\s*/)
        .filter(Boolean)
      expect(
        asked.filter((h) => !allowed.has(h)),
        p.path,
      ).toEqual([])
    }
  }

  /** Waits until `ref` has `n` events stored (never more: the check runs again after a pause). */
  const stored = async (ref: string, n: number): Promise<EventBody[]> => {
    await until(`${n} events of ${ref}`, async () => ((await events(ref)).length >= n ? true : undefined))
    await new Promise((r) => setTimeout(r, 300))
    return events(ref)
  }

  it('@segment/analytics-next 1.84.3: pointed at Candor by cdnURL alone; page, identify, track with consent, a 503 retried, a keepalive flush on leaving the page', async () => {
    const { context, page, errors } = await newPage()
    const from = proxy.seen.length
    const seen = () => proxy.seen.slice(from)
    try {
      const user = uid('seg-user')
      await page.goto(`${site.origin}/segment.html`)
      const sent = await page.evaluate(
        async ({ writeKey, cdnURL, user }) => {
          const { AnalyticsBrowser } = globalThis as unknown as PageWindow
          const [analytics] = await AnalyticsBrowser.load({ writeKey, cdnURL })
          const page = await analytics.page('Trail shop', 'Home', { path: '/home' })
          const identify = await analytics.identify(
            user,
            { email: `${user}@example.com`, plan: 'trail' },
            { context: { consent: { categoryPreferences: { Analytics: true, Advertising: false } } } },
          )
          const track = await analytics.track('Product Viewed', {
            product_id: 'b-1',
            category: 'Outdoors > Hiking > Boots',
          })
          ;(globalThis as unknown as PageWindow).document.getElementById('status').textContent =
            'sent page, identify, track to Candor'
          ;(globalThis as unknown as PageWindow).analyticsInstance = analytics
          return {
            anonymousId: analytics.user().anonymousId() as string,
            messageIds: [page, identify, track].map((ctx) => ctx.event.messageId as string),
            failed: [page, identify, track].map((ctx) => ctx.failedDelivery() ?? null),
          }
        },
        { writeKey, cdnURL: proxy.url, user },
      )
      expect(sent.failed).toEqual([null, null, null])
      await page.screenshot({ path: join(ARTIFACTS, 'segment-analytics-next.png') })

      // Through Candor's API: stored once each, the anonymous visitor linked to the user, consent recorded.
      const byUser = await stored(user, 3)
      expect(sorted(byUser.map((e) => e.messageId))).toEqual(sorted(sent.messageIds))
      expect(sorted(byUser.map((e) => e.type))).toEqual(['identify', 'page', 'track'])
      expect(await events(`anonymousId:${sent.anonymousId}`)).toHaveLength(3)
      expect(await identities(user)).toEqual(sorted([`anonymous:${sent.anonymousId}`, `user:${user}`]))
      const ledger = await consent(user)
      expect(ledger.of('analytics')).toMatchObject({ granted: true, source: 'segment' })
      expect(ledger.of('advertising')).toMatchObject({ granted: false, source: 'segment' })

      // What the browser did: the settings from Candor, CORS answered for the page's origin.
      const settings = seen().find((s) => s.path === `/v1/projects/${writeKey}/settings`)
      expect(settings).toMatchObject({ method: 'GET', status: 200, allowOrigin: site.origin })
      for (const path of ['/v1/p', '/v1/i', '/v1/t']) {
        const post = seen().find((s) => s.method === 'POST' && s.path === path)
        expect(post, path).toMatchObject({ status: 200, origin: site.origin, allowOrigin: site.origin })
      }
      // analytics.js sends the key as Basic auth: a preflight, answered for the origin.
      expectPreflightsAllowed(seen().filter((s) => s.method === 'OPTIONS'))
      expect(seen().filter((s) => s.status >= 400)).toEqual([])

      // A 503 after Candor committed: the SDK sends the same message again; it is stored once.
      proxy.failNext('/v1/t')
      const retried = await page.evaluate(async () => {
        const ctx = await (globalThis as unknown as PageWindow).analyticsInstance.track('Order Completed', {
          order_id: 'o-1',
        })
        return ctx.event.messageId as string
      })
      const attempts = await until('the retry', async () => {
        const tries = seen().filter(
          (s) => s.method === 'POST' && s.path === '/v1/t' && s.messageIds.includes(retried),
        )
        return tries.length >= 2 ? tries : undefined
      })
      const afterRetry = await stored(user, 4)
      expect(afterRetry.filter((e) => e.messageId === retried)).toHaveLength(1)
      expect(afterRetry).toHaveLength(4)
      expect(attempts.map((a) => [a.status, a.clientSaw])).toEqual([
        [200, 503],
        [200, 200],
      ])

      // Batching with keepalive: an event still buffered when the visitor leaves is flushed by a
      // keepalive request on pagehide, and stored.
      const leaving = uid('seg-leaving')
      await page.goto(`${site.origin}/segment.html`)
      await page.evaluate(
        async ({ writeKey, cdnURL, leaving }) => {
          const { AnalyticsBrowser } = globalThis as unknown as PageWindow
          const [analytics] = await AnalyticsBrowser.load(
            { writeKey, cdnURL },
            {
              integrations: {
                'Segment.io': {
                  deliveryStrategy: { strategy: 'batching', config: { size: 50, timeout: 60_000 } },
                },
              },
            },
          )
          analytics.identify(leaving)
          analytics.track('Checkout Started', { cart: 2 })
          await new Promise((r) => setTimeout(r, 300))
        },
        { writeKey, cdnURL: proxy.url, leaving },
      )
      expect(await events(leaving)).toEqual([])
      await page.goto(`${site.origin}/next.html`)
      const flushed = await stored(leaving, 2)
      expect(sorted(flushed.map((e) => e.type))).toEqual(['identify', 'track'])
      expect(
        seen()
          .filter((s) => s.method === 'POST' && s.path === '/v1/b')
          .map((s) => s.status),
      ).toEqual([200])
      expect(errors).toEqual([])
      expect(foreign).toEqual([])
    } finally {
      await context.close()
    }
  }, 90_000)

  it('@rudderstack/analytics-js 3.34.1 (bundled): configUrl and dataPlaneUrl at Candor; page, identify, track with consent ids, a 503 retried, sendBeacon', async () => {
    const { context, page, errors } = await newPage()
    const from = proxy.seen.length
    const seen = () => proxy.seen.slice(from)
    try {
      const user = uid('rs-user')
      await page.goto(`${site.origin}/rudder.html`)
      const sent = await page.evaluate(
        async ({ writeKey, candorUrl, user }) => {
          const { RudderAnalytics } = globalThis as unknown as PageWindow
          const ra = new RudderAnalytics()
          await new Promise<void>((resolve) => {
            ra.load(writeKey, candorUrl, {
              configUrl: candorUrl,
              polyfillIfRequired: false,
              logLevel: 'ERROR',
              consentManagement: {
                enabled: true,
                provider: 'custom',
                allowedConsentIds: ['Analytics', 'Personalization'],
                deniedConsentIds: ['Advertising'],
              },
              onLoaded: () => resolve(),
            })
          })
          ra.page('Trail shop', 'Home', { path: '/home' })
          ra.identify(user, { email: `${user}@example.com` })
          ra.track('Product Viewed', { product_id: 'b-1', category: 'Outdoors > Hiking > Boots' })
          ;(globalThis as unknown as PageWindow).document.getElementById('status').textContent =
            'sent page, identify, track to Candor'
          ;(globalThis as unknown as PageWindow).rudder = ra
          return { anonymousId: ra.getAnonymousId() as string }
        },
        { writeKey, candorUrl: proxy.url, user },
      )
      const byUser = await stored(user, 3)
      await page.screenshot({ path: join(ARTIFACTS, 'rudderstack-analytics-js.png') })
      expect(sorted(byUser.map((e) => e.type))).toEqual(['identify', 'page', 'track'])
      const posted = seen().filter((s) => s.method === 'POST' && s.path.startsWith('/v1/'))
      expect(sorted(byUser.map((e) => e.messageId))).toEqual(sorted(posted.flatMap((s) => s.messageIds)))
      expect(await events(`anonymousId:${sent.anonymousId}`)).toHaveLength(3)
      expect(await identities(user)).toEqual(sorted([`anonymous:${sent.anonymousId}`, `user:${user}`]))
      const ledger = await consent(user)
      expect(ledger.of('analytics')).toMatchObject({ granted: true, source: 'rudderstack' })
      expect(ledger.of('personalization')).toMatchObject({ granted: true, source: 'rudderstack' })
      expect(ledger.of('advertising')).toMatchObject({ granted: false, source: 'rudderstack' })

      // Its source configuration from Candor; JSON with Basic auth: preflights answered.
      const config = seen().find((s) => s.method === 'GET' && s.path.startsWith('/sourceConfig'))
      expect(config).toMatchObject({ method: 'GET', status: 200, allowOrigin: site.origin })
      for (const p of posted) expect(p).toMatchObject({ status: 200, allowOrigin: site.origin })
      // AnonymousId and SentAt headers: the preflight must allow them, or nothing is sent.
      expectPreflightsAllowed(seen().filter((s) => s.method === 'OPTIONS'))
      expect(seen().filter((s) => s.status >= 400)).toEqual([])

      // A 503 after Candor committed: the XHR queue retries; stored once.
      proxy.failNext('/v1/track')
      await page.evaluate(() => {
        ;(globalThis as unknown as PageWindow).rudder.track('Order Completed', { order_id: 'o-1' })
      })
      const afterRetry = await stored(user, 4)
      const order = afterRetry.filter((e) => e.event === 'Order Completed')
      expect(order).toHaveLength(1)
      const attempts = await until('the retry', async () => {
        const tries = seen().filter(
          (s) =>
            s.method === 'POST' &&
            s.path === '/v1/track' &&
            s.messageIds.includes(order[0]?.messageId ?? '-'),
        )
        return tries.length >= 2 ? tries : undefined
      })
      expect(await events(user)).toHaveLength(4)
      expect(attempts.map((a) => [a.status, a.clientSaw])).toEqual([
        [200, 503],
        [200, 200],
      ])

      // useBeacon: navigator.sendBeacon to /beacon/v1/batch with the key in the query.
      const beaconUser = uid('rs-beacon')
      const beaconPage = await context.newPage()
      await beaconPage.goto(`${site.origin}/rudder.html`)
      await beaconPage.evaluate(
        async ({ writeKey, candorUrl, beaconUser }) => {
          const { RudderAnalytics } = globalThis as unknown as PageWindow
          const ra = new RudderAnalytics()
          await new Promise<void>((resolve) => {
            ra.load(writeKey, candorUrl, {
              configUrl: candorUrl,
              polyfillIfRequired: false,
              logLevel: 'ERROR',
              useBeacon: true,
              beaconQueueOptions: { flushQueueInterval: 200 },
              onLoaded: () => resolve(),
            })
          })
          ra.identify(beaconUser)
          ra.track('Checkout Started', { cart: 2 })
        },
        { writeKey, candorUrl: proxy.url, beaconUser },
      )
      const beaconed = await stored(beaconUser, 2)
      expect(sorted(beaconed.map((e) => e.type))).toEqual(['identify', 'track'])
      const beacons = seen().filter((s) => s.path === '/beacon/v1/batch')
      expect(beacons.length).toBeGreaterThan(0)
      for (const b of beacons) expect(b).toMatchObject({ method: 'POST', status: 200, origin: site.origin })
      expect(beacons.every((b) => b.contentType?.startsWith('text/plain'))).toBe(true)
      expect(errors).toEqual([])
      expect(foreign).toEqual([])
    } finally {
      await context.close()
    }
  }, 90_000)
})
