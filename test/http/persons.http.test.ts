/**
 * Data items, the policy view and the export over HTTP, on every dialect. Bad input is a 4xx
 * naming the field and writes nothing; each exclusion reason is reachable through the API;
 * cross-brand use needs `cross_brand_sharing` at both brands; every view is audited.
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

function errorOf(res: LightMyRequestResponse): ApiError {
  const body = res.json() as { error?: ApiError }
  if (!body.error) throw new Error(`expected an error body, got ${res.statusCode} ${res.body}`)
  return body.error
}

/**
 * Field paths in the notation the API uses for `unknown-category` (`items[1].category`). A
 * validation error may spell the same path `items.1.category`; this folds that spelling so the
 * per-field tests check *which* field is named, and one dedicated test checks the notation.
 */
const bracketed = (field: string | undefined): string | undefined =>
  field?.replace(/\.(\d+)(?=\.|$)/g, '[$1]')

/** Asserts status, code and (when given) field exactly. */
function expectError(res: LightMyRequestResponse, status: number, code: string, field?: string): void {
  const e = errorOf(res)
  expect({
    status: res.statusCode,
    code: e.code,
    ...(field === undefined ? {} : { field: e.field }),
  }).toEqual({
    status,
    code,
    ...(field === undefined ? {} : { field }),
  })
}

interface ViewItemBody {
  id: string
  key: string
  value: unknown
  category: string
  source: string
  brand: string
  expiresAt: string | null
  confidence: number | null
  verified: boolean
  basis: { consentId: string; purpose: string; source: string }[]
}

interface ViewBody {
  personId: string
  purpose: string
  brand: string
  items: ViewItemBody[]
  excluded: { key: string; category: string; brand: string; reason: string }[]
}

interface WriteBody {
  personId: string
  itemIds: string[]
  created: boolean
  linked: boolean
}

interface ConsentRecordBody {
  id: string
  purpose: string
  state: string
  scope: string
  brand: string | null
  capturedBy: string
  sensitiveCategory: string | null
  source: string
  evidence: string | null
}

interface ExportBody {
  personId: string
  brand: string
  exportedAt: string
  identities: { kind: string; value: string; createdAt: string }[]
  dataItems: (Omit<ViewItemBody, 'basis'> & { rejectedAt: string | null })[]
  consent: ConsentRecordBody[]
}

interface AuditBody {
  entries: {
    actor: string
    action: string
    brand: string | null
    purpose: string | null
    subject: string | null
    itemIds: string[]
    details: Record<string, unknown>
  }[]
}

interface ItemIn {
  key: string
  value: unknown
  category: string
  source: string
  purpose?: string
  expiresAt?: string
  confidence?: number
  verified?: boolean
}

const item = (key: string, category: string, value: unknown = key, extra: Partial<ItemIn> = {}): ItemIn => ({
  key,
  value,
  category,
  source: 'stated',
  ...extra,
})

const uid = (label: string): string => `${label}-${randomUUID().slice(0, 8)}`
const keyIdOf = (key: string | undefined): string => (key ?? '').split('_')[2] ?? ''
const sortStr = (xs: readonly string[]): string[] => [...xs].sort()
const keysOf = (v: ViewBody): string[] => sortStr(v.items.map((i) => `${i.brand}/${i.key}`))
const reasonsOf = (v: ViewBody): string[] => sortStr(v.excluded.map((e) => `${e.brand}/${e.key}:${e.reason}`))

