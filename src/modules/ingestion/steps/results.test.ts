import { describe, expect, it } from 'vitest'
import { DROP_REASON_DESCRIPTIONS, DROP_REASONS, drop, isDrop, isDropReason, isOk, ok } from './results.js'

describe('results', () => {
  it('ok carries the value', () => {
    expect(ok(42)).toEqual({ type: 'ok', value: 42 })
    expect(isOk(ok(1))).toBe(true)
    expect(isDrop(ok(1))).toBe(false)
  })

  it('drop omits the field key when no field is given', () => {
    expect(drop('invalid-json')).toStrictEqual({ type: 'drop', reason: 'invalid-json' })
    expect(drop('missing-event', 'event')).toStrictEqual({
      type: 'drop',
      reason: 'missing-event',
      field: 'event',
    })
    expect(isDrop(drop('suppressed'))).toBe(true)
  })

  it('reasons are unique kebab-case codes, each described', () => {
    expect(new Set(DROP_REASONS).size).toBe(DROP_REASONS.length)
    for (const reason of DROP_REASONS) {
      expect(reason).toMatch(/^[a-z]+(-[a-z]+)*$/)
      expect(DROP_REASON_DESCRIPTIONS[reason].length).toBeGreaterThan(10)
    }
    expect(Object.keys(DROP_REASON_DESCRIPTIONS).sort()).toEqual([...DROP_REASONS].sort())
  })

  it('keeps the shipped codes (codes are API: append, never rename or remove)', () => {
    expect(DROP_REASONS.slice(0, 16)).toEqual([
      'invalid-json',
      'unsupported-content-type',
      'invalid-message',
      'nesting-too-deep',
      'message-too-large',
      'batch-too-large',
      'invalid-batch',
      'empty-batch',
      'invalid-type',
      'missing-identity',
      'missing-event',
      'missing-previous-id',
      'missing-group-id',
      'invalid-field',
      'duplicate-message-id',
      'suppressed',
    ])
  })

  it('recognizes catalogued reasons only', () => {
    expect(isDropReason('missing-event')).toBe(true)
    expect(isDropReason('Missing-Event')).toBe(false)
    expect(isDropReason(3)).toBe(false)
  })
})
