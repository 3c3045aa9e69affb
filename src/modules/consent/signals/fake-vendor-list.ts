import {
  GVL,
  type IntMap,
  type Purpose,
  TCModel,
  TCString,
  type Vendor,
  type VendorList,
} from '@iabtechlabtcf/core'

/**
 * Test double for the outside world: a tiny IAB Global Vendor List built in memory (no network),
 * with the 11 TCF v2.2 purposes, 2 special features and three vendors (10, 20, 755), and a helper
 * that encodes TC strings with the IAB library itself. For tests only.
 */

const PURPOSE_NAMES = [
  'Store and/or access information on a device',
  'Use limited data to select advertising',
  'Create profiles for personalised advertising',
  'Use profiles to select personalised advertising',
  'Create profiles to personalise content',
  'Use profiles to select personalised content',
  'Measure advertising performance',
  'Measure content performance',
  'Understand audiences through statistics or combinations of data from different sources',
  'Develop and improve services',
  'Use limited data to select content',
] as const

/** Vendor ids present in {@link createFakeVendorList}. */
export const FAKE_VENDOR_IDS = [10, 20, 755] as const

function item(id: number, name: string): Purpose {
  return { id, name, description: name }
}

function vendor(id: number): Vendor {
  return {
    id,
    name: `Vendor ${id}`,
    purposes: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    legIntPurposes: [],
    flexiblePurposes: [],
    specialPurposes: [1],
    features: [],
    specialFeatures: [1, 2],
    usesCookies: true,
    cookieMaxAgeSeconds: 86_400,
    cookieRefresh: false,
    usesNonCookieAccess: false,
  }
}

/** A GVL built from an in-memory vendor-list JSON (vendor list version 42, TCF policy version 5). */
export function createFakeVendorList(): GVL {
  const purposes: IntMap<Purpose> = {}
  PURPOSE_NAMES.forEach((name, i) => {
    purposes[String(i + 1)] = item(i + 1, name)
  })
  const vendors: IntMap<Vendor> = {}
  for (const id of FAKE_VENDOR_IDS) vendors[String(id)] = vendor(id)
  const json: VendorList = {
    gvlSpecificationVersion: 3,
    vendorListVersion: 42,
    tcfPolicyVersion: 5,
    lastUpdated: '2024-05-01T16:00:00Z',
    purposes,
    specialPurposes: { '1': item(1, 'Ensure security, prevent and detect fraud, and fix errors') },
    features: { '1': item(1, 'Match and combine data from other data sources') },
    specialFeatures: {
      '1': item(1, 'Use precise geolocation data'),
      '2': item(2, 'Actively scan device characteristics for identification'),
    },
    stacks: {},
    dataCategories: {},
    vendors,
  }
  return new GVL(json)
}

/** What to put in a TC string made by {@link encodeTestTcString}. */
export interface TestTcChoices {
  /** TCF purposes with consent. */
  readonly purposes?: readonly number[]
  /** Special features opted in. */
  readonly specialFeatures?: readonly number[]
  /** Vendors with consent. */
  readonly vendors?: readonly number[]
  /** Encoding version (1 produces a legacy v1 string). Default 2. */
  readonly version?: 1 | 2
  /** Created and last-updated date. Default 2024-03-05. */
  readonly date?: Date
}

/** Encodes a TC string with `@iabtechlabtcf/core` (CMP 300, version 7, screen 2). */
export function encodeTestTcString(choices: TestTcChoices = {}): string {
  const model = new TCModel(createFakeVendorList())
  model.cmpId = 300
  model.cmpVersion = 7
  model.consentScreen = 2
  const date = choices.date ?? new Date('2024-03-05T00:00:00Z')
  model.created = date
  model.lastUpdated = date
  model.purposeConsents.set([...(choices.purposes ?? [])])
  model.specialFeatureOptins.set([...(choices.specialFeatures ?? [])])
  model.vendorConsents.set([...(choices.vendors ?? [])])
  return TCString.encode(model, choices.version === 1 ? { version: 1 } : undefined)
}
