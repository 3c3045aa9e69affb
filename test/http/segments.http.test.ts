/**
 * Segments with moments of review (issue 17), through the real HTTP server on every dialect: a
 * segment is reviewed on create and update (findings with a fix, reach before and after consent,
 * a fairness table from data held under `fairness_audit`), cannot go live with blocking findings
 * unless a reviewer key overrides them with a justification (audited), lists members only while
 * active and only among people who consented to its purpose, and gates offers in `/v1/decide`.
 */
import { randomUUID } from 'node:crypto'
import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/dialects.js'
import { createTestServer, type TestServer } from '../support/http.js'

interface Finding {
  code: string
  severity: string
  message: string
  fix: string
  path?: string
  details?: Record<string, unknown>
}
interface SegmentBody {
  id: string
  version: number
  status: string
  review: {
    findings: Finding[]
    reach: { matched: number; afterConsent: number; lostToConsent: number }
    fairness: {
      attribute: string
      group: string
      members: number
      people: number
      selectionRate: number
      ratioToMax: number
    }[]
    suggestions: { description: string; rule: unknown; afterConsent: number }[]
  }
}

const DAY = 86_400_000
const uid = (label: string) => `${label}-${randomUUID().slice(0, 8)}`
const dayAt = (daysAgo: number) => {
  const d = new Date()
  d.setUTCHours(12, 0, 0, 0)
  return new Date(d.getTime() - daysAgo * DAY).toISOString()
}
const basic = (key: string | undefined) => `Basic ${Buffer.from(`${key ?? ''}:`).toString('base64')}`
const codes = (s: SegmentBody, severity?: string) =>
  s.review.findings.filter((f) => severity === undefined || f.severity === severity).map((f) => f.code)

function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expect({ status: res.statusCode, code: (res.json() as { error?: { code: string } }).error?.code }).toEqual({
    status,
    code,
  })
}

