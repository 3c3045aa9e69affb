/**
 * Offers and decisions over HTTP (issue 4), on every dialect: offers are validated with clear
 * errors; `POST /v1/decide` ranks an offer backed by an established interest first whatever the
 * editorial priority, explains every item from its factors (the data categories, purpose, consent
 * record and source events it rests on, and how to change it), falls back to a non-personalized
 * ranking without consent or evidence and says why — reading no personal data then — and honours
 * the person's rejections, frequency caps, schedules and GPC in every answer. Decisions are
 * logged for the person; brands are isolated; TC strings (issue 5) switch personalization.
 */
import { randomUUID } from 'node:crypto'
import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeTestTcString } from '../../src/modules/consent/signals/fake-vendor-list.js'
import { DIALECTS } from '../support/dialects.js'
import { createTestServer, type TestServer } from '../support/http.js'

interface ApiError {
  code: string
  message: string
  field?: string
}

interface ChangeBody {
  action: string
  topic?: string
  purpose?: string
  text: string
}

interface FactorBody {
  kind: 'interest' | 'stated' | 'popularity' | 'editorial'
  topic?: string
  label?: string
  offerTopic?: string
  source?: string
  evidence?: {
    signals: Record<string, number>
    distinctDays: number
    firstSeen: string | null
    lastSeen: string | null
  }
  dataItemIds?: string[]
  categories?: string[]
  purpose?: string
  consentIds?: string[]
  sourceEvents?: string[]
  contribution?: number
  people?: number
  windowDays?: number
  priority?: number
  change: ChangeBody
}

interface ItemBody {
  offerId: string
  title: string
  score: number
  explanation: { text: string; factors: FactorBody[]; howToChange: ChangeBody[] }
}

interface DecisionBody {
  decisionId: string
  personalized: boolean
  purpose: string
  placement: string
  items: ItemBody[]
  fallbackReason?: string
  createdAt: string
}

interface OfferBody {
  id: string
  brand: string
  title: string
  placements: string[]
  topics: Record<string, number>
  beneficial: boolean
  priority: number
  purpose: string
  segment: string | null
  startsAt: string | null
  endsAt: string | null
  frequencyCap: { count: number; perDays: number } | null
  createdAt: string
  updatedAt: string
}

interface ConsentRecordBody {
  id: string
  purpose: string
  state: string
  source: string
  sensitiveCategory: string | null
  sensitiveTopic: string | null
}

interface ConsentStateBody {
  personId: string
  current: {
    purpose: string
    granted: boolean
    state: string
    consentId: string | null
    source: string | null
  }[]
  history: ConsentRecordBody[]
}

interface AuditBody {
  entries: {
    action: string
    purpose: string | null
    brand: string | null
    details: Record<string, unknown>
  }[]
  nextCursor: string | null
}

interface Msg {
  type: 'track'
  userId: string
  event: string
  messageId: string
  timestamp: string
  sentAt: string
  properties: Record<string, unknown>
}

const uid = (label: string): string => `${label}-${randomUUID().slice(0, 8)}`
const DAY = 86_400_000

/** Noon UTC `daysAgo` days before today, ISO (in the past for daysAgo ≥ 1). */
const dayAt = (daysAgo: number): string => {
  const d = new Date()
  d.setUTCHours(12, 0, 0, 0)
  return new Date(d.getTime() - daysAgo * DAY).toISOString()
}

const basic = (key: string | undefined): string => `Basic ${Buffer.from(`${key ?? ''}:`).toString('base64')}`

function errorOf(res: LightMyRequestResponse): ApiError {
  const body = res.json() as { error?: ApiError }
  if (!body.error) throw new Error(`expected an error body, got ${res.statusCode} ${res.body}`)
  return body.error
}

function expectError(res: LightMyRequestResponse, status: number, code: string, field?: string): void {
  const e = errorOf(res)
  expect({
    status: res.statusCode,
    code: e.code,
    ...(field === undefined ? {} : { field: e.field }),
  }).toEqual({ status, code, ...(field === undefined ? {} : { field }) })
}

/** A `Product Viewed` on the UTC day `daysAgo` days back; `sentAt` is now, so skew correction keeps it. */
const viewed = (userId: string, category: string, daysAgo: number): Msg => ({
  type: 'track',
  userId,
  event: 'Product Viewed',
  messageId: uid('m'),
  timestamp: dayAt(daysAgo),
  sentAt: new Date().toISOString(),
  properties: { product_id: uid('p'), category },
})

const BOOTS = 'Outdoors > Hiking > Boots'
const CAMPING = 'Outdoors > Camping'
const COOKWARE = 'Home & Kitchen > Cookware'

const offerIds = (d: DecisionBody): string[] => d.items.map((i) => i.offerId)
const factorKinds = (d: DecisionBody): string[] =>
  d.items.flatMap((i) => i.explanation.factors.map((f) => f.kind))

