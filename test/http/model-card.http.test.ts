/**
 * The model card over HTTP (issue 18): `GET /v1/model-card` for admin and reviewer keys, in the
 * Model Card Toolkit JSON, Markdown and a self-contained HTML page; `GET /v1/model-card/summary`
 * for any server key. The card reads the brand's events through the policy engine: people who do
 * not allow personalization are counted, never learned from; a sensitive topic without an opt-in
 * is withheld.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestServer, type TestServer } from '../support/http.js'
import { modelCardSchemaErrors } from '../support/model-card-schema.js'

const DAY = 86_400_000
const basic = (key: string | undefined): string => `Basic ${Buffer.from(`${key ?? ''}:`).toString('base64')}`
const viewed = (userId: string, category: string, daysAgo: number) => ({
  type: 'track',
  userId,
  event: 'Product Viewed',
  messageId: `m-${randomUUID()}`,
  timestamp: new Date(Date.now() - daysAgo * DAY).toISOString(),
  sentAt: new Date().toISOString(),
  properties: { product_id: 'p1', category },
})

const BOOTS = 'Outdoors > Hiking > Boots'
const WEIGHT_LOSS = 'Health > Weight Loss > Supplements'

interface Metric {
  type: string
  value: string
  slice: string
}

describe('the model card over HTTP', () => {
  let s: TestServer
  beforeAll(async () => {
    s = await createTestServer('sqlite')
    for (const [id, topic, priority] of [
      ['tent', 'outdoors.camping.tents', 5],
      ['stove', 'outdoors.camping.stoves', 4],
      ['lantern', 'outdoors.camping', 3],
      ['boots', 'outdoors.hiking.footwear', 1],
    ] as const)
      await s.candor.offers.put(
        {
          id,
          brand: 'outdoor',
          title: id,
          placements: ['home_hero'],
          topics: { [topic]: 1 },
          beneficial: false,
          priority,
        },
        'create',
      )
    // Three hikers allow personalization, one does not; one of the hikers also reads about weight loss.
    const messages = []
    for (const user of ['h1', 'h2', 'h3', 'no-consent'])
      messages.push(viewed(user, BOOTS, 30), viewed(user, BOOTS, 20), viewed(user, BOOTS, 3))
    messages.push(viewed('h1', WEIGHT_LOSS, 25), viewed('h1', WEIGHT_LOSS, 22))
    const res = await s.app.inject({
      method: 'POST',
      url: '/v1/batch',
      headers: { 'content-type': 'application/json', authorization: basic(s.keys.write.outdoor) },
      payload: JSON.stringify({ batch: messages }),
    })
    expect(res.statusCode, res.body).toBe(200)
    for (const user of ['h1', 'h2', 'h3']) {
      const r = await s.call('POST', `/v1/persons/${user}/consent`, {
        key: s.keys.server.outdoor,
        body: { purpose: 'personalization', state: 'granted' },
      })
      expect(r.statusCode, r.body).toBe(200)
      // Each hiker states an age range; only h1 and h2 allow its use in fairness audits.
      const item = await s.call('POST', `/v1/persons/${user}/data-items`, {
        key: s.keys.server.outdoor,
        body: {
          items: [{ key: 'age_range', value: '25-34', category: 'user.demographic.age', source: 'stated' }],
        },
      })
      expect(item.statusCode, item.body).toBe(200)
      if (user !== 'h3') {
        const audit = await s.call('POST', `/v1/persons/${user}/consent`, {
          key: s.keys.server.outdoor,
          body: { purpose: 'fairness_audit', state: 'granted' },
        })
        expect(audit.statusCode, audit.body).toBe(200)
      }
    }
  })
  afterAll(async () => s?.close())

  const card = async (query = '', key = s.keys.admin) => s.call('GET', `/v1/model-card${query}`, { key })

  it('answers the Model Card Toolkit JSON, measured on the brand’s own events through the policy', async () => {
    const res = await card('?brand=outdoor')
    expect(res.statusCode, res.body).toBe(200)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    const doc = res.json() as {
      model_details: { version: { name: string } }
      model_parameters: { data: { description: string }[] }
      quantitative_analysis: { performance_metrics: Metric[] }
      considerations: { ethical_considerations: { name: string }[] }
    }
    expect(modelCardSchemaErrors(doc)).toEqual([])
    expect(doc.model_details.version.name).toMatch(/^sha256:[0-9a-f]{16}$/)
    const metric = (type: string, slice: string) =>
      doc.quantitative_analysis.performance_metrics.find((m) => m.type === type && m.slice === slice)?.value
    // The three hikers: boots first for each (a hit at rank 1); the baseline is the editor's camping order.
    expect(metric('precision@3', 'interest model')).toBe('0.3333')
    expect(metric('nDCG@3', 'interest model')).toBe('1.0000')
    expect(metric('precision@3', 'popularity baseline')).toBe('0.0000')
    expect(metric('evaluated cases (people × brands)', 'interest model')).toBe('3')
    // The person without consent: 3 signals counted, never opened; weight loss withheld twice (no opt-in).
    expect(doc.model_parameters.data[0]?.description).toContain('3 people × brands (of 4 with signals)')
    expect(doc.model_parameters.data[0]?.description).toContain('3 signals of people who do not allow it')
    expect(doc.considerations.ethical_considerations[0]?.name).toContain('2 topic mentions were withheld')
    // Fairness: two people allow fairness_audit; a group of 2 is under the minimum of 10, so no group figures.
    const fairness = doc.considerations.ethical_considerations.find((r) =>
      r.name.startsWith('Unequal quality'),
    )
    expect(fairness?.name).toContain(
      '(2 people × brands with fairness_audit data; 1 groups suppressed under 10)',
    )
    expect(doc.quantitative_analysis.performance_metrics.filter((m) => m.slice.startsWith('group:'))).toEqual(
      [],
    )
  })

  it('is served to reviewer keys too, and refused to server keys and without a key', async () => {
    expect((await card('', s.keys.reviewer)).statusCode).toBe(200)
    const server = await card('', s.keys.server.outdoor)
    expect(server.statusCode).toBe(403)
    expect(server.body).toContain('an admin or a reviewer key')
    expect((await s.call('GET', '/v1/model-card')).statusCode).toBe(401)
  })

  it('names the field of a bad format or brand', async () => {
    const format = await card('?format=pdf')
    expect(format.statusCode).toBe(400)
    expect(format.json().error.field).toBe('querystring.format')
    expect(format.json().error.message).toContain('html')
    const brand = await card('?brand=nope')
    expect(brand.statusCode).toBe(404)
    expect(brand.json().error.field).toBe('brand')
  })

  it('answers Markdown, and a self-contained HTML page with server-rendered charts and no script', async () => {
    const md = await card('?brand=outdoor&format=md')
    expect(md.statusCode).toBe(200)
    expect(md.headers['content-type']).toMatch(/^text\/markdown/)
    expect(md.body).toContain('| interest model | 0.3333 |')
    const html = await card('?brand=outdoor&format=html')
    expect(html.statusCode).toBe(200)
    expect(html.headers['content-type']).toMatch(/^text\/html/)
    expect(html.body).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/i)
    const images = [...html.body.matchAll(/<img src="data:image\/svg\+xml;base64,([^"]+)" alt="([^"]+)"/g)]
    expect(images).toHaveLength(3)
    for (const [, b64] of images)
      expect(Buffer.from(b64 as string, 'base64').toString('utf8')).toMatch(/^<svg /)
  })

  it('serves the plain-language summary to any server key, for its own brand', async () => {
    const res = await s.call('GET', '/v1/model-card/summary', { key: s.keys.server.baby })
    expect(res.statusCode, res.body).toBe(200)
    const body = res.json() as {
      brand: { id: string }
      uses: string[]
      neverUses: string[]
      howToChange: string[]
      version: string
    }
    expect(body.brand.id).toBe('baby')
    expect(body.neverUses.join(' ')).toContain('Sensitive topics')
    expect(body.howToChange.join(' ')).toContain('not interested')
    expect(body.version).toBe((await card('?brand=baby')).json().model_details.version.name)
    expect((await s.call('GET', '/v1/model-card/summary', { key: s.keys.admin })).statusCode).toBe(403)
  })

  it('has another version when the configured half-life differs', async () => {
    const other = await createTestServer('sqlite', { interestHalfLifeDays: 45 })
    try {
      const version = async (t: TestServer) =>
        (
          (await t.call('GET', '/v1/model-card/summary', { key: t.keys.server.outdoor })).json() as {
            version: string
          }
        ).version
      expect(await version(other)).not.toBe(await version(s))
      expect((await other.call('GET', '/v1/model-card', { key: other.keys.admin })).body).toContain(
        '"value": "45 — Half-life of interest scores in days."',
      )
    } finally {
      await other.close()
    }
  })
})