for (const dialect of DIALECTS) {
  describe(`segments over HTTP (${dialect})`, () => {
    let s: TestServer

    const post = async (url: string, body: unknown, key: string, status = 200) => {
      const res = await s.call('POST', url, { key, body })
      expect(res.statusCode, res.body).toBe(status)
      return res.json()
    }
    const consent = (ref: string, purpose: string, state: 'granted' | 'withdrawn', brand = 'baby') =>
      post(`/v1/persons/${ref}/consent`, { purpose, state }, s.keys.server[brand] as string)
    const items = (ref: string, list: unknown[], brand = 'baby') =>
      post(`/v1/persons/${ref}/data-items`, { items: list }, s.keys.server[brand] as string)
    const createSegment = async (body: Record<string, unknown>): Promise<SegmentBody> =>
      (await post(
        '/v1/segments',
        { purpose: 'personalization', name: body.id, ...body },
        s.keys.admin,
        201,
      )) as SegmentBody
    const offer = (body: Record<string, unknown>) =>
      post('/v1/offers', { placements: ['home'], topics: { baby_kids: 1 }, ...body }, s.keys.admin, 201)
    const track = async (brand: string, messages: Record<string, unknown>[]) => {
      const res = await s.app.inject({
        method: 'POST',
        url: '/v1/batch',
        headers: { 'content-type': 'application/json', authorization: basic(s.keys.write[brand]) },
        payload: JSON.stringify({
          batch: messages.map((m) => ({
            type: 'track',
            messageId: uid('m'),
            sentAt: new Date().toISOString(),
            ...m,
          })),
        }),
      })
      expect(res.statusCode, res.body).toBe(200)
    }

    beforeAll(async () => {
      s = await createTestServer(dialect)
      // 40 people at `baby`: gender and age held for fairness audits; postal code tracks gender
      // (18 of 20 women live in 10115, 18 of 20 men in 80331). p39 never consents to personalization.
      for (let i = 0; i < 40; i++) {
        const ref = `p${i}`
        const female = i % 2 === 0
        const zip = (female ? i % 20 !== 0 : i % 20 === 1) ? '10115' : '80331'
        await items(ref, [
          {
            key: 'gender',
            value: female ? 'female' : 'male',
            category: 'user.demographic.gender',
            source: 'stated',
            purpose: 'fairness_audit',
          },
          {
            key: 'age',
            value: 20 + (i % 25),
            category: 'user.demographic.age',
            source: 'stated',
            purpose: 'fairness_audit',
          },
          { key: 'postal_code', value: zip, category: 'user.contact.address.postal_code', source: 'stated' },
        ])
        await consent(ref, 'fairness_audit', 'granted')
        if (i !== 39) await consent(ref, 'personalization', 'granted')
      }
    })
    afterAll(async () => {
      await s?.close()
    })

    it('1. "women 25–34 for a baby-products discount" → sensitive-category block, demographic-only warn', async () => {
      await offer({
        id: 'baby-discount',
        brand: 'baby',
        title: '20 % off baby products',
        beneficial: true,
        segment: 'women-25-34',
      })
      const seg = await createSegment({
        id: 'women-25-34',
        brand: 'baby',
        rule: {
          all: [
            { data: 'gender', op: 'eq', value: 'female' },
            { data: 'age', op: 'between', value: [25, 34] },
          ],
        },
      })
      expect(seg.status).toBe('inactive')
      expect(codes(seg, 'block')).toContain('sensitive-category')
      expect(codes(seg, 'warn')).toContain('demographic-only')
      const sensitive = seg.review.findings.find((f) => f.code === 'sensitive-category')
      expect(sensitive).toMatchObject({ path: 'rule.all[0].data' })
      expect(sensitive?.fix).toMatch(/interest `baby_kids` instead of gender and age/)
      // Women 25–34 by data: 20 women, ages 20–44 → those with age 25–34. Nobody opted in to the
      // sensitive categories for personalization, so no one is in the audience after consent.
      expect(seg.review.reach.matched).toBeGreaterThan(0)
      expect(seg.review.reach.afterConsent).toBe(0)
      expect(seg.review.reach.lostToConsent).toBe(seg.review.reach.matched)
      expect(codes(seg, 'info')).toContain('purpose-mismatch')
    })

    it('2. a discount by postal code that tracks gender → proxy-attribute block with the association, beneficial-exclusion with the fairness table', async () => {
      await offer({
        id: 'zip-discount',
        brand: 'baby',
        title: 'Neighbourhood discount',
        beneficial: true,
        segment: 'zip-10115',
      })
      const seg = await createSegment({
        id: 'zip-10115',
        brand: 'baby',
        rule: { data: 'postal_code', op: 'eq', value: '10115' },
      })
      const proxy = seg.review.findings.find((f) => f.code === 'proxy-attribute')
      expect(proxy?.severity).toBe('block')
      const gender = (
        (proxy?.details?.associations ?? []) as { auditAttribute: string; cramersV: number; people: number }[]
      ).find((a) => a.auditAttribute === 'gender')
      // 18/20 vs 2/20: V = 0.8 exactly.
      expect(gender).toEqual({ auditAttribute: 'gender', cramersV: 0.8, people: 40 })
      expect(codes(seg, 'block')).toContain('beneficial-exclusion')
      const byGender = seg.review.fairness.filter((r) => r.attribute === 'gender')
      // 39 consented to personalization: women 18 of 20 selected, men 2 of 19 (+ p39 without consent).
      expect(byGender).toEqual([
        { attribute: 'gender', group: 'female', members: 18, people: 20, selectionRate: 0.9, ratioToMax: 1 },
        { attribute: 'gender', group: 'male', members: 2, people: 20, selectionRate: 0.1, ratioToMax: 0.111 },
      ])
      // Age bands below 10 people are merged or suppressed: no row under 10 people.
      expect(seg.review.fairness.every((r) => r.people >= 10)).toBe(true)
    })

    it('3. "searched X at least once" → single-event; purchases without excluding gifts → gift-signal', async () => {
      const searched = await createSegment({
        id: 'searched-once',
        brand: 'baby',
        rule: { event: 'Products Searched', where: { query: 'divorce' } },
      })
      expect(codes(searched, 'warn')).toContain('single-event')
      expect(searched.review.findings.find((f) => f.code === 'single-event')?.fix).toMatch(/≥ 2 days/)
      const bought = await createSegment({
        id: 'bought-baby',
        brand: 'baby',
        rule: { event: 'Order Completed', where: { category: 'baby_kids' }, minDays: 2, withinDays: 90 },
      })
      expect(codes(bought, 'warn')).toEqual(['gift-signal'])
      expect(bought.review.findings[0]?.fix).toMatch(/excludeGifts/)
      const fixed = (await (
        await s.call('PUT', '/v1/segments/bought-baby', {
          key: s.keys.admin,
          body: {
            brand: 'baby',
            name: 'Parents',
            purpose: 'personalization',
            rule: {
              event: 'Order Completed',
              where: { category: 'baby_kids' },
              minDays: 2,
              withinDays: 90,
              excludeGifts: true,
            },
          },
        })
      ).json()) as SegmentBody
      expect(fixed.version).toBe(2)
      expect(codes(fixed, 'warn')).toEqual([])
    })

    it('4. "established interest in hiking, viewed on ≥ 2 days in 30 days" → nothing above info', async () => {
      const ref = 'hiker-1'
      await consent(ref, 'personalization', 'granted', 'outdoor')
      await track(
        'outdoor',
        [9, 6, 3].map((d) => ({
          userId: ref,
          event: 'Product Viewed',
          timestamp: dayAt(d),
          properties: { category: 'Outdoors > Hiking > Boots' },
        })),
      )
      const seg = await createSegment({
        id: 'hikers',
        brand: 'outdoor',
        rule: {
          all: [
            { interest: 'outdoors.hiking' },
            { event: 'Product Viewed', where: { category: 'outdoors.hiking' }, minDays: 2, withinDays: 30 },
          ],
        },
      })
      expect(seg.review.findings.filter((f) => f.severity !== 'info')).toEqual([])
      expect(seg.review.reach).toEqual({ matched: 1, afterConsent: 1, lostToConsent: 0 })
    })

    it('5. activation with a block fails with an admin key, succeeds with a reviewer key and a justification, audited with the overridden findings', async () => {
      expectError(
        await s.call('POST', '/v1/segments/women-25-34/activate', { key: s.keys.admin, body: {} }),
        409,
        'segment-blocked',
      )
      expectError(
        await s.call('POST', '/v1/segments/women-25-34/activate', {
          key: s.keys.reviewer,
          body: { justification: 'too short' },
        }),
        409,
        'segment-blocked',
      )
      expectError(
        await s.call('POST', '/v1/segments/women-25-34/activate', { key: s.keys.server.baby, body: {} }),
        403,
        'forbidden',
      )
      const justification = 'Maternity-ward partnership: audience agreed with the DPO on 2026-11-30.'
      const active = (await post(
        '/v1/segments/women-25-34/activate',
        { justification },
        s.keys.reviewer,
      )) as SegmentBody
      expect(active.status).toBe('active')
      await new Promise((r) => setTimeout(r, 30))
      const audit = (await s.call('GET', '/v1/audit?brand=baby&limit=500', { key: s.keys.admin })).json() as {
        entries: { action: string; actor: string; details: Record<string, unknown> }[]
      }
      const override = audit.entries.find((e) => e.action === 'segment.override')
      expect(override?.details).toMatchObject({
        segment: 'women-25-34',
        justification,
        overridden: expect.arrayContaining([expect.objectContaining({ code: 'sensitive-category' })]),
      })
      expect(override?.details).toHaveProperty('keyLabel')
      const history = (
        await s.call('GET', '/v1/segments/women-25-34/history', { key: s.keys.reviewer })
      ).json() as {
        history: { kind: string; details: Record<string, unknown> }[]
      }
      expect(history.history.map((h) => h.kind)).toEqual(['version', 'review', 'override'])
      expect(history.history[2]?.details.justification).toBe(justification)
    })

    it('6. a person without consent for the purpose is never a member; withdrawing consent removes them from the next evaluation', async () => {
      expectError(
        await s.call('GET', '/v1/segments/zip-10115/members', { key: s.keys.admin }),
        409,
        'segment-inactive',
      )
      // Same data as p0 (a woman in 10115), no consent to personalization.
      const seg = await createSegment({
        id: 'zip-all',
        brand: 'baby',
        rule: { data: 'postal_code', op: 'exists' },
      })
      expect(seg.review.reach).toEqual({ matched: 40, afterConsent: 39, lostToConsent: 1 })
      await post(
        '/v1/segments/zip-all/activate',
        { justification: 'Service notice to every customer with an address.' },
        s.keys.reviewer,
      )
      const members = async () => {
        const res = await s.call('GET', '/v1/segments/zip-all/members?limit=1000', { key: s.keys.admin })
        expect(res.statusCode, res.body).toBe(200)
        return (res.json() as { members: { personId: string; userIds: string[] }[] }).members
      }
      const before = await members()
      expect(before.map((m) => m.userIds[0]).sort()).toEqual(
        Array.from({ length: 39 }, (_, i) => `p${i}`).sort(),
      )
      expect(before.every((m) => m.personId !== m.userIds[0])).toBe(true)
      await consent('p3', 'personalization', 'withdrawn')
      const after = await members()
      expect(after.map((m) => m.userIds[0])).not.toContain('p3')
      expect(after).toHaveLength(38)
      await new Promise((r) => setTimeout(r, 30))
      const audit = (await s.call('GET', '/v1/audit?brand=baby&limit=500', { key: s.keys.admin })).json() as {
        entries: { action: string; subject: string | null; details: Record<string, unknown> }[]
      }
      const listed = audit.entries.filter((e) => e.action === 'segment.members')
      expect(listed).toHaveLength(2)
      expect(listed[0]).toMatchObject({ subject: null, details: { segment: 'zip-all', people: 40 } })
    })

    it('7. an offer with a segment is shown only to members, its explanation names the matched criteria; consent gates it at decide time', async () => {
      const decide = async (userId: string) => {
        const res = await s.call('POST', '/v1/decide', {
          key: s.keys.server.outdoor,
          body: { userId, placement: 'club' },
        })
        expect(res.statusCode, res.body).toBe(200)
        return res.json() as {
          items: {
            offerId: string
            explanation: { text: string; audience?: { segment: string; criteria: string[] } }
          }[]
        }
      }
      await offer({
        id: 'hiking-club',
        brand: 'outdoor',
        title: 'Hiking club',
        placements: ['club'],
        topics: { 'outdoors.hiking': 1 },
        segment: 'hikers',
      })
      await offer({
        id: 'newsletter',
        brand: 'outdoor',
        title: 'Newsletter',
        placements: ['club'],
        topics: { outdoors: 0.5 },
      })
      // Not active yet: shown to no one.
      expect((await decide('hiker-1')).items.map((i) => i.offerId)).toEqual(['newsletter'])
      const active = (await post('/v1/segments/hikers/activate', {}, s.keys.admin)) as SegmentBody
      expect(active.status).toBe('active')
      const member = await decide('hiker-1')
      expect(member.items.map((i) => i.offerId).sort()).toEqual(['hiking-club', 'newsletter'])
      const club = member.items.find((i) => i.offerId === 'hiking-club')
      expect(club?.explanation.audience).toEqual({
        segment: 'hikers',
        name: 'hikers',
        purpose: 'personalization',
        criteria: [
          'interest outdoors.hiking',
          'event "Product Viewed" category="outdoors.hiking" on >= 2 days within 30d',
        ],
      })
      expect(club?.explanation.text).toMatch(
        /^You are in the audience "hikers" because: interest outdoors.hiking; event/,
      )
      // A consenting person without the pattern is not a member.
      await consent('walker-1', 'personalization', 'granted', 'outdoor')
      await track('outdoor', [
        {
          userId: 'walker-1',
          event: 'Product Viewed',
          timestamp: dayAt(2),
          properties: { category: 'Outdoors > Hiking > Boots' },
        },
      ])
      expect((await decide('walker-1')).items.map((i) => i.offerId)).toEqual(['newsletter'])
      // Withdrawing consent removes the member at the very next decision.
      await consent('hiker-1', 'personalization', 'withdrawn', 'outdoor')
      expect((await decide('hiker-1')).items.map((i) => i.offerId)).toEqual(['newsletter'])
    })

    it('validates rules with the path of the problem, and keeps brands and keys apart', async () => {
      const res = await s.call('POST', '/v1/segments', {
        key: s.keys.admin,
        body: {
          id: 'bad',
          brand: 'baby',
          name: 'x',
          purpose: 'personalization',
          rule: { all: [{ interest: 'outdoors.hiking' }, { event: '' }] },
        },
      })
      expectError(res, 400, 'invalid-request')
      expect((res.json() as { error: { field: string } }).error.field).toBe('rule.all[1].event')
      expectError(
        await s.call('POST', '/v1/segments', {
          key: s.keys.admin,
          body: {
            id: 'bad',
            brand: 'baby',
            name: 'x',
            purpose: 'fairness_audit',
            rule: { interest: 'outdoors.hiking' },
          },
        }),
        400,
        'unknown-purpose',
      )
      expectError(await s.call('GET', '/v1/segments', { key: s.keys.server.baby }), 403, 'forbidden')
      expectError(await s.call('GET', '/v1/segments/nope', { key: s.keys.admin }), 404, 'segment-not-found')
      expectError(
        await s.call('POST', '/v1/segments', {
          key: s.keys.admin,
          body: {
            id: 'hikers',
            brand: 'outdoor',
            name: 'x',
            purpose: 'personalization',
            rule: { interest: 'outdoors.hiking' },
          },
        }),
        409,
        'segment-exists',
      )
    })
  })
}
