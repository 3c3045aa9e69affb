import { GppModel } from '@iabgpp/cmpapi'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeTestTcString } from '../../src/modules/consent/signals/fake-vendor-list.js'
import { DIALECTS } from '../support/dialects.js'
import { createTestServer, type TestServer } from '../support/http.js'

interface Recorded {
  purpose: string
  state: string
  source: string
  evidence: string | null
  sensitiveCategory: string | null
}
interface SignalBody {
  kind: string
  cmpId: number | null
  vendorConsent: boolean | null
  recorded: Recorded[]
  skipped: { purpose: string; reason: string }[]
}

const byPurpose = (recorded: Recorded[]) =>
  Object.fromEntries(recorded.filter((r) => r.sensitiveCategory === null).map((r) => [r.purpose, r.state]))

for (const dialect of DIALECTS) {
  describe(`consent signals over HTTP on ${dialect}`, () => {
    let s: TestServer
    let key: string
    beforeAll(async () => {
      s = await createTestServer(dialect, { tcfVendorId: 755 })
      key = s.keys.server.outdoor as string
    })
    afterAll(() => s.close())

    const post = (ref: string, body: unknown, headers: Record<string, string> = {}) =>
      s.call('POST', `/v1/persons/${ref}/consent-signal`, { key, body, headers })

    it('records every mapped purpose of a TC string with all purposes consented, with evidence', async () => {
      const tc = encodeTestTcString({
        purposes: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
        specialFeatures: [1],
        vendors: [755],
      })
      const res = await post('tc-all', { tcString: tc })
      expect(res.statusCode).toBe(200)
      const body = res.json() as SignalBody
      expect(body).toMatchObject({ kind: 'tcf', cmpId: 300, vendorConsent: true })
      expect(byPurpose(body.recorded)).toEqual({
        advertising: 'granted',
        personalization: 'granted',
        analytics: 'granted',
      })
      for (const r of body.recorded) {
        expect(r.source).toBe('tcf')
        expect(JSON.parse(r.evidence ?? '{}')).toMatchObject({ raw: tc, cmpId: 300 })
      }
      expect(body.recorded).toContainEqual(
        expect.objectContaining({
          sensitiveCategory: 'user.location.precise',
          state: 'granted',
          purpose: 'personalization',
        }),
      )
    })

    it('records denials for what a TC string does not consent to (only purpose 1)', async () => {
      const res = await post('tc-p1', { tcString: encodeTestTcString({ purposes: [1] }) })
      expect(res.statusCode).toBe(200)
      expect(byPurpose((res.json() as SignalBody).recorded)).toEqual({
        advertising: 'denied',
        personalization: 'denied',
        analytics: 'denied',
      })
    })

    it('needs every TCF purpose mapped to a Candor purpose (1, 3, 4 → advertising stays denied) and reports vendor consent', async () => {
      const res = await post('tc-134', {
        tcString: encodeTestTcString({ purposes: [1, 3, 4], vendors: [755] }),
      })
      const body = res.json() as SignalBody
      expect(body.vendorConsent).toBe(true)
      expect(byPurpose(body.recorded).advertising).toBe('denied')
    })

    it('refuses a v1 string, garbage and a truncated string with 400 naming the problem, and records nothing', async () => {
      const cases: [unknown, string][] = [
        [{ tcString: encodeTestTcString({ purposes: [1, 2], version: 1 }) }, 'unsupported-signal-version'],
        [{ tcString: 'not a tc string !!' }, 'malformed-signal'],
        [{ tcString: encodeTestTcString({ purposes: [1, 2] }).slice(0, 12) }, 'malformed-signal'],
        [{ gppString: '%%%' }, 'malformed-signal'],
      ]
      for (const [body, code] of cases) {
        const res = await post('tc-bad', body)
        expect(res.statusCode).toBe(400)
        expect((res.json() as { error: { code: string; field: string } }).error).toMatchObject({ code })
      }
      expect((await s.call('GET', '/v1/persons/tc-bad/consent', { key })).statusCode).toBe(404)
      const both = await post('tc-bad', { tcString: 'a', gppString: 'b' })
      expect(both.statusCode).toBe(400)
    })

    it('records a GPP usnat opt-out as an advertising denial, and the policy view follows the ledger', async () => {
      const model = new GppModel()
      model.setFieldValue('usnat', 'SaleOptOut', 1)
      model.setFieldValue('usnat', 'TargetedAdvertisingOptOut', 1)
      const res = await post('gpp-1', { gppString: model.encode() })
      expect(res.statusCode).toBe(200)
      const body = res.json() as SignalBody
      expect(body.kind).toBe('gpp')
      expect(byPurpose(body.recorded)).toEqual({ advertising: 'denied' })
      await s.call('POST', '/v1/persons/gpp-1/data-items', {
        key,
        body: {
          items: [{ key: 'fav', value: 'kayaks', category: 'user.preference.stated', source: 'stated' }],
        },
      })
      const view = (await s.call('GET', '/v1/persons/gpp-1?purpose=advertising', { key })).json() as {
        excluded: { reason: string }[]
      }
      expect(view.excluded).toEqual([expect.objectContaining({ reason: 'no-consent' })])
    })

    it('a TC string then changes the policy view: personalization granted by TCF purposes 5 and 6', async () => {
      await s.call('POST', '/v1/persons/tc-view/data-items', {
        key,
        body: {
          items: [{ key: 'fav', value: 'tents', category: 'user.preference.stated', source: 'stated' }],
        },
      })
      const before = (await s.call('GET', '/v1/persons/tc-view?purpose=personalization', { key })).json() as {
        items: unknown[]
      }
      expect(before.items).toEqual([])
      await post('tc-view', { tcString: encodeTestTcString({ purposes: [1, 5, 6] }) })
      const after = (await s.call('GET', '/v1/persons/tc-view?purpose=personalization', { key })).json() as {
        items: { key: string }[]
      }
      expect(after.items.map((i) => i.key)).toEqual(['fav'])
    })

    it('never lets an older TC string override a GPC opt-out', async () => {
      const ref = 'gpc-then-tc'
      const person = await s.candor.transaction(async (st) => {
        const { personId } = await s.candor.persons.resolveOrCreate(st, 'outdoor', {
          kind: 'user',
          value: ref,
        })
        await s.candor.consentSignals.recordGpcIn(st, {
          brandId: 'outdoor',
          personId,
          ref: { kind: 'user', value: ref },
          actor: 'test',
        })
        return personId
      })
      expect(person).toMatch(/^per_/)
      // The TC string was last updated in 2024: older than today's GPC opt-out, so advertising stays denied.
      const res = await post(ref, {
        tcString: encodeTestTcString({ purposes: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] }),
      })
      const body = res.json() as SignalBody
      expect(body.skipped).toEqual([{ purpose: 'advertising', reason: 'gpc-opt-out-is-newer' }])
      expect(byPurpose(body.recorded)).toEqual({ personalization: 'granted', analytics: 'granted' })
      const consent = (await s.call('GET', `/v1/persons/${ref}/consent`, { key })).json() as {
        current: { purpose: string; granted: boolean; source: string | null }[]
      }
      expect(consent.current.find((c) => c.purpose === 'advertising')).toMatchObject({
        granted: false,
        source: 'gpc',
      })
      // A newer TC string (dated after the opt-out) is the person's more recent explicit choice.
      const fresh = await post(ref, {
        tcString: encodeTestTcString({ purposes: [1, 2, 3, 4], date: new Date(Date.now() + 2 * 86_400_000) }),
      })
      expect(byPurpose((fresh.json() as SignalBody).recorded).advertising).toBe('granted')
    })
  })
}
