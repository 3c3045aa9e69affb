import { FibonacciIntegerRangeEncoder } from '@iabgpp/cmpapi'
import { describe, expect, it } from 'vitest'
import { decodeGppString } from './decode-gpp-string.js'
import { decodeTcString } from './decode-tc-string.js'
import { MAX_RANGE_IDS } from './range-guards.js'
import { DEFAULT_SIGNAL_MAPPING as mapping } from './signal-mapping.js'

// Hand-built bit strings: the IAB encoders would never write these lists, an attacker would.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

function base64url(bits: string): string {
  const padded = bits.padEnd(Math.ceil(bits.length / 6) * 6, '0')
  let out = ''
  for (let i = 0; i < padded.length; i += 6)
    out += ALPHABET.charAt(Number.parseInt(padded.slice(i, i + 6), 2))
  return out
}

function int(value: number, length: number): string {
  return value.toString(2).padStart(length, '0')
}

const letters = (code: string): string => int(code.charCodeAt(0) - 65, 6) + int(code.charCodeAt(1) - 65, 6)

/** The fixed part of a TCF v2 core segment (213 bits), consent to purposes 1–4. */
function tcCoreHeader(): string {
  const deciseconds = int(17_000_000_000, 36)
  return [
    int(2, 6), // version
    deciseconds, // created
    deciseconds, // lastUpdated
    int(300, 12), // cmpId
    int(7, 12), // cmpVersion
    int(1, 6), // consentScreen
    letters('EN'), // consentLanguage
    int(42, 12), // vendorListVersion
    int(4, 6), // policyVersion
    '0', // isServiceSpecific
    '0', // useNonStandardTexts
    int(0, 12), // special feature opt-ins
    '1111'.padEnd(24, '0'), // purpose consents
    int(0, 24), // purpose legitimate interests
    '0', // purposeOneTreatment
    letters('DE'), // publisherCountryCode
  ].join('')
}

/** `count` entries, each the whole id space 1–65535. */
const wholeRanges = (count: number): string => `1${int(1, 16)}${int(65_535, 16)}`.repeat(count)
const emptyVendorBitField = `${int(0, 16)}0`

describe('id ranges in consent signals are bounded before the libraries expand them', () => {
  it('refuses a GPP header whose section range ends at a Fibonacci number in the trillions (it used to kill the process)', () => {
    const header = [
      int(3, 6), // header id
      int(1, 6), // version
      int(1, 12), // one entry in the section id range
      '1', // a range
      '11', // from 1
      `${'0'.repeat(70)}11`, // to 1 + F(72): about 10^14
    ].join('')
    // Without the guard the library grows one array to ~10^14 elements: V8 aborts the process.
    const result = decodeGppString(`${base64url(header)}~1YNN`, { mapping })
    expect(result).toMatchObject({ ok: false, error: { code: 'malformed-signal' } })
    // The header segment replaces the reason with its own message; the range decoder says it.
    expect(() => FibonacciIntegerRangeEncoder.decode(header.slice(12))).toThrow(
      `more than ${MAX_RANGE_IDS} ids`,
    )
  })

  it('refuses a TC string that lists the whole vendor id space 1,800 times (100 million writes)', () => {
    const bits = [
      tcCoreHeader(),
      int(65_535, 16), // vendor consents: max id
      '1', // range encoding
      int(1_800, 12),
      wholeRanges(1_800),
      emptyVendorBitField, // vendor legitimate interests
      int(0, 12), // no publisher restrictions
    ].join('')
    const tc = base64url(bits)
    expect(tc.length).toBeLessThanOrEqual(10_240)
    const result = decodeTcString(tc, { mapping })
    expect(result).toMatchObject({ ok: false, error: { code: 'malformed-signal' } })
    expect(!result.ok && result.error.message).toContain(`more than ${MAX_RANGE_IDS} ids`)
  })

  it('refuses publisher restrictions that list the whole vendor id space over and over', () => {
    const bits = [
      tcCoreHeader(),
      emptyVendorBitField, // vendor consents
      emptyVendorBitField, // vendor legitimate interests
      int(1, 12), // one restriction
      int(1, 6), // on purpose 1
      int(0, 2), // not allowed
      int(1_000, 12),
      wholeRanges(1_000),
    ].join('')
    const result = decodeTcString(base64url(bits), { mapping })
    expect(result).toMatchObject({ ok: false, error: { code: 'malformed-signal' } })
    expect(!result.ok && result.error.message).toContain(`more than ${MAX_RANGE_IDS} ids`)
  })

  it('still decodes a genuine range that covers the whole id space once', () => {
    const bits = [
      tcCoreHeader(),
      int(65_535, 16),
      '1',
      int(1, 12),
      wholeRanges(1),
      emptyVendorBitField,
      int(0, 12),
    ].join('')
    const result = decodeTcString(base64url(bits), { mapping, vendorId: 755 })
    expect(result).toMatchObject({ ok: true, value: { vendorConsent: true, cmpId: 300 } })
  })
})
