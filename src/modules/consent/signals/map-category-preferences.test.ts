import { describe, expect, it } from 'vitest'
import { mapCategoryPreferences } from './map-category-preferences.js'
import { createSignalMapping, DEFAULT_SIGNAL_MAPPING } from './signal-mapping.js'

const mapping = DEFAULT_SIGNAL_MAPPING

describe('mapCategoryPreferences', () => {
  it('maps the Segment example conservatively and reports unmapped categories', () => {
    const outcome = mapCategoryPreferences(
      { Advertising: true, Analytics: false, Functional: true, DataSharing: false },
      mapping,
    )
    expect(outcome).toEqual({
      decisions: [
        {
          purpose: 'advertising',
          state: 'denied',
          basis: 'consent',
          detail: 'categoryPreferences Advertising=true,DataSharing=false',
        },
        {
          purpose: 'analytics',
          state: 'denied',
          basis: 'consent',
          detail: 'categoryPreferences Analytics=false',
        },
      ],
      ignored: ['Functional'],
    })
  })

  it('grants a purpose only when every category feeding it is true', () => {
    const outcome = mapCategoryPreferences(
      { advertising: true, 'Data Sharing': true, marketing: true },
      mapping,
    )
    expect(outcome.decisions).toEqual([
      {
        purpose: 'advertising',
        state: 'granted',
        basis: 'consent',
        detail: 'categoryPreferences advertising=true,Data Sharing=true,marketing=true',
      },
    ])
  })

  it('matches keys case-insensitively and ignoring spaces, underscores and hyphens', () => {
    const outcome = mapCategoryPreferences(
      { ANALYTICS: true, 'email-marketing': false, Personalisation: true, data_sharing: false },
      mapping,
    )
    expect(Object.fromEntries(outcome.decisions.map((d) => [d.purpose, d.state]))).toEqual({
      analytics: 'granted',
      email_marketing: 'denied',
      personalization: 'granted',
      advertising: 'denied',
    })
    expect(outcome.ignored).toEqual([])
  })

  it('ignores and reports unknown categories and non-boolean values', () => {
    const outcome = mapCategoryPreferences(
      { Advertising: 'yes', Analytics: 1, C0004: true, Performance: null, Statistics: true },
      mapping,
    )
    expect(outcome.decisions).toEqual([
      {
        purpose: 'analytics',
        state: 'granted',
        basis: 'consent',
        detail: 'categoryPreferences Statistics=true',
      },
    ])
    expect(outcome.ignored).toEqual(['Advertising', 'Analytics', 'C0004', 'Performance'])
  })

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a string', 'Advertising'],
    ['a number', 3],
    ['an array', [{ Advertising: true }]],
  ])('yields no decision and a problem for %s', (_label, input) => {
    expect(mapCategoryPreferences(input, mapping)).toEqual({
      decisions: [],
      ignored: [],
      problem: 'categoryPreferences is not an object',
    })
  })

  it('does not treat inherited keys such as constructor or __proto__ as categories', () => {
    const prefs: unknown = JSON.parse('{"__proto__": true, "constructor": false, "toString": true}')
    const outcome = mapCategoryPreferences(prefs, mapping)
    expect(outcome.decisions).toEqual([])
    expect(outcome.ignored).toEqual(['__proto__', 'constructor', 'toString'])
  })

  it('follows a configured table', () => {
    const custom = createSignalMapping({
      categoryPreferences: {
        categories: {
          ...DEFAULT_SIGNAL_MAPPING.categoryPreferences.categories,
          Functional: ['personalization'],
        },
      },
    })
    const outcome = mapCategoryPreferences({ Functional: true }, custom)
    expect(outcome.decisions.map((d) => [d.purpose, d.state])).toEqual([['personalization', 'granted']])
  })

  it('caps the ignored list', () => {
    const prefs = Object.fromEntries(
      Array.from({ length: 80 }, (_, i) => [`unknown-${i}-${'x'.repeat(100)}`, true]),
    )
    const outcome = mapCategoryPreferences(prefs, mapping)
    expect(outcome.ignored).toHaveLength(50)
    expect(outcome.ignored.every((k) => k.length <= 64)).toBe(true)
  })
})
