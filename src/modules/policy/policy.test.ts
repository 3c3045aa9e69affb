import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { consentRecord } from '../../../test/support/fixtures.js'
import { DEFAULT_PURPOSES } from '../../config/config-schema.js'
import { type ConsentRecord, ConsentState } from '../consent/index.js'
import { createDataCategoryTaxonomy } from '../data-items/index.js'
import { EXCLUSION_REASONS, evaluatePolicy, type PolicyItem } from './policy.js'

const taxonomy = createDataCategoryTaxonomy()
const rules = {
  confidenceThreshold: 0.6,
  isSensitiveCategory: (c: string) => taxonomy.isSensitive(c),
  isEssentialCategory: (c: string) => taxonomy.isEssential(c),
}
const BRANDS = ['a', 'b', 'c'] as const
const PURPOSES = Object.keys(DEFAULT_PURPOSES)
const CATEGORIES = [
  'user.contact.email',
  'user.behavior.purchase',
  'user.demographic.gender',
  'user.health',
  'user.inferred.interest',
  'user.location.precise',
]
const NOW = 1_800_000_000_000

const itemArb = fc.record({
  id: fc.uuid(),
  brandId: fc.constantFrom(...BRANDS),
  key: fc.constantFrom('email', 'gender', 'hiking', 'order'),
  category: fc.constantFrom(...CATEGORIES),
  source: fc.constantFrom('stated', 'observed', 'inferred', 'third_party'),
  expiresAt: fc.option(fc.integer({ min: NOW - 1000, max: NOW + 1000 }), { nil: null }),
  confidence: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
  rejectedAt: fc.option(fc.constant(NOW - 5), { nil: null }),
})

let seq = 0
const recordArb: fc.Arbitrary<ConsentRecord> = fc
  .record({
    scope: fc.constantFrom('brand', 'all_brands'),
    brand: fc.constantFrom(...BRANDS),
    purpose: fc.constantFrom(...PURPOSES),
    state: fc.constantFrom('granted', 'denied', 'withdrawn'),
    sensitiveCategory: fc.option(
      fc.constantFrom('user.demographic', 'user.demographic.gender', 'user.health'),
      { nil: null },
    ),
    at: fc.integer({ min: NOW - 100_000, max: NOW }),
  })
  .map((r) => ({
    id: `cns_${seq++}`,
    personId: 'p',
    scope: r.scope as ConsentRecord['scope'],
    brandId: r.scope === 'brand' ? r.brand : null,
    capturedBy: r.brand,
    purpose: r.purpose,
    state: r.state as ConsentRecord['state'],
    sensitiveCategory: r.sensitiveCategory,
    sensitiveTopic: null,
    source: 'api',
    basis: 'consent',
    evidence: null,
    policyVersion: '1',
    recordedAt: r.at,
    recordedSeq: seq,
  }))

const scenario = fc.record({
  items: fc.array(itemArb, { maxLength: 12 }),
  records: fc.array(recordArb, { maxLength: 20 }),
  brand: fc.constantFrom(...BRANDS),
  purpose: fc.constantFrom(...PURPOSES),
})

function run(s: { items: PolicyItem[]; records: ConsentRecord[]; brand: string; purpose: string }) {
  const state = new ConsentState(s.records, DEFAULT_PURPOSES)
  return {
    state,
    decision: evaluatePolicy(s.items, state, { brandId: s.brand, purpose: s.purpose, now: NOW }, rules),
  }
}

describe('the policy engine (properties)', () => {
  it('never returns an item twice, and every listed item is either allowed or excluded', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { decision } = run(s)
        const ids = [...decision.allowed.map((a) => a.item.id), ...decision.excluded.map((e) => e.item.id)]
        expect(new Set(ids).size).toBe(ids.length)
        for (const e of decision.excluded) expect(EXCLUSION_REASONS).toContain(e.reason)
      }),
    )
  })

  it('rule 1: without consent for (brand, purpose) nothing is allowed (essential needs none)', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { state, decision } = run(s)
        if (s.purpose !== 'essential' && !state.isGranted(s.brand, s.purpose))
          expect(decision.allowed).toEqual([])
      }),
    )
  })

  it("rule 2: another brand's item appears — allowed or excluded — only when cross-brand sharing covers both brands", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { state, decision } = run(s)
        for (const { item } of decision.allowed) {
          if (item.brandId !== s.brand) {
            expect(state.isGranted(item.brandId, 'cross_brand_sharing')).toBe(true)
            expect(state.isGranted(s.brand, 'cross_brand_sharing')).toBe(true)
          }
        }
        // Not even its key, category or reason: an excluded item of another brand is one the person shared.
        for (const e of decision.excluded) {
          if (e.item.brandId !== s.brand) expect(state.sharingAllowed(e.item.brandId, s.brand)).toBe(true)
        }
      }),
    )
  })

  it('rule 3: a sensitive category appears only with an explicit opt-in for it and the purpose (or in aggregate for fairness_audit)', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { state, decision } = run(s)
        for (const { item } of decision.allowed) {
          if (!taxonomy.isSensitive(item.category) || s.purpose === 'fairness_audit') continue
          expect(state.sensitiveCategory(s.brand, s.purpose, item.category).granted).toBe(true)
        }
      }),
    )
  })

  it('rule 4: expired, low-confidence inferred and rejected items never appear', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { decision } = run(s)
        for (const { item } of decision.allowed) {
          expect(item.rejectedAt).toBeNull()
          if (item.expiresAt !== null) expect(item.expiresAt).toBeGreaterThan(NOW)
          if (item.source === 'inferred') expect(item.confidence ?? 0).toBeGreaterThanOrEqual(0.6)
        }
      }),
    )
  })

  it('rule 5: a later withdrawal removes everything for that purpose at that brand', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        fc.pre(s.purpose !== 'essential')
        const withdrawal = consentRecord({
          id: 'cns_last',
          brandId: s.brand,
          capturedBy: s.brand,
          purpose: s.purpose,
          state: 'withdrawn',
          recordedAt: NOW + 1,
        })
        const { decision } = run({ ...s, records: [...s.records, withdrawal] })
        expect(decision.allowed).toEqual([])
      }),
    )
  })

  it('essential admits only essential, non-sensitive categories', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { decision } = run({ ...s, purpose: 'essential' })
        for (const { item } of decision.allowed) {
          expect(taxonomy.isEssential(item.category)).toBe(true)
          expect(taxonomy.isSensitive(item.category)).toBe(false)
        }
      }),
    )
  })
})
