/**
 * The interest model over HTTP (issue 3): interests from recurring patterns — never from one
 * search, one purchase, same-day repeats or gifts; sensitive topics only with the person's
 * opt-in; removed interests stay removed; stated ones come first; interests exist only while
 * `personalization` is granted at the brand; another brand's only under cross-brand sharing;
 * the taxonomy and the category mapping are inspectable. The issue's named scenarios are the
 * tests whose names start with "scenario".
 */
import { randomUUID } from 'node:crypto'
import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/dialects.js'
import { createTestServer, type TestServer } from '../support/http.js'

interface ApiError {
  code: string
  message: string
  field?: string
}

interface InterestBody {
  topic: string
  label: string
  brand: string
  score: number
  confidence: number
  established: boolean
  source: 'inferred' | 'stated'
  state?: 'inferred' | 'stated' | 'rejected'
  evidence: {
    signals: Record<string, number>
    distinctDays: number
    firstSeen: string | null
    lastSeen: string | null
    sampleEventIds: string[]
  }
}

interface InterestsBody {
  personId: string
  purpose: string
  interests: InterestBody[]
  excluded: { topic: string; brand: string; reason: string }[]
}

interface EventBody {
  messageId: string
  kind: string
  gift: boolean
  giftMarkedByPerson: boolean
  topics: string[]
}

interface TopicBody {
  id: string
  label: string
  parent: string | null
  sensitive: boolean
}

interface Msg {
  type: string
  userId?: string
  anonymousId?: string
  event?: string
  messageId: string
  timestamp: string
  sentAt: string
  properties: Record<string, unknown>
  context?: Record<string, unknown>
}

const uid = (label: string): string => `${label}-${randomUUID().slice(0, 8)}`

/** Noon UTC `daysAgo` days before today, ISO (always in the past for daysAgo ≥ 1). */
const dayAt = (daysAgo: number): string => {
  const d = new Date()
  d.setUTCHours(12, 0, 0, 0)
  return new Date(d.getTime() - daysAgo * 86_400_000).toISOString()
}
const dateOf = (iso: string | null): string => (iso ?? '').slice(0, 10)

const basic = (key: string | undefined): string => `Basic ${Buffer.from(`${key ?? ''}:`).toString('base64')}`

function errorOf(res: LightMyRequestResponse): ApiError {
  const body = res.json() as { error?: ApiError }
  if (!body.error) throw new Error(`expected an error body, got ${res.statusCode} ${res.body}`)
  return body.error
}

// Message builders. `sentAt` is the real send time, so the skew-corrected event time is the
// `timestamp` (plus transit), on the intended UTC day.
const base = (userId: string, daysAgo: number, extra: Partial<Msg> = {}): Msg => ({
  type: 'track',
  userId,
  messageId: uid('m'),
  timestamp: dayAt(daysAgo),
  sentAt: new Date().toISOString(),
  properties: {},
  ...extra,
})
const viewed = (userId: string, category: string, daysAgo: number, extra: Partial<Msg> = {}): Msg =>
  base(userId, daysAgo, {
    event: 'Product Viewed',
    properties: { product_id: uid('p'), category },
    ...extra,
  })
const searched = (userId: string, category: string, daysAgo: number): Msg =>
  base(userId, daysAgo, { event: 'Products Searched', properties: { query: 'something', category } })
const ordered = (
  userId: string,
  category: string,
  daysAgo: number,
  order: Record<string, unknown> = {},
  line: Record<string, unknown> = {},
  extra: Partial<Msg> = {},
): Msg =>
  base(userId, daysAgo, {
    event: 'Order Completed',
    properties: {
      order_id: uid('o'),
      products: [{ product_id: uid('p'), category, price: 20, ...line }],
      ...order,
    },
    ...extra,
  })

