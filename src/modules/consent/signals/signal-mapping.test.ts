import { describe, expect, it } from 'vitest'
import {
  createSignalMapping,
  DEFAULT_SIGNAL_MAPPING,
  mapGppUsSection,
  mapTcfChoices,
  mergeDecisions,
  normalizeCategoryName,
  optOutMeaning,
} from './signal-mapping.js'

const none = new Set<number>()

describe('DEFAULT_SIGNAL_MAPPING', () => {
  it('has the documented TCF defaults: 2-4 advertising, 5-6 personalization, 7-9 analytics, purpose 1 alone nothing', () => {
    expect(DEFAULT_SIGNAL_MAPPING.tcf.purposes).toEqual({
      advertising: [2, 3, 4],
      personalization: [5, 6],
      analytics: [7, 8, 9],
    })
    expect(Object.values(DEFAULT_SIGNAL_MAPPING.tcf.purposes).flat()).not.toContain(1)
    expect(DEFAULT_SIGNAL_MAPPING.tcf.specialFeatures).toEqual([{ id: 1, category: 'user.location.precise' }])
    expect(DEFAULT_SIGNAL_MAPPING.gpp.treatDidNotOptOutAsConsent).toBe(false)
  })

  it('is deeply frozen', () => {
    expect(Object.isFrozen(DEFAULT_SIGNAL_MAPPING.tcf.purposes)).toBe(true)
    expect(Object.isFrozen(DEFAULT_SIGNAL_MAPPING.categoryPreferences.categories)).toBe(true)
  })
})

describe('createSignalMapping', () => {
  it('returns the defaults without overrides, and replaces only the given fields', () => {
    expect(createSignalMapping()).toEqual(DEFAULT_SIGNAL_MAPPING)
    const m = createSignalMapping({ gpp: { treatDidNotOptOutAsConsent: true } })
    expect(m.gpp.treatDidNotOptOutAsConsent).toBe(true)
    expect(m.gpp.optOutFields).toEqual(DEFAULT_SIGNAL_MAPPING.gpp.optOutFields)
    expect(Object.isFrozen(m.gpp)).toBe(true)
  })

  it('normalizes category keys and merges keys that normalize alike', () => {
    const m = createSignalMapping({
      categoryPreferences: {
        categories: { 'Ad Tracking': ['advertising'], ad_tracking: ['cross_brand_sharing'] },
      },
    })
    expect(m.categoryPreferences.categories).toEqual({ adtracking: ['advertising', 'cross_brand_sharing'] })
  })

  it.each([
    ['a TCF purpose outside 1-24', { tcf: { purposes: { advertising: [0] } } }, /1 to 24/],
    ['an empty TCF purpose list', { tcf: { purposes: { advertising: [] } } }, /at least one/],
    ['a special feature outside 1-12', { tcf: { specialFeatures: [{ id: 13, category: 'x' }] } }, /1 to 12/],
    ['an empty purpose name', { gpp: { gpcPurpose: '' } }, /non-empty/],
    ['an empty category key', { categoryPreferences: { categories: { ' ': ['analytics'] } } }, /empty key/],
  ])('rejects %s with a RangeError', (_label, overrides, message) => {
    expect(() => createSignalMapping(overrides)).toThrow(message)
  })
})

describe('mapTcfChoices', () => {
  it('grants a Candor purpose only when every mapped TCF purpose is consented', () => {
    const outcome = mapTcfChoices(
      { purposeConsents: new Set([2, 3, 5, 6]), specialFeatureOptins: none, vendorConsents: none },
      DEFAULT_SIGNAL_MAPPING,
    )
    expect(outcome.decisions.map((d) => [d.purpose, d.state, d.detail])).toEqual([
      ['advertising', 'denied', 'tcf purposes 2,3,4 (no consent for 4)'],
      ['personalization', 'granted', 'tcf purposes 5,6'],
      ['analytics', 'denied', 'tcf purposes 7,8,9 (no consent for 7,8,9)'],
    ])
  })

  it('passes a configured purpose on to the sensitive entry', () => {
    const m = createSignalMapping({
      tcf: { specialFeatures: [{ id: 1, category: 'user.location.precise', purpose: 'personalization' }] },
    })
    const outcome = mapTcfChoices(
      { purposeConsents: none, specialFeatureOptins: new Set([1]), vendorConsents: none },
      m,
    )
    expect(outcome.sensitive).toEqual([
      {
        category: 'user.location.precise',
        purpose: 'personalization',
        state: 'granted',
        detail: 'tcf special feature 1',
      },
    ])
  })
})

describe('mapGppUsSection', () => {
  it('ignores fields that are missing or carry unknown values', () => {
    const outcome = mapGppUsSection(
      'usnat',
      { SaleOptOut: 3, SharingOptOut: 'x', Gpc: 'true' },
      DEFAULT_SIGNAL_MAPPING,
    )
    expect(outcome).toEqual({ decisions: [], sensitive: [] })
  })

  it('never grants from Gpc', () => {
    const lenient = createSignalMapping({ gpp: { treatDidNotOptOutAsConsent: true } })
    const outcome = mapGppUsSection('usnat', { SaleOptOut: 2, Gpc: true }, lenient)
    expect(outcome.decisions.map((d) => [d.purpose, d.state])).toEqual([['advertising', 'denied']])
  })

  it('can map opt-outs to other purposes', () => {
    const m = createSignalMapping({
      gpp: { optOutFields: { SaleOptOut: 'advertising', SharingOptOut: 'cross_brand_sharing' } },
    })
    const outcome = mapGppUsSection('usca', { SaleOptOut: 2, SharingOptOut: 1 }, m)
    expect(outcome.decisions.map((d) => [d.purpose, d.state])).toEqual([['cross_brand_sharing', 'denied']])
  })
})

describe('helpers', () => {
  it('optOutMeaning reads GPP integers and US Privacy characters alike', () => {
    expect([0, 1, 2, '-', 'Y', 'N', 3, null].map(optOutMeaning)).toEqual([
      'not-applicable',
      'opted-out',
      'did-not-opt-out',
      'not-applicable',
      'opted-out',
      'did-not-opt-out',
      undefined,
      undefined,
    ])
  })

  it('mergeDecisions lets a denial win and keeps first-appearance order', () => {
    const merged = mergeDecisions([
      { purpose: 'advertising', state: 'granted', basis: 'consent', detail: 'a' },
      { purpose: 'analytics', state: 'granted', basis: 'consent', detail: 'b' },
      { purpose: 'advertising', state: 'denied', basis: 'consent', detail: 'c' },
      { purpose: 'analytics', state: 'granted', basis: 'consent', detail: 'd' },
      { purpose: 'advertising', state: 'granted', basis: 'consent', detail: 'e' },
    ])
    expect(merged).toEqual([
      { purpose: 'advertising', state: 'denied', basis: 'consent', detail: 'c' },
      { purpose: 'analytics', state: 'granted', basis: 'consent', detail: 'b; d' },
    ])
  })

  it('normalizeCategoryName', () => {
    expect(normalizeCategoryName(' Data-Sharing_Opt in ')).toBe('datasharingoptin')
  })
})
