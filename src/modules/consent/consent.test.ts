import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { consentRecord } from '../../../test/support/fixtures.js'
import { DEFAULT_PURPOSES } from '../../config/config-schema.js'
import { type ConsentRecord, ConsentState } from './consent.js'

let n = 0
/** A fresh entry each call: ids and times increase. */
function rec(over: Partial<ConsentRecord>): ConsentRecord {
  n++
  return consentRecord({
    id: `cns_${String(n).padStart(6, '0')}`,
    recordedAt: 1000 + n,
    recordedSeq: n,
    ...over,
  })
}

describe('ConsentState', () => {
  it('applies purpose defaults: opt-in purposes are denied and essential granted when nothing was recorded', () => {
    const s = new ConsentState([], { ...DEFAULT_PURPOSES, analytics: { default: 'opt-out' } })
    expect(s.isGranted('a', 'personalization')).toBe(false)
    expect(s.isGranted('a', 'analytics')).toBe(true)
    expect(s.isGranted('a', 'essential')).toBe(true)
  })

  it('lets the latest entry covering the brand decide, whatever the input order', () => {
    const grant = rec({ state: 'granted', recordedAt: 1 })
    const withdraw = rec({ state: 'withdrawn', recordedAt: 2 })
    expect(new ConsentState([withdraw, grant], DEFAULT_PURPOSES).isGranted('a', 'personalization')).toBe(
      false,
    )
    expect(
      new ConsentState([grant, withdraw], DEFAULT_PURPOSES).decide('a', 'personalization').record?.id,
    ).toBe(withdraw.id)
  })

  it('applies an all-brands choice to every brand and a brand choice to that brand only', () => {
    const s = new ConsentState(
      [
        rec({ scope: 'all_brands', brandId: null, purpose: 'cross_brand_sharing' }),
        rec({ brandId: 'b', purpose: 'analytics' }),
      ],
      DEFAULT_PURPOSES,
    )
    expect(s.isGranted('a', 'cross_brand_sharing')).toBe(true)
    expect(s.isGranted('c', 'cross_brand_sharing')).toBe(true)
    expect(s.sharingAllowed('a', 'c')).toBe(true)
    expect(s.isGranted('b', 'analytics')).toBe(true)
    expect(s.isGranted('a', 'analytics')).toBe(false)
  })

  it('keeps sensitive opt-ins apart from the purpose and lets a parent category cover its children', () => {
    const s = new ConsentState([rec({ sensitiveCategory: 'user.demographic' })], DEFAULT_PURPOSES)
    expect(s.isGranted('a', 'personalization')).toBe(false)
    expect(s.sensitiveCategory('a', 'personalization', 'user.demographic.gender').granted).toBe(true)
    expect(s.sensitiveCategory('a', 'personalization', 'user.health').granted).toBe(false)
    expect(s.sensitiveCategory('a', 'advertising', 'user.demographic.gender').granted).toBe(false)
  })

  it('(property) the state equals the last matching entry in receipt order, and history keeps every entry', () => {
    const arb = fc.array(
      fc.record({
        scope: fc.constantFrom('brand', 'all_brands'),
        brand: fc.constantFrom('a', 'b'),
        state: fc.constantFrom('granted', 'denied', 'withdrawn'),
        at: fc.integer({ min: 0, max: 50 }),
      }),
      { maxLength: 30 },
    )
    fc.assert(
      fc.property(arb, fc.constantFrom('a', 'b'), (entries, brand) => {
        const records = entries.map((e, i) =>
          rec({
            scope: e.scope as 'brand',
            brandId: e.scope === 'brand' ? e.brand : null,
            state: e.state as 'granted',
            recordedAt: e.at,
            recordedSeq: i,
          }),
        )
        const s = new ConsentState(records, DEFAULT_PURPOSES)
        const covering = records
          .filter((r) => r.scope === 'all_brands' || r.brandId === brand)
          .sort(
            (x, y) => x.recordedAt - y.recordedAt || x.recordedSeq - y.recordedSeq || (x.id < y.id ? -1 : 1),
          )
        const last = covering[covering.length - 1]
        expect(s.isGranted(brand, 'personalization')).toBe(last ? last.state === 'granted' : false)
        expect(s.history()).toHaveLength(records.length)
      }),
    )
  })

  it('(property) a state of one brand, built from only the entries that apply there, answers for it exactly as the whole ledger does, and refuses other brands', () => {
    const arb = fc.array(
      fc.record({
        scope: fc.constantFrom('brand', 'all_brands'),
        brand: fc.constantFrom('a', 'b', 'c'),
        purpose: fc.constantFrom('personalization', 'advertising', 'cross_brand_sharing'),
        topic: fc.constantFrom(null, 'health', 'health.diet'),
        state: fc.constantFrom('granted', 'denied', 'withdrawn'),
        at: fc.integer({ min: 0, max: 50 }),
      }),
      { maxLength: 30 },
    )
    fc.assert(
      fc.property(arb, fc.constantFrom('a', 'b'), (entries, brand) => {
        const records = entries.map((e, i) =>
          rec({
            scope: e.scope as 'brand',
            brandId: e.scope === 'brand' ? e.brand : null,
            capturedBy: e.brand,
            purpose: e.purpose,
            sensitiveTopic: e.topic,
            state: e.state as 'granted',
            recordedAt: e.at,
            recordedSeq: i,
          }),
        )
        const whole = new ConsentState(records, DEFAULT_PURPOSES)
        const applying = records.filter((r) => r.scope === 'all_brands' || r.brandId === brand)
        const one = new ConsentState(applying, DEFAULT_PURPOSES, brand)
        for (const purpose of ['personalization', 'advertising', 'cross_brand_sharing', 'essential']) {
          expect(one.decide(brand, purpose)).toEqual(whole.decide(brand, purpose))
          for (const topic of ['health', 'health.diet.keto'])
            expect(one.sensitiveTopic(brand, purpose, topic)).toEqual(
              whole.sensitiveTopic(brand, purpose, topic),
            )
        }
        expect(() => one.decide('c', 'personalization')).toThrow(/only the records that apply at/)
        expect(() => one.history()).toThrow()
      }),
    )
  })
})
