import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseIsoTimestamp } from './parse-timestamp.js'

describe('parseIsoTimestamp', () => {
  it.each([
    ['1970-01-01T00:00:01Z', 1000],
    ['1970-01-01T00:00:01.5Z', 1500],
    ['1970-01-01T00:00:01.123456789Z', 1123],
    ['1970-01-01T02:00:00+02:00', 0],
    ['1970-01-01T02:00:00+0200', 0],
    ['1970-01-01T02:00:00+02', 0],
    ['1969-12-31T22:00:00-02:00', 0],
    ['1970-01-01T00:00:00', 0],
    ['1970-01-01 00:00:00Z', 0],
    ['1970-01-02', 86_400_000],
  ])('%s → %d', (input, expected) => {
    expect(parseIsoTimestamp(input)).toBe(expected)
  })

  it('keeps two-digit years as they are (year 99, not 1999)', () => {
    const d = new Date(0)
    d.setUTCFullYear(99, 0, 1)
    expect(parseIsoTimestamp('0099-01-01T00:00:00Z')).toBe(d.getTime())
  })

  it.each([
    '',
    'yesterday',
    '2024-13-01',
    '2024-02-30',
    '2024-01-01T25:00:00Z',
    '2024-01-01T10:00:00+25:00',
    '1714557600000',
    '2024-1-1',
  ])('refuses %j', (input) => {
    expect(parseIsoTimestamp(input)).toBeUndefined()
  })

  it('property: round-trips Date#toISOString', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0001-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        (date) => {
          expect(parseIsoTimestamp(date.toISOString())).toBe(date.getTime())
        },
      ),
    )
  })
})
