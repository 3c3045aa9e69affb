import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CandorError } from './errors.js'
import { identifierProblem } from './identifier.js'
import { formatPersonRef, parsePersonRef } from './person-ref.js'

describe('parsePersonRef', () => {
  it('reads userIds and anonymousId:<id>', () => {
    expect(parsePersonRef('u-1')).toEqual({ kind: 'user', value: 'u-1' })
    expect(parsePersonRef('anonymousId:abc')).toEqual({ kind: 'anonymous', value: 'abc' })
    expect(parsePersonRef('userId:anonymousId:abc')).toEqual({ kind: 'user', value: 'anonymousId:abc' })
    expect(formatPersonRef({ kind: 'user', value: 'anonymousId:abc' })).toBe('userId:anonymousId:abc')
  })

  it('(property) every userId or anonymousId intake accepts is addressed by its formatted ref', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('user', 'anonymous'),
        fc.string({ minLength: 1, maxLength: 256 }),
        (kind, value) => {
          if (identifierProblem(value) !== undefined) return
          const ref =
            kind === 'user' ? ({ kind: 'user', value } as const) : ({ kind: 'anonymous', value } as const)
          expect(parsePersonRef(formatPersonRef(ref))).toEqual(ref)
        },
      ),
    )
  })

  it('refuses empty, over-long and control-character refs with invalid-person-ref', () => {
    for (const bad of ['', 'anonymousId:', 'x'.repeat(257), 'a\nb']) {
      expect(() => parsePersonRef(bad)).toThrow(CandorError)
    }
  })

  it('(property) never throws anything but CandorError, and round-trips what it accepts', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (raw) => {
        try {
          const ref = parsePersonRef(raw)
          expect(parsePersonRef(formatPersonRef(ref))).toEqual(ref)
        } catch (error) {
          expect(error).toBeInstanceOf(CandorError)
          expect((error as CandorError).code).toBe('invalid-person-ref')
        }
      }),
    )
  })

  it('(property) any stored id, control characters included, is addressed by its formatted (escaped) ref', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('user', 'anonymous'),
        fc.string({ minLength: 1, maxLength: 256, unit: 'binary' }),
        (kind, value) => {
          const ref =
            kind === 'user' ? ({ kind: 'user', value } as const) : ({ kind: 'anonymous', value } as const)
          expect(parsePersonRef(formatPersonRef(ref))).toEqual(ref)
        },
      ),
    )
    expect(formatPersonRef({ kind: 'user', value: 'tab\tuser' })).toBe('escaped:userId:tab\\u0009user')
    expect(formatPersonRef({ kind: 'user', value: 'escaped:x' })).toBe('userId:escaped:x')
    expect(parsePersonRef('escaped:anonymousId:a\\\\b\\u0000')).toEqual({
      kind: 'anonymous',
      value: 'a\\b\u0000',
    })
  })
})
