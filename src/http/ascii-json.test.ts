import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { asciiJson } from './ascii-json.js'

describe('asciiJson', () => {
  it('is ASCII and parses to the same value, for any JSON value (emoji and lone surrogates included)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: 'binary' }), (value, text) => {
        for (const v of [value, { text }]) {
          const out = asciiJson(JSON.stringify(v))
          expect(out).not.toMatch(/[\u0080-\uffff]/)
          expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(v)))
        }
      }),
      { numRuns: 500 },
    )
  })

  it('escapes as \\uXXXX and leaves ASCII text as it is', () => {
    expect(asciiJson('"11 Oct – 22 Nov"')).toBe('"11 Oct \\u2013 22 Nov"')
    const ascii = '{"a":"plain"}'
    expect(asciiJson(ascii)).toBe(ascii)
  })
})
