/**
 * The control center in a real browser: Debian's chromium driven by playwright-core against a
 * real Candor server listening on a port, serving the page built by scripts/build-web.mjs. Every
 * section is checked with axe-core (no serious or critical violation) and photographed at desktop
 * and phone width (test-artifacts/control-center/). The issue's scenarios: "this was a gift"
 * removes the interest from the page and from the next decision; withdrawing personalization
 * makes the next /v1/decide unpersonalized; the download holds what the pages show; erasure
 * leaves no person for the brand's API and refuses the link and the session.
 */
import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestServer, type TestServer } from '../support/http.js'

const ROOT = join(import.meta.dirname, '..', '..')
const ARTIFACTS = join(ROOT, 'test-artifacts', 'control-center')
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

const HIKING = 'Outdoors > Hiking'
const CAMPING = 'Outdoors > Camping'
const SECTIONS = [
  ['overview', 'Overview'],
  ['data', 'My data'],
  ['interests', 'My interests'],
  ['activity', 'My activity'],
  ['consent', 'Consent'],
  ['why', 'Why am I seeing this'],
  ['download', 'Download'],
  ['erase', 'Erase'],
] as const

const uid = (label: string): string => `${label}-${randomUUID().slice(0, 8)}`
const dayAt = (daysAgo: number): string => {
  const d = new Date()
  d.setUTCHours(12, 0, 0, 0)
  return new Date(d.getTime() - daysAgo * 86_400_000).toISOString()
}
const basic = (key: string | undefined): string => `Basic ${Buffer.from(`${key ?? ''}:`).toString('base64')}`
const track = (userId: string, daysAgo: number, event: string, properties: Record<string, unknown>) => ({
  type: 'track',
  userId,
  messageId: uid('m'),
  timestamp: dayAt(daysAgo),
  sentAt: new Date().toISOString(),
  event,
  properties,
})

interface Decision {
  personalized: boolean
  items: { offerId: string; explanation: { factors: { topic?: string }[] } }[]
}

