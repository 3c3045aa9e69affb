import { describe, expect, it } from 'vitest'
import { decodeTcString } from './decode-tc-string.js'
import type { SignalDecision, TcfSignal } from './decoded-signal.js'
import { encodeTestTcString } from './fake-vendor-list.js'
import { createSignalMapping, DEFAULT_SIGNAL_MAPPING } from './signal-mapping.js'

const mapping = DEFAULT_SIGNAL_MAPPING
const ALL_PURPOSES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]

function decodeOk(tcString: string, vendorId?: number, m = mapping): TcfSignal {
  const result = decodeTcString(tcString, vendorId === undefined ? { mapping: m } : { mapping: m, vendorId })
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`)
  return result.value
}

function states(decisions: readonly SignalDecision[]): Record<string, string> {
  return Object.fromEntries(decisions.map((d) => [d.purpose, d.state]))
}

describe('decodeTcString', () => {
  it('grants every mapped purpose and precise location when all purposes and special features are consented', () => {
    const tc = encodeTestTcString({ purposes: ALL_PURPOSES, specialFeatures: [1, 2], vendors: [10, 20, 755] })
    const signal = decodeOk(tc, 755)

    expect(signal).toMatchObject({
      kind: 'tcf',
      version: 2,
      cmpId: 300,
      cmpVersion: 7,
      consentScreen: 2,
      policyVersion: 5,
      vendorListVersion: 42,
      created: '2024-03-05T00:00:00.000Z',
      lastUpdated: '2024-03-05T00:00:00.000Z',
      vendorConsent: true,
      raw: tc,
    })
    expect(signal.decisions).toEqual([
      { purpose: 'advertising', state: 'granted', basis: 'consent', detail: 'tcf purposes 2,3,4' },
      { purpose: 'personalization', state: 'granted', basis: 'consent', detail: 'tcf purposes 5,6' },
      { purpose: 'analytics', state: 'granted', basis: 'consent', detail: 'tcf purposes 7,8,9' },
    ])
    expect(signal.sensitive).toEqual([
      { category: 'user.location.precise', state: 'granted', detail: 'tcf special feature 1' },
    ])
  })

  it('denies every mapped purpose when only purpose 1 (device storage) is consented', () => {
    const signal = decodeOk(encodeTestTcString({ purposes: [1] }))
    expect(states(signal.decisions)).toEqual({
      advertising: 'denied',
      personalization: 'denied',
      analytics: 'denied',
    })
    expect(signal.decisions[0]?.detail).toBe('tcf purposes 2,3,4 (no consent for 2,3,4)')
    expect(signal.sensitive).toEqual([
      { category: 'user.location.precise', state: 'denied', detail: 'tcf special feature 1 (not opted in)' },
    ])
    expect(signal.vendorConsent).toBeUndefined()
  })

  it('denies advertising for purposes 1,3,4 (purpose 2 missing) and reports vendor consent', () => {
    const tc = encodeTestTcString({ purposes: [1, 3, 4], vendors: [755] })
    const signal = decodeOk(tc, 755)
    expect(signal.vendorConsent).toBe(true)
    expect(signal.decisions.find((d) => d.purpose === 'advertising')).toEqual({
      purpose: 'advertising',
      state: 'denied',
      basis: 'consent',
      detail: 'tcf purposes 2,3,4 (no consent for 2)',
    })
    expect(states(signal.decisions)).toEqual({
      advertising: 'denied',
      personalization: 'denied',
      analytics: 'denied',
    })
    expect(decodeOk(tc, 20).vendorConsent).toBe(false)
  })

  it('denies everything when nothing is consented', () => {
    const signal = decodeOk(encodeTestTcString({}), 755)
    expect(signal.vendorConsent).toBe(false)
    expect(signal.decisions.every((d) => d.state === 'denied')).toBe(true)
    expect(signal.decisions).toHaveLength(Object.keys(mapping.tcf.purposes).length)
    expect(signal.sensitive.every((s) => s.state === 'denied')).toBe(true)
  })

  it('denies all purposes without vendor consent when requireVendorConsent is configured', () => {
    const strict = createSignalMapping({ tcf: { requireVendorConsent: true } })
    const tc = encodeTestTcString({ purposes: ALL_PURPOSES, specialFeatures: [1], vendors: [10] })
    const without = decodeOk(tc, 755, strict)
    expect(without.decisions.every((d) => d.state === 'denied')).toBe(true)
    expect(without.decisions[0]?.detail).toBe('tcf purposes 2,3,4; no consent for vendor 755')
    expect(without.sensitive[0]?.state).toBe('denied')
    expect(decodeOk(tc, 10, strict).decisions.every((d) => d.state === 'granted')).toBe(true)
  })

  it('follows a custom mapping: every mapped Candor purpose gets a decision', () => {
    const custom = createSignalMapping({
      tcf: { purposes: { advertising: [2, 3, 4], content_selection: [11] } },
    })
    const signal = decodeOk(encodeTestTcString({ purposes: [11] }), undefined, custom)
    expect(states(signal.decisions)).toEqual({ advertising: 'denied', content_selection: 'granted' })
  })

  it('keeps the day-rounded dates of the string', () => {
    const signal = decodeOk(encodeTestTcString({ purposes: [1], date: new Date('2023-12-31T00:00:00Z') }))
    expect(signal.created).toBe('2023-12-31T00:00:00.000Z')
    expect(signal.lastUpdated).toBe('2023-12-31T00:00:00.000Z')
  })

  it('accepts surrounding whitespace and records the trimmed string', () => {
    const tc = encodeTestTcString({ purposes: [1] })
    expect(decodeOk(`  ${tc}\n`).raw).toBe(tc)
  })

  describe('refuses', () => {
    it('a v1 string encoded by the IAB library (which decodes it without complaint)', () => {
      const v1 = encodeTestTcString({ purposes: [1, 2], version: 1 })
      expect(decodeTcString(v1, { mapping })).toEqual({
        ok: false,
        error: {
          code: 'unsupported-signal-version',
          message: 'TC string has TCF version 1; only version 2 is supported',
        },
      })
    })

    it('the public v1 example string from the TCF v1.1 specification', () => {
      const result = decodeTcString('BOEFEAyOEFEAyAHABDENAI4AAAB9vABAASA', { mapping })
      expect(result.ok).toBe(false)
      expect(!result.ok && result.error.code).toBe('unsupported-signal-version')
    })

    it('an unknown future version', () => {
      const result = decodeTcString('DAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', { mapping })
      expect(!result.ok && result.error.code).toBe('unsupported-signal-version')
    })

    it.each([
      ['garbage words', 'garbage', 'does not start with a core segment'],
      ['non-base64url characters', '!!!not a tc string', 'not base64url'],
      ['whitespace only', '   ', 'is empty'],
      ['an empty string', '', 'is empty'],
      ['only a vendors-disclosed segment (no core)', 'IAAAA', 'does not start with a core segment'],
      ['an over-long input', `C${'A'.repeat(20_000)}`, 'longer than 10240 characters'],
    ])('%s as malformed-signal', (_label, input, messagePart) => {
      const result = decodeTcString(input, { mapping })
      expect(result.ok).toBe(false)
      if (result.ok) return
      expect(result.error.code).toBe('malformed-signal')
      expect(result.error.message).toContain(messagePart)
    })

    it('a truncated string as malformed-signal naming the decoding problem', () => {
      const tc = encodeTestTcString({ purposes: ALL_PURPOSES, vendors: [755] })
      const core = tc.split('.')[0] ?? ''
      for (const cut of [1, 5, 13, Math.floor(core.length / 2), core.length - 8]) {
        const result = decodeTcString(tc.slice(0, cut), { mapping })
        expect(result.ok, `cut at ${cut}`).toBe(false)
        if (result.ok) continue
        expect(result.error.code).toBe('malformed-signal')
        expect(result.error.message).toMatch(/^TC string could not be decoded: /)
      }
    })

    it('a GPP string, pointing to gppString', () => {
      const result = decodeTcString('DBABLA~CAAZAAAAAABA.YA', { mapping })
      expect(!result.ok && result.error).toEqual({
        code: 'malformed-signal',
        message: 'TC string looks like a GPP string; send it as gppString',
      })
    })

    it('a non-string value from an untyped caller', () => {
      const result = decodeTcString(42 as unknown as string, { mapping })
      expect(!result.ok && result.error).toEqual({
        code: 'malformed-signal',
        message: 'TC string must be a string',
      })
    })
  })

  it('throws only for a misconfigured vendor id (a caller bug, not bad input)', () => {
    expect(() => decodeTcString('x', { mapping, vendorId: 0 })).toThrow(RangeError)
    expect(() => decodeTcString('x', { mapping, vendorId: 1.5 })).toThrow(RangeError)
  })
})
