// The control center's overview, in a real browser (Debian's chromium through playwright-core):
// time from opening a fresh link to the overview's content, for a person with 500 events and 50
// data items at 3 brands, on a warm server; and the page's JavaScript, gzipped.
// Goal (issue 16): under 300 ms and under 150 KB.  Usage: npm run bench -- control-center
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'
import { chromium } from 'playwright-core'
import { createCandor } from '../src/app/create-candor.js'
import { loadConfig } from '../src/config/load-config.js'
import { buildServer } from '../src/http/build-server.js'

const ROOT = join(import.meta.dirname, '..')
const BRANDS = ['outdoor', 'baby', 'home'] as const
const CATEGORIES = ['Outdoors > Hiking', 'Outdoors > Camping', 'Baby & Kids > Strollers', 'Home > Kitchen']

export async function benchControlCenter(runs = 10): Promise<string[]> {
  const built = mkdtempSync(join(tmpdir(), 'candor-bench-page-'))
  const dataDir = mkdtempSync(join(tmpdir(), 'candor-bench-cc-'))
  execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const m = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'scripts', 'build-web.mjs')).href)}); await m.buildControlCenter(${JSON.stringify(built)})`,
    ],
    { cwd: ROOT, stdio: 'inherit' },
  )
  const js = readdirSync(join(built, 'assets')).filter((f) => f.endsWith('.js'))
  const jsBytes = js.reduce((n, f) => n + readFileSync(join(built, 'assets', f)).length, 0)
  const jsGzip = js.reduce(
    (n, f) => n + gzipSync(readFileSync(join(built, 'assets', f)), { level: 9 }).length,
    0,
  )

  const candor = await createCandor(loadConfig({ dataDir, logLevel: 'silent', writerThread: 'off' }, {}))
  const app = await buildServer(candor, {
    controlCenterRoot: built,
    logStream: { write: () => true } as never,
  })
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] })
  try {
    const keys: Record<string, { server: string; write: string }> = {}
    for (const b of BRANDS) {
      await candor.brands.add({ id: b, name: b, allowedOrigins: [] })
      keys[b] = {
        server: (await candor.apiKeys.create({ kind: 'server', brandId: b })).key,
        write: (await candor.apiKeys.create({ kind: 'write', brandId: b })).key,
      }
    }
    const person = 'bench-person'
    const now = Date.now()
    let events = 0
    let items = 0
    for (const [bi, b] of BRANDS.entries()) {
      const key = keys[b] as { server: string; write: string }
      const nItems = bi === 0 ? 18 : 16
      const res = await app.inject({
        method: 'POST',
        url: `/v1/persons/${person}/data-items`,
        headers: { authorization: `Bearer ${key.server}` },
        payload: {
          items: Array.from({ length: nItems }, (_, i) => ({
            key: `preference_${i}`,
            value: `value ${i}`,
            category: 'user.preference',
            source: i % 3 === 0 ? 'stated' : 'observed',
          })),
        },
      })
      if (res.statusCode !== 200) throw new Error(res.body)
      items += nItems
      await app.inject({
        method: 'POST',
        url: `/v1/persons/${person}/consent`,
        headers: { authorization: `Bearer ${key.server}` },
        payload: { purpose: 'personalization', state: 'granted' },
      })
      const nEvents = bi === 0 ? 168 : 166
      for (let start = 0; start < nEvents; start += 100) {
        const batch = Array.from({ length: Math.min(100, nEvents - start) }, (_, i) => ({
          type: 'track',
          userId: person,
          messageId: `m-${b}-${start + i}`,
          timestamp: new Date(now - ((start + i) % 60) * 86_400_000).toISOString(),
          event: (start + i) % 10 === 0 ? 'Order Completed' : 'Product Viewed',
          properties:
            (start + i) % 10 === 0
              ? {
                  order_id: `o-${start + i}`,
                  products: [{ product_id: 'p', category: CATEGORIES[(start + i) % 4] }],
                }
              : { product_id: `p-${start + i}`, category: CATEGORIES[(start + i) % 4] },
        }))
        const r = await app.inject({
          method: 'POST',
          url: '/v1/batch',
          headers: {
            'content-type': 'application/json',
            authorization: `Basic ${Buffer.from(`${key.write}:`).toString('base64')}`,
          },
          payload: JSON.stringify({ batch }),
        })
        if (r.statusCode !== 200) throw new Error(r.body)
      }
      events += nEvents
    }
    await app.listen({ port: 0, host: '127.0.0.1' })
    const address = app.server.address()
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
    const link = async () => {
      const r = await app.inject({
        method: 'POST',
        url: `/v1/persons/${person}/control-link`,
        headers: { authorization: `Bearer ${keys.outdoor?.server}` },
      })
      return `${base}/me?token=${encodeURIComponent(new URL((r.json() as { url: string }).url).searchParams.get('token') ?? '')}`
    }
    // The API calls the page makes, timed apart from the browser.
    const apiTimes: Record<string, number[]> = { session: [], export: [], consent: [] }
    for (let i = 0; i < 5; i++) {
      const token = new URL(await link()).searchParams.get('token') ?? ''
      let t = performance.now()
      const opened = await app.inject({
        method: 'POST',
        url: '/v1/me/session',
        headers: { origin: base, host: new URL(base).host },
        payload: { token },
      })
      if (opened.statusCode !== 200) throw new Error(opened.body)
      apiTimes.session?.push(performance.now() - t)
      const cookie = `candor_session=${opened.cookies.find((c) => c.name === 'candor_session')?.value}`
      t = performance.now()
      const exported = await app.inject({ method: 'GET', url: '/v1/me/export', headers: { cookie } })
      if (exported.statusCode !== 200) throw new Error(exported.body)
      apiTimes.export?.push(performance.now() - t)
      t = performance.now()
      await app.inject({ method: 'GET', url: '/v1/me/consent', headers: { cookie } })
      apiTimes.consent?.push(performance.now() - t)
    }
    const med = (xs: number[] = []) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0
    const times: number[] = []
    for (let i = 0; i < runs + 2; i++) {
      // A fresh browser context each time: no cache, no cookie (a person opening the link).
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
      const page = await context.newPage()
      const url = await link()
      const t0 = performance.now()
      await page.goto(url)
      await page.locator('.figures').waitFor()
      const ms = performance.now() - t0
      await context.close()
      if (i >= 2) times.push(ms) // the first two warm the server
    }
    times.sort((a, b) => a - b)
    const median = times[Math.floor(times.length / 2)] ?? 0
    const p90 = times[Math.min(times.length - 1, Math.ceil(times.length * 0.9) - 1)] ?? 0
    const load = (await import('node:os')).loadavg()[0] ?? 0
    return [
      `machine load average ${load.toFixed(1)} on ${(await import('node:os')).cpus().length} cores while measuring`,
      `person: ${events} events, ${items} data items at ${BRANDS.length} brands (overview of the link's brand)`,
      `overview time to content (fresh link, cold browser cache, warm server), ${times.length} runs: median ${median.toFixed(0)} ms, p90 ${p90.toFixed(0)} ms   goal < 300 ms`,
      `  of which the API (in process, median of 5): open session ${med(apiTimes.session).toFixed(0)} ms, export ${med(apiTimes.export).toFixed(0)} ms, consent ${med(apiTimes.consent).toFixed(0)} ms`,
      `page JavaScript: ${(jsBytes / 1024).toFixed(1)} KB, gzipped ${(jsGzip / 1024).toFixed(1)} KB   goal < 150 KB gzipped`,
    ]
  } finally {
    await browser.close()
    await app.close()
    await candor.close()
    rmSync(built, { recursive: true, force: true })
    rmSync(dataDir, { recursive: true, force: true })
  }
}