describe('the control center in a browser', () => {
  let s: TestServer
  let base: string
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let built: string
  let placement: string
  let campingTopic: string
  let campingOrder: string
  let token: string
  const cspViolations: string[] = []
  const person = uid('hiker')

  const decide = async (): Promise<Decision> => {
    const res = await s.call('POST', '/v1/decide', {
      key: s.keys.server.outdoor,
      body: { userId: person, placement, limit: 3 },
    })
    expect(res.statusCode, res.body).toBe(200)
    return res.json() as Decision
  }
  const topicOf = async (category: string): Promise<string> => {
    const res = await s.call('GET', `/v1/taxonomy/resolve?category=${encodeURIComponent(category)}`, {
      key: s.keys.server.outdoor,
    })
    return (res.json() as { topic: string }).topic
  }
  const section = async (id: string, label: string) => {
    await page.getByRole('navigation').getByRole('link', { name: label, exact: true }).click()
    await page.getByRole('heading', { level: 1, name: label }).waitFor()
    expect(new URL(page.url()).pathname).toBe(id === 'overview' ? '/me' : `/me/${id}`)
  }
  const axe = async (): Promise<{ id: string; impact: string; nodes: number }[]> => {
    await page.evaluate(AXE_SOURCE)
    const result = (await page.evaluate(
      `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
        .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })))`,
    )) as { id: string; impact: string; nodes: number }[]
    return result.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  }

  beforeAll(async () => {
    built = mkdtempSync(join(tmpdir(), 'candor-page-'))
    execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const m = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'scripts', 'build-web.mjs')).href)}); await m.buildControlCenter(${JSON.stringify(built)})`,
      ],
      { cwd: ROOT, stdio: 'inherit' },
    )
    s = await createTestServer(
      'sqlite',
      { logLevel: 'warn' },
      ['outdoor', 'baby'],
      {},
      { controlCenterRoot: built },
    )
    await s.app.listen({ port: 0, host: '127.0.0.1' })
    const address = s.app.server.address()
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`

    // A hiker who bought camping gear on two days: both look like interests until one was a gift.
    const w = await s.call('POST', `/v1/persons/${person}/data-items`, {
      key: s.keys.server.outdoor,
      body: {
        items: [
          { key: 'shoe_size', value: 42, category: 'user.preference', source: 'stated' },
          {
            key: 'favourite_trail',
            value: 'West Highland Way',
            category: 'user.preference',
            source: 'stated',
          },
        ],
      },
    })
    expect(w.statusCode, w.body).toBe(200)
    const c = await s.call('POST', `/v1/persons/${person}/consent`, {
      key: s.keys.server.outdoor,
      body: { purpose: 'personalization', state: 'granted' },
    })
    expect(c.statusCode, c.body).toBe(200)
    const order = (daysAgo: number) =>
      track(person, daysAgo, 'Order Completed', {
        order_id: uid('o'),
        products: [{ product_id: uid('p'), category: CAMPING, price: 30 }],
      })
    const older = order(5)
    const latest = order(2)
    campingOrder = latest.messageId
    const batch = [
      track(person, 6, 'Product Viewed', { product_id: uid('p'), category: HIKING }),
      track(person, 4, 'Product Viewed', { product_id: uid('p'), category: HIKING }),
      track(person, 1, 'Product Viewed', { product_id: uid('p'), category: HIKING }),
      older,
      latest,
    ]
    const b = await s.app.inject({
      method: 'POST',
      url: '/v1/batch',
      headers: { 'content-type': 'application/json', authorization: basic(s.keys.write.outdoor) },
      payload: JSON.stringify({ batch }),
    })
    expect(b.statusCode, b.body).toBe(200)
    campingTopic = await topicOf(CAMPING)
    placement = uid('home')
    for (const [id, topic, priority] of [
      ['tent-deal', campingTopic, 0],
      ['boots-deal', await topicOf(HIKING), 0],
      ['newsletter', undefined, 100],
    ] as const) {
      const o = await s.call('POST', '/v1/offers', {
        key: s.keys.admin,
        body: {
          id,
          brand: 'outdoor',
          title: id,
          placements: [placement],
          topics: topic ? { [topic]: 1 } : {},
          priority,
        },
      })
      expect(o.statusCode, o.body).toBe(201)
    }
    const first = await decide()
    expect(first.personalized).toBe(true)
    expect(first.items.flatMap((i) => i.explanation.factors.map((f) => f.topic))).toContain(campingTopic)

    const link = await s.call('POST', `/v1/persons/${person}/control-link`, { key: s.keys.server.outdoor })
    token = new URL((link.json() as { url: string }).url).searchParams.get('token') ?? ''

    mkdirSync(ARTIFACTS, { recursive: true })
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] })
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })
    page = await context.newPage()
    page.on('console', (m) => {
      if (/Content.Security.Policy/i.test(m.text())) cspViolations.push(m.text())
    })
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await s?.close()
    rmSync(built, { recursive: true, force: true })
  })

  it('opens with the link, drops the token from the address, and shows the brand’s data', async () => {
    await page.goto(`${base}/me?token=${encodeURIComponent(token)}`)
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor()
    expect(page.url()).toBe(`${base}/me`)
    await expect(page.locator('.brand').textContent()).resolves.toBe('outdoor')
    // The company's other brands by name only: whether they know the person is not shown before a step-up.
    await expect(page.locator('.note').textContent()).resolves.toContain('other brands: baby.')
    const cookies = await context.cookies()
    expect(cookies.find((c) => c.name === 'candor_session')).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
    })
  })

  it('every section has its own URL, passes axe-core, works at 375 px, and is photographed', async () => {
    for (const [id, label] of SECTIONS) {
      await page.setViewportSize({ width: 1280, height: 900 })
      await section(id, label)
      expect(await axe(), `${id} at desktop width`).toEqual([])
      await page.screenshot({ path: join(ARTIFACTS, `${id}-desktop.png`), fullPage: true })
      await page.setViewportSize({ width: 375, height: 812 })
      expect(await axe(), `${id} at 375 px`).toEqual([])
      const overflow = (await page.evaluate(
        'document.documentElement.scrollWidth - window.innerWidth',
      )) as number
      expect(overflow, `${id} scrolls sideways at 375 px`).toBeLessThanOrEqual(0)
      await page.screenshot({ path: join(ARTIFACTS, `${id}-phone.png`), fullPage: true })
    }
    await page.setViewportSize({ width: 1280, height: 900 })
    // A section opened directly by its URL (an explanation's "how to change" link).
    await page.goto(`${base}/me/interests`)
    await page.getByRole('heading', { level: 1, name: 'My interests' }).waitFor()
    expect(cspViolations).toEqual([])
  }, 240_000)

  it('is keyboard usable: the skip link and the navigation work without a mouse', async () => {
    await page.goto(`${base}/me`)
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor()
    await page.keyboard.press('Tab')
    await expect(page.evaluate('document.activeElement?.textContent')).resolves.toBe('Skip to content')
    const consent = page.getByRole('navigation').getByRole('link', { name: 'Consent', exact: true })
    await consent.focus()
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { level: 1, name: 'Consent' }).waitFor()
  })

  it('Why am I seeing this: each interest behind an offer has its own way to remove it', async () => {
    await section('why', 'Why am I seeing this')
    await expect(
      page.getByRole('button', { name: 'Not interested in Camping' }).count(),
    ).resolves.toBeGreaterThan(0)
    await expect(
      page.getByRole('button', { name: 'Not interested in Hiking' }).count(),
    ).resolves.toBeGreaterThan(0)
  })

  it('"this was a gift" removes the interest from My interests and from the next decision', async () => {
    await section('interests', 'My interests')
    const campingCard = page.locator('.card', { hasText: /camping/i })
    await expect(campingCard.count()).resolves.toBe(1)
    await section('activity', 'My activity')
    await page
      .getByRole('button', { name: /This was a gift/ })
      .first()
      .click()
    await page.getByRole('status').filter({ hasText: 'Marked as a gift' }).waitFor()
    await section('interests', 'My interests')
    await expect(campingCard.count()).resolves.toBe(0)
    await expect(page.locator('.card', { hasText: /hiking/i }).count()).resolves.toBe(1)
    const next = await decide()
    expect(next.personalized).toBe(true)
    expect(next.items.flatMap((i) => i.explanation.factors.map((f) => f.topic))).not.toContain(campingTopic)
    const events = await s.call('GET', `/v1/persons/${person}/events?purpose=essential`, {
      key: s.keys.server.outdoor,
    })
    const gift = (
      events.json() as { events: { messageId: string; gift: boolean; giftMarkedByPerson: boolean }[] }
    ).events.find((e) => e.messageId === campingOrder)
    expect(gift).toMatchObject({ gift: true, giftMarkedByPerson: true })
  })

  it('withdrawing personalization makes the next /v1/decide unpersonalized, recorded with source control_center', async () => {
    await section('consent', 'Consent')
    const toggle = page.getByRole('switch', { name: /personalization/i })
    await expect(toggle.isChecked()).resolves.toBe(true)
    await toggle.uncheck()
    await page.getByRole('status').filter({ hasText: 'personalization is now Not allowed' }).waitFor()
    expect((await decide()).personalized).toBe(false)
    const ledger = await s.call('GET', `/v1/persons/${person}/consent`, { key: s.keys.server.outdoor })
    const history = (ledger.json() as { history: { purpose: string; state: string; source: string }[] })
      .history
    expect(history).toContainEqual(
      expect.objectContaining({ purpose: 'personalization', state: 'withdrawn', source: 'control_center' }),
    )
  })

  it('the download holds every item the pages show, and is the API export', async () => {
    await section('data', 'My data')
    const shownKeys = await page.locator('tbody th[scope="row"]').allTextContents()
    expect(shownKeys.sort()).toEqual(['favourite_trail', 'shoe_size'])
    await section('download', 'Download')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download as JSON' }).click(),
    ])
    const file = JSON.parse(readFileSync((await download.path()) ?? '', 'utf8')) as {
      dataItems: { key: string }[]
      events: { messageId: string }[]
      interests: { topic: string }[]
      consent: unknown[]
    }
    for (const key of shownKeys) expect(file.dataItems.map((i) => i.key)).toContain(key)
    expect(file.events.map((e) => e.messageId)).toContain(campingOrder)
    const api = (
      await s.call('GET', `/v1/persons/${person}/export`, { key: s.keys.server.outdoor })
    ).json() as typeof file
    expect(file.dataItems.map((i) => i.key).sort()).toEqual(api.dataItems.map((i) => i.key).sort())
    expect(file.events.length).toBe(api.events.length)
    expect(file.consent.length).toBe(api.consent.length)
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download as CSV' }).click(),
    ])
    const text = readFileSync((await csv.path()) ?? '', 'utf8')
    for (const key of shownKeys) expect(text).toMatch(new RegExp(`^data_item,[^,]+,${key},`, 'm'))
    expect(text.split('\r\n').filter((l) => l.startsWith('event,'))).toHaveLength(api.events.length)
  })

  it('My data: correct what I stated, and remove an item (it stays away)', async () => {
    await section('data', 'My data')
    await page.getByRole('button', { name: 'Edit shoe_size' }).click()
    const input = page.getByLabel('New value for shoe_size')
    await input.fill('43')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByRole('status').filter({ hasText: 'Saved: shoe_size.' }).waitFor()
    await page.getByRole('button', { name: 'Remove favourite_trail' }).click()
    await page.getByRole('status').filter({ hasText: 'Removed: favourite_trail.' }).waitFor()
    await expect(page.locator('tbody th[scope="row"]').allTextContents()).resolves.toEqual(['shoe_size'])
    await expect(
      page.locator('tbody tr', { hasText: 'shoe_size' }).locator('td').first().textContent(),
    ).resolves.toBe('43')
    const exported = (
      await s.call('GET', `/v1/persons/${person}/export`, { key: s.keys.server.outdoor })
    ).json() as { dataItems: { key: string; value: unknown; source: string; rejectedAt: string | null }[] }
    expect(exported.dataItems.find((i) => i.key === 'shoe_size')).toMatchObject({
      value: 43,
      source: 'stated',
      rejectedAt: null,
    })
    expect(exported.dataItems.find((i) => i.key === 'favourite_trail')?.rejectedAt).not.toBeNull()
  })

  it('erasing: a receipt; then the brand’s API finds no person, and the link and the session are refused', async () => {
    await section('erase', 'Erase')
    const erase = page.getByRole('button', { name: 'Erase my data at outdoor' })
    await expect(erase.isDisabled()).resolves.toBe(true)
    await page.getByRole('checkbox').check()
    await erase.click()
    await page.getByText('Erased. Keep this receipt.').waitFor()
    await expect(page.locator('.receipt').textContent()).resolves.toMatch(/^Receipt ers_/)
    await page.screenshot({ path: join(ARTIFACTS, 'erase-receipt-desktop.png'), fullPage: true })
    const gone = await s.call('GET', `/v1/persons/${person}/export`, { key: s.keys.server.outdoor })
    expect(gone.statusCode).toBe(404)
    // The session: the page's own call is refused.
    const status = await page.evaluate("fetch('/v1/me/session').then((r) => r.status)")
    expect(status).toBe(401)
    // A fresh link cannot be had, and the old one stays refused.
    const link = await s.call('POST', `/v1/persons/${person}/control-link`, { key: s.keys.server.outdoor })
    expect(link.statusCode).toBe(404)
    await page.goto(`${base}/me?token=${encodeURIComponent(token)}`)
    await page.getByText(/link may have expired or been used/).waitFor()
  })
})