for (const dialect of DIALECTS) {
  describe(`persons over HTTP (${dialect})`, () => {
    let s: TestServer

    const write = (brand: string, ref: string, items: unknown, headers?: Record<string, string>) =>
      s.call('POST', `/v1/persons/${ref}/data-items`, {
        key: s.keys.server[brand],
        body: { items },
        ...(headers ? { headers } : {}),
      })
    const writeOk = async (brand: string, ref: string, items: unknown): Promise<WriteBody> => {
      const res = await write(brand, ref, items)
      expect(res.statusCode, res.body).toBe(200)
      return res.json() as WriteBody
    }
    const consent = async (brand: string, ref: string, body: Record<string, unknown>) => {
      const res = await s.call('POST', `/v1/persons/${ref}/consent`, { key: s.keys.server[brand], body })
      expect(res.statusCode, res.body).toBe(200)
      return res.json() as { personId: string; recorded: ConsentRecordBody }
    }
    const view = (brand: string, ref: string, purpose: string) =>
      s.call('GET', `/v1/persons/${ref}?purpose=${purpose}`, { key: s.keys.server[brand] })
    const viewOk = async (brand: string, ref: string, purpose: string): Promise<ViewBody> => {
      const res = await view(brand, ref, purpose)
      expect(res.statusCode, res.body).toBe(200)
      return res.json() as ViewBody
    }
    const exportOk = async (brand: string, ref: string): Promise<ExportBody> => {
      const res = await s.call('GET', `/v1/persons/${ref}/export`, { key: s.keys.server[brand] })
      expect(res.statusCode, res.body).toBe(200)
      return res.json() as ExportBody
    }
    const expectNoPerson = async (brand: string, ref: string) => {
      expectError(await view(brand, ref, 'essential'), 404, 'person-not-found', 'ref')
      expectError(
        await s.call('GET', `/v1/persons/${ref}/export`, { key: s.keys.server[brand] }),
        404,
        'person-not-found',
      )
    }

    beforeAll(async () => {
      s = await createTestServer(dialect)
    })
    afterAll(async () => {
      await s?.close()
    })

    describe('writing data items', () => {
      it('creates the person on first write, then adds to it; itemIds follow request order', async () => {
        const ref = uid('w')
        const first = await writeOk('outdoor', ref, [
          item('email', 'user.contact.email', 'w@example.com'),
          item('tents', 'user.behavior.purchase', 2, { source: 'observed' }),
        ])
        expect(first.created).toBe(true)
        expect(first.linked).toBe(false)
        expect(first.itemIds).toHaveLength(2)
        expect(first.personId).toMatch(/^psn_/)
        const second = await writeOk('outdoor', ref, [item('city', 'user.location.approximate', 'Oslo')])
        expect(second.created).toBe(false)
        expect(second.personId).toBe(first.personId)
        const exp = await exportOk('outdoor', ref)
        const byId = new Map(exp.dataItems.map((i) => [i.id, i.key]))
        expect(first.itemIds.map((id) => byId.get(id))).toEqual(['email', 'tents'])
        expect(second.itemIds.map((id) => byId.get(id))).toEqual(['city'])
      })

      it('unknown category → 400 unknown-category naming items[i].category, and nothing is written', async () => {
        const ref = uid('badcat')
        const res = await write('outdoor', ref, [
          item('email', 'user.contact.email', 'bad@example.com'),
          item('x', 'user.nope.nothing'),
          item('tents', 'user.behavior.purchase'),
        ])
        expectError(res, 400, 'unknown-category', 'items[1].category')
        await expectNoPerson('outdoor', ref)
      })

      it('a bad item in a write to an existing person leaves its items untouched', async () => {
        const ref = uid('existing')
        await writeOk('outdoor', ref, [item('email', 'user.contact.email', 'old@example.com')])
        const before = await exportOk('outdoor', ref)
        const res = await write('outdoor', ref, [
          item('email', 'user.contact.email', 'new@example.com'),
          item('x', 'no.such.category'),
        ])
        expectError(res, 400, 'unknown-category', 'items[1].category')
        const after = await exportOk('outdoor', ref)
        expect(after.dataItems).toEqual(before.dataItems)
        expect(after.dataItems.map((i) => i.value)).toEqual(['old@example.com'])
      })

      const badBodies: readonly { name: string; body: unknown; code: string; field: string }[] = [
        { name: 'missing items', body: {}, code: 'invalid-request', field: 'items' },
        { name: 'empty items', body: { items: [] }, code: 'invalid-request', field: 'items' },
        {
          name: 'unknown top-level property',
          body: { items: [item('a', 'user.name')], extra: 1 },
          code: 'invalid-request',
          field: 'extra',
        },
        {
          name: 'bad source',
          body: { items: [item('a', 'user.name'), { ...item('b', 'user.name'), source: 'guessed' }] },
          code: 'invalid-request',
          field: 'items[1].source',
        },
        {
          name: 'missing key',
          body: { items: [{ value: 1, category: 'user.name', source: 'stated' }] },
          code: 'invalid-request',
          field: 'items[0].key',
        },
        {
          name: 'confidence above 1',
          body: {
            items: [item('a', 'user.inferred.interest', 'x', { source: 'inferred', confidence: 1.5 })],
          },
          code: 'invalid-request',
          field: 'items[0].confidence',
        },
        {
          name: 'negative confidence',
          body: {
            items: [item('a', 'user.inferred.interest', 'x', { source: 'inferred', confidence: -0.1 })],
          },
          code: 'invalid-request',
          field: 'items[0].confidence',
        },
        {
          name: 'confidence on a non-inferred item',
          body: {
            items: [item('a', 'user.name'), item('b', 'user.behavior.purchase', 1, { confidence: 0.9 })],
          },
          code: 'invalid-request',
          field: 'items[1].confidence',
        },
        {
          name: 'duplicate keys in one write',
          body: { items: [item('a', 'user.name'), item('b', 'user.name'), item('a', 'user.name.first')] },
          code: 'invalid-request',
          field: 'items[2].key',
        },
        {
          name: 'bad expiresAt',
          body: { items: [item('a', 'user.name', 'x', { expiresAt: 'tomorrow' })] },
          code: 'invalid-request',
          field: 'items[0].expiresAt',
        },
        {
          name: 'unknown item property',
          body: { items: [{ ...item('a', 'user.name'), colour: 'red' }] },
          code: 'invalid-request',
          field: 'items[0].colour',
        },
      ]
      for (const b of badBodies) {
        it(`${b.name} → 400 ${b.code} naming ${b.field}; no person created`, async () => {
          const ref = uid('bad')
          const res = await s.call('POST', `/v1/persons/${ref}/data-items`, {
            key: s.keys.server.outdoor,
            body: b.body,
          })
          expect(res.statusCode).toBe(400)
          expect({ code: errorOf(res).code, field: bracketed(errorOf(res).field) }).toEqual({
            code: b.code,
            field: b.field,
          })
          await expectNoPerson('outdoor', ref)
        })
      }

      for (const ref of ['anonymousId:', 'a%00b', 'anonymousId:%01x']) {
        it(`bad person ref ${JSON.stringify(ref)} → 400 invalid-person-ref on writes and reads`, async () => {
          expectError(await write('outdoor', ref, [item('a', 'user.name')]), 400, 'invalid-person-ref', 'ref')
          expectError(await view('outdoor', ref, 'personalization'), 400, 'invalid-person-ref', 'ref')
          expectError(
            await s.call('POST', `/v1/persons/${ref}/consent`, {
              key: s.keys.server.outdoor,
              body: { purpose: 'personalization', state: 'granted' },
            }),
            400,
            'invalid-person-ref',
            'ref',
          )
          expectError(
            await s.call('GET', `/v1/persons/${ref}/export`, { key: s.keys.server.outdoor }),
            400,
            'invalid-person-ref',
            'ref',
          )
        })
      }

      it('validation errors name fields in the same notation as unknown-category (items[i].field)', async () => {
        const res = await write('outdoor', uid('notation'), [
          item('a', 'user.name'),
          { ...item('b', 'user.name'), source: 'guessed' },
        ])
        expectError(res, 400, 'invalid-request', 'items[1].source')
      })

      it('a userId of up to 256 characters is a valid ref', async () => {
        const ref = `long-${'u'.repeat(195)}`
        const w = await write('outdoor', ref, [item('a', 'user.name', 'Long')])
        expect(w.statusCode, w.body.slice(0, 200)).toBe(200)
        expect(keysOf(await viewOk('outdoor', ref, 'essential'))).toEqual(['outdoor/a'])
      })

      it('a ref longer than 256 characters → 400 invalid-person-ref naming ref, in the catalogued shape', async () => {
        const ref = `MARK${'u'.repeat(253)}`
        const res = await write('outdoor', ref, [item('a', 'user.name')])
        expectError(res, 400, 'invalid-person-ref', 'ref')
        expect(res.body).not.toContain(ref)
      })

      it('invalid JSON → 400 invalid-json', async () => {
        const ref = uid('json')
        const res = await s.call('POST', `/v1/persons/${ref}/data-items`, {
          key: s.keys.server.outdoor,
          body: '{"items": [{"key": "a",',
          headers: { 'content-type': 'application/json' },
        })
        expectError(res, 400, 'invalid-json', 'body')
        await expectNoPerson('outdoor', ref)
      })

      it('an empty JSON body → 400 invalid-json', async () => {
        const res = await s.call('POST', `/v1/persons/${uid('empty')}/data-items`, {
          key: s.keys.server.outdoor,
          body: '',
          headers: { 'content-type': 'application/json' },
        })
        expectError(res, 400, 'invalid-json')
      })

      for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
        it(`Content-Type ${contentType} → 415 unsupported-media-type; no person created`, async () => {
          const ref = uid('ctype')
          const res = await s.call('POST', `/v1/persons/${ref}/data-items`, {
            key: s.keys.server.outdoor,
            body: JSON.stringify({ items: [item('a', 'user.name')] }),
            headers: { 'content-type': contentType },
          })
          expectError(res, 415, 'unsupported-media-type')
          await expectNoPerson('outdoor', ref)
        })
      }

      it('an unknown collection purpose → 400 unknown-purpose naming items[0].purpose; nothing written', async () => {
        const ref = uid('itempurpose')
        const res = await write('outdoor', ref, [
          item('tents', 'user.behavior.purchase', 1, { purpose: 'mind_reading' }),
        ])
        expect(res.statusCode).toBe(400)
        expect({ code: errorOf(res).code, field: bracketed(errorOf(res).field) }).toEqual({
          code: 'unknown-purpose',
          field: 'items[0].purpose',
        })
        await expectNoPerson('outdoor', ref)
      })

      it('a value larger than 8 KB → 400 naming items[0].value', async () => {
        const ref = uid('bigvalue')
        const res = await write('outdoor', ref, [item('a', 'user.preference.stated', 'x'.repeat(9000))])
        expect({
          status: res.statusCode,
          code: errorOf(res).code,
          field: bracketed(errorOf(res).field),
        }).toEqual({
          status: 400,
          code: 'invalid-request',
          field: 'items[0].value',
        })
        await expectNoPerson('outdoor', ref)
      })
    })

    describe('Idempotency-Key', () => {
      it('same key and body twice → the same response, replay header, one item set', async () => {
        const ref = uid('idem')
        const items = [
          item('email', 'user.contact.email', 'idem@example.com'),
          item('name', 'user.name', 'Ida'),
        ]
        const headers = { 'idempotency-key': `idem-${ref}` }
        const a = await write('outdoor', ref, items, headers)
        const b = await write('outdoor', ref, items, headers)
        expect([a.statusCode, b.statusCode]).toEqual([200, 200])
        expect(b.json()).toEqual(a.json())
        expect(a.headers['idempotent-replayed']).toBeUndefined()
        expect(b.headers['idempotent-replayed']).toBe('true')
        const exp = await exportOk('outdoor', ref)
        expect(exp.dataItems.map((i) => i.id).sort()).toEqual([...(a.json() as WriteBody).itemIds].sort())
      })

      it('same key with a different body → 422 idempotency-key-reused, nothing written', async () => {
        const ref = uid('idem2')
        const headers = { 'idempotency-key': `idem-${ref}` }
        const a = await write('outdoor', ref, [item('name', 'user.name', 'First')], headers)
        expect(a.statusCode).toBe(200)
        const b = await write('outdoor', ref, [item('name', 'user.name', 'Second')], headers)
        expectError(b, 422, 'idempotency-key-reused', 'Idempotency-Key')
        const exp = await exportOk('outdoor', ref)
        expect(exp.dataItems.map((i) => i.value)).toEqual(['First'])
      })

      it('the same key at another brand is a different key', async () => {
        const ref = uid('idem3')
        const headers = { 'idempotency-key': `shared-${ref}` }
        const a = await write('outdoor', ref, [item('name', 'user.name', 'A')], headers)
        const b = await write('baby', ref, [item('name', 'user.name', 'B')], headers)
        expect([a.statusCode, b.statusCode]).toEqual([200, 200])
        expect(b.headers['idempotent-replayed']).toBeUndefined()
        expect((await exportOk('baby', ref)).dataItems.map((i) => i.value)).toEqual(['B'])
      })

      it('consent with the same key twice records one ledger entry', async () => {
        const ref = uid('idemc')
        const headers = { 'idempotency-key': `c-${ref}` }
        const body = { purpose: 'personalization', state: 'granted' }
        const a = await s.call('POST', `/v1/persons/${ref}/consent`, {
          key: s.keys.server.outdoor,
          body,
          headers,
        })
        const b = await s.call('POST', `/v1/persons/${ref}/consent`, {
          key: s.keys.server.outdoor,
          body,
          headers,
        })
        expect([a.statusCode, b.statusCode]).toEqual([200, 200])
        expect(b.json()).toEqual(a.json())
        expect(b.headers['idempotent-replayed']).toBe('true')
        const c = await s.call('GET', `/v1/persons/${ref}/consent`, { key: s.keys.server.outdoor })
        expect((c.json() as { history: unknown[] }).history).toHaveLength(1)
      })
    })

    describe('policy view', () => {
      it('no consent → items excluded with no-consent; nothing usable', async () => {
        const ref = uid('nocons')
        await writeOk('outdoor', ref, [
          item('email', 'user.contact.email', 'n@example.com'),
          item('tents', 'user.behavior.purchase', 1, { source: 'observed' }),
        ])
        const v = await viewOk('outdoor', ref, 'personalization')
        expect(v.items).toEqual([])
        expect(reasonsOf(v)).toEqual(['outdoor/email:no-consent', 'outdoor/tents:no-consent'])
        expect(v.purpose).toBe('personalization')
        expect(v.brand).toBe('outdoor')
        // A grant for another purpose does not help.
        await consent('outdoor', ref, { purpose: 'analytics', state: 'granted' })
        const v2 = await viewOk('outdoor', ref, 'personalization')
        expect(v2.items).toEqual([])
        expect(reasonsOf(v2)).toEqual(['outdoor/email:no-consent', 'outdoor/tents:no-consent'])
      })

      it('granted → decrypted values with the consent basis; denied → no-consent again', async () => {
        const ref = uid('granted')
        await writeOk('outdoor', ref, [
          item('tents', 'user.behavior.purchase', { count: 2 }, { source: 'observed' }),
        ])
        const c = await consent('outdoor', ref, { purpose: 'personalization', state: 'granted' })
        const v = await viewOk('outdoor', ref, 'personalization')
        expect(v.items.map((i) => [i.key, i.value, i.source, i.brand])).toEqual([
          ['tents', { count: 2 }, 'observed', 'outdoor'],
        ])
        expect(v.items[0]?.basis).toEqual([
          { consentId: c.recorded.id, purpose: 'personalization', source: 'api' },
        ])
        expect(v.excluded).toEqual([])
        await consent('outdoor', ref, { purpose: 'personalization', state: 'denied' })
        const v2 = await viewOk('outdoor', ref, 'personalization')
        expect(v2.items).toEqual([])
        expect(reasonsOf(v2)).toEqual(['outdoor/tents:no-consent'])
      })

      it('sensitive → excluded until the explicit opt-in for that category and purpose', async () => {
        const ref = uid('sens')
        await writeOk('outdoor', ref, [
          item('gender', 'user.demographic.gender', 'f'),
          item('health', 'user.health', 'asthma'),
          item('tents', 'user.behavior.purchase', 1),
        ])
        await consent('outdoor', ref, { purpose: 'personalization', state: 'granted' })
        const v = await viewOk('outdoor', ref, 'personalization')
        expect(keysOf(v)).toEqual(['outdoor/tents'])
        expect(reasonsOf(v)).toEqual(['outdoor/gender:sensitive', 'outdoor/health:sensitive'])
        // An opt-in for another purpose does not count.
        await consent('outdoor', ref, {
          purpose: 'advertising',
          state: 'granted',
          sensitiveCategory: 'user.demographic.gender',
        })
        expect(reasonsOf(await viewOk('outdoor', ref, 'personalization'))).toEqual([
          'outdoor/gender:sensitive',
          'outdoor/health:sensitive',
        ])
        const optIn = await consent('outdoor', ref, {
          purpose: 'personalization',
          state: 'granted',
          sensitiveCategory: 'user.demographic.gender',
        })
        expect(optIn.recorded.sensitiveCategory).toBe('user.demographic.gender')
        const v2 = await viewOk('outdoor', ref, 'personalization')
        expect(keysOf(v2)).toEqual(['outdoor/gender', 'outdoor/tents'])
        expect(v2.items.find((i) => i.key === 'gender')?.value).toBe('f')
        expect(reasonsOf(v2)).toEqual(['outdoor/health:sensitive'])
        // Withdrawing the opt-in applies on the next view.
        await consent('outdoor', ref, {
          purpose: 'personalization',
          state: 'withdrawn',
          sensitiveCategory: 'user.demographic.gender',
        })
        expect(keysOf(await viewOk('outdoor', ref, 'personalization'))).toEqual(['outdoor/tents'])
      })

      it('a sensitive opt-in without the purpose itself does not make the item usable', async () => {
        const ref = uid('sens2')
        await writeOk('outdoor', ref, [item('gender', 'user.demographic.gender', 'm')])
        await consent('outdoor', ref, {
          purpose: 'personalization',
          state: 'granted',
          sensitiveCategory: 'user.demographic.gender',
        })
        const v = await viewOk('outdoor', ref, 'personalization')
        expect(v.items).toEqual([])
        expect(reasonsOf(v)).toEqual(['outdoor/gender:no-consent'])
      })

      it('an opt-in for a non-sensitive or unknown category is refused naming sensitiveCategory', async () => {
        const ref = uid('sens3')
        const a = await s.call('POST', `/v1/persons/${ref}/consent`, {
          key: s.keys.server.outdoor,
          body: { purpose: 'personalization', state: 'granted', sensitiveCategory: 'user.behavior.purchase' },
        })
        expectError(a, 400, 'invalid-request', 'sensitiveCategory')
        const b = await s.call('POST', `/v1/persons/${ref}/consent`, {
          key: s.keys.server.outdoor,
          body: { purpose: 'personalization', state: 'granted', sensitiveCategory: 'user.nope' },
        })
        expectError(b, 400, 'unknown-category', 'sensitiveCategory')
        await expectNoPerson('outdoor', ref)
      })

      it('expired → excluded; a future expiry is still usable', async () => {
        const ref = uid('exp')
        const past = new Date(Date.now() - 60_000).toISOString()
        const future = new Date(Date.now() + 86_400_000).toISOString()
        await writeOk('outdoor', ref, [
          item('old', 'user.preference.stated', 'x', { expiresAt: past }),
          item('fresh', 'user.preference.stated', 'y', { expiresAt: future }),
        ])
        await consent('outdoor', ref, { purpose: 'personalization', state: 'granted' })
        const v = await viewOk('outdoor', ref, 'personalization')
        expect(keysOf(v)).toEqual(['outdoor/fresh'])
        expect(v.items[0]?.expiresAt).toBe(future)
        expect(reasonsOf(v)).toEqual(['outdoor/old:expired'])
      })

      it('low-confidence → inferred 0.1 excluded against the 0.6 threshold; 0.9 used', async () => {
        const ref = uid('conf')
        await writeOk('outdoor', ref, [
          item('weak', 'user.inferred.interest', 'camping', { source: 'inferred', confidence: 0.1 }),
          item('strong', 'user.inferred.interest', 'hiking', { source: 'inferred', confidence: 0.9 }),
          item('none', 'user.inferred.interest', 'fishing', { source: 'inferred' }),
        ])
        await consent('outdoor', ref, { purpose: 'personalization', state: 'granted' })
        const v = await viewOk('outdoor', ref, 'personalization')
        expect(keysOf(v)).toEqual(['outdoor/strong'])
        expect(v.items[0]?.confidence).toBe(0.9)
        expect(reasonsOf(v)).toEqual(['outdoor/none:low-confidence', 'outdoor/weak:low-confidence'])
      })

      it('rejected-by-person → excluded after POST .../rejection; unknown item → 404 not-found', async () => {
        const ref = uid('rej')
        const w = await writeOk('outdoor', ref, [
          item('interest', 'user.inferred.interest', 'golf', { source: 'inferred', confidence: 0.95 }),
          item('tents', 'user.behavior.purchase', 1),
        ])
        await consent('outdoor', ref, { purpose: 'personalization', state: 'granted' })
        expect(keysOf(await viewOk('outdoor', ref, 'personalization'))).toEqual([
          'outdoor/interest',
          'outdoor/tents',
        ])
        const r = await s.call('POST', `/v1/persons/${ref}/data-items/${w.itemIds[0]}/rejection`, {
          key: s.keys.server.outdoor,
        })
        expect(r.statusCode).toBe(204)
        const v = await viewOk('outdoor', ref, 'personalization')
        expect(keysOf(v)).toEqual(['outdoor/tents'])
        expect(reasonsOf(v)).toEqual(['outdoor/interest:rejected-by-person'])
        const exp = await exportOk('outdoor', ref)
        expect(exp.dataItems.find((i) => i.key === 'interest')?.rejectedAt).toEqual(expect.any(String))
        expect(exp.dataItems.find((i) => i.key === 'tents')?.rejectedAt).toBeNull()

        const missing = await s.call('POST', `/v1/persons/${ref}/data-items/itm_doesnotexist/rejection`, {
          key: s.keys.server.outdoor,
        })
        expectError(missing, 404, 'not-found', 'itemId')
        const nobody = await s.call(
          'POST',
          `/v1/persons/${uid('nobody')}/data-items/${w.itemIds[1]}/rejection`,
          {
            key: s.keys.server.outdoor,
          },
        )
        expectError(nobody, 404, 'person-not-found', 'ref')
        // The brand writing it again (an SDK re-sending traits) does not undo the person's rejection…
        await writeOk('outdoor', ref, [
          item('interest', 'user.inferred.interest', 'golf', { source: 'inferred', confidence: 0.95 }),
        ])
        const still = await viewOk('outdoor', ref, 'personalization')
        expect(keysOf(still)).toEqual(['outdoor/tents'])
        expect(reasonsOf(still)).toEqual(['outdoor/interest:rejected-by-person'])
        // …only the person stating it again does.
        await writeOk('outdoor', ref, [
          item('interest', 'user.preference.stated', 'golf', { source: 'stated' }),
        ])
        const again = await viewOk('outdoor', ref, 'personalization')
        expect(keysOf(again)).toEqual(['outdoor/interest', 'outdoor/tents'])
        expect(again.excluded).toEqual([])
      })

      it('not-essential → purpose essential returns contact data, not behaviour or sensitive data, without consent', async () => {
        const ref = uid('ess')
        await writeOk('outdoor', ref, [
          item('email', 'user.contact.email', 'e@example.com'),
          item('phone', 'user.contact.phone', '+4700000000'),
          item('tents', 'user.behavior.purchase', 1, { source: 'observed' }),
          item('gender', 'user.demographic.gender', 'f'),
        ])
        const v = await viewOk('outdoor', ref, 'essential')
        expect(keysOf(v)).toEqual(['outdoor/email', 'outdoor/phone'])
        expect(v.items.find((i) => i.key === 'email')?.value).toBe('e@example.com')
        expect(reasonsOf(v)).toEqual(['outdoor/gender:not-essential', 'outdoor/tents:not-essential'])
      })

      it('essential cannot be denied → 400 naming purpose', async () => {
        const ref = uid('essdeny')
        const res = await s.call('POST', `/v1/persons/${ref}/consent`, {
          key: s.keys.server.outdoor,
          body: { purpose: 'essential', state: 'denied' },
        })
        expectError(res, 400, 'invalid-request', 'purpose')
      })

      it('withdrawal takes effect on the very next view', async () => {
        const ref = uid('withdraw')
        await writeOk('outdoor', ref, [item('tents', 'user.behavior.purchase', 1)])
        await consent('outdoor', ref, { purpose: 'personalization', state: 'granted' })
        expect(keysOf(await viewOk('outdoor', ref, 'personalization'))).toEqual(['outdoor/tents'])
        await consent('outdoor', ref, { purpose: 'personalization', state: 'withdrawn' })
        const v = await viewOk('outdoor', ref, 'personalization')
        expect(v.items).toEqual([])
        expect(reasonsOf(v)).toEqual(['outdoor/tents:no-consent'])
        // And a new grant applies on the next view too.
        await consent('outdoor', ref, { purpose: 'personalization', state: 'granted' })
        expect(keysOf(await viewOk('outdoor', ref, 'personalization'))).toEqual(['outdoor/tents'])
      })

      it('consent may arrive before any data: the person is created', async () => {
        const ref = uid('consentfirst')
        const c = await consent('outdoor', ref, {
          purpose: 'personalization',
          state: 'granted',
          evidence: 'v1',
        })
        expect(c.recorded.evidence).toBe('v1')
        const v = await viewOk('outdoor', ref, 'personalization')
        expect(v.items).toEqual([])
        expect(v.personId).toBe(c.personId)
        await writeOk('outdoor', ref, [item('tents', 'user.behavior.purchase', 1)])
        expect(keysOf(await viewOk('outdoor', ref, 'personalization'))).toEqual(['outdoor/tents'])
      })

      it('an anonymous ref anonymousId:abc works and is not the userId abc', async () => {
        const w = await writeOk('outdoor', 'anonymousId:abc', [
          item('page', 'user.behavior.browsing', '/tents'),
        ])
        expect(w.created).toBe(true)
        await consent('outdoor', 'anonymousId:abc', { purpose: 'analytics', state: 'granted' })
        const v = await viewOk('outdoor', 'anonymousId:abc', 'analytics')
        expect(keysOf(v)).toEqual(['outdoor/page'])
        expect(v.personId).toBe(w.personId)
        const exp = await exportOk('outdoor', 'anonymousId:abc')
        expect(exp.identities.map((i) => [i.kind, i.value])).toEqual([['anonymous', 'abc']])
        expectError(await view('outdoor', 'abc', 'analytics'), 404, 'person-not-found')
      })

      it('unknown purpose → 400 unknown-purpose naming purpose; missing purpose → 400', async () => {
        const ref = uid('purp')
        await writeOk('outdoor', ref, [item('tents', 'user.behavior.purchase', 1)])
        expectError(await view('outdoor', ref, 'mind_reading'), 400, 'unknown-purpose', 'purpose')
        const missing = await s.call('GET', `/v1/persons/${ref}`, { key: s.keys.server.outdoor })
        expect(missing.statusCode).toBe(400)
        expect(errorOf(missing).code).toBe('invalid-request')
        expect(errorOf(missing).field).toMatch(/purpose$/)
        const c = await s.call('POST', `/v1/persons/${ref}/consent`, {
          key: s.keys.server.outdoor,
          body: { purpose: 'mind_reading', state: 'granted' },
        })
        expectError(c, 400, 'unknown-purpose', 'purpose')
        const badState = await s.call('POST', `/v1/persons/${ref}/consent`, {
          key: s.keys.server.outdoor,
          body: { purpose: 'analytics', state: 'maybe' },
        })
        expectError(badState, 400, 'invalid-request', 'state')
      })

      it('unknown person → 404 person-not-found on view, export and consent', async () => {
        const ref = uid('ghost')
        expectError(await view('outdoor', ref, 'personalization'), 404, 'person-not-found', 'ref')
        expectError(
          await s.call('GET', `/v1/persons/${ref}/export`, { key: s.keys.server.outdoor }),
          404,
          'person-not-found',
          'ref',
        )
        expectError(
          await s.call('GET', `/v1/persons/${ref}/consent`, { key: s.keys.server.outdoor }),
          404,
          'person-not-found',
          'ref',
        )
      })

      it('every view appends a policy.view audit entry naming actor, brand, purpose and items used', async () => {
        const ref = uid('audit')
        const w = await writeOk('outdoor', ref, [
          item('tents', 'user.behavior.purchase', 1),
          item('gender', 'user.demographic.gender', 'f'),
        ])
        await consent('outdoor', ref, { purpose: 'personalization', state: 'granted' })
        const v = await viewOk('outdoor', ref, 'personalization')
        const tentsId = w.itemIds[0] ?? ''
        expect(v.items.map((i) => i.id)).toEqual([tentsId])
        await viewOk('outdoor', ref, 'analytics')
        await s.candor.audit.flush()
        const res = await s.call('GET', `/v1/audit?personId=${v.personId}`, { key: s.keys.admin })
        expect(res.statusCode).toBe(200)
        const views = (res.json() as AuditBody).entries.filter((e) => e.action === 'policy.view')
        expect(views).toHaveLength(2)
        const p = views.find((e) => e.purpose === 'personalization')
        expect(p).toMatchObject({
          actor: `key:${keyIdOf(s.keys.server.outdoor)}`,
          brand: 'outdoor',
          purpose: 'personalization',
          itemIds: [tentsId],
        })
        expect(p?.subject).toMatch(/^sub_/)
        const a = views.find((e) => e.purpose === 'analytics')
        expect(a).toMatchObject({ brand: 'outdoor', itemIds: [] })
        // The audit entry never carries a value.
        expect(res.body).not.toContain('"f"')
      })
    })

    describe('cross-brand: a person linked by verified email', () => {
      /** The same person at outdoor (`o`) and baby (`b`), linked by a verified email. */
      const linkedPair = async () => {
        const o = uid('lo')
        const b = uid('lb')
        const email = `${uid('mail')}@example.com`
        const wo = await writeOk('outdoor', o, [
          item('email', 'user.contact.email', email, { verified: true }),
          item('tents', 'user.behavior.purchase', 3, { source: 'observed' }),
        ])
        expect(wo.linked).toBe(false)
        const wb = await writeOk('baby', b, [
          item('email', 'user.contact.email', email.toUpperCase(), { verified: true }),
          item('strollers', 'user.behavior.purchase', 1, { source: 'observed' }),
        ])
        // One person now, but baby is not told: the person has not shared anything between brands.
        expect(wb.linked).toBe(false)
        return { o, b, email, wo, wb }
      }

      it("linked is reported only when the person's cross-brand sharing covers both brands", async () => {
        const o = uid('so')
        const b = uid('sb')
        const email = `${uid('smail')}@example.com`
        await writeOk('outdoor', o, [item('email', 'user.contact.email', email, { verified: true })])
        await consent('outdoor', o, { purpose: 'cross_brand_sharing', state: 'granted', scope: 'all_brands' })
        const wb = await writeOk('baby', b, [item('email', 'user.contact.email', email, { verified: true })])
        expect(wb.linked).toBe(true)
        // Sharing at outdoor's scope only does not cover baby.
        const o2 = uid('so2')
        const b2 = uid('sb2')
        const email2 = `${uid('smail2')}@example.com`
        await writeOk('outdoor', o2, [item('email', 'user.contact.email', email2, { verified: true })])
        await consent('outdoor', o2, { purpose: 'cross_brand_sharing', state: 'granted' })
        const wb2 = await writeOk('baby', b2, [
          item('email', 'user.contact.email', email2, { verified: true }),
        ])
        expect(wb2.linked).toBe(false)
      })

      it('the personId differs between brands for one linked person, and is stable per brand', async () => {
        const { o, b, wo, wb } = await linkedPair()
        expect(wo.personId).not.toBe(wb.personId)
        const vo = await viewOk('outdoor', o, 'essential')
        const vb = await viewOk('baby', b, 'essential')
        expect(vo.personId).toBe(wo.personId)
        expect(vb.personId).toBe(wb.personId)
        expect(vo.personId).not.toBe(vb.personId)
      })

      it("without a sharing grant at the requesting brand, the other brand's items are neither listed nor counted", async () => {
        const { o } = await linkedPair()
        await consent('outdoor', o, { purpose: 'personalization', state: 'granted' })
        const v = await viewOk('outdoor', o, 'personalization')
        expect(keysOf(v)).toEqual(['outdoor/email', 'outdoor/tents'])
        expect(v.excluded).toEqual([])
        const none = await viewOk('outdoor', o, 'analytics')
        expect(reasonsOf(none)).toEqual(['outdoor/email:no-consent', 'outdoor/tents:no-consent'])
        expect(JSON.stringify(none)).not.toContain('baby')
        await s.candor.audit.flush()
        const audit = await s.call('GET', `/v1/audit?personId=${v.personId}`, { key: s.keys.admin })
        const entry = (audit.json() as AuditBody).entries.find(
          (e) => e.action === 'policy.view' && e.purpose === 'analytics',
        )
        expect(entry?.details).toEqual({ excluded: { 'no-consent': 2 } })
      })

      it("cross_brand_sharing granted at the requesting brand only → the other brand's items stay invisible (no key, category or reason)", async () => {
        const { o } = await linkedPair()
        await consent('outdoor', o, { purpose: 'personalization', state: 'granted' })
        await consent('outdoor', o, { purpose: 'cross_brand_sharing', state: 'granted' })
        const v = await viewOk('outdoor', o, 'personalization')
        expect(keysOf(v)).toEqual(['outdoor/email', 'outdoor/tents'])
        expect(v.excluded).toEqual([])
        expect(JSON.stringify(v)).not.toContain('baby')
        expect(JSON.stringify(v)).not.toContain('strollers')
      })

      it('cross_brand_sharing granted at the other brand only → invisible at the requesting brand', async () => {
        const { o, b } = await linkedPair()
        await consent('outdoor', o, { purpose: 'personalization', state: 'granted' })
        await consent('baby', b, { purpose: 'cross_brand_sharing', state: 'granted' })
        const v = await viewOk('outdoor', o, 'personalization')
        expect(keysOf(v)).toEqual(['outdoor/email', 'outdoor/tents'])
        expect(v.excluded).toEqual([])
      })

      it("sharing granted at both brands and the purpose at the requesting brand → the other brand's items appear", async () => {
        const { o, b, email } = await linkedPair()
        await consent('outdoor', o, { purpose: 'cross_brand_sharing', state: 'granted' })
        await consent('baby', b, { purpose: 'cross_brand_sharing', state: 'granted' })
        // Without the purpose at outdoor: listed, but no-consent.
        const before = await viewOk('outdoor', o, 'personalization')
        expect(before.items).toEqual([])
        expect(reasonsOf(before)).toEqual([
          'baby/email:no-consent',
          'baby/strollers:no-consent',
          'outdoor/email:no-consent',
          'outdoor/tents:no-consent',
        ])
        await consent('outdoor', o, { purpose: 'personalization', state: 'granted' })
        const v = await viewOk('outdoor', o, 'personalization')
        expect(keysOf(v)).toEqual(['baby/email', 'baby/strollers', 'outdoor/email', 'outdoor/tents'])
        expect(v.items.find((i) => i.brand === 'baby' && i.key === 'strollers')?.value).toBe(1)
        expect(v.items.find((i) => i.brand === 'baby' && i.key === 'email')?.value).toBe(email.toUpperCase())
        expect(v.excluded).toEqual([])
        // The purpose granted at baby, not outdoor, would not have been enough: baby's own view.
        const vb = await viewOk('baby', b, 'personalization')
        expect(vb.items).toEqual([])
        // Withdrawing sharing at baby hides baby's items from outdoor's next view again.
        await consent('baby', b, { purpose: 'cross_brand_sharing', state: 'withdrawn' })
        const after = await viewOk('outdoor', o, 'personalization')
        expect(keysOf(after)).toEqual(['outdoor/email', 'outdoor/tents'])
        expect(after.excluded).toEqual([])
        expect(JSON.stringify(after)).not.toContain('strollers')
      })

      it('sharing with scope all_brands (captured at one brand) covers both brands', async () => {
        const { o } = await linkedPair()
        const c = await consent('outdoor', o, {
          purpose: 'cross_brand_sharing',
          state: 'granted',
          scope: 'all_brands',
        })
        expect(c.recorded).toMatchObject({ scope: 'all_brands', brand: null, capturedBy: 'outdoor' })
        await consent('outdoor', o, { purpose: 'personalization', state: 'granted' })
        const v = await viewOk('outdoor', o, 'personalization')
        expect(keysOf(v)).toEqual(['baby/email', 'baby/strollers', 'outdoor/email', 'outdoor/tents'])
      })

      it("another brand's sensitive item needs the opt-in at both brands", async () => {
        const { o, b } = await linkedPair()
        await writeOk('baby', b, [item('age', 'user.demographic.age', 34)])
        await consent('outdoor', o, { purpose: 'cross_brand_sharing', state: 'granted', scope: 'all_brands' })
        await consent('outdoor', o, { purpose: 'personalization', state: 'granted' })
        await consent('outdoor', o, {
          purpose: 'personalization',
          state: 'granted',
          sensitiveCategory: 'user.demographic.age',
        })
        const v = await viewOk('outdoor', o, 'personalization')
        expect(reasonsOf(v)).toEqual(['baby/age:sensitive'])
        await consent('baby', b, {
          purpose: 'personalization',
          state: 'granted',
          sensitiveCategory: 'user.demographic.age',
        })
        const v2 = await viewOk('outdoor', o, 'personalization')
        expect(v2.items.find((i) => i.key === 'age')?.value).toBe(34)
        expect(v2.excluded).toEqual([])
      })

      it("a brand's personId for its person does not change when the person is linked later", async () => {
        const email = `${uid('late')}@example.com`
        const o = uid('lateo')
        const b = uid('lateb')
        await writeOk('outdoor', o, [item('email', 'user.contact.email', email, { verified: true })])
        const first = await writeOk('baby', b, [item('strollers', 'user.behavior.purchase', 1)])
        await viewOk('baby', b, 'essential')
        const linked = await writeOk('baby', b, [
          item('email', 'user.contact.email', email, { verified: true }),
        ])
        expect(linked.linked).toBe(false)
        expect(linked.personId).toBe(first.personId)
        expect((await viewOk('baby', b, 'essential')).personId).toBe(first.personId)
        // The pseudonym the brand was given still finds the person's audit trail.
        await s.candor.audit.flush()
        const audit = await s.call('GET', `/v1/audit?personId=${first.personId}`, { key: s.keys.admin })
        expect((audit.json() as AuditBody).entries.map((e) => e.action)).toContain('policy.view')
      })

      it("export includes each item's purpose at collection", async () => {
        const ref = uid('exppurpose')
        await writeOk('outdoor', ref, [
          item('tents', 'user.behavior.purchase', 1, { purpose: 'personalization' }),
        ])
        const exp = await exportOk('outdoor', ref)
        expect(exp.dataItems[0]).toMatchObject({ key: 'tents', purpose: 'personalization' })
      })

      it('export returns decrypted items, identities and consent at this brand only', async () => {
        const { o, b, email } = await linkedPair()
        await consent('outdoor', o, { purpose: 'personalization', state: 'granted', evidence: 'notice-v3' })
        await consent('baby', b, { purpose: 'advertising', state: 'granted' })
        await consent('outdoor', o, { purpose: 'cross_brand_sharing', state: 'granted' })
        await consent('baby', b, { purpose: 'cross_brand_sharing', state: 'granted' })
        const exp = await exportOk('outdoor', o)
        expect(exp.brand).toBe('outdoor')
        expect(exp.personId).toBe((await viewOk('outdoor', o, 'essential')).personId)
        expect(exp.identities.map((i) => [i.kind, i.value])).toEqual([['user', o]])
        expect(
          exp.dataItems
            .map((i) => [i.key, i.value, i.category, i.brand])
            .sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
        ).toEqual([
          ['email', email, 'user.contact.email', 'outdoor'],
          ['tents', 3, 'user.behavior.purchase', 'outdoor'],
        ])
        expect(exp.dataItems.find((i) => i.key === 'email')?.verified).toBe(true)
        expect(exp.consent.map((c) => [c.purpose, c.state, c.brand]).sort()).toEqual([
          ['cross_brand_sharing', 'granted', 'outdoor'],
          ['personalization', 'granted', 'outdoor'],
        ])
        expect(exp.consent.find((c) => c.purpose === 'personalization')?.evidence).toBe('notice-v3')
        expect(JSON.stringify(exp)).not.toContain(b)
        expect(JSON.stringify(exp)).not.toContain('strollers')
        expect(JSON.stringify(exp)).not.toContain(email.toUpperCase())
        expect(JSON.stringify(exp)).not.toContain('"baby"')
      })

      it('GET consent paginates the history with limit and cursor', async () => {
        const ref = uid('page')
        for (const purpose of ['analytics', 'personalization', 'advertising'])
          await consent('outdoor', ref, { purpose, state: 'granted' })
        const seen: string[] = []
        let url = `/v1/persons/${ref}/consent?limit=2`
        for (let i = 0; i < 3; i++) {
          const res = await s.call('GET', url, { key: s.keys.server.outdoor })
          expect(res.statusCode).toBe(200)
          const page = res.json() as { history: ConsentRecordBody[]; nextCursor: string | null }
          seen.push(...page.history.map((h) => h.purpose))
          if (page.nextCursor === null) break
          url = `/v1/persons/${ref}/consent?limit=2&cursor=${page.nextCursor}`
        }
        expect(seen).toEqual(['analytics', 'personalization', 'advertising'])
        const bad = await s.call('GET', `/v1/persons/${ref}/consent?limit=0`, { key: s.keys.server.outdoor })
        expect(bad.statusCode).toBe(400)
        expect(errorOf(bad).field).toMatch(/limit$/)
      })

      it('GET consent shows the current state per purpose at this brand and the history', async () => {
        const { o, b } = await linkedPair()
        await consent('outdoor', o, { purpose: 'personalization', state: 'granted' })
        await consent('outdoor', o, { purpose: 'personalization', state: 'withdrawn', source: 'import' })
        // The server API cannot claim the person's own control center (or a CMP, or GPC) as the source.
        for (const forged of ['control_center', 'tcf', 'gpp', 'gpc', 'segment']) {
          const r = await s.call('POST', `/v1/persons/${o}/consent`, {
            key: s.keys.server.outdoor,
            body: { purpose: 'personalization', state: 'granted', source: forged },
          })
          expect(r.statusCode).toBe(400)
          expect(errorOf(r).field).toBe('source')
        }
        await consent('baby', b, { purpose: 'analytics', state: 'granted' })
        const res = await s.call('GET', `/v1/persons/${o}/consent`, { key: s.keys.server.outdoor })
        expect(res.statusCode).toBe(200)
        const c = res.json() as {
          current: { purpose: string; granted: boolean; state: string; source: string | null }[]
          history: ConsentRecordBody[]
        }
        expect(c.current.find((x) => x.purpose === 'personalization')).toMatchObject({
          granted: false,
          state: 'withdrawn',
          source: 'import',
        })
        expect(c.current.find((x) => x.purpose === 'analytics')).toMatchObject({
          granted: false,
          state: 'default',
        })
        expect(c.current.find((x) => x.purpose === 'essential')).toMatchObject({ granted: true })
        expect(c.history.map((h) => [h.purpose, h.state, h.source, h.capturedBy])).toEqual([
          ['personalization', 'granted', 'api', 'outdoor'],
          ['personalization', 'withdrawn', 'import', 'outdoor'],
        ])
      })
    })
  })
}

