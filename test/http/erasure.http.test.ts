/**
 * Erasure over HTTP, on every dialect: the receipt says what was removed where and when, the
 * person is gone afterwards, the audit log keeps a pseudonymous record and stays verifiable,
 * erasure at one brand leaves a linked person's data at other brands intact, an admin key erases
 * everywhere, and suppression refuses later data for the same identifiers.
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

interface Receipt {
  erasureId: string
  subject: string
  scope: 'brand' | 'all_brands'
  brands: string[]
  requestedAt: string
  keysDestroyedAt: string
  completedAt: string
  keysDestroyed: number
  removed: { table: string; count: number }[]
  suppressed: boolean
}

interface ViewBody {
  personId: string
  items: { id: string; key: string; value: unknown; brand: string }[]
  excluded: { key: string; brand: string; reason: string }[]
}

interface ExportBody {
  personId: string
  identities: { kind: string; value: string }[]
  dataItems: { id: string; key: string; value: unknown }[]
  consent: { id: string; purpose: string; state: string }[]
}

interface AuditBody {
  entries: {
    actor: string
    action: string
    brand: string | null
    subject: string | null
    itemIds: string[]
    details: Record<string, unknown>
  }[]
}

const uid = (label: string): string => `${label}-${randomUUID().slice(0, 8)}`
const keyIdOf = (key: string | undefined): string => (key ?? '').split('_')[2] ?? ''
const removedMap = (r: Receipt): Record<string, number> =>
  Object.fromEntries(r.removed.map((x) => [x.table, x.count]))
const isIso = (v: string): boolean => !Number.isNaN(Date.parse(v)) && new Date(v).toISOString() === v

for (const dialect of DIALECTS) {
  describe(`erasure over HTTP (${dialect})`, () => {
    let s: TestServer

    const writeOk = async (brand: string, ref: string, items: unknown[]) => {
      const res = await s.call('POST', `/v1/persons/${ref}/data-items`, {
        key: s.keys.server[brand],
        body: { items },
      })
      expect(res.statusCode, res.body).toBe(200)
      return res.json() as { personId: string; itemIds: string[]; created: boolean; linked: boolean }
    }
    const consent = async (brand: string, ref: string, body: Record<string, unknown>) => {
      const res = await s.call('POST', `/v1/persons/${ref}/consent`, { key: s.keys.server[brand], body })
      expect(res.statusCode, res.body).toBe(200)
    }
    const viewOk = async (brand: string, ref: string, purpose: string): Promise<ViewBody> => {
      const res = await s.call('GET', `/v1/persons/${ref}?purpose=${purpose}`, { key: s.keys.server[brand] })
      expect(res.statusCode, res.body).toBe(200)
      return res.json() as ViewBody
    }
    const exportOk = async (brand: string, ref: string): Promise<ExportBody> => {
      const res = await s.call('GET', `/v1/persons/${ref}/export`, { key: s.keys.server[brand] })
      expect(res.statusCode, res.body).toBe(200)
      return res.json() as ExportBody
    }
    const erase = async (brand: string, ref: string, query = ''): Promise<Receipt> => {
      const res = await s.call('DELETE', `/v1/persons/${ref}${query}`, { key: s.keys.server[brand] })
      expect(res.statusCode, res.body).toBe(200)
      return res.json() as Receipt
    }
    const expectGone = async (brand: string, ref: string) => {
      const k = { key: s.keys.server[brand] }
      expectError(
        await s.call('GET', `/v1/persons/${ref}?purpose=essential`, k),
        404,
        'person-not-found',
        'ref',
      )
      expectError(await s.call('GET', `/v1/persons/${ref}/export`, k), 404, 'person-not-found', 'ref')
      expectError(await s.call('GET', `/v1/persons/${ref}/consent`, k), 404, 'person-not-found', 'ref')
      expectError(await s.call('DELETE', `/v1/persons/${ref}`, k), 404, 'person-not-found', 'ref')
    }
    const auditBySubject = async (subject: string): Promise<AuditBody> => {
      await s.candor.audit.flush()
      const res = await s.call('GET', `/v1/audit?subject=${subject}`, { key: s.keys.admin })
      expect(res.statusCode).toBe(200)
      return res.json() as AuditBody
    }
    const verifyOk = async () => {
      const res = await s.call('GET', '/v1/audit/verify', { key: s.keys.admin })
      expect(res.statusCode).toBe(200)
      const v = res.json() as { ok: boolean; entries: number; firstBroken?: unknown }
      expect(v.ok).toBe(true)
      expect(v.firstBroken).toBeUndefined()
      return v
    }

    /** The same person at outdoor (`o`) and baby (`b`), linked by a verified email. */
    const linkedPair = async () => {
      const o = uid('eo')
      const b = uid('eb')
      const email = `${uid('erase')}@example.com`
      await writeOk('outdoor', o, [
        { key: 'email', value: email, category: 'user.contact.email', source: 'stated', verified: true },
        { key: 'tents', value: 2, category: 'user.behavior.purchase', source: 'observed' },
      ])
      const wb = await writeOk('baby', b, [
        { key: 'email', value: email, category: 'user.contact.email', source: 'stated', verified: true },
        { key: 'strollers', value: 1, category: 'user.behavior.purchase', source: 'observed' },
      ])
      // Linked by the email (not reported to baby without the person's sharing).
      expect(wb.linked).toBe(false)
      return { o, b, email }
    }

    beforeAll(async () => {
      s = await createTestServer(dialect)
    })
    afterAll(async () => {
      await s?.close()
    })

    it('DELETE returns a receipt: tables, counts, brands, key-destruction time', async () => {
      const ref = uid('er')
      const before = Date.now()
      await writeOk('outdoor', ref, [
        { key: 'email', value: 'r@example.com', category: 'user.contact.email', source: 'stated' },
        { key: 'tents', value: 1, category: 'user.behavior.purchase', source: 'observed' },
        { key: 'name', value: 'R', category: 'user.name', source: 'stated' },
      ])
      await consent('outdoor', ref, { purpose: 'personalization', state: 'granted' })
      await consent('outdoor', ref, { purpose: 'analytics', state: 'denied' })
      const r = await erase('outdoor', ref)
      expect(r.scope).toBe('brand')
      expect(r.brands).toEqual(['outdoor'])
      expect(r.suppressed).toBe(false)
      expect(r.erasureId).toMatch(/\S/)
      expect(r.subject).toMatch(/^sub_/)
      expect(r.keysDestroyed).toBe(1)
      expect(removedMap(r)).toMatchObject({
        data_items: 3,
        consent_records: 2,
        identities: 1,
        persons: 1,
      })
      for (const t of [r.requestedAt, r.keysDestroyedAt, r.completedAt]) expect(isIso(t)).toBe(true)
      expect(Date.parse(r.requestedAt)).toBeGreaterThanOrEqual(before - 1000)
      expect(Date.parse(r.keysDestroyedAt)).toBeGreaterThanOrEqual(Date.parse(r.requestedAt))
      expect(Date.parse(r.completedAt)).toBeGreaterThanOrEqual(Date.parse(r.keysDestroyedAt))
      // The receipt holds no person data.
      expect(JSON.stringify(r)).not.toContain('r@example.com')
      expect(JSON.stringify(r)).not.toContain(ref)
    })

    it('afterwards every read is 404, and a new write creates a new person', async () => {
      const ref = uid('gone')
      const first = await writeOk('outdoor', ref, [
        { key: 'tents', value: 1, category: 'user.behavior.purchase', source: 'observed' },
      ])
      await erase('outdoor', ref)
      await expectGone('outdoor', ref)
      const again = await writeOk('outdoor', ref, [
        { key: 'canoes', value: 1, category: 'user.behavior.purchase', source: 'observed' },
      ])
      expect(again.created).toBe(true)
      const exp = await exportOk('outdoor', ref)
      expect(exp.dataItems.map((i) => i.key)).toEqual(['canoes'])
      expect(exp.dataItems.map((i) => i.id)).not.toContain(first.itemIds[0])
      expect(exp.consent).toEqual([])
    })

    it('an anonymous ref can be erased too', async () => {
      const ref = `anonymousId:${uid('anon')}`
      await writeOk('outdoor', ref, [
        { key: 'page', value: '/x', category: 'user.behavior.browsing', source: 'observed' },
      ])
      const r = await erase('outdoor', ref)
      expect(removedMap(r)).toMatchObject({ data_items: 1, identities: 1 })
      await expectGone('outdoor', ref)
    })

    it('the audit log keeps a person.erase entry for the receipt subject; verify stays ok', async () => {
      const ref = uid('aud')
      await writeOk('outdoor', ref, [
        { key: 'tents', value: 1, category: 'user.behavior.purchase', source: 'observed' },
      ])
      const v = await viewOk('outdoor', ref, 'essential')
      const r = await erase('outdoor', ref)
      const audit = await auditBySubject(r.subject)
      const erased = audit.entries.filter((e) => e.action === 'person.erase')
      expect(erased).toHaveLength(1)
      expect(erased[0]).toMatchObject({
        actor: `key:${keyIdOf(s.keys.server.outdoor)}`,
        brand: 'outdoor',
        subject: r.subject,
        itemIds: [],
      })
      expect(erased[0]?.details).toMatchObject({
        erasureId: r.erasureId,
        scope: 'brand',
        brands: ['outdoor'],
      })
      // Earlier entries about the person remain (pseudonymous), in the same chain.
      expect(audit.entries.map((e) => e.action)).toEqual(
        expect.arrayContaining(['data-items.write', 'policy.view', 'person.erase']),
      )
      // The entries never name the person's ref.
      expect(JSON.stringify(audit)).not.toContain(ref)
      // The pseudonym no longer resolves once the person is erased.
      const byPseudonym = await s.call('GET', `/v1/audit?personId=${v.personId}`, { key: s.keys.admin })
      expect(byPseudonym.statusCode).toBe(200)
      expect((byPseudonym.json() as AuditBody).entries).toEqual([])
      await verifyOk()
    })

    it("erasure at one brand leaves the linked person's data at the other brand intact", async () => {
      const { o, b, email } = await linkedPair()
      await consent('outdoor', o, { purpose: 'personalization', state: 'granted' })
      await consent('baby', b, { purpose: 'personalization', state: 'granted' })
      await consent('outdoor', o, { purpose: 'cross_brand_sharing', state: 'granted' })
      await consent('baby', b, { purpose: 'cross_brand_sharing', state: 'granted' })
      const viewBefore = await viewOk('outdoor', o, 'personalization')
      expect(viewBefore.items.map((i) => `${i.brand}/${i.key}`).sort()).toEqual([
        'baby/email',
        'baby/strollers',
        'outdoor/email',
        'outdoor/tents',
      ])
      const outdoorExportBefore = await exportOk('outdoor', o)

      const r = await erase('baby', b)
      expect(r.brands).toEqual(['baby'])
      expect(removedMap(r)).toMatchObject({ data_items: 2, consent_records: 2, identities: 1, persons: 0 })
      await expectGone('baby', b)

      const outdoorExportAfter = await exportOk('outdoor', o)
      expect(outdoorExportAfter.dataItems).toEqual(outdoorExportBefore.dataItems)
      expect(outdoorExportAfter.identities).toEqual(outdoorExportBefore.identities)
      expect(outdoorExportAfter.consent.map((c) => c.id)).toEqual(
        expect.arrayContaining(
          outdoorExportBefore.consent.filter((c) => c.purpose === 'personalization').map((c) => c.id),
        ),
      )
      expect(outdoorExportAfter.dataItems.find((i) => i.key === 'email')?.value).toBe(email)
      // Baby's items are gone from outdoor's view; outdoor's own remain usable.
      const viewAfter = await viewOk('outdoor', o, 'personalization')
      expect(viewAfter.personId).toBe(viewBefore.personId)
      expect(viewAfter.items.map((i) => `${i.brand}/${i.key}`).sort()).toEqual([
        'outdoor/email',
        'outdoor/tents',
      ])
      expect(viewAfter.excluded).toEqual([])
      await verifyOk()
    })

    it('erasure at one brand keeps the other brand able to erase its own part later', async () => {
      const { o, b } = await linkedPair()
      await erase('outdoor', o)
      await expectGone('outdoor', o)
      expect((await exportOk('baby', b)).dataItems.map((i) => i.key).sort()).toEqual(['email', 'strollers'])
      const r = await erase('baby', b)
      expect(removedMap(r)).toMatchObject({ data_items: 2, identities: 1, persons: 1 })
      await expectGone('baby', b)
    })

    it('admin DELETE ?scope=all_brands&brand=… erases the person everywhere', async () => {
      const { o, b } = await linkedPair()
      const h = uid('eh')
      await consent('outdoor', o, { purpose: 'personalization', state: 'granted' })
      await consent('baby', b, { purpose: 'analytics', state: 'granted' })
      const res = await s.call('DELETE', `/v1/persons/${o}?scope=all_brands&brand=outdoor`, {
        key: s.keys.admin,
      })
      expect(res.statusCode, res.body).toBe(200)
      const r = res.json() as Receipt
      expect(r.scope).toBe('all_brands')
      expect(r.brands).toEqual(['baby', 'outdoor'])
      expect(r.keysDestroyed).toBe(2)
      expect(removedMap(r)).toMatchObject({ data_items: 4, consent_records: 2, identities: 2, persons: 1 })
      await expectGone('outdoor', o)
      await expectGone('baby', b)
      // Another person is untouched.
      await writeOk('home', h, [
        { key: 'lamps', value: 1, category: 'user.behavior.purchase', source: 'observed' },
      ])
      expect((await exportOk('home', h)).dataItems.map((i) => i.key)).toEqual(['lamps'])
      const audit = await auditBySubject(r.subject)
      const entry = audit.entries.find((e) => e.action === 'person.erase')
      expect(entry).toMatchObject({ actor: `key:${keyIdOf(s.keys.admin)}`, brand: 'outdoor' })
      expect(entry?.details).toMatchObject({ scope: 'all_brands', brands: ['baby', 'outdoor'] })
      await verifyOk()
    })

    it('admin DELETE of an unknown ref at the named brand → 404', async () => {
      const res = await s.call('DELETE', `/v1/persons/${uid('nobody')}?scope=all_brands&brand=outdoor`, {
        key: s.keys.admin,
      })
      expectError(res, 404, 'person-not-found', 'ref')
    })

    it('?suppress=true → later data for the same userId at that brand → 409 person-suppressed', async () => {
      const ref = uid('sup')
      await writeOk('outdoor', ref, [
        { key: 'tents', value: 1, category: 'user.behavior.purchase', source: 'observed' },
      ])
      const r = await erase('outdoor', ref, '?suppress=true')
      expect(r.suppressed).toBe(true)
      await expectGone('outdoor', ref)
      const again = await s.call('POST', `/v1/persons/${ref}/data-items`, {
        key: s.keys.server.outdoor,
        body: { items: [{ key: 'tents', value: 5, category: 'user.behavior.purchase', source: 'observed' }] },
      })
      expectError(again, 409, 'person-suppressed', 'ref')
      const c = await s.call('POST', `/v1/persons/${ref}/consent`, {
        key: s.keys.server.outdoor,
        body: { purpose: 'personalization', state: 'granted' },
      })
      expectError(c, 409, 'person-suppressed', 'ref')
      await expectGone('outdoor', ref)
      // The same userId at another brand is another brand's identifier: still accepted.
      const other = await s.call('POST', `/v1/persons/${ref}/data-items`, {
        key: s.keys.server.home,
        body: { items: [{ key: 'lamps', value: 1, category: 'user.behavior.purchase', source: 'observed' }] },
      })
      expect(other.statusCode).toBe(200)
    })

    it('without suppress the same userId may come back', async () => {
      const ref = uid('nosup')
      await writeOk('outdoor', ref, [
        { key: 'a', value: 1, category: 'user.behavior.purchase', source: 'observed' },
      ])
      const r = await erase('outdoor', ref, '?suppress=false')
      expect(r.suppressed).toBe(false)
      expect(
        (await writeOk('outdoor', ref, [{ key: 'b', value: 2, category: 'user.name', source: 'stated' }]))
          .created,
      ).toBe(true)
    })

    it('a bad suppress or scope value → 400 naming the query field; nothing erased', async () => {
      const ref = uid('badq')
      await writeOk('outdoor', ref, [
        { key: 'a', value: 1, category: 'user.behavior.purchase', source: 'observed' },
      ])
      const a = await s.call('DELETE', `/v1/persons/${ref}?suppress=maybe`, { key: s.keys.server.outdoor })
      expect(a.statusCode).toBe(400)
      expect(errorOf(a).code).toBe('invalid-request')
      expect(errorOf(a).field).toMatch(/suppress$/)
      const b = await s.call('DELETE', `/v1/persons/${ref}?scope=everything`, { key: s.keys.server.outdoor })
      expect(b.statusCode).toBe(400)
      expect(errorOf(b).field).toMatch(/scope$/)
      expect((await exportOk('outdoor', ref)).dataItems.map((i) => i.key)).toEqual(['a'])
    })

    it('the audit chain verifies after several erasures', async () => {
      const v = await verifyOk()
      expect(v.entries).toBeGreaterThan(0)
    })
  })
}
