import { GppModel } from '@iabgpp/cmpapi'
import { describe, expect, it } from 'vitest'
import { decodeGppString } from './decode-gpp-string.js'
import type { GppSignal } from './decoded-signal.js'
import { encodeTestTcString } from './fake-vendor-list.js'
import { createSignalMapping, DEFAULT_SIGNAL_MAPPING, type SignalMapping } from './signal-mapping.js'

const mapping = DEFAULT_SIGNAL_MAPPING

type FieldValue = number | string | boolean | number[] | boolean[]

/** Builds a GPP string with the IAB GPP library: `{ usnat: { SaleOptOut: 1 } }` → `DBAB…~…`. */
function gpp(sections: Record<string, Record<string, FieldValue>>): string {
  const model = new GppModel()
  for (const [section, fields] of Object.entries(sections)) {
    for (const [field, value] of Object.entries(fields)) model.setFieldValue(section, field, value)
  }
  return model.encode()
}

function decodeOk(
  gppString: string,
  options: { mapping?: SignalMapping; vendorId?: number } = {},
): GppSignal {
  const result = decodeGppString(gppString, { mapping: options.mapping ?? mapping, ...options })
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`)
  return result.value
}

function purposeFlags(ids: number[]): boolean[] {
  return Array.from({ length: 24 }, (_, i) => ids.includes(i + 1))
}

describe('decodeGppString', () => {
  describe('US sections', () => {
    it('denies advertising when usnat says the person opted out of sale and targeted advertising', () => {
      const s = gpp({ usnat: { SaleOptOut: 1, SharingOptOut: 2, TargetedAdvertisingOptOut: 1 } })
      const signal = decodeOk(s)
      expect(signal).toMatchObject({
        kind: 'gpp',
        version: 1,
        sections: [{ id: 7, name: 'usnat', understood: true }],
        raw: s,
      })
      expect(signal.tcf).toBeUndefined()
      expect(signal.decisions).toEqual([
        {
          purpose: 'advertising',
          state: 'denied',
          basis: 'consent',
          detail: 'gpp usnat SaleOptOut=1,TargetedAdvertisingOptOut=1 (opted out)',
        },
      ])
    })

    it('grants nothing for "did not opt out" by default, and grants advertising only when configured', () => {
      const s = gpp({ usnat: { SaleOptOut: 2, SharingOptOut: 2, TargetedAdvertisingOptOut: 2 } })
      expect(decodeOk(s).decisions).toEqual([])

      const lenient = createSignalMapping({ gpp: { treatDidNotOptOutAsConsent: true } })
      expect(decodeOk(s, { mapping: lenient }).decisions).toEqual([
        {
          purpose: 'advertising',
          state: 'granted',
          basis: 'consent',
          detail:
            'gpp usnat SaleOptOut=2,SharingOptOut=2,TargetedAdvertisingOptOut=2 (did not opt out, configured as consent)',
        },
      ])
    })

    it('lets one opt-out win over "did not opt out" even when configured as consent', () => {
      const lenient = createSignalMapping({ gpp: { treatDidNotOptOutAsConsent: true } })
      const s = gpp({ usnat: { SaleOptOut: 2, SharingOptOut: 1, TargetedAdvertisingOptOut: 2 } })
      expect(decodeOk(s, { mapping: lenient }).decisions.map((d) => d.state)).toEqual(['denied'])
    })

    it('yields no decision when every field is 0 (not applicable)', () => {
      const signal = decodeOk(
        gpp({ usnat: { SaleOptOut: 0, SharingOptOut: 0, TargetedAdvertisingOptOut: 0 } }),
      )
      expect(signal.decisions).toEqual([])
      expect(signal.sections[0]?.understood).toBe(true)
    })

    it('denies advertising for a GPC flag inside the section', () => {
      const signal = decodeOk(gpp({ usnat: { Gpc: true } }))
      expect(signal.decisions).toEqual([
        { purpose: 'advertising', state: 'denied', basis: 'consent', detail: 'gpp usnat Gpc=true' },
      ])
    })

    it('denies precise location when usnat SensitiveDataProcessing position 8 is opted out', () => {
      const sdp = Array.from({ length: 16 }, (_, i) => (i === 7 ? 1 : 2))
      const signal = decodeOk(gpp({ usnat: { SensitiveDataProcessing: sdp } }))
      expect(signal.sensitive).toEqual([
        {
          category: 'user.location.precise',
          state: 'denied',
          detail: 'gpp usnat SensitiveDataProcessing[8]=1',
        },
      ])
    })

    it('reads state sections: usca SharingOptOut, usva TargetedAdvertisingOptOut, uspv1 OptOutSale', () => {
      const s = gpp({
        usca: { SaleOptOut: 2, SharingOptOut: 1 },
        usva: { TargetedAdvertisingOptOut: 1 },
        uspv1: { Notice: 'Y', OptOutSale: 'Y', LspaCovered: 'N' },
      })
      const signal = decodeOk(s)
      expect(signal.sections.map((x) => x.name)).toEqual(['uspv1', 'usca', 'usva'])
      expect(signal.decisions).toEqual([
        {
          purpose: 'advertising',
          state: 'denied',
          basis: 'consent',
          detail:
            'gpp uspv1 OptOutSale=Y (opted out); gpp usca SharingOptOut=1 (opted out); gpp usva TargetedAdvertisingOptOut=1 (opted out)',
        },
      ])
    })
  })

  describe('embedded tcfeuv2 section', () => {
    it('is decoded with the TCF mapping, a complete statement with CMP metadata and vendor consent', () => {
      const s = gpp({
        tcfeuv2: {
          CmpId: 300,
          CmpVersion: 3,
          ConsentScreen: 1,
          PurposeConsents: purposeFlags([1, 2, 3, 4, 7, 8, 9]),
          SpecialFeatureOptins: [true, ...Array.from({ length: 11 }, () => false)],
          VendorConsents: [755],
        },
      })
      const signal = decodeOk(s, { vendorId: 755 })
      expect(signal.sections).toEqual([{ id: 2, name: 'tcfeuv2', understood: true }])
      expect(signal.tcf).toMatchObject({
        version: 2,
        cmpId: 300,
        cmpVersion: 3,
        consentScreen: 1,
        vendorConsent: true,
      })
      expect(signal.decisions).toEqual([
        { purpose: 'advertising', state: 'granted', basis: 'consent', detail: 'tcf purposes 2,3,4' },
        {
          purpose: 'personalization',
          state: 'denied',
          basis: 'consent',
          detail: 'tcf purposes 5,6 (no consent for 5,6)',
        },
        { purpose: 'analytics', state: 'granted', basis: 'consent', detail: 'tcf purposes 7,8,9' },
      ])
      expect(signal.sensitive).toEqual([
        { category: 'user.location.precise', state: 'granted', detail: 'tcf special feature 1' },
      ])
    })

    it('accepts a TC string encoded by the TCF library, embedded with the GPP library', () => {
      const tc = encodeTestTcString({ purposes: [1, 5, 6], vendors: [10] })
      const model = new GppModel()
      model.decodeSection('tcfeuv2', tc)
      const signal = decodeOk(model.encode(), { vendorId: 10 })
      expect(signal.tcf).toMatchObject({
        cmpId: 300,
        cmpVersion: 7,
        policyVersion: 5,
        vendorListVersion: 42,
        created: '2024-03-05T00:00:00.000Z',
        vendorConsent: true,
      })
      expect(Object.fromEntries(signal.decisions.map((d) => [d.purpose, d.state]))).toEqual({
        advertising: 'denied',
        personalization: 'granted',
        analytics: 'denied',
      })
    })

    it('merges with US sections conservatively: a usnat opt-out beats a TCF grant', () => {
      const s = gpp({
        tcfeuv2: { CmpId: 300, PurposeConsents: purposeFlags([1, 2, 3, 4]) },
        usnat: { SaleOptOut: 1 },
      })
      const advertising = decodeOk(s).decisions.find((d) => d.purpose === 'advertising')
      expect(advertising).toEqual({
        purpose: 'advertising',
        state: 'denied',
        basis: 'consent',
        detail: 'gpp usnat SaleOptOut=1 (opted out)',
      })
    })
  })

  describe('refuses', () => {
    it('a string with no section Candor understands (tcfcav1 only) as unsupported-signal-version', () => {
      const s = gpp({ tcfcav1: { CmpId: 300 } })
      const result = decodeGppString(s, { mapping })
      expect(!result.ok && result.error).toEqual({
        code: 'unsupported-signal-version',
        message: 'GPP string has no section Candor understands (sections: tcfcav1 (5))',
      })
    })

    it('an empty GPP string (header only) as unsupported-signal-version', () => {
      const result = decodeGppString(new GppModel().encode(), { mapping })
      expect(!result.ok && result.error.code).toBe('unsupported-signal-version')
    })

    it('a header of another GPP version as unsupported-signal-version', () => {
      const s = gpp({ usnat: { SaleOptOut: 1 } })
      const result = decodeGppString(`DC${s.slice(2)}`, { mapping })
      expect(!result.ok && result.error).toEqual({
        code: 'unsupported-signal-version',
        message: 'GPP header has version 2; only version 1 is supported',
      })
    })

    it('a section configured out of the mapping', () => {
      const onlyNat = createSignalMapping({ gpp: { sections: ['usnat'] } })
      const result = decodeGppString(gpp({ usca: { SaleOptOut: 1 } }), { mapping: onlyNat })
      expect(!result.ok && result.error.code).toBe('unsupported-signal-version')
    })

    it('a bare TC string as malformed-signal, pointing to tcString', () => {
      const result = decodeGppString(encodeTestTcString({ purposes: [1] }), { mapping })
      expect(!result.ok && result.error.code).toBe('malformed-signal')
      expect(!result.ok && result.error.message).toContain('send it as tcString')
    })

    it.each([
      ['garbage', 'hello world'],
      ['an empty string', ''],
      ['a header alone without sections it announces', 'DBABMA'],
      ['a garbage section', 'DBABMA~garbage!!'],
      ['a blank section', 'DBABMA~'],
      ['a truncated TCF section', 'DBABMA~C'],
      ['too many sections', 'DBABzA~BAAAAAAAAABA.QA~BAAAAAAAAABA.QA'],
      ['an over-long input', `DBABMA~${'A'.repeat(20_000)}`],
    ])('%s as malformed-signal', (_label, input) => {
      const result = decodeGppString(input, { mapping })
      expect(result.ok).toBe(false)
      expect(!result.ok && result.error.code).toBe('malformed-signal')
    })

    it('does not echo the input in error messages', () => {
      const input = 'DBABMA~garbage!!'
      const result = decodeGppString(input, { mapping })
      expect(!result.ok && result.error.message).not.toContain(input)
    })
  })
})