/** Calls of one test server. */
function api(s: TestServer) {
  const batch = async (messages: readonly Msg[], brand = 'outdoor') => {
    const res = await s.app.inject({
      method: 'POST',
      url: '/v1/batch',
      headers: { 'content-type': 'application/json', authorization: basic(s.keys.write[brand]) },
      payload: JSON.stringify({ batch: messages }),
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toEqual({ success: true })
  }
  const trackOne = async (message: Msg, brand = 'outdoor') => {
    const res = await s.app.inject({
      method: 'POST',
      url: '/v1/track',
      headers: { 'content-type': 'application/json', authorization: basic(s.keys.write[brand]) },
      payload: JSON.stringify(message),
    })
    expect(res.statusCode, res.body).toBe(200)
  }
  const consent = async (ref: string, body: Record<string, unknown>, brand = 'outdoor') => {
    const res = await s.call('POST', `/v1/persons/${encodeURIComponent(ref)}/consent`, {
      key: s.keys.server[brand],
      body,
    })
    expect(res.statusCode, res.body).toBe(200)
  }
  const grant = (ref: string, brand = 'outdoor') =>
    consent(ref, { purpose: 'personalization', state: 'granted' }, brand)
  const interests = async (ref: string, brand = 'outdoor', purpose = 'personalization') => {
    const res = await s.call('GET', `/v1/persons/${encodeURIComponent(ref)}/interests?purpose=${purpose}`, {
      key: s.keys.server[brand],
    })
    expect(res.statusCode, res.body).toBe(200)
    return res.json() as InterestsBody
  }
  const setInterest = (ref: string, topic: string, state: 'stated' | 'rejected', brand = 'outdoor') =>
    s.call('POST', `/v1/persons/${encodeURIComponent(ref)}/interests`, {
      key: s.keys.server[brand],
      body: { topic, state },
    })
  const events = async (ref: string, brand = 'outdoor'): Promise<EventBody[]> => {
    const res = await s.call(
      'GET',
      `/v1/persons/${encodeURIComponent(ref)}/events?limit=500&purpose=personalization`,
      {
        key: s.keys.server[brand],
      },
    )
    expect(res.statusCode, res.body).toBe(200)
    return (res.json() as { events: EventBody[] }).events
  }
  const resolve = async (category: string): Promise<string> => {
    const res = await s.call('GET', `/v1/taxonomy/resolve?category=${encodeURIComponent(category)}`, {
      key: s.keys.server.outdoor,
    })
    expect(res.statusCode, `${category}: ${res.body}`).toBe(200)
    return (res.json() as { topic: string }).topic
  }
  return { batch, trackOne, consent, grant, interests, setInterest, events, resolve }
}

const find = (b: InterestsBody, topic: string): InterestBody | undefined =>
  b.interests.find((i) => i.topic === topic)
const topicsOf = (b: InterestsBody): string[] => b.interests.map((i) => i.topic)
const under = (b: InterestsBody, prefix: string): InterestBody[] =>
  b.interests.filter((i) => i.topic === prefix || i.topic.startsWith(`${prefix}.`))

const HIKING = 'Outdoors > Hiking'
const CAMPING = 'Outdoors > Camping'
const STROLLERS = 'Baby & Kids > Strollers'
const WEIGHT_LOSS = 'Health > Weight Loss > Supplements'

describe('interests over HTTP (sqlite)', () => {
  let s: TestServer
  let a: ReturnType<typeof api>
  let hiking: string
  let camping: string
  let strollers: string
  let weightLoss: string

  beforeAll(async () => {
    s = await createTestServer('sqlite')
    a = api(s)
    hiking = await a.resolve(HIKING)
    camping = await a.resolve(CAMPING)
    strollers = await a.resolve(STROLLERS)
    weightLoss = await a.resolve(WEIGHT_LOSS)
  })
  afterAll(async () => {
    await s?.close()
  })

  describe('named scenarios', () => {
    it('scenario 1: baby products bought as gifts on three days (flag, gift wrap, other recipient), and one unmarked baby purchase: neither person has an established baby/parenting interest, and no life_events.* interest exists', async () => {
      expect(strollers.startsWith('baby_kids.')).toBe(true)
      const gifter = uid('gifter')
      const once = uid('once')
      await a.grant(gifter)
      await a.grant(once)
      await a.batch([
        // Shower 1: an explicit gift flag on the order.
        ordered(gifter, STROLLERS, 20, { gift: true }),
        // Shower 2: gift wrap on the (only) product line.
        ordered(gifter, STROLLERS, 12, {}, { gift_wrap: true }),
        // Shower 3: shipped to someone else.
        ordered(
          gifter,
          STROLLERS,
          5,
          { recipient: { email: 'friend@example.com', name: 'A Friend' } },
          {},
          { context: { traits: { email: 'gifter@example.com' } } },
        ),
        // Their own, recurring interest: proves the model does run for this person.
        viewed(gifter, HIKING, 3),
        viewed(gifter, HIKING, 2),
      ])
      await a.batch([ordered(once, STROLLERS, 4)])

      const g = await a.interests(gifter)
      expect(under(g, 'baby_kids')).toEqual([])
      expect(under(g, 'life_events')).toEqual([])
      expect(find(g, hiking)?.established).toBe(true)
      expect(JSON.stringify(g)).not.toContain('life_events')
      // Each purchase was stored and flagged as a gift.
      const ge = await a.events(gifter)
      expect(ge.filter((e) => e.kind === 'purchase').map((e) => e.gift)).toEqual([true, true, true])

      const o = await a.interests(once)
      expect(under(o, 'baby_kids').filter((i) => i.established)).toEqual([])
      // The single purchase is listed, as emerging only.
      expect(find(o, strollers)).toMatchObject({
        established: false,
        source: 'inferred',
        evidence: { signals: { purchase: 1 }, distinctDays: 1 },
      })
      expect(under(o, 'life_events')).toEqual([])
      expect(JSON.stringify(o)).not.toContain('life_events')
    })

    it('scenario 2: a person who viewed hiking products on 4 different days has an established hiking interest whose evidence says so', async () => {
      const hiker = uid('hiker')
      await a.grant(hiker)
      const views = [9, 7, 4, 2].map((d) => viewed(hiker, HIKING, d))
      await a.batch(views)
      const b = await a.interests(hiker)
      const i = find(b, hiking)
      expect(i).toBeDefined()
      expect(i).toMatchObject({
        topic: hiking,
        label: 'Hiking',
        brand: 'outdoor',
        established: true,
        source: 'inferred',
        evidence: { signals: { view: 4 }, distinctDays: 4 },
      })
      expect(i?.evidence.signals).toEqual({ view: 4 })
      expect(dateOf(i?.evidence.firstSeen ?? null)).toBe(dateOf(dayAt(9)))
      expect(dateOf(i?.evidence.lastSeen ?? null)).toBe(dateOf(dayAt(2)))
      expect([...(i?.evidence.sampleEventIds ?? [])].sort()).toEqual(views.map((v) => v.messageId).sort())
      expect(i?.score).toBeGreaterThan(0)
      expect(i?.confidence).toBeGreaterThan(0.5)
      expect(b.interests[0]?.topic).toBe(hiking)
    })

    it('scenario 3: views of a sensitive topic on several days establish nothing; with the opt-in for that topic the same stored signals establish it at once', async () => {
      const p = uid('sensitive')
      await a.grant(p)
      const sensitive = await s.call(
        'GET',
        `/v1/taxonomy/resolve?category=${encodeURIComponent(WEIGHT_LOSS)}`,
        { key: s.keys.server.outdoor },
      )
      expect(sensitive.json()).toMatchObject({ topic: weightLoss, sensitive: true })
      await a.batch([6, 4, 3, 1].map((d) => viewed(p, WEIGHT_LOSS, d)))
      const before = await a.interests(p)
      expect(before.interests).toEqual([])
      // Dropped, not folded into a parent topic, and not merely hidden.
      expect(JSON.stringify(before)).not.toContain('health')
      // The events themselves are stored.
      expect(await a.events(p)).toHaveLength(4)

      await a.consent(p, { purpose: 'personalization', state: 'granted', sensitiveTopic: weightLoss })
      const after = await a.interests(p)
      expect(find(after, weightLoss)).toMatchObject({
        established: true,
        source: 'inferred',
        evidence: { signals: { view: 4 }, distinctDays: 4 },
      })
      // Still only that topic: no parent was invented.
      expect(topicsOf(after)).toEqual([weightLoss])
    })

    it('scenario 4: a removed interest stays removed after more matching events; stating it again brings it back', async () => {
      const p = uid('removed')
      await a.grant(p)
      await a.batch([viewed(p, HIKING, 8), viewed(p, HIKING, 6)])
      expect(find(await a.interests(p), hiking)?.established).toBe(true)

      const rej = await a.setInterest(p, hiking, 'rejected')
      expect(rej.statusCode, rej.body).toBe(200)
      expect(rej.json()).toMatchObject({ topic: hiking, state: 'rejected' })
      const gone = await a.interests(p)
      expect(find(gone, hiking)).toBeUndefined()
      expect(gone.excluded).toContainEqual({ topic: hiking, brand: 'outdoor', reason: 'rejected-by-person' })

      // More hiking, on new days, in a batch and one by one.
      await a.batch([viewed(p, HIKING, 4), ordered(p, HIKING, 3)])
      await a.trackOne(viewed(p, HIKING, 1))
      const still = await a.interests(p)
      expect(find(still, hiking)).toBeUndefined()
      expect(still.excluded).toContainEqual({ topic: hiking, brand: 'outdoor', reason: 'rejected-by-person' })
      // A new consent grant (which recomputes) does not bring it back either.
      await a.grant(p)
      expect(find(await a.interests(p), hiking)).toBeUndefined()

      const back = await a.setInterest(p, hiking, 'stated')
      expect(back.statusCode, back.body).toBe(200)
      const again = await a.interests(p)
      expect(find(again, hiking)).toMatchObject({ source: 'stated', state: 'stated', established: true })
      expect(again.excluded.filter((e) => e.topic === hiking)).toEqual([])
      expect(find(again, hiking)?.evidence.distinctDays).toBe(5)
    })
  })

  describe('consent gates profiling', () => {
    it('no interests without personalization; a grant computes them from the events stored before it, at once', async () => {
      const p = uid('late')
      await a.batch([viewed(p, HIKING, 5), viewed(p, HIKING, 3), viewed(p, HIKING, 2)])
      const none = await a.interests(p)
      expect(none.interests).toEqual([])
      expect(JSON.stringify(none)).not.toContain(hiking)
      // Not a silent empty list: it says why, and how to change it.
      expect(none).toMatchObject({ reason: 'no-consent', excluded: [] })
      expect((none as unknown as { why: string }).why).toMatch(
        /has not granted personalization at outdoor: their interests are neither learned nor used until they do/,
      )
      await a.grant(p)
      const granted = await a.interests(p)
      expect(find(granted, hiking)).toMatchObject({
        established: true,
        evidence: { signals: { view: 3 }, distinctDays: 3 },
      })
      expect(granted).toMatchObject({ reason: null, why: null })
    })

    it('an empty view with consent says nothing has been learned yet; an emerging interest alone says it has not recurred', async () => {
      const p = uid('fresh')
      await a.grant(p)
      expect(await a.interests(p)).toMatchObject({ interests: [], reason: 'nothing-learned' })
      await a.batch([viewed(p, HIKING, 1)])
      const emerging = await a.interests(p)
      expect(emerging.interests.map((i) => i.established)).toEqual([false])
      expect(emerging).toMatchObject({ reason: 'nothing-learned' })
      expect((emerging as unknown as { why: string }).why).toContain('established: false')
    })

    it('a withdrawal deletes the inferred interests on the next read; a new grant recomputes them', async () => {
      const p = uid('withdraw')
      await a.grant(p)
      await a.batch([viewed(p, HIKING, 4), viewed(p, HIKING, 2)])
      expect(find(await a.interests(p), hiking)?.established).toBe(true)
      await a.consent(p, { purpose: 'personalization', state: 'withdrawn' })
      const after = await a.interests(p)
      expect(after.interests).toEqual([])
      // Deleted, not just excluded for missing consent.
      expect(JSON.stringify(after)).not.toContain(hiking)
      // Events after the withdrawal are not profiled either.
      await a.batch([viewed(p, CAMPING, 3), viewed(p, CAMPING, 1)])
      expect(JSON.stringify(await a.interests(p))).not.toContain(camping)
      await a.grant(p)
      const re = await a.interests(p)
      expect(find(re, hiking)?.established).toBe(true)
      expect(find(re, camping)?.established).toBe(true)
    })

    it('personalization granted at another brand does not profile events at this brand', async () => {
      const p = uid('otherbrand')
      await a.grant(p, 'baby')
      await a.batch([viewed(p, HIKING, 3), viewed(p, HIKING, 2)])
      expect((await a.interests(p)).interests).toEqual([])
    })
  })

  describe('recurrence, not single events', () => {
    it('a single search and a single purchase are emerging (established: false), listed after established ones', async () => {
      const p = uid('single')
      await a.grant(p)
      await a.batch([
        searched(p, CAMPING, 3),
        ordered(p, STROLLERS, 2),
        viewed(p, HIKING, 6),
        viewed(p, HIKING, 1),
      ])
      const b = await a.interests(p)
      expect(find(b, camping)).toMatchObject({ established: false, evidence: { signals: { search: 1 } } })
      expect(find(b, strollers)).toMatchObject({ established: false, evidence: { signals: { purchase: 1 } } })
      expect(find(b, hiking)?.established).toBe(true)
      expect(b.interests.map((i) => i.established)).toEqual([true, false, false])
      expect(b.interests[0]?.topic).toBe(hiking)
    })

    it('repeats on the same UTC day do not establish an interest', async () => {
      const p = uid('sameday')
      await a.grant(p)
      const day = dayAt(2)
      const at = (h: number) => new Date(Date.parse(day) - 11 * 3_600_000 + h * 3_600_000).toISOString()
      await a.batch([0, 3, 6, 9, 12, 15].map((h) => viewed(p, HIKING, 2, { timestamp: at(h) })))
      const i = find(await a.interests(p), hiking)
      expect(i).toMatchObject({ established: false, evidence: { signals: { view: 6 }, distinctDays: 1 } })
      // A second day does it.
      await a.batch([viewed(p, HIKING, 1)])
      expect(find(await a.interests(p), hiking)).toMatchObject({
        established: true,
        evidence: { distinctDays: 2 },
      })
    })

    it('acknowledged events show in the interests immediately after the 200', async () => {
      const p = uid('immediate')
      await a.grant(p)
      await a.trackOne(viewed(p, CAMPING, 2))
      expect(find(await a.interests(p), camping)?.evidence.signals).toEqual({ view: 1 })
      await a.trackOne(viewed(p, CAMPING, 1))
      expect(find(await a.interests(p), camping)).toMatchObject({
        established: true,
        evidence: { signals: { view: 2 } },
      })
    })

    it('a duplicate message does not count twice', async () => {
      const p = uid('dupcount')
      await a.grant(p)
      const v = viewed(p, CAMPING, 2)
      await a.trackOne(v)
      await a.trackOne(v)
      await a.batch([v, v])
      expect(find(await a.interests(p), camping)?.evidence).toMatchObject({
        signals: { view: 1 },
        distinctDays: 1,
      })
    })
  })

  describe('gifts', () => {
    it('"that was a gift" removes the interest it supported at once; the event says so', async () => {
      const p = uid('gift')
      await a.grant(p)
      const o1 = ordered(p, CAMPING, 5)
      const o2 = ordered(p, CAMPING, 2)
      await a.batch([o1, o2])
      expect(find(await a.interests(p), camping)).toMatchObject({
        established: true,
        evidence: { signals: { purchase: 2 }, distinctDays: 2 },
      })
      const r1 = await s.call('POST', `/v1/persons/${p}/events/${o1.messageId}/gift`, {
        key: s.keys.server.outdoor,
      })
      expect(r1.statusCode, r1.body).toBe(204)
      expect(find(await a.interests(p), camping)).toMatchObject({
        established: false,
        evidence: { signals: { purchase: 1 }, distinctDays: 1 },
      })
      const r2 = await s.call('POST', `/v1/persons/${p}/events/${o2.messageId}/gift`, {
        key: s.keys.server.outdoor,
      })
      expect(r2.statusCode).toBe(204)
      expect(find(await a.interests(p), camping)).toBeUndefined()
      const evs = await a.events(p)
      expect(evs.map((e) => [e.gift, e.giftMarkedByPerson])).toEqual([
        [true, true],
        [true, true],
      ])
    })

    it('marking an unknown messageId, or another person’s event, as a gift → 404', async () => {
      const p = uid('giftx')
      const q = uid('gifty')
      await a.grant(p)
      const o = ordered(q, CAMPING, 2)
      await a.batch([o, ordered(p, CAMPING, 1)])
      const unknown = await s.call('POST', `/v1/persons/${p}/events/${uid('nope')}/gift`, {
        key: s.keys.server.outdoor,
      })
      expect(unknown.statusCode).toBe(404)
      const other = await s.call('POST', `/v1/persons/${p}/events/${o.messageId}/gift`, {
        key: s.keys.server.outdoor,
      })
      expect(other.statusCode).toBe(404)
      expect((await a.events(q))[0]?.giftMarkedByPerson).toBe(false)
    })

    it('a gift line next to a line for oneself: only the own line counts', async () => {
      const p = uid('mixed')
      await a.grant(p)
      const mixed = (d: number) =>
        base(p, d, {
          event: 'Order Completed',
          properties: {
            order_id: uid('o'),
            products: [
              { product_id: uid('p'), category: STROLLERS, gift: true },
              { product_id: uid('p'), category: HIKING },
            ],
          },
        })
      await a.batch([mixed(4), mixed(2)])
      const b = await a.interests(p)
      expect(find(b, hiking)?.established).toBe(true)
      expect(under(b, 'baby_kids')).toEqual([])
    })
  })

  describe('derived data follows its sources', () => {
    it('an anonymous history merged into a consenting userId by a later identify counts toward that person’s interests', async () => {
      const p = uid('merge')
      const anon = uid('anon')
      await a.grant(p)
      await a.batch([
        viewed(p, HIKING, 9, { userId: undefined, anonymousId: anon }),
        viewed(p, HIKING, 7, { userId: undefined, anonymousId: anon }),
      ])
      await a.batch([base(p, 1, { type: 'identify', anonymousId: anon })])
      expect(await a.events(p)).toHaveLength(3)
      expect(find(await a.interests(p), hiking)).toMatchObject({
        established: true,
        evidence: { signals: { view: 2 }, distinctDays: 2 },
      })
    })

    it('the same anonymous history merged by an identify in the same batch counts (the request-split must not matter)', async () => {
      const p = uid('merge1')
      const anon = uid('anon1')
      await a.grant(p)
      await a.batch([
        viewed(p, HIKING, 9, { userId: undefined, anonymousId: anon }),
        viewed(p, HIKING, 7, { userId: undefined, anonymousId: anon }),
        base(p, 1, { type: 'identify', anonymousId: anon }),
      ])
      expect(find(await a.interests(p), hiking)).toMatchObject({
        established: true,
        evidence: { signals: { view: 2 }, distinctDays: 2 },
      })
    })

    it('withdrawing the opt-in for a sensitive topic removes that interest at once', async () => {
      const p = uid('sens-withdraw')
      await a.grant(p)
      await a.consent(p, { purpose: 'personalization', state: 'granted', sensitiveTopic: weightLoss })
      await a.batch([
        viewed(p, WEIGHT_LOSS, 4),
        viewed(p, WEIGHT_LOSS, 2),
        viewed(p, HIKING, 4),
        viewed(p, HIKING, 2),
      ])
      expect(find(await a.interests(p), weightLoss)?.established).toBe(true)
      await a.consent(p, { purpose: 'personalization', state: 'withdrawn', sensitiveTopic: weightLoss })
      const after = await a.interests(p)
      expect(find(after, weightLoss)).toBeUndefined()
      expect(JSON.stringify(after)).not.toContain(weightLoss)
      expect(find(after, hiking)?.established).toBe(true)
    })

    it('erasure at the brand removes the interests with the events: a new person starts with none', async () => {
      const p = uid('erase')
      await a.grant(p)
      await a.batch([viewed(p, HIKING, 4), viewed(p, HIKING, 2)])
      expect(find(await a.interests(p), hiking)?.established).toBe(true)
      const del = await s.call('DELETE', `/v1/persons/${p}`, { key: s.keys.server.outdoor })
      expect(del.statusCode, del.body).toBe(200)
      const removed = Object.fromEntries(
        (del.json() as { removed: { table: string; count: number }[] }).removed.map((r) => [
          r.table,
          r.count,
        ]),
      )
      expect(removed.interests).toBeGreaterThanOrEqual(1)
      const gone = await s.call('GET', `/v1/persons/${p}/interests?purpose=personalization`, {
        key: s.keys.server.outdoor,
      })
      expect(gone.statusCode).toBe(404)
      await a.grant(p)
      expect((await a.interests(p)).interests).toEqual([])
    })

    it('a personalization grant with scope all_brands computes interests at every brand of a linked person', async () => {
      const o = uid('allo')
      const b = uid('allb')
      const email = `${uid('mail')}@example.com`
      for (const [brand, ref] of [
        ['outdoor', o],
        ['baby', b],
      ] as const) {
        const res = await s.call('POST', `/v1/persons/${ref}/data-items`, {
          key: s.keys.server[brand],
          body: {
            items: [
              {
                key: 'email',
                value: email,
                category: 'user.contact.email',
                source: 'stated',
                verified: true,
              },
            ],
          },
        })
        expect(res.statusCode, res.body).toBe(200)
      }
      await a.batch([viewed(b, STROLLERS, 5), viewed(b, STROLLERS, 2)], 'baby')
      await a.batch([viewed(o, HIKING, 5), viewed(o, HIKING, 2)], 'outdoor')
      expect((await a.interests(b, 'baby')).interests).toEqual([])
      await a.consent(o, { purpose: 'personalization', state: 'granted', scope: 'all_brands' }, 'outdoor')
      expect(find(await a.interests(b, 'baby'), strollers)?.established).toBe(true)
      expect(find(await a.interests(o, 'outdoor'), hiking)?.established).toBe(true)
    })
  })

  describe('what is and is not a gift', () => {
    it('a recipient equal to the buyer, or gift: "false", is not a gift: those purchases count', async () => {
      const p = uid('notgift')
      await a.grant(p)
      await a.batch([
        ordered(
          p,
          CAMPING,
          4,
          { recipient: { email: 'ME@example.com' } },
          {},
          { context: { traits: { email: 'me@example.com' } } },
        ),
        ordered(p, CAMPING, 2, { gift: 'false' }),
      ])
      expect(find(await a.interests(p), camping)).toMatchObject({
        established: true,
        evidence: { signals: { purchase: 2 } },
      })
      expect((await a.events(p)).map((e) => e.gift)).toEqual([false, false])
    })

    it('is_gift: "yes" and gift wrapping with a message are gifts', async () => {
      const p = uid('isgift')
      await a.grant(p)
      await a.batch([
        ordered(p, CAMPING, 4, { is_gift: 'yes' }),
        ordered(p, CAMPING, 2, { gift_wrap: { message: 'Happy birthday' } }),
      ])
      expect(find(await a.interests(p), camping)).toBeUndefined()
    })
  })

  describe('signal sources', () => {
    it('page views with a product category count as views', async () => {
      const p = uid('pages')
      await a.grant(p)
      await a.batch([
        base(p, 3, { type: 'page', properties: { category: HIKING, product_id: 'x' } }),
        base(p, 1, { type: 'page', properties: { category: HIKING, product_id: 'y' } }),
      ])
      expect(find(await a.interests(p), hiking)).toMatchObject({
        established: true,
        evidence: { signals: { view: 2 } },
      })
    })

    it('events without a signal (identify, unknown track names) create no interest', async () => {
      const p = uid('nosignal')
      await a.grant(p)
      await a.batch([
        base(p, 3, { event: 'Newsletter Opened', properties: { category: HIKING } }),
        base(p, 1, { event: 'Newsletter Opened', properties: { category: HIKING } }),
      ])
      expect((await a.interests(p)).interests).toEqual([])
    })
  })

  describe('stated interests', () => {
    it('stated interests come first with source stated, ahead of a stronger inferred one', async () => {
      const p = uid('stated')
      await a.grant(p)
      await a.batch([8, 6, 4, 2, 1].map((d) => ordered(p, HIKING, d)))
      const res = await a.setInterest(p, camping, 'stated')
      expect(res.statusCode, res.body).toBe(200)
      expect(res.json()).toMatchObject({ topic: camping, source: 'stated', established: true })
      const b = await a.interests(p)
      expect(b.interests[0]).toMatchObject({ topic: camping, source: 'stated', established: true })
      expect(b.interests[1]).toMatchObject({ topic: hiking, source: 'inferred', established: true })
    })

    it('an unknown topic → 400 unknown-topic naming topic', async () => {
      const p = uid('unknowntopic')
      await a.grant(p)
      const res = await a.setInterest(p, 'not.a.topic', 'stated')
      expect(res.statusCode).toBe(400)
      expect(errorOf(res)).toMatchObject({ code: 'unknown-topic', field: 'topic' })
    })

    it('a bad state → 400', async () => {
      const p = uid('badstate')
      await a.grant(p)
      const res = await s.call('POST', `/v1/persons/${p}/interests`, {
        key: s.keys.server.outdoor,
        body: { topic: hiking, state: 'inferred' },
      })
      expect(res.statusCode).toBe(400)
    })
  })

  describe('cross-brand', () => {
    it("another brand's interests appear only under cross-brand sharing (all_brands) with verified email linking", async () => {
      const o = uid('xo')
      const b = uid('xb')
      const email = `${uid('mail')}@example.com`
      for (const [brand, ref] of [
        ['outdoor', o],
        ['baby', b],
      ] as const) {
        const res = await s.call('POST', `/v1/persons/${ref}/data-items`, {
          key: s.keys.server[brand],
          body: {
            items: [
              {
                key: 'email',
                value: email,
                category: 'user.contact.email',
                source: 'stated',
                verified: true,
              },
            ],
          },
        })
        expect(res.statusCode, res.body).toBe(200)
      }
      await a.grant(o, 'outdoor')
      await a.grant(b, 'baby')
      await a.batch([viewed(b, STROLLERS, 5), viewed(b, STROLLERS, 2)], 'baby')
      await a.batch([viewed(o, HIKING, 5), viewed(o, HIKING, 2)], 'outdoor')
      // At baby, its own interest exists.
      expect(find(await a.interests(b, 'baby'), strollers)?.established).toBe(true)
      // At outdoor, without sharing: nothing from baby, not even a mention.
      const before = await a.interests(o, 'outdoor')
      expect(topicsOf(before)).toEqual([hiking])
      expect(JSON.stringify(before)).not.toContain('baby')
      await a.consent(o, { purpose: 'cross_brand_sharing', state: 'granted', scope: 'all_brands' }, 'outdoor')
      const after = await a.interests(o, 'outdoor')
      expect(find(after, strollers)).toMatchObject({ brand: 'baby', established: true })
      expect(find(after, hiking)).toMatchObject({ brand: 'outdoor', established: true })
      // Events stay per brand: outdoor's events API never lists baby's events.
      expect((await a.events(o, 'outdoor')).every((e) => !e.topics.includes(strollers))).toBe(true)
      expect(await a.events(o, 'outdoor')).toHaveLength(2)
      // Withdrawing sharing hides baby's interests again.
      await a.consent(
        o,
        { purpose: 'cross_brand_sharing', state: 'withdrawn', scope: 'all_brands' },
        'outdoor',
      )
      expect(find(await a.interests(o, 'outdoor'), strollers)).toBeUndefined()
    })

    it('a person known only at another brand is 404 here', async () => {
      const b = uid('only-baby')
      await a.grant(b, 'baby')
      await a.batch([viewed(b, STROLLERS, 2)], 'baby')
      const res = await s.call('GET', `/v1/persons/${b}/interests?purpose=personalization`, {
        key: s.keys.server.outdoor,
      })
      expect(res.statusCode).toBe(404)
    })
  })

  describe('taxonomy', () => {
    it('GET /v1/taxonomy/topics is paginated, lists a few hundred topics with parents first, and flags sensitive ones', async () => {
      const all: TopicBody[] = []
      let cursor: string | null = null
      let pages = 0
      do {
        const url: string = `/v1/taxonomy/topics?limit=100${cursor ? `&cursor=${cursor}` : ''}`
        const res = await s.call('GET', url, { key: s.keys.server.outdoor })
        expect(res.statusCode, res.body).toBe(200)
        const body = res.json() as { topics: TopicBody[]; nextCursor: string | null }
        expect(body.topics.length).toBeLessThanOrEqual(100)
        all.push(...body.topics)
        cursor = body.nextCursor
        pages++
      } while (cursor !== null && pages < 50)
      expect(pages).toBeGreaterThan(1)
      expect(all.length).toBeGreaterThanOrEqual(200)
      expect(new Set(all.map((t) => t.id)).size).toBe(all.length)
      const seen = new Set<string>()
      for (const t of all) {
        if (t.parent !== null) expect(seen.has(t.parent), `${t.id} before its parent`).toBe(true)
        seen.add(t.id)
      }
      const byId = new Map(all.map((t) => [t.id, t]))
      expect(byId.get(weightLoss)?.sensitive).toBe(true)
      expect(byId.get(hiking)?.sensitive).toBe(false)
      expect(byId.get(strollers)?.sensitive).toBe(false)
      expect(all.filter((t) => t.id.startsWith('life_events.')).every((t) => t.sensitive)).toBe(true)
      expect(all.filter((t) => t.id.startsWith('life_events.')).length).toBeGreaterThan(0)
    })

    it('resolve maps "Outdoors > Hiking > Boots" to a topic; casing and A/B/C variants land on the same one', async () => {
      const res = await s.call('GET', '/v1/taxonomy/resolve?category=Outdoors%20%3E%20Hiking%20%3E%20Boots', {
        key: s.keys.server.outdoor,
      })
      expect(res.statusCode).toBe(200)
      const body = res.json() as { topic: string; label: string; sensitive: boolean }
      expect(body.topic.startsWith(`${hiking}`)).toBe(true)
      expect(body.sensitive).toBe(false)
      expect(body.label).toMatch(/\S/)
      for (const variant of [
        'outdoors > hiking > boots',
        'OUTDOORS > HIKING > BOOTS',
        'Outdoors/Hiking/Boots',
        'outdoors/hiking/boots',
        'Outdoors>Hiking>Boots',
      ])
        expect(await a.resolve(variant), variant).toBe(body.topic)
    })

    it('common retail categories resolve to distinct topics at least two levels deep', async () => {
      const cats = [
        'Outdoors > Hiking',
        'Outdoors > Camping',
        'Sports > Running',
        'Sports > Cycling',
        'Home > Kitchen > Cookware',
        'Home & Garden > Gardening',
        'Beauty > Skincare',
        'Electronics > Audio > Headphones',
        'Pets > Dogs > Supplies',
        'Books > Fiction',
        'Travel > Luggage',
      ]
      const topics = await Promise.all(cats.map((c) => a.resolve(c)))
      expect(new Set(topics).size).toBe(cats.length)
      for (const t of topics) expect(t.split('.').length).toBeGreaterThanOrEqual(2)
    })

    it('an unknown category → 404 not-found; a missing one → 400', async () => {
      const res = await s.call('GET', '/v1/taxonomy/resolve?category=Zzyzx%20Quux%20Blorf', {
        key: s.keys.server.outdoor,
      })
      expect(res.statusCode).toBe(404)
      expect(errorOf(res).code).toBe('not-found')
      const missing = await s.call('GET', '/v1/taxonomy/resolve', { key: s.keys.server.outdoor })
      expect(missing.statusCode).toBe(400)
    })

    it('the taxonomy needs a server or admin key: admin → 200, write → 403, none → 401', async () => {
      expect((await s.call('GET', '/v1/taxonomy/topics', { key: s.keys.admin })).statusCode).toBe(200)
      expect((await s.call('GET', '/v1/taxonomy/topics', { key: s.keys.write.outdoor })).statusCode).toBe(403)
      expect((await s.call('GET', '/v1/taxonomy/topics')).statusCode).toBe(401)
    })

    it('life-event categories resolve to sensitive topics that are never inferred without opt-in', async () => {
      const p = uid('expecting')
      await a.grant(p)
      const topic = await a.resolve('Baby > Maternity')
      expect(topic.startsWith('life_events.')).toBe(true)
      await a.batch([5, 3, 1].map((d) => viewed(p, 'Baby > Maternity', d)))
      const b = await a.interests(p)
      expect(under(b, 'life_events')).toEqual([])
      expect(JSON.stringify(b)).not.toContain('life_events')
    })
  })
})

// Scenario 5 depends on the store's deduplication: every dialect.
for (const dialect of DIALECTS) {
  describe(`interests: replays (${dialect})`, () => {
    let s: TestServer
    let a: ReturnType<typeof api>
    beforeAll(async () => {
      s = await createTestServer(dialect)
      a = api(s)
    })
    afterAll(async () => {
      await s?.close()
    })

    const snapshot = async (ref: string) => {
      const interests = await a.interests(ref)
      const events = await a.events(ref)
      const items = await s.call('GET', `/v1/persons/${ref}?purpose=essential`, {
        key: s.keys.server.outdoor,
      })
      expect(items.statusCode).toBe(200)
      const personalization = await s.call('GET', `/v1/persons/${ref}?purpose=personalization`, {
        key: s.keys.server.outdoor,
      })
      return {
        interests,
        events,
        items: items.json() as unknown,
        personalization: personalization.json() as unknown,
      }
    }

    it('scenario 5: replaying the same batch twice leaves identical state (interests, events, data items)', async () => {
      const p = uid('replay')
      const anon = uid('anon')
      await a.grant(p)
      const { messageId: _derived, ...noId } = viewed(p, 'Outdoors > Camping', 3)
      const batch = [
        {
          type: 'track',
          anonymousId: anon,
          event: 'Product Viewed',
          messageId: uid('m'),
          timestamp: dayAt(6),
          properties: { category: HIKING },
        },
        {
          type: 'identify',
          userId: p,
          anonymousId: anon,
          messageId: uid('m'),
          timestamp: dayAt(5),
          traits: { email: `${p}@example.com`, shoeSize: 44 },
        },
        viewed(p, HIKING, 4),
        viewed(p, HIKING, 2),
        ordered(p, HIKING, 1),
        ordered(p, STROLLERS, 1, { gift: true }),
        noId,
        searched(p, 'Outdoors > Camping', 2),
      ]
      await a.batch(batch as Msg[])
      const first = await snapshot(p)
      expect(first.events).toHaveLength(8)
      expect(first.interests.interests.length).toBeGreaterThan(0)
      await a.batch(batch as Msg[])
      const second = await snapshot(p)
      expect(second).toEqual(first)
      // And once more, split into two requests with a retry header.
      await a.batch(batch.slice(0, 4) as Msg[])
      await a.batch(batch.slice(4) as Msg[])
      expect(await snapshot(p)).toEqual(first)
      const hiking = await a.resolve(HIKING)
      const h = first.interests.interests.find((i) => i.topic === hiking)
      expect(h?.evidence.signals).toEqual({ view: 3, purchase: 1 })
    })
  })
}