describe('body size limit', () => {
  let s: TestServer
  beforeAll(async () => {
    s = await createTestServer('sqlite', { bodyLimit: 2048 })
  })
  afterAll(async () => {
    await s?.close()
  })

  it('an oversized body → 413 payload-too-large, nothing written; a small one passes', async () => {
    const ref = uid('big')
    const res = await s.call('POST', `/v1/persons/${ref}/data-items`, {
      key: s.keys.server.outdoor,
      body: { items: [item('note', 'user.preference.stated', 'x'.repeat(3000))] },
    })
    expectError(res, 413, 'payload-too-large')
    expectError(
      await s.call('GET', `/v1/persons/${ref}?purpose=essential`, { key: s.keys.server.outdoor }),
      404,
      'person-not-found',
    )
    const big = await s.call('POST', `/v1/persons/${ref}/consent`, {
      key: s.keys.server.outdoor,
      body: { purpose: 'personalization', state: 'granted', evidence: 'e'.repeat(3000) },
    })
    expectError(big, 413, 'payload-too-large')
    const ok = await s.call('POST', `/v1/persons/${ref}/data-items`, {
      key: s.keys.server.outdoor,
      body: { items: [item('note', 'user.preference.stated', 'x'.repeat(100))] },
    })
    expect(ok.statusCode).toBe(200)
  })
})