for (const dialect of DIALECTS) {
  describe(`offers and decisions over HTTP (${dialect})`, () => {
    let s: TestServer
    let boots: string
    let hiking: string
    let camping: string
    let cookware: string

    const resolve = async (category: string): Promise<string> => {
      const res = await s.call('GET', `/v1/taxonomy/resolve?category=${encodeURIComponent(category)}`, {
        key: s.keys.server.outdoor,
      })
      expect(res.statusCode, `${category}: ${res.body}`).toBe(200)
      return (res.json() as { topic: string }).topic
    }

    const createOffer = async (body: Record<string, unknown>): Promise<OfferBody> => {
      const res = await s.call('POST', '/v1/offers', { key: s.keys.admin, body })
      expect(res.statusCode, res.body).toBe(201)
      return res.json() as OfferBody
    }

    /** A placement of its own with the given offers (brand outdoor unless given); returns the placement. */
    const placementWith = async (
      offers: readonly (Record<string, unknown> & { id: string })[],
    ): Promise<string> => {
      const placement = uid('pl')
      for (const o of offers)
        await createOffer({ brand: 'outdoor', title: o.id, placements: [placement], ...o })
      return placement
    }

    const decideRes = (
      body: Record<string, unknown>,
      opts: { brand?: string; headers?: Record<string, string> } = {},
    ) =>
      s.call('POST', '/v1/decide', {
        key: s.keys.server[opts.brand ?? 'outdoor'],
        body,
        ...(opts.headers ? { headers: opts.headers } : {}),
      })

    const decide = async (
      body: Record<string, unknown>,
      opts: { brand?: string; headers?: Record<string, string> } = {},
    ): Promise<DecisionBody> => {
      const res = await decideRes(body, opts)
      expect(res.statusCode, res.body).toBe(200)
      return res.json() as DecisionBody
    }

    const batch = async (messages: readonly Msg[], brand = 'outdoor') => {
      const res = await s.app.inject({
        method: 'POST',
        url: '/v1/batch',
        headers: { 'content-type': 'application/json', authorization: basic(s.keys.write[brand]) },
        payload: JSON.stringify({ batch: messages }),
      })
      expect(res.statusCode, res.body).toBe(200)
    }

    const consent = async (
      ref: string,
      body: Record<string, unknown>,
      brand = 'outdoor',
    ): Promise<ConsentRecordBody> => {
      const res = await s.call('POST', `/v1/persons/${encodeURIComponent(ref)}/consent`, {
        key: s.keys.server[brand],
        body,
      })
      expect(res.statusCode, res.body).toBe(200)
      return (res.json() as { recorded: ConsentRecordBody }).recorded
    }

    const grant = (ref: string) => consent(ref, { purpose: 'personalization', state: 'granted' })

    const consentState = async (ref: string, brand = 'outdoor'): Promise<ConsentStateBody> => {
      const res = await s.call('GET', `/v1/persons/${encodeURIComponent(ref)}/consent?limit=500`, {
        key: s.keys.server[brand],
      })
      expect(res.statusCode, res.body).toBe(200)
      return res.json() as ConsentStateBody
    }

    const setInterest = async (ref: string, topic: string, state: 'stated' | 'rejected') => {
      const res = await s.call('POST', `/v1/persons/${encodeURIComponent(ref)}/interests`, {
        key: s.keys.server.outdoor,
        body: { topic, state },
      })
      expect(res.statusCode, res.body).toBe(200)
    }

    /** A person who allowed personalization and viewed hiking boots on 4 distinct UTC days. */
    const hiker = async (): Promise<{ ref: string; grantId: string; views: Msg[] }> => {
      const ref = uid('hiker')
      const recorded = await grant(ref)
      const views = [10, 7, 4, 2].map((d) => viewed(ref, BOOTS, d))
      await batch(views)
      return { ref, grantId: recorded.id, views }
    }

    /** Four editorial offers with higher priority than the hiking offer. */
    const mixedPlacement = async (): Promise<{ placement: string; hikingOffer: string }> => {
      const hikingOffer = uid('hiking-boots')
      const placement = await placementWith([
        { id: uid('cookware'), topics: { [cookware]: 1 }, priority: 900 },
        { id: hikingOffer, topics: { [boots]: 1 }, priority: -100 },
        { id: uid('camping'), topics: { [camping]: 1 }, priority: 500 },
        { id: uid('plain'), topics: {}, priority: 100 },
      ])
      return { placement, hikingOffer }
    }

    const auditOf = async (ref: string): Promise<AuditBody['entries']> => {
      await s.candor.audit.flush()
      const pseudonym = (await consentState(ref)).personId
      await s.candor.audit.flush()
      const res = await s.call('GET', `/v1/audit?personId=${encodeURIComponent(pseudonym)}&limit=500`, {
        key: s.keys.admin,
      })
      expect(res.statusCode, res.body).toBe(200)
      return (res.json() as AuditBody).entries
    }

    beforeAll(async () => {
      s = await createTestServer(dialect, { tcfVendorId: 755 })
      boots = await resolve(BOOTS)
      camping = await resolve(CAMPING)
      cookware = await resolve(COOKWARE)
      hiking = boots.split('.').slice(0, 2).join('.')
    })
    afterAll(async () => {
      await s?.close()
    })

    describe('offers', () => {
      it('creates an offer with the admin key and returns it with defaults', async () => {
        const id = uid('offer')
        const res = await s.call('POST', '/v1/offers', {
          key: s.keys.admin,
          body: {
            id,
            brand: 'outdoor',
            title: 'Boots sale',
            placements: ['home_hero'],
            topics: { [boots]: 0.8 },
          },
        })
        expect(res.statusCode, res.body).toBe(201)
        expect(res.json()).toMatchObject({
          id,
          brand: 'outdoor',
          title: 'Boots sale',
          placements: ['home_hero'],
          topics: { [boots]: 0.8 },
          beneficial: false,
          priority: 0,
          purpose: 'personalization',
          segment: null,
          startsAt: null,
          endsAt: null,
          frequencyCap: null,
        })
        const got = await s.call('GET', `/v1/offers/${id}`, { key: s.keys.admin })
        expect(got.statusCode).toBe(200)
        expect(got.json()).toEqual(res.json())
      })

      it('an unknown topic → 400 unknown-topic naming topics.<id>', async () => {
        const res = await s.call('POST', '/v1/offers', {
          key: s.keys.admin,
          body: {
            id: uid('o'),
            brand: 'outdoor',
            title: 't',
            placements: ['p'],
            topics: { 'no.such.topic': 1 },
          },
        })
        expectError(res, 400, 'unknown-topic', 'topics.no.such.topic')
      })

      it('a topic weight outside (0, 1] → 400 naming the topic', async () => {
        const res = await s.call('POST', '/v1/offers', {
          key: s.keys.admin,
          body: { id: uid('o'), brand: 'outdoor', title: 't', placements: ['p'], topics: { [boots]: 2 } },
        })
        expect(res.statusCode).toBe(400)
        expect(errorOf(res).field).toBe(`topics.${boots}`)
      })

      it('an unknown brand → 404 brand-not-found', async () => {
        const res = await s.call('POST', '/v1/offers', {
          key: s.keys.admin,
          body: { id: uid('o'), brand: 'nope', title: 't', placements: ['p'], topics: {} },
        })
        expectError(res, 404, 'brand-not-found', 'brand')
      })

      it('endsAt before (or at) startsAt → 400 naming endsAt; nothing stored', async () => {
        const id = uid('o')
        const res = await s.call('POST', '/v1/offers', {
          key: s.keys.admin,
          body: {
            id,
            brand: 'outdoor',
            title: 't',
            placements: ['p'],
            topics: {},
            startsAt: '2030-01-02T00:00:00.000Z',
            endsAt: '2030-01-01T00:00:00.000Z',
          },
        })
        expect(res.statusCode).toBe(400)
        expect(errorOf(res).field).toBe('endsAt')
        expectError(await s.call('GET', `/v1/offers/${id}`, { key: s.keys.admin }), 404, 'offer-not-found')
      })

      it('a duplicate id → 409 offer-exists, and the original is unchanged', async () => {
        const id = uid('dup')
        await createOffer({ id, brand: 'outdoor', title: 'first', placements: ['p'], topics: {} })
        const res = await s.call('POST', '/v1/offers', {
          key: s.keys.admin,
          body: { id, brand: 'outdoor', title: 'second', placements: ['p'], topics: {} },
        })
        expectError(res, 409, 'offer-exists')
        const got = await s.call('GET', `/v1/offers/${id}`, { key: s.keys.admin })
        expect((got.json() as OfferBody).title).toBe('first')
      })

      it('PUT of an unknown offer → 404 offer-not-found; GET and DELETE of unknown → 404', async () => {
        const id = uid('missing')
        expectError(
          await s.call('PUT', `/v1/offers/${id}`, {
            key: s.keys.admin,
            body: { brand: 'outdoor', title: 't', placements: ['p'], topics: {} },
          }),
          404,
          'offer-not-found',
        )
        expectError(await s.call('GET', `/v1/offers/${id}`, { key: s.keys.admin }), 404, 'offer-not-found')
        expectError(await s.call('DELETE', `/v1/offers/${id}`, { key: s.keys.admin }), 404, 'offer-not-found')
      })

      it('a server or write key on /v1/offers → 403 forbidden', async () => {
        const body = { id: uid('o'), brand: 'outdoor', title: 't', placements: ['p'], topics: {} }
        expectError(
          await s.call('POST', '/v1/offers', { key: s.keys.server.outdoor, body }),
          403,
          'forbidden',
        )
        expectError(await s.call('GET', '/v1/offers', { key: s.keys.server.outdoor }), 403, 'forbidden')
        expectError(await s.call('POST', '/v1/offers', { key: s.keys.write.outdoor, body }), 403, 'forbidden')
        expect((await s.call('GET', '/v1/offers')).statusCode).toBe(401)
      })

      it('PUT replaces an offer (keeping createdAt); it cannot move to another brand', async () => {
        const id = uid('put')
        const created = await createOffer({
          id,
          brand: 'outdoor',
          title: 'v1',
          placements: ['p'],
          topics: {},
        })
        const res = await s.call('PUT', `/v1/offers/${id}`, {
          key: s.keys.admin,
          body: {
            brand: 'outdoor',
            title: 'v2',
            placements: ['q'],
            topics: { [camping]: 0.5 },
            priority: 7,
            beneficial: true,
            purpose: 'advertising',
            frequencyCap: { count: 3, perDays: 7 },
          },
        })
        expect(res.statusCode, res.body).toBe(200)
        const got = (await s.call('GET', `/v1/offers/${id}`, { key: s.keys.admin })).json() as OfferBody
        expect(got).toMatchObject({
          id,
          title: 'v2',
          placements: ['q'],
          topics: { [camping]: 0.5 },
          priority: 7,
          beneficial: true,
          purpose: 'advertising',
          frequencyCap: { count: 3, perDays: 7 },
          createdAt: created.createdAt,
        })
        const moved = await s.call('PUT', `/v1/offers/${id}`, {
          key: s.keys.admin,
          body: { brand: 'baby', title: 'v3', placements: ['q'], topics: {} },
        })
        expect(moved.statusCode).toBe(403)
        expect(errorOf(moved)).toMatchObject({ code: 'brand-mismatch', field: 'brand' })
        expect(
          ((await s.call('GET', `/v1/offers/${id}`, { key: s.keys.admin })).json() as OfferBody).title,
        ).toBe('v2')
      })

      it('lists offers of a brand in pages', async () => {
        const ids = ['home-a', 'home-b', 'home-c'].map((p) => `${p}-${randomUUID().slice(0, 4)}`)
        for (const id of ids)
          await createOffer({ id, brand: 'home', title: id, placements: ['p'], topics: {} })
        const first = await s.call('GET', '/v1/offers?brand=home&limit=2', { key: s.keys.admin })
        expect(first.statusCode).toBe(200)
        const p1 = first.json() as { offers: OfferBody[]; nextCursor: string | null }
        expect(p1.offers.map((o) => o.id)).toEqual([...ids].sort().slice(0, 2))
        expect(p1.nextCursor).not.toBeNull()
        const second = await s.call(
          'GET',
          `/v1/offers?brand=home&limit=2&cursor=${encodeURIComponent(p1.nextCursor ?? '')}`,
          { key: s.keys.admin },
        )
        const p2 = second.json() as { offers: OfferBody[]; nextCursor: string | null }
        expect(p2.offers.map((o) => o.id)).toEqual([...ids].sort().slice(2))
        expect(p2.nextCursor).toBeNull()
        expect(p1.offers.every((o) => o.brand === 'home')).toBe(true)
      })

      it('DELETE removes an offer: 204, then 404, and it is no longer decided', async () => {
        const id = uid('del')
        const placement = await placementWith([{ id, topics: {} }])
        expect(offerIds(await decide({ anonymousId: uid('a'), placement }))).toEqual([id])
        const del = await s.call('DELETE', `/v1/offers/${id}`, { key: s.keys.admin })
        expect(del.statusCode).toBe(204)
        expectError(await s.call('GET', `/v1/offers/${id}`, { key: s.keys.admin }), 404, 'offer-not-found')
        expect(offerIds(await decide({ anonymousId: uid('a'), placement }))).toEqual([])
      })
    })

    describe('decide: personalized', () => {
      it('an established hiking interest puts the hiking offer first despite lower priority, with a fully traced factor', async () => {
        const { ref, grantId, views } = await hiker()
        const { placement, hikingOffer } = await mixedPlacement()
        const state = await consentState(ref)
        const current = state.current.find((c) => c.purpose === 'personalization')
        expect(current).toMatchObject({ granted: true, consentId: grantId })

        const d = await decide({ userId: ref, placement, limit: 4 })
        expect(d.personalized).toBe(true)
        expect(d.purpose).toBe('personalization')
        expect(d.placement).toBe(placement)
        expect(d.fallbackReason).toBeUndefined()
        expect(d.items).toHaveLength(4)
        expect(d.items[0]?.offerId).toBe(hikingOffer)
        expect(d.items[0]?.score).toBeGreaterThan(0)
        // The rest in editorial order.
        expect(d.items.slice(1).map((i) => i.explanation.factors.at(-1)?.priority)).toEqual([900, 500, 100])

        const top = d.items[0]
        const f = top?.explanation.factors[0]
        expect(top?.explanation.factors).toHaveLength(1)
        expect(f).toMatchObject({
          kind: 'interest',
          topic: boots,
          offerTopic: boots,
          source: 'inferred',
          evidence: { signals: { view: 4 }, distinctDays: 4 },
          dataItemIds: [`interest:outdoor:${boots}`],
          categories: ['user.inferred.interest'],
          purpose: 'personalization',
          consentIds: [grantId],
          change: { action: 'reject-interest', topic: boots },
        })
        expect(f?.evidence?.signals).toEqual({ view: 4 })
        expect(f?.evidence?.firstSeen?.slice(0, 10)).toBe(dayAt(10).slice(0, 10))
        expect(f?.evidence?.lastSeen?.slice(0, 10)).toBe(dayAt(2).slice(0, 10))
        expect([...(f?.sourceEvents ?? [])].sort()).toEqual(views.map((v) => v.messageId).sort())
        expect(top?.explanation.text).toMatch(/^Shown because you viewed 4 .+ on 4 different days/)
        expect(top?.explanation.howToChange.map((c) => c.action)).toEqual([
          'reject-interest',
          'withdraw-consent',
        ])
        // The non-personal items carry no personal factor.
        for (const item of d.items.slice(1))
          for (const x of item.explanation.factors) expect(['popularity', 'editorial']).toContain(x.kind)
      })

      it('answers ASCII JSON: the dashes and quotes of an explanation arrive escaped', async () => {
        const { ref } = await hiker()
        const { placement } = await mixedPlacement()
        const res = await s.call('POST', '/v1/decide', {
          key: s.keys.server.outdoor,
          body: { userId: ref, placement, limit: 3 },
        })
        expect(res.statusCode, res.body).toBe(200)
        expect(res.body).not.toMatch(/[\u0080-\uffff]/)
        const texts = (res.json() as DecisionBody).items.map((i) => i.explanation.text).join(' ')
        expect(texts).toMatch(/[\u0080-\uffff]/)
      })

      it('a stated interest gives a `stated` factor explained as "you told us"', async () => {
        const ref = uid('stater')
        await grant(ref)
        await setInterest(ref, camping, 'stated')
        const campingOffer = uid('camp')
        const placement = await placementWith([
          { id: uid('top'), topics: { [cookware]: 1 }, priority: 50 },
          { id: campingOffer, topics: { [camping]: 1 }, priority: 0 },
        ])
        const d = await decide({ userId: ref, placement })
        expect(d.personalized).toBe(true)
        expect(d.fallbackReason).toBeUndefined()
        expect(offerIds(d)[0]).toBe(campingOffer)
        const f = d.items[0]?.explanation.factors[0]
        expect(f).toMatchObject({
          kind: 'stated',
          source: 'stated',
          topic: camping,
          categories: ['user.preference.stated'],
          purpose: 'personalization',
          change: { action: 'remove-stated-interest', topic: camping },
        })
        expect(d.items[0]?.explanation.text).toContain('you told us')
      })

      it('candidates restrict the answer to those ids (other brands’ and unknown ids are ignored)', async () => {
        const a = uid('c-a')
        const b = uid('c-b')
        const c = uid('c-c')
        const placement = await placementWith([
          { id: a, topics: {}, priority: 3 },
          { id: b, topics: {}, priority: 2 },
          { id: c, topics: {}, priority: 1 },
        ])
        const babyOffer = uid('baby-offer')
        await createOffer({ id: babyOffer, brand: 'baby', title: 'x', placements: [placement], topics: {} })
        const d = await decide({ anonymousId: uid('anon'), placement, candidates: [c, a, babyOffer, 'nope'] })
        expect(offerIds(d)).toEqual([a, c])
      })

      it('limit caps the items (default 3); out of range → 400 naming limit', async () => {
        const ids = [5, 4, 3, 2, 1].map((p) => ({ id: uid(`l${p}`), topics: {}, priority: p }))
        const placement = await placementWith(ids)
        const all = ids.map((o) => o.id)
        expect(offerIds(await decide({ anonymousId: uid('a'), placement }))).toEqual(all.slice(0, 3))
        expect(offerIds(await decide({ anonymousId: uid('a'), placement, limit: 2 }))).toEqual(
          all.slice(0, 2),
        )
        expect(offerIds(await decide({ anonymousId: uid('a'), placement, limit: 50 }))).toEqual(all)
        for (const limit of [0, 51]) {
          const res = await decideRes({ anonymousId: uid('a'), placement, limit })
          expect(res.statusCode).toBe(400)
          expect(errorOf(res).field).toBe('limit')
        }
      })

      it('userId and anonymousId together → 400; a write key → 403', async () => {
        const res = await decideRes({ userId: 'u', anonymousId: 'a', placement: 'p' })
        expect(res.statusCode).toBe(400)
        expect(errorOf(res).field).toBe('anonymousId')
        expectError(
          await s.call('POST', '/v1/decide', { key: s.keys.write.outdoor, body: { placement: 'p' } }),
          403,
          'forbidden',
        )
      })
    })

    describe('decide: fallbacks', () => {
      it('no consent: not personalized, popularity/editorial factors only, ordered by priority, and no personalization read in the audit log', async () => {
        const ref = uid('noconsent')
        // Plenty of data, but personalization never granted.
        await batch([10, 7, 4, 2].map((d) => viewed(ref, BOOTS, d)))
        const { placement, hikingOffer } = await mixedPlacement()
        const d = await decide({ userId: ref, placement, limit: 4 })
        expect(d.personalized).toBe(false)
        expect(d.fallbackReason).toBe('no-consent')
        expect(d.items.map((i) => i.explanation.factors.at(-1)?.priority)).toEqual([900, 500, 100, -100])
        expect(offerIds(d)[3]).toBe(hikingOffer)
        expect(d.items.every((i) => i.score === 0)).toBe(true)
        for (const k of factorKinds(d)) expect(['popularity', 'editorial']).toContain(k)
        for (const i of d.items) {
          expect(i.explanation.text).toContain('Not personalized: you have not allowed personalization')
          expect(i.explanation.howToChange.map((c) => c.action)).toEqual(['allow-personalization'])
          expect(JSON.stringify(i.explanation)).not.toContain('viewed')
        }

        const entries = await auditOf(ref)
        // The request was audited (its restrictions read, without a purpose), proving the log covers it …
        expect(entries.filter((e) => e.action === 'decision.restrictions')).toEqual([
          expect.objectContaining({ brand: 'outdoor', purpose: null }),
        ])
        // … and nothing read data items or interests for personalization.
        const reads = entries.filter(
          (e) =>
            e.purpose === 'personalization' && (e.action === 'interests.view' || e.action === 'policy.view'),
        )
        expect(reads).toEqual([])
      })

      it('with consent the same kind of request does read interests for personalization (the audit check above can fail)', async () => {
        const { ref } = await hiker()
        const { placement } = await mixedPlacement()
        expect((await decide({ userId: ref, placement })).personalized).toBe(true)
        const entries = await auditOf(ref)
        expect(
          entries.filter((e) => e.purpose === 'personalization' && e.action === 'interests.view').length,
        ).toBeGreaterThan(0)
      })

      it('consent but signals on one day only: no-established-interests', async () => {
        const ref = uid('oneday')
        await grant(ref)
        await batch([viewed(ref, BOOTS, 3), viewed(ref, BOOTS, 3), viewed(ref, BOOTS, 3)])
        const { placement } = await mixedPlacement()
        const d = await decide({ userId: ref, placement, limit: 4 })
        expect(d.personalized).toBe(false)
        expect(d.fallbackReason).toBe('no-established-interests')
        expect(d.items.map((i) => i.explanation.factors.at(-1)?.priority)).toEqual([900, 500, 100, -100])
        for (const k of factorKinds(d)) expect(['popularity', 'editorial']).toContain(k)
        expect(d.items[0]?.explanation.text).toContain('recur on enough different days')
      })

      it('an unknown person: 200, not personalized, unknown-person, editorial order; nothing is created', async () => {
        const { placement } = await mixedPlacement()
        const ref = uid('stranger')
        const d = await decide({ userId: ref, placement, limit: 4 })
        expect(d.personalized).toBe(false)
        expect(d.fallbackReason).toBe('unknown-person')
        expect(d.items.map((i) => i.explanation.factors.at(-1)?.priority)).toEqual([900, 500, 100, -100])
        expect(d.items[0]?.explanation.text).toContain('we know nothing about you')
        const anon = await decide({ anonymousId: uid('anon'), placement })
        expect(anon.fallbackReason).toBe('unknown-person')
        expectError(
          await s.call('GET', `/v1/persons/${ref}/decisions`, { key: s.keys.server.outdoor }),
          404,
          'person-not-found',
        )
      })
    })

    describe('decide: the person’s restrictions', () => {
      it('"not interested in hiking" hides offers on hiking and narrower topics, even when asked for by candidate id', async () => {
        const { ref } = await hiker()
        const bootsOffer = uid('boots')
        const hikingOffer = uid('hiking')
        const campingOffer = uid('camping')
        const placement = await placementWith([
          { id: bootsOffer, topics: { [boots]: 1 }, priority: 1 },
          { id: hikingOffer, topics: { [hiking]: 1, [camping]: 0.2 }, priority: 2 },
          { id: campingOffer, topics: { [camping]: 1 }, priority: 0 },
        ])
        expect(offerIds(await decide({ userId: ref, placement }))[0]).toBe(bootsOffer)
        await setInterest(ref, hiking, 'rejected')
        const d = await decide({
          userId: ref,
          placement,
          candidates: [bootsOffer, hikingOffer, campingOffer],
        })
        expect(offerIds(d)).toEqual([campingOffer])
        expect(JSON.stringify(d)).not.toContain(boots)
      })

      it('after "not interested in hiking" no factor rests on a hiking (or narrower) interest, even for an offer on a broader topic', async () => {
        const { ref } = await hiker()
        const outdoorsOffer = uid('outdoors')
        const placement = await placementWith([
          { id: outdoorsOffer, topics: { [hiking.split('.')[0] ?? '']: 1 }, priority: 0 },
          { id: uid('editorial'), topics: {}, priority: 10 },
        ])
        // Before: the boots interest backs the broader outdoors offer.
        const before = await decide({ userId: ref, placement })
        expect(before.personalized).toBe(true)
        expect(before.items[0]?.explanation.factors[0]).toMatchObject({ kind: 'interest', topic: boots })
        await setInterest(ref, hiking, 'rejected')
        const after = await decide({ userId: ref, placement })
        const underHiking = after.items
          .flatMap((i) => i.explanation.factors)
          .filter((f) => f.topic !== undefined && (f.topic === hiking || f.topic.startsWith(`${hiking}.`)))
          .map((f) => `${f.kind}:${f.topic ?? ''}`)
        expect(underHiking).toEqual([])
        expect(after.items.map((i) => i.explanation.text).join(' ')).not.toMatch(/viewed 4/)
      })

      it('"not interested" is honoured in the no-consent fallback too', async () => {
        const ref = uid('rejector')
        await consent(ref, { purpose: 'personalization', state: 'denied' })
        await setInterest(ref, camping, 'rejected')
        const campingOffer = uid('camping')
        const other = uid('other')
        const placement = await placementWith([
          { id: campingOffer, topics: { [camping]: 1 }, priority: 100 },
          { id: other, topics: { [cookware]: 1 }, priority: 0 },
        ])
        const d = await decide({ userId: ref, placement })
        expect(d.fallbackReason).toBe('no-consent')
        expect(offerIds(d)).toEqual([other])
        // Another person still sees it.
        expect(offerIds(await decide({ anonymousId: uid('a'), placement }))).toEqual([campingOffer, other])
      })

      it('a frequency cap of 2 per day: shown twice, then not; other people and offers unaffected', async () => {
        const ref = uid('capped')
        await grant(ref)
        const cappedOffer = uid('capped')
        const free = uid('free')
        const placement = await placementWith([
          { id: cappedOffer, topics: {}, priority: 10, frequencyCap: { count: 2, perDays: 1 } },
          { id: free, topics: {}, priority: 0 },
        ])
        expect(offerIds(await decide({ userId: ref, placement }))).toEqual([cappedOffer, free])
        expect(offerIds(await decide({ userId: ref, placement }))).toEqual([cappedOffer, free])
        expect(offerIds(await decide({ userId: ref, placement }))).toEqual([free])
        expect(offerIds(await decide({ userId: ref, placement }))).toEqual([free])
        // After the group commit too.
        await s.candor.decisions.flush()
        expect(offerIds(await decide({ userId: ref, placement }))).toEqual([free])
        const other = uid('other')
        await grant(other)
        expect(offerIds(await decide({ userId: other, placement }))).toEqual([cappedOffer, free])
      })

      it('an impression still counts when the group commit that writes it lands while the cap is being checked', async () => {
        const ref = uid('inflight')
        await grant(ref)
        const once = uid('once')
        const placement = await placementWith([
          { id: once, topics: {}, priority: 10, frequencyCap: { count: 1, perDays: 1 } },
        ])
        // Hold the group-commit timer so the first impression is still buffered (deterministically)
        // when the next request checks the cap; then let the commit land while the impressions
        // query is on its way — what the timer does under load, on another pool connection.
        type ImpressionsFn = (
          personId: string,
          brandId: string,
          since: number,
          offerIds: readonly string[],
        ) => Promise<unknown[]>
        const svc = s.candor.decisions as unknown as {
          timer: NodeJS.Timeout | undefined
          pending: { impressions: unknown[] }
          tx: {
            stores: { decisions: { impressions: ImpressionsFn } }
            reads?: { decisions: { impressions: ImpressionsFn } }
          }
        }
        if (svc.timer) clearTimeout(svc.timer)
        await s.candor.decisions.flush()
        const hold = setTimeout(() => undefined, 60_000)
        svc.timer = hold
        const targets = [
          ...new Set([svc.tx.stores.decisions, svc.tx.reads?.decisions].filter((t) => t !== undefined)),
        ]
        const originals = targets.map((t) => t.impressions)
        let armed = false
        targets.forEach((t, i) => {
          const original = originals[i] as ImpressionsFn
          t.impressions = async (personId, brandId, since, offerIds) => {
            const rows = await original.call(t, personId, brandId, since, offerIds)
            if (armed) {
              armed = false
              await s.candor.decisions.flush()
            }
            return rows
          }
        })
        try {
          expect(offerIds(await decide({ userId: ref, placement }))).toEqual([once])
          expect(svc.pending.impressions.length).toBeGreaterThan(0)
          armed = true
          expect(offerIds(await decide({ userId: ref, placement }))).toEqual([])
        } finally {
          targets.forEach((t, i) => {
            t.impressions = originals[i] as ImpressionsFn
          })
          clearTimeout(hold)
          if (svc.timer === hold) svc.timer = undefined
          await s.candor.decisions.flush()
        }
        expect(armed).toBe(false)
        expect(offerIds(await decide({ userId: ref, placement }))).toEqual([])
      })

      it('only items returned count as impressions (an offer beyond the limit is not capped)', async () => {
        const ref = uid('impr')
        await grant(ref)
        const first = uid('first')
        const second = uid('second')
        const placement = await placementWith([
          { id: first, topics: {}, priority: 10 },
          { id: second, topics: {}, priority: 0, frequencyCap: { count: 1, perDays: 1 } },
        ])
        expect(offerIds(await decide({ userId: ref, placement, limit: 1 }))).toEqual([first])
        expect(offerIds(await decide({ userId: ref, placement, limit: 1 }))).toEqual([first])
        expect(offerIds(await decide({ userId: ref, placement, limit: 2 }))).toEqual([first, second])
        expect(offerIds(await decide({ userId: ref, placement, limit: 2 }))).toEqual([first])
      })

      it('schedules: an offer starting in the future or ended in the past never appears', async () => {
        const now = Date.now()
        const running = uid('running')
        const future = uid('future')
        const past = uid('past')
        const placement = await placementWith([
          {
            id: running,
            topics: {},
            startsAt: new Date(now - DAY).toISOString(),
            endsAt: new Date(now + DAY).toISOString(),
          },
          { id: future, topics: {}, priority: 100, startsAt: new Date(now + DAY).toISOString() },
          {
            id: past,
            topics: {},
            priority: 100,
            startsAt: new Date(now - 2 * DAY).toISOString(),
            endsAt: new Date(now - DAY).toISOString(),
          },
        ])
        const ref = uid('sched')
        await grant(ref)
        expect(offerIds(await decide({ userId: ref, placement, limit: 10 }))).toEqual([running])
        expect(offerIds(await decide({ anonymousId: uid('a'), placement, limit: 10 }))).toEqual([running])
        expect(
          offerIds(await decide({ userId: ref, placement, limit: 10, candidates: [future, past, running] })),
        ).toEqual([running])
      })

      it('GPC in the body: no advertising offers, and the ledger records an advertising denial from gpc', async () => {
        const ref = uid('gpc-body')
        await grant(ref)
        await consent(ref, { purpose: 'advertising', state: 'granted' })
        const ad = uid('ad')
        const own = uid('own')
        const placement = await placementWith([
          { id: ad, topics: {}, priority: 10, purpose: 'advertising' },
          { id: own, topics: {}, priority: 0 },
        ])
        expect(offerIds(await decide({ userId: ref, placement }))).toEqual([ad, own])
        expect(offerIds(await decide({ userId: ref, placement, gpc: true }))).toEqual([own])
        const state = await consentState(ref)
        expect(state.current.find((c) => c.purpose === 'advertising')).toMatchObject({
          granted: false,
          source: 'gpc',
        })
        expect(state.history).toContainEqual(
          expect.objectContaining({ purpose: 'advertising', state: 'denied', source: 'gpc' }),
        )
        // The opt-out sticks for later requests without the signal.
        expect(offerIds(await decide({ userId: ref, placement }))).toEqual([own])
        // The browser keeps sending GPC: once recorded, a decision reads the ledger and writes nothing.
        const signals = s.candor.consentSignals
        const original = signals.recordGpcIn
        let writes = 0
        signals.recordGpcIn = (...a) => {
          writes++
          return original.apply(signals, a)
        }
        try {
          expect(offerIds(await decide({ userId: ref, placement, gpc: true }))).toEqual([own])
        } finally {
          signals.recordGpcIn = original
        }
        expect(writes).toBe(0)
        expect((await consentState(ref)).history.filter((h) => h.source === 'gpc')).toHaveLength(1)
      })

      it('GPC is honoured in the no-consent fallback too', async () => {
        const ref = uid('gpc-noconsent')
        await consent(ref, { purpose: 'personalization', state: 'denied' })
        const ad = uid('ad')
        const own = uid('own')
        const placement = await placementWith([
          { id: ad, topics: {}, priority: 10, purpose: 'advertising' },
          { id: own, topics: {}, priority: 0 },
        ])
        const d = await decide({ userId: ref, placement, gpc: true })
        expect(d.fallbackReason).toBe('no-consent')
        expect(offerIds(d)).toEqual([own])
        expect((await consentState(ref)).history).toContainEqual(
          expect.objectContaining({ purpose: 'advertising', state: 'denied', source: 'gpc' }),
        )
      })

      it('GPC as the Sec-GPC: 1 header does the same; an unknown person with GPC gets no ad either', async () => {
        const ref = uid('gpc-header')
        await grant(ref)
        const ad = uid('ad')
        const own = uid('own')
        const placement = await placementWith([
          { id: ad, topics: {}, priority: 10, purpose: 'advertising' },
          { id: own, topics: {}, priority: 0 },
        ])
        expect(offerIds(await decide({ userId: ref, placement }, { headers: { 'sec-gpc': '1' } }))).toEqual([
          own,
        ])
        const state = await consentState(ref)
        expect(state.history).toContainEqual(
          expect.objectContaining({ purpose: 'advertising', state: 'denied', source: 'gpc' }),
        )
        expect(
          offerIds(await decide({ anonymousId: uid('a'), placement }, { headers: { 'sec-gpc': '1' } })),
        ).toEqual([own])
        expect(offerIds(await decide({ anonymousId: uid('a'), placement, gpc: true }))).toEqual([own])
        expect(offerIds(await decide({ anonymousId: uid('a'), placement }))).toEqual([ad, own])
      })
    })

    describe('decision log', () => {
      it('returns the decisions newest first with the same explanations, in pages; another brand’s key → 404', async () => {
        const { ref } = await hiker()
        const { placement } = await mixedPlacement()
        const made: DecisionBody[] = []
        for (let i = 0; i < 3; i++) {
          made.push(await decide({ userId: ref, placement, limit: 2 }))
          await new Promise((r) => setTimeout(r, 5))
        }
        const all = await s.call('GET', `/v1/persons/${ref}/decisions`, { key: s.keys.server.outdoor })
        expect(all.statusCode, all.body).toBe(200)
        const body = all.json() as { decisions: DecisionBody[]; nextCursor: string | null }
        expect(body.decisions.map((d) => d.decisionId)).toEqual(made.map((d) => d.decisionId).reverse())
        expect(body.decisions).toEqual([...made].reverse())
        expect(body.nextCursor).toBeNull()

        const p1 = (
          await s.call('GET', `/v1/persons/${ref}/decisions?limit=2`, { key: s.keys.server.outdoor })
        ).json() as { decisions: DecisionBody[]; nextCursor: string | null }
        expect(p1.decisions.map((d) => d.decisionId)).toEqual([made[2]?.decisionId, made[1]?.decisionId])
        expect(p1.nextCursor).not.toBeNull()
        const p2 = (
          await s.call(
            'GET',
            `/v1/persons/${ref}/decisions?limit=2&cursor=${encodeURIComponent(p1.nextCursor ?? '')}`,
            { key: s.keys.server.outdoor },
          )
        ).json() as { decisions: DecisionBody[]; nextCursor: string | null }
        expect(p2.decisions.map((d) => d.decisionId)).toEqual([made[0]?.decisionId])
        expect(p2.nextCursor).toBeNull()

        expectError(
          await s.call('GET', `/v1/persons/${ref}/decisions`, { key: s.keys.server.baby }),
          404,
          'person-not-found',
        )
        expectError(
          await s.call('GET', `/v1/persons/${ref}/decisions`, { key: s.keys.admin }),
          403,
          'forbidden',
        )
      })

      it('stores each logged decision encrypted: no offer title or explanation text in the row', async () => {
        const { ref } = await hiker()
        const { placement } = await mixedPlacement()
        const made = await decide({ userId: ref, placement, limit: 2 })
        const history = await s.call('GET', `/v1/persons/${ref}/decisions`, { key: s.keys.server.outdoor })
        expect((history.json() as { decisions: DecisionBody[] }).decisions).toEqual([made])
        const row = await s.candor.storage.data
          .selectFrom('decisions')
          .select(['payload_ct', 'key_id'])
          .where('id', '=', made.decisionId)
          .executeTakeFirstOrThrow()
        const first = made.items[0]
        expect(first).toBeDefined()
        expect(row.key_id).toMatch(/^dk_/)
        // Neither the text as stored nor its base64 decoding shows the plaintext.
        for (const text of [row.payload_ct, Buffer.from(row.payload_ct, 'base64').toString('latin1')]) {
          expect(text).not.toContain(first?.offerId ?? '?')
          expect(text).not.toContain(first?.explanation.text.slice(0, 12) ?? '?')
        }
      })

      it('logs fallback decisions too, with their reason', async () => {
        const ref = uid('logged-fallback')
        await consent(ref, { purpose: 'personalization', state: 'denied' })
        const { placement } = await mixedPlacement()
        const d = await decide({ userId: ref, placement })
        const body = (
          await s.call('GET', `/v1/persons/${ref}/decisions`, { key: s.keys.server.outdoor })
        ).json() as { decisions: DecisionBody[] }
        expect(body.decisions).toEqual([d])
        expect(body.decisions[0]?.fallbackReason).toBe('no-consent')
      })
    })

    describe('brand isolation', () => {
      it("brand B's key cannot decide with brand A's offers", async () => {
        const { ref } = await hiker()
        const { placement, hikingOffer } = await mixedPlacement()
        const asBaby = await decide({ userId: ref, placement, limit: 10 }, { brand: 'baby' })
        expect(asBaby.items).toEqual([])
        // B has no such placement, and is not told A has it.
        expect(asBaby.fallbackReason).toBe('unknown-placement')
        expect(JSON.stringify(asBaby)).not.toContain(hikingOffer)
        const withCandidates = await decide(
          { anonymousId: uid('a'), placement, candidates: [hikingOffer] },
          { brand: 'baby' },
        )
        expect(withCandidates.items).toEqual([])
        // A's own key does see them.
        expect(offerIds(await decide({ userId: ref, placement }))[0]).toBe(hikingOffer)
      })

      it("brand B's offers are decided for B only, and B's answer reads none of A's interests", async () => {
        const { ref } = await hiker()
        const placement = uid('pl')
        const babyOffer = uid('baby-boots')
        await createOffer({
          id: babyOffer,
          brand: 'baby',
          title: 'x',
          placements: [placement],
          topics: { [boots]: 1 },
        })
        expect(offerIds(await decide({ userId: ref, placement }))).toEqual([])
        // The same userId at baby is another (unknown) person: no personalization from outdoor's data.
        const d = await decide({ userId: ref, placement }, { brand: 'baby' })
        expect(offerIds(d)).toEqual([babyOffer])
        expect(d.personalized).toBe(false)
        for (const k of factorKinds(d)) expect(['popularity', 'editorial']).toContain(k)
      })
    })

    describe('consent signals (issue 5)', () => {
      const signal = async (ref: string, tcString: string) => {
        const res = await s.call('POST', `/v1/persons/${encodeURIComponent(ref)}/consent-signal`, {
          key: s.keys.server.outdoor,
          body: { tcString },
        })
        expect(res.statusCode, res.body).toBe(200)
        return res.json() as { recorded: ConsentRecordBody[] }
      }

      it('a TC string granting TCF purposes 5 and 6 personalizes the next decision (resting on that ledger entry); one with only purpose 1 turns it off', async () => {
        const ref = uid('tcf')
        const granted = await signal(ref, encodeTestTcString({ purposes: [5, 6] }))
        const entry = granted.recorded.find(
          (r) => r.purpose === 'personalization' && r.sensitiveCategory === null && r.sensitiveTopic === null,
        )
        expect(entry).toMatchObject({ state: 'granted', source: 'tcf' })
        await batch([9, 6, 3].map((d) => viewed(ref, BOOTS, d)))
        const { placement, hikingOffer } = await mixedPlacement()

        const on = await decide({ userId: ref, placement })
        expect(on.personalized).toBe(true)
        expect(on.fallbackReason).toBeUndefined()
        expect(offerIds(on)[0]).toBe(hikingOffer)
        expect(on.items[0]?.explanation.factors[0]?.consentIds).toEqual([entry?.id])

        const denied = await signal(ref, encodeTestTcString({ purposes: [1] }))
        expect(denied.recorded).toContainEqual(
          expect.objectContaining({ purpose: 'personalization', state: 'denied', source: 'tcf' }),
        )
        const off = await decide({ userId: ref, placement, limit: 4 })
        expect(off.personalized).toBe(false)
        expect(off.fallbackReason).toBe('no-consent')
        for (const k of factorKinds(off)) expect(['popularity', 'editorial']).toContain(k)
      })

      it('a TC string with only purpose 1 from the start: no-consent', async () => {
        const ref = uid('tcf1')
        await signal(ref, encodeTestTcString({ purposes: [1] }))
        await batch([9, 6, 3].map((d) => viewed(ref, BOOTS, d)))
        const { placement } = await mixedPlacement()
        const d = await decide({ userId: ref, placement })
        expect(d.personalized).toBe(false)
        expect(d.fallbackReason).toBe('no-consent')
      })
    })
  })
}
