import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  applySignal,
  DEFAULT_INTEREST_MODEL as cfg,
  confidenceOf,
  emptyInterest,
  type InterestSignal,
  isEstablished,
  scoreAt,
  utcDay,
} from './interest.js'

const DAY = 86_400_000
const T0 = Date.UTC(2026, 10, 1)
const fold = (signals: InterestSignal[]) =>
  signals.reduce(
    (i, s) => applySignal(i, s, cfg, T0),
    emptyInterest('p', 'b', 'outdoors.hiking', 'inferred', T0),
  )

describe('the interest model', () => {
  it('one search or one purchase is not an interest; the same on two distinct days is', () => {
    expect(isEstablished(fold([{ kind: 'purchase', at: T0, messageId: 'm1' }]), cfg)).toBe(false)
    const sameDay = fold([
      { kind: 'view', at: T0, messageId: 'm1' },
      { kind: 'view', at: T0 + 3_600_000, messageId: 'm2' },
    ])
    expect(isEstablished(sameDay, cfg)).toBe(false)
    const twoDays = fold([
      { kind: 'view', at: T0, messageId: 'm1' },
      { kind: 'view', at: T0 + DAY, messageId: 'm2' },
    ])
    expect(isEstablished(twoDays, cfg)).toBe(true)
    expect(twoDays.days).toEqual([utcDay(T0), utcDay(T0) + 1])
    expect(confidenceOf(twoDays, cfg)).toBeGreaterThanOrEqual(0.6)
    expect(confidenceOf(sameDay, cfg)).toBeLessThan(0.6)
  })

  it('weights purchases above carts above views above searches', () => {
    const w = (kind: InterestSignal['kind']) => fold([{ kind, at: T0, messageId: 'm' }]).score
    expect(w('search')).toBeLessThan(w('view'))
    expect(w('view')).toBeLessThan(w('add_to_cart'))
    expect(w('add_to_cart')).toBeLessThan(w('purchase'))
  })

  it('halves the score every half-life', () => {
    const i = fold([{ kind: 'view', at: T0, messageId: 'm' }])
    expect(scoreAt(i, T0 + 30 * DAY, cfg)).toBeCloseTo(i.score / 2, 10)
  })

  it('(property) incremental updates in any order equal one pass in time order', () => {
    const signalArb = fc.record({
      kind: fc.constantFrom('search', 'view', 'add_to_cart', 'purchase'),
      at: fc.integer({ min: T0 - 90 * DAY, max: T0 }),
      messageId: fc.uuid(),
    })
    fc.assert(
      fc.property(fc.array(signalArb, { minLength: 1, maxLength: 30 }), (signals) => {
        const sorted = [...signals].sort((a, b) => a.at - b.at)
        const a = fold(signals as InterestSignal[])
        const b = fold(sorted as InterestSignal[])
        expect(scoreAt(a, T0, cfg)).toBeCloseTo(scoreAt(b, T0, cfg), 6)
        expect(a.days).toEqual(b.days)
        expect(a.signals).toEqual(b.signals)
        expect(a.firstSeen).toBe(b.firstSeen)
        expect(a.lastSeen).toBe(b.lastSeen)
        expect(isEstablished(a, cfg)).toBe(new Set(signals.map((s) => utcDay(s.at))).size >= 2)
      }),
    )
  })
})
