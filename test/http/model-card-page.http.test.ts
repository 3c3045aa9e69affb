/**
 * The model card's HTML page in Chromium (issue 18): measured on a fixed demo seed, it renders
 * with JavaScript off and without the network (every chart is an SVG drawn on the server), and
 * axe-core finds no accessibility violation. Screenshots (desktop and 375 px) go to
 * test-artifacts/model-card/.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadDemo } from '../../src/cli/demo-command.js'
import { fixedClock } from '../../src/kernel/clock.js'
import { formatModelCard } from '../../src/modules/model-card/index.js'
import { createTestCandor } from '../support/dialects.js'

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'model-card')
const NOW = Date.UTC(2026, 10, 20, 12)
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

describe('the model card page in Chromium', () => {
  let browser: Browser
  let html: string
  beforeAll(async () => {
    const t = await createTestCandor('sqlite', { clock: fixedClock(NOW) }, { logLevel: 'silent' })
    try {
      await loadDemo(t.candor, { persons: 150, seed: 42, now: NOW })
      html = (await formatModelCard(await t.candor.modelCard.generate({ actor: 'test' }), 'html')).body
    } finally {
      await t.close()
    }
    mkdirSync(ARTIFACTS, { recursive: true })
    writeFileSync(join(ARTIFACTS, 'model-card.html'), html)
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium' })
  }, 300_000)
  afterAll(async () => browser?.close())

  it('renders without script and without the network; screenshots at desktop and 375 px', async () => {
    for (const [name, width] of [
      ['desktop', 1280],
      ['375px', 375],
    ] as const) {
      const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width, height: 900 } })
      const requests: string[] = []
      await context.route('**/*', (route) => {
        requests.push(route.request().url())
        return route.abort()
      })
      const page = await context.newPage()
      await page.setContent(html, { waitUntil: 'load' })
      // Every chart image decoded (data URIs: no request).
      const images = await page.$$eval('img', (imgs) =>
        imgs.map((i) => ({ ok: i.complete && i.naturalWidth > 0, alt: i.alt })),
      )
      expect(images).toHaveLength(3)
      for (const i of images) {
        expect(i.ok).toBe(true)
        expect(i.alt.length).toBeGreaterThan(20)
      }
      expect(requests).toEqual([])
      expect(await page.locator('h1').count()).toBe(1)
      await page.screenshot({ path: join(ARTIFACTS, `model-card-${name}.png`), fullPage: true })
      await context.close()
    }
  })

  it('is axe-clean', async () => {
    // The page's own CSP forbids every script: axe is injected past it.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true })
    const page = await context.newPage()
    await page.setContent(html, { waitUntil: 'load' })
    await page.addScriptTag({ content: axeSource })
    const violations = await page.evaluate(async () => {
      const axe = (
        globalThis as unknown as {
          axe: { run(): Promise<{ violations: { id: string; nodes: unknown[] }[] }> }
        }
      ).axe
      const r = await axe.run()
      return r.violations.map((v) => ({ id: v.id, nodes: v.nodes.length }))
    })
    expect(violations).toEqual([])
    await context.close()
  })
})
