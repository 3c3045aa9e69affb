import { describe, expect, it, vi } from 'vitest'
import {
  categoryPreferencesOf,
  consentPreferencesOf,
  createConsentSignalsStep,
  hasGpcHeader,
} from './consent-signals-step.js'

const noMapping = () => ({ decisions: [] })

describe('consent signals', () => {
  it('turns Sec-GPC: 1 into an advertising opt-out', () => {
    const signals = createConsentSignalsStep({ mapCategoryPreferences: noMapping })
    expect(signals({ context: {} }, { 'sec-gpc': '1' })).toEqual([
      { source: 'gpc', purpose: 'advertising', state: 'denied' },
    ])
    expect(signals({ context: {} }, { 'Sec-GPC': [' 1 '] })).toHaveLength(1)
  })

  it('ignores other GPC values and missing headers', () => {
    expect(hasGpcHeader({ 'sec-gpc': '0' })).toBe(false)
    expect(hasGpcHeader({ 'sec-gpc': 'true' })).toBe(false)
    expect(hasGpcHeader({ 'sec-gpc': undefined })).toBe(false)
    expect(createConsentSignalsStep({ mapCategoryPreferences: noMapping })({ context: {} })).toEqual([])
  })

  it('passes context.consent.categoryPreferences as is to the mapper', () => {
    const map = vi.fn(() => ({
      decisions: [
        { purpose: 'advertising', state: 'denied' as const },
        { purpose: 'analytics', state: 'granted' as const },
      ],
    }))
    const preferences = { Advertising: false, Analytics: true }
    const signals = createConsentSignalsStep({ mapCategoryPreferences: map })
    expect(
      signals({ context: { consent: { categoryPreferences: preferences } } }, { 'sec-gpc': '1' }),
    ).toEqual([
      { source: 'gpc', purpose: 'advertising', state: 'denied' },
      { source: 'segment-consent', purpose: 'advertising', state: 'denied' },
      { source: 'segment-consent', purpose: 'analytics', state: 'granted' },
    ])
    expect(map).toHaveBeenCalledWith(preferences)
  })

  it('does not call the mapper when there are no preferences', () => {
    const map = vi.fn(noMapping)
    const signals = createConsentSignalsStep({ mapCategoryPreferences: map })
    signals({ context: { consent: {} } })
    signals({ context: { consent: { categoryPreferences: null } } })
    signals({ context: { consent: 'yes' } })
    expect(map).not.toHaveBeenCalled()
    signals({ context: { consent: { categoryPreferences: 'weird' } } })
    expect(map).toHaveBeenCalledWith('weird')
  })

  it("reads RudderStack's context.consentManagement as category preferences (denied wins; junk ids skipped)", () => {
    expect(
      categoryPreferencesOf({
        context: {
          consentManagement: {
            provider: 'oneTrust',
            allowedConsentIds: ['Analytics', 'C0004', 7, ''],
            deniedConsentIds: ['Advertising', 'C0004'],
          },
        },
      }),
    ).toEqual({ Analytics: true, Advertising: false, C0004: false })
    expect(categoryPreferencesOf({ context: { consentManagement: { provider: 'custom' } } })).toBeUndefined()
    expect(categoryPreferencesOf({ context: { consentManagement: 'yes' } })).toBeUndefined()
    expect(categoryPreferencesOf({ context: {} })).toBeUndefined()
    // Segment's object wins when both are present.
    expect(
      categoryPreferencesOf({
        context: {
          consent: { categoryPreferences: { Analytics: false } },
          consentManagement: { allowedConsentIds: ['Analytics'] },
        },
      }),
    ).toEqual({ Analytics: false })
    const map = vi.fn(() => ({ decisions: [{ purpose: 'analytics', state: 'granted' as const }] }))
    const signals = createConsentSignalsStep({ mapCategoryPreferences: map })
    expect(signals({ context: { consentManagement: { allowedConsentIds: ['Analytics'] } } })).toEqual([
      { source: 'segment-consent', purpose: 'analytics', state: 'granted' },
    ])
    expect(map).toHaveBeenCalledWith({ Analytics: true })
  })

  it('says which SDK the preferences came from, so the ledger can name it', () => {
    expect(
      consentPreferencesOf({ context: { consentManagement: { deniedConsentIds: ['Advertising'] } } }),
    ).toEqual({ preferences: { Advertising: false }, origin: 'rudderstack' })
    expect(consentPreferencesOf({ context: { consent: { categoryPreferences: { Ads: true } } } })).toEqual({
      preferences: { Ads: true },
      origin: 'segment',
    })
    expect(consentPreferencesOf({ context: {} })).toBeUndefined()
  })
})
