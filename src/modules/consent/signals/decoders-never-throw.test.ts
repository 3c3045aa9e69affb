import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeGppString } from './decode-gpp-string.js'
import { decodeTcString } from './decode-tc-string.js'
import { SIGNAL_ERROR_CODES } from './decoded-signal.js'
import { encodeTestTcString } from './fake-vendor-list.js'
import { mapCategoryPreferences } from './map-category-preferences.js'
import { DEFAULT_SIGNAL_MAPPING } from './signal-mapping.js'

const mapping = DEFAULT_SIGNAL_MAPPING
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split('')

const validTc = encodeTestTcString({ purposes: [1, 2, 3, 4, 7], specialFeatures: [1], vendors: [10, 755] })
const validGpp = `DBACNYA~${validTc}~1YNN`

/** Arbitrary strings, plus strings that look like signals: base64url runs with `.` and `~`, mutations of valid ones. */
const signalLike = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 100 }),
  fc.array(fc.constantFrom(...BASE64URL, '.', '~'), { maxLength: 120 }).map((cs) => cs.join('')),
  fc
    .tuple(
      fc.constantFrom('C', 'B', 'D', 'DB', 'DBAB', 'DBABMA~', 'DBACNYA~C'),
      fc.array(fc.constantFrom(...BASE64URL, '.', '~'), { maxLength: 80 }),
    )
    .map(([p, cs]) => p + cs.join('')),
  fc
    .tuple(fc.constantFrom(validTc, validGpp), fc.nat(), fc.constantFrom(...BASE64URL, '.', '~', ''))
    .map(([s, i, c]) => {
      const at = i % s.length
      return s.slice(0, at) + c + s.slice(at + 1)
    }),
  fc.tuple(fc.constantFrom(validTc, validGpp), fc.nat()).map(([s, i]) => s.slice(0, i % s.length)),
)

function expectResultShape(result: { ok: boolean; error?: { code: string; message: string } }): void {
  if (result.ok) return
  expect(SIGNAL_ERROR_CODES).toContain(result.error?.code)
  expect(result.error?.message.length).toBeGreaterThan(0)
  expect(result.error?.message.length).toBeLessThan(400)
}

describe('decoders never throw', () => {
  it('decodeTcString returns ok or a catalogued error for any string', () => {
    fc.assert(
      fc.property(signalLike, (input) => {
        expectResultShape(decodeTcString(input, { mapping, vendorId: 755 }))
      }),
      { numRuns: 1500 },
    )
  })

  it('decodeGppString returns ok or a catalogued error for any string', () => {
    fc.assert(
      fc.property(signalLike, (input) => {
        expectResultShape(decodeGppString(input, { mapping, vendorId: 755 }))
      }),
      { numRuns: 1500 },
    )
  })

  it('a successful TCF decode always decides every mapped purpose', () => {
    fc.assert(
      fc.property(signalLike, (input) => {
        const result = decodeTcString(input, { mapping })
        if (result.ok) {
          expect(result.value.decisions.map((d) => d.purpose)).toEqual(Object.keys(mapping.tcf.purposes))
        }
      }),
      { numRuns: 500 },
    )
  })

  it('mapCategoryPreferences never throws on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const outcome = mapCategoryPreferences(value, mapping)
        expect(Array.isArray(outcome.decisions)).toBe(true)
      }),
    )
  })
})
