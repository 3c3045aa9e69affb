/**
 * Brand isolation over HTTP. A brand is an isolation boundary: a key of one brand can neither
 * read nor change a person another brand holds, keys of the wrong kind are refused with 403, and
 * missing, unknown or revoked keys with 401. Every endpoint under `/v1/persons/...` is covered.
 */
import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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

function expectError(res: LightMyRequestResponse, status: number, code: string, field?: string): void {
  expect({ status: res.statusCode, code: errorOf(res).code }).toEqual({ status, code })
  if (field !== undefined) expect(errorOf(res).field).toBe(field)
}

interface ViewBody {
  personId: string
  purpose: string
  brand: string
  items: { id: string; key: string; value: unknown; brand: string }[]
  excluded: { key: string; category: string; brand: string; reason: string }[]
}

interface ExportBody {
  personId: string
  brand: string
  exportedAt: string
  identities: { kind: string; value: string }[]
  dataItems: { id: string; key: string; value: unknown; rejectedAt: string | null }[]
  consent: { id: string; purpose: string; state: string }[]
}

const OWNER = 'outdoor'
const OTHER = 'baby'
const USER = 'iso-user-1'

/** One endpoint under `/v1/persons/{ref}`, parameterised by ref (and the owner's item id). */
interface Endpoint {
  readonly name: string
  readonly method: string
  url(ref: string, itemId: string): string
  readonly body?: unknown
}

const ENDPOINTS: readonly Endpoint[] = [
  {
    name: 'POST data-items',
    method: 'POST',
    url: (ref) => `/v1/persons/${ref}/data-items`,
    body: { items: [{ key: 'note', value: 'x', category: 'user.preference.stated', source: 'stated' }] },
  },
  { name: 'GET view', method: 'GET', url: (ref) => `/v1/persons/${ref}?purpose=personalization` },
  {
    name: 'POST consent',
    method: 'POST',
    url: (ref) => `/v1/persons/${ref}/consent`,
    body: { purpose: 'personalization', state: 'withdrawn' },
  },
  { name: 'GET consent', method: 'GET', url: (ref) => `/v1/persons/${ref}/consent` },
  { name: 'GET export', method: 'GET', url: (ref) => `/v1/persons/${ref}/export` },
  { name: 'DELETE', method: 'DELETE', url: (ref) => `/v1/persons/${ref}` },
  {
    name: 'POST rejection',
    method: 'POST',
    url: (ref, itemId) => `/v1/persons/${ref}/data-items/${itemId}/rejection`,
  },
]

/** Endpoints that only read or change an existing person (never create one). */
const EXISTING_ONLY = ENDPOINTS.filter((e) => e.name !== 'POST data-items' && e.name !== 'POST consent')

const ADMIN_ROUTES: readonly { method: string; url: string; body?: unknown }[] = [
  { method: 'GET', url: '/v1/brands' },
  { method: 'POST', url: '/v1/brands', body: { id: 'intruder', name: 'Intruder' } },
  { method: 'GET', url: '/v1/audit' },
  { method: 'GET', url: '/v1/audit/verify' },
]

describe('brand isolation', () => {
  let s: TestServer
  let itemId = ''
  let baselineView: ViewBody
  let baselineExport: Omit<ExportBody, 'exportedAt'>

  const ownerView = async (): Promise<ViewBody> => {
    const res = await s.call('GET', `/v1/persons/${USER}?purpose=personalization`, {
      key: s.keys.server[OWNER],
    })
    expect(res.statusCode).toBe(200)
    return res.json() as ViewBody
  }
  const ownerExport = async (): Promise<Omit<ExportBody, 'exportedAt'>> => {
    const res = await s.call('GET', `/v1/persons/${USER}/export`, { key: s.keys.server[OWNER] })
    expect(res.statusCode).toBe(200)
    const { exportedAt: _ignored, ...rest } = res.json() as ExportBody
    return rest
  }

  beforeAll(async () => {
    s = await createTestServer('sqlite')
    const write = await s.call('POST', `/v1/persons/${USER}/data-items`, {
      key: s.keys.server[OWNER],
      body: {
        items: [
          { key: 'email', value: 'iso@example.com', category: 'user.contact.email', source: 'stated' },
          { key: 'tents', value: 3, category: 'user.behavior.purchase', source: 'observed' },
        ],
      },
    })
    expect(write.statusCode).toBe(200)
    const ids = (write.json() as { itemIds: string[] }).itemIds
    itemId = ids[0] ?? ''
    const consent = await s.call('POST', `/v1/persons/${USER}/consent`, {
      key: s.keys.server[OWNER],
      body: { purpose: 'personalization', state: 'granted' },
    })
    expect(consent.statusCode).toBe(200)
    baselineView = await ownerView()
    baselineExport = await ownerExport()
    expect(baselineView.items.map((i) => i.key).sort()).toEqual(['email', 'tents'])
  })
  afterAll(async () => {
    await s?.close()
  })

  describe("a key of another brand cannot read or change the owner's person", () => {
    for (const e of EXISTING_ONLY) {
      it(`${e.name}: the owner's userId is unknown at another brand → 404 person-not-found`, async () => {
        const res = await s.call(e.method, e.url(USER, itemId), {
          key: s.keys.server[OTHER],
          ...(e.body === undefined ? {} : { body: e.body }),
        })
        expectError(res, 404, 'person-not-found', 'ref')
        expect(await ownerView()).toEqual(baselineView)
        expect(await ownerExport()).toEqual(baselineExport)
      })
    }

    it('GET view of an unknown person at the other brand leaks nothing (no items, no ids)', async () => {
      const res = await s.call('GET', `/v1/persons/${USER}?purpose=essential`, { key: s.keys.server[OTHER] })
      expectError(res, 404, 'person-not-found')
      expect(res.body).not.toContain('iso@example.com')
      expect(res.body).not.toContain(baselineView.personId)
    })

    it("POST consent at another brand creates a separate person there; the owner's view is unchanged", async () => {
      const res = await s.call('POST', `/v1/persons/${USER}/consent`, {
        key: s.keys.server[OTHER],
        body: { purpose: 'personalization', state: 'withdrawn' },
      })
      expect(res.statusCode).toBe(200)
      const body = res.json() as { personId: string; recorded: { brand: string | null; capturedBy: string } }
      expect(body.personId).not.toBe(baselineView.personId)
      expect(body.recorded.brand).toBe(OTHER)
      expect(body.recorded.capturedBy).toBe(OTHER)
      expect(await ownerView()).toEqual(baselineView)
      expect(await ownerExport()).toEqual(baselineExport)
    })

    it("POST data-items at another brand writes to a separate person; the owner's view and export are unchanged", async () => {
      const res = await s.call('POST', `/v1/persons/${USER}/data-items`, {
        key: s.keys.server[OTHER],
        body: {
          items: [{ key: 'tents', value: 999, category: 'user.behavior.purchase', source: 'observed' }],
        },
      })
      expect(res.statusCode).toBe(200)
      const body = res.json() as { personId: string; created: boolean; linked: boolean; itemIds: string[] }
      expect(body.personId).not.toBe(baselineView.personId)
      expect(body.linked).toBe(false)
      expect(body.itemIds).toHaveLength(1)
      expect(body.itemIds).not.toContain(itemId)
      expect(await ownerView()).toEqual(baselineView)
      expect(await ownerExport()).toEqual(baselineExport)

      // The other brand sees only its own person: its own item, none of the owner's.
      const theirs = await s.call('GET', `/v1/persons/${USER}/export`, { key: s.keys.server[OTHER] })
      expect(theirs.statusCode).toBe(200)
      const exp = theirs.json() as ExportBody
      expect(exp.dataItems.map((i) => [i.key, i.value])).toEqual([['tents', 999]])
      expect(theirs.body).not.toContain('iso@example.com')
    })

    it("POST rejection of the owner's item id through another brand's person → 404 not-found, item still used", async () => {
      // The other brand now knows a person by this userId (previous tests), but not the item.
      await s.call('POST', `/v1/persons/${USER}/consent`, {
        key: s.keys.server[OTHER],
        body: { purpose: 'personalization', state: 'granted' },
      })
      const res = await s.call('POST', `/v1/persons/${USER}/data-items/${itemId}/rejection`, {
        key: s.keys.server[OTHER],
      })
      expectError(res, 404, 'not-found', 'itemId')
      const view = await ownerView()
      expect(view.items.map((i) => i.id)).toContain(itemId)
      expect(view.excluded).toEqual([])
      expect(view).toEqual(baselineView)
    })

    it("DELETE at another brand erases only that brand's person; the owner's person is intact", async () => {
      const res = await s.call('DELETE', `/v1/persons/${USER}`, { key: s.keys.server[OTHER] })
      expect(res.statusCode).toBe(200)
      expect((res.json() as { brands: string[] }).brands).toEqual([OTHER])
      expect(await ownerView()).toEqual(baselineView)
      expect(await ownerExport()).toEqual(baselineExport)
    })

    it('an anonymousId known at one brand is unknown at another', async () => {
      const w = await s.call('POST', '/v1/persons/anonymousId:iso-anon/data-items', {
        key: s.keys.server[OWNER],
        body: {
          items: [{ key: 'page', value: '/tents', category: 'user.behavior.browsing', source: 'observed' }],
        },
      })
      expect(w.statusCode).toBe(200)
      for (const e of EXISTING_ONLY) {
        const res = await s.call(e.method, e.url('anonymousId:iso-anon', itemId), {
          key: s.keys.server[OTHER],
        })
        expectError(res, 404, 'person-not-found')
      }
      const still = await s.call('GET', '/v1/persons/anonymousId:iso-anon/export', {
        key: s.keys.server[OWNER],
      })
      expect(still.statusCode).toBe(200)
      expect((still.json() as ExportBody).dataItems.map((i) => i.key)).toEqual(['page'])
    })

    it("a person linked by verified email is still unknown at one brand under another brand's userId", async () => {
      const email = 'linked-iso@example.com'
      const a = await s.call('POST', '/v1/persons/iso-linked-a/data-items', {
        key: s.keys.server[OWNER],
        body: {
          items: [
            { key: 'email', value: email, category: 'user.contact.email', source: 'stated', verified: true },
          ],
        },
      })
      const b = await s.call('POST', '/v1/persons/iso-linked-b/data-items', {
        key: s.keys.server[OTHER],
        body: {
          items: [
            { key: 'email', value: email, category: 'user.contact.email', source: 'stated', verified: true },
          ],
        },
      })
      expect([a.statusCode, b.statusCode]).toEqual([200, 200])
      // Linked by the email, but the brand is not told without the person's sharing.
      expect((b.json() as { linked: boolean }).linked).toBe(false)
      for (const e of EXISTING_ONLY) {
        const res = await s.call(e.method, e.url('iso-linked-a', itemId), { key: s.keys.server[OTHER] })
        expectError(res, 404, 'person-not-found')
      }
      const stillA = await s.call('GET', '/v1/persons/iso-linked-a/export', { key: s.keys.server[OWNER] })
      expect(stillA.statusCode).toBe(200)
    })
  })

  describe('key kinds', () => {
    for (const kind of ['write', 'reviewer'] as const) {
      for (const e of ENDPOINTS) {
        it(`${e.name} with a ${kind} key → 403 forbidden`, async () => {
          const key = kind === 'write' ? s.keys.write[OWNER] : s.keys.reviewer
          const res = await s.call(e.method, e.url(USER, itemId), {
            key,
            ...(e.body === undefined ? {} : { body: e.body }),
          })
          expectError(res, 403, 'forbidden', 'Authorization')
        })
      }
    }

    for (const e of ENDPOINTS.filter((x) => x.method !== 'DELETE')) {
      it(`${e.name} with an admin key → 403 forbidden (brand server routes)`, async () => {
        const res = await s.call(e.method, e.url(USER, itemId), {
          key: s.keys.admin,
          ...(e.body === undefined ? {} : { body: e.body }),
        })
        expectError(res, 403, 'forbidden', 'Authorization')
      })
    }

    for (const r of ADMIN_ROUTES) {
      for (const kind of ['server', 'write', 'reviewer'] as const) {
        it(`${r.method} ${r.url} with a ${kind} key → 403 forbidden`, async () => {
          const key =
            kind === 'server'
              ? s.keys.server[OWNER]
              : kind === 'write'
                ? s.keys.write[OWNER]
                : s.keys.reviewer
          const res = await s.call(r.method, r.url, {
            key,
            ...(r.body === undefined ? {} : { body: r.body }),
          })
          expectError(res, 403, 'forbidden', 'Authorization')
        })
      }
      it(`${r.method} ${r.url} with the admin key passes the key check`, async () => {
        const res = await s.call(r.method, r.url, {
          key: s.keys.admin,
          ...(r.method === 'POST' ? { body: { id: 'admin-made', name: 'Admin made' } } : {}),
        })
        expect(res.statusCode).toBe(r.method === 'POST' ? 201 : 200)
      })
    }

    it('the forbidden POST /v1/brands did not create a brand', async () => {
      const res = await s.call('GET', '/v1/brands', { key: s.keys.admin })
      const ids = (res.json() as { brands: { id: string }[] }).brands.map((b) => b.id)
      expect(ids).not.toContain('intruder')
      expect(ids.sort()).toEqual(['admin-made', 'baby', 'home', 'outdoor'])
    })
  })

  describe('missing, unknown and revoked keys → 401 unauthorized', () => {
    const ALL = [
      ...ENDPOINTS.map((e) => ({ name: e.name, method: e.method, url: e.url(USER, 'itm_x'), body: e.body })),
      ...ADMIN_ROUTES.map((r) => ({ name: `${r.method} ${r.url}`, ...r })),
    ]
    const unknownKey = `cnd_server_abcdefghij_${'A'.repeat(43)}`

    for (const r of ALL) {
      it(`${r.name}: no key, malformed key, unknown key → 401`, async () => {
        const opts = r.body === undefined ? {} : { body: r.body }
        expectError(await s.call(r.method, r.url, opts), 401, 'unauthorized', 'Authorization')
        expectError(await s.call(r.method, r.url, { ...opts, key: 'not-a-key' }), 401, 'unauthorized')
        expectError(await s.call(r.method, r.url, { ...opts, key: unknownKey }), 401, 'unauthorized')
        // A real key id with a wrong secret.
        const real = s.keys.server[OWNER] ?? ''
        const forged = `${real.slice(0, real.lastIndexOf('_') + 1)}${'B'.repeat(43)}`
        expectError(await s.call(r.method, r.url, { ...opts, key: forged }), 401, 'unauthorized')
        // A real secret presented under the wrong kind prefix.
        const relabelled = real.replace(/^cnd_server_/, 'cnd_admin_')
        expectError(await s.call(r.method, r.url, { ...opts, key: relabelled }), 401, 'unauthorized')
      })
    }

    it('a revoked server key is refused on every person endpoint; other keys still work', async () => {
      const created = await s.candor.apiKeys.create({ kind: 'server', brandId: OWNER })
      const ok = await s.call('GET', `/v1/persons/${USER}?purpose=personalization`, { key: created.key })
      expect(ok.statusCode).toBe(200)
      await s.candor.apiKeys.revoke(created.id)
      for (const e of ENDPOINTS) {
        const res = await s.call(e.method, e.url(USER, itemId), {
          key: created.key,
          ...(e.body === undefined ? {} : { body: e.body }),
        })
        expectError(res, 401, 'unauthorized', 'Authorization')
      }
      expect(await ownerView()).toEqual(baselineView)
    })

    it('a revoked admin key is refused on admin routes (revoked by full key prefix)', async () => {
      const created = await s.candor.apiKeys.create({ kind: 'admin' })
      expect((await s.call('GET', '/v1/audit/verify', { key: created.key })).statusCode).toBe(200)
      await s.candor.apiKeys.revoke(`cnd_admin_${created.id}`)
      for (const r of ADMIN_ROUTES) {
        const res = await s.call(r.method, r.url, {
          key: created.key,
          ...(r.body === undefined ? {} : { body: r.body }),
        })
        expectError(res, 401, 'unauthorized')
      }
      expectError(
        await s.call('DELETE', `/v1/persons/${USER}?scope=all_brands&brand=${OWNER}`, { key: created.key }),
        401,
        'unauthorized',
      )
      expect(await ownerView()).toEqual(baselineView)
    })
  })

  describe('erasure scope and brand parameters', () => {
    it('DELETE with a server key naming another brand → 403 brand-mismatch, nothing erased', async () => {
      const res = await s.call('DELETE', `/v1/persons/${USER}?brand=${OTHER}`, { key: s.keys.server[OWNER] })
      expectError(res, 403, 'brand-mismatch', 'brand')
      const res2 = await s.call('DELETE', `/v1/persons/${USER}?brand=${OWNER}`, { key: s.keys.server[OTHER] })
      expectError(res2, 403, 'brand-mismatch', 'brand')
      expect(await ownerView()).toEqual(baselineView)
    })

    it('DELETE ?scope=all_brands with a server key → 403 forbidden, nothing erased', async () => {
      const res = await s.call('DELETE', `/v1/persons/${USER}?scope=all_brands`, {
        key: s.keys.server[OWNER],
      })
      expectError(res, 403, 'forbidden', 'scope')
      const res2 = await s.call('DELETE', `/v1/persons/${USER}?scope=all_brands&brand=${OWNER}`, {
        key: s.keys.server[OWNER],
      })
      expectError(res2, 403, 'forbidden')
      expect(await ownerView()).toEqual(baselineView)
      expect(await ownerExport()).toEqual(baselineExport)
    })

    it('DELETE with an admin key must name the brand → 400 naming `brand`', async () => {
      const res = await s.call('DELETE', `/v1/persons/${USER}`, { key: s.keys.admin })
      expectError(res, 400, 'invalid-request', 'brand')
      expect(await ownerView()).toEqual(baselineView)
    })

    it("an admin DELETE at another brand does not reach the owner's person", async () => {
      const res = await s.call('DELETE', `/v1/persons/${USER}?brand=home`, { key: s.keys.admin })
      expectError(res, 404, 'person-not-found')
      expect(await ownerView()).toEqual(baselineView)
    })
  })
})
