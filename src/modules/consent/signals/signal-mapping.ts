import type { SensitiveSignal, SignalDecision } from './decoded-signal.js'

/**
 * How the TCF purposes and special features of a TC string (or of a GPP `tcfeuv2` section) map to
 * Candor purposes and sensitive categories.
 */
export interface TcfMapping {
  /**
   * Candor purpose → the TCF purpose ids (1–24; the TCF v2.2 vendor list defines 1–11) that feed it.
   * A Candor purpose is `granted` only when EVERY listed TCF purpose has consent; otherwise `denied`.
   * Every key gets a decision from every TC string. Lists must be non-empty.
   */
  readonly purposes: Readonly<Record<string, readonly number[]>>
  /** TCF special features (1–12) that stand for a sensitive data category. */
  readonly specialFeatures: readonly TcfSpecialFeatureMapping[]
  /**
   * When true and the decoder is given the organization's `vendorId`, a string without consent for
   * that vendor denies every mapped purpose and special feature. Default `false`: vendor consent is
   * reported (`vendorConsent`) and left to the caller.
   */
  readonly requireVendorConsent: boolean
}

/** One TCF special feature standing for a sensitive category. */
export interface TcfSpecialFeatureMapping {
  /** Special feature id, 1–12 (1 = precise geolocation, 2 = active device scanning). */
  readonly id: number
  /** The Candor data category, e.g. `user.location.precise`. */
  readonly category: string
  /** Limit the opt-in to one Candor purpose; absent = the purposes the same string grants. */
  readonly purpose?: string
}

/** How the US sections of a GPP string (usnat, the state sections, uspv1) map to Candor purposes. */
export interface GppUsMapping {
  /**
   * GPP opt-out field → the Candor purpose it governs. Values follow the GPP spec: 0 = not
   * applicable (no decision), 1 = opted out (`denied`), 2 = did not opt out (no decision unless
   * {@link treatDidNotOptOutAsConsent}); `uspv1` writes them `-`, `Y`, `N`. Sections lacking a
   * field are simply not asked about it.
   */
  readonly optOutFields: Readonly<Record<string, string>>
  /**
   * When true, a section in which no mapped field is 1 and at least one is 2 yields `granted` for
   * that purpose. Default `false`: not having opted out under an opt-out law is not consent.
   */
  readonly treatDidNotOptOutAsConsent: boolean
  /** Candor purpose denied when a section carries `Gpc: true`; `null` ignores that flag. */
  readonly gpcPurpose: string | null
  /**
   * Per section name, 1-based position in `SensitiveDataProcessing` → sensitive category. A value
   * of 1 (opted out / no consent) yields a `denied` entry; nothing else yields an entry, because the
   * meaning of 2 differs between opt-out and opt-in states.
   */
  readonly sensitiveDataProcessing: Readonly<Record<string, Readonly<Record<number, string>>>>
  /** The GPP sections (by library name) read with this mapping. */
  readonly sections: readonly string[]
}

/** How Segment-style `context.consent.categoryPreferences` map to Candor purposes. */
export interface CategoryPreferencesMapping {
  /**
   * Category name → Candor purposes it feeds. Keys are matched case-insensitively and ignoring
   * spaces, `_` and `-` (`Data Sharing`, `data_sharing` and `DataSharing` are one key). A Candor
   * purpose fed by several categories present in one event is `granted` only if all are `true`.
   */
  readonly categories: Readonly<Record<string, readonly string[]>>
}

/** The complete, frozen mapping from ecosystem signals to Candor purposes. */
export interface SignalMapping {
  /** TCF (TC strings, and `tcfeuv2` sections of GPP strings). */
  readonly tcf: TcfMapping
  /** US sections of GPP strings. */
  readonly gpp: GppUsMapping
  /** Segment consent category preferences. */
  readonly categoryPreferences: CategoryPreferencesMapping
}

/** Partial overrides for {@link createSignalMapping}; each given field REPLACES the default field. */
export interface SignalMappingOverrides {
  /** Fields replacing {@link DEFAULT_SIGNAL_MAPPING}.tcf fields. */
  readonly tcf?: Partial<TcfMapping>
  /** Fields replacing {@link DEFAULT_SIGNAL_MAPPING}.gpp fields. */
  readonly gpp?: Partial<GppUsMapping>
  /** Fields replacing {@link DEFAULT_SIGNAL_MAPPING}.categoryPreferences fields. */
  readonly categoryPreferences?: Partial<CategoryPreferencesMapping>
}

/** The US sections the bundled `@iabgpp/cmpapi` 3.2.0 decodes, all read with {@link GppUsMapping}. */
export const GPP_US_SECTIONS = [
  'uspv1',
  'usnat',
  'usca',
  'usva',
  'usco',
  'usut',
  'usct',
  'usfl',
  'usmt',
  'usor',
  'ustx',
  'usde',
  'usia',
  'usne',
  'usnh',
  'usnj',
  'ustn',
  'usmn',
  'usmd',
  'usin',
  'usky',
  'usri',
] as const

/** Name of the GPP section that embeds a TCF EU v2 string. */
export const GPP_TCF_SECTION = 'tcfeuv2'

/**
 * The default mapping. See README.md for the tables and the reasoning.
 *
 * @example
 * const mapping = createSignalMapping({
 *   categoryPreferences: {
 *     categories: { ...DEFAULT_SIGNAL_MAPPING.categoryPreferences.categories, functional: ['personalization'] },
 *   },
 * })
 */
export const DEFAULT_SIGNAL_MAPPING: SignalMapping = deepFreeze({
  tcf: {
    purposes: {
      advertising: [2, 3, 4],
      personalization: [5, 6],
      analytics: [7, 8, 9],
    },
    specialFeatures: [{ id: 1, category: 'user.location.precise' }],
    requireVendorConsent: false,
  },
  gpp: {
    optOutFields: {
      SaleOptOut: 'advertising',
      SharingOptOut: 'advertising',
      TargetedAdvertisingOptOut: 'advertising',
      OptOutSale: 'advertising',
    },
    treatDidNotOptOutAsConsent: false,
    gpcPurpose: 'advertising',
    sensitiveDataProcessing: { usnat: { 8: 'user.location.precise' } },
    sections: GPP_US_SECTIONS,
  },
  categoryPreferences: {
    categories: {
      advertising: ['advertising'],
      targeting: ['advertising'],
      marketing: ['advertising'],
      datasharing: ['advertising'],
      socialmedia: ['advertising'],
      analytics: ['analytics'],
      performance: ['analytics'],
      statistics: ['analytics'],
      personalization: ['personalization'],
      personalisation: ['personalization'],
      email: ['email_marketing'],
      emailmarketing: ['email_marketing'],
    },
  },
})

/**
 * Builds a validated, frozen mapping from the defaults and `overrides` (each given field replaces
 * the default one; spread the default to extend a table). Category keys are normalized.
 *
 * Throws a `RangeError` naming the offending entry for an invalid mapping (TCF purpose outside
 * 1–24, special feature outside 1–12, an empty purpose list, an empty purpose name): a mapping is
 * configuration, checked once at start-up.
 */
export function createSignalMapping(overrides: SignalMappingOverrides = {}): SignalMapping {
  const d = DEFAULT_SIGNAL_MAPPING
  const tcf: TcfMapping = { ...d.tcf, ...overrides.tcf }
  const gpp: GppUsMapping = { ...d.gpp, ...overrides.gpp }
  const rawCategories = overrides.categoryPreferences?.categories ?? d.categoryPreferences.categories

  for (const [purpose, ids] of Object.entries(tcf.purposes)) {
    checkPurposeName(purpose, `tcf.purposes key`)
    if (ids.length === 0) throw new RangeError(`tcf.purposes.${purpose} must list at least one TCF purpose`)
    for (const id of ids) checkId(id, 1, 24, `tcf.purposes.${purpose}`)
  }
  for (const sf of tcf.specialFeatures) {
    checkId(sf.id, 1, 12, 'tcf.specialFeatures[].id')
    if (sf.category.length === 0) throw new RangeError('tcf.specialFeatures[].category must not be empty')
    if (sf.purpose !== undefined) checkPurposeName(sf.purpose, 'tcf.specialFeatures[].purpose')
  }
  for (const [field, purpose] of Object.entries(gpp.optOutFields)) {
    checkPurposeName(purpose, `gpp.optOutFields.${field}`)
  }
  if (gpp.gpcPurpose !== null) checkPurposeName(gpp.gpcPurpose, 'gpp.gpcPurpose')
  for (const [section, table] of Object.entries(gpp.sensitiveDataProcessing)) {
    for (const position of Object.keys(table)) {
      checkId(Number(position), 1, 64, `gpp.sensitiveDataProcessing.${section}`)
    }
  }

  const categories: Record<string, string[]> = {}
  for (const [name, purposes] of Object.entries(rawCategories)) {
    const key = normalizeCategoryName(name)
    if (key.length === 0) throw new RangeError(`categoryPreferences.categories has an empty key`)
    for (const purpose of purposes) checkPurposeName(purpose, `categoryPreferences.categories.${name}`)
    categories[key] = [...new Set([...(categories[key] ?? []), ...purposes])]
  }

  return deepFreeze({ tcf, gpp, categoryPreferences: { categories } })
}

/** The form category names are compared in: lower case, without spaces, `_` or `-`. */
export function normalizeCategoryName(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, '')
}

/** The consent choices of a TC string, independent of which IAB library decoded it. */
export interface TcfChoices {
  /** TCF purpose ids with consent (`purposeConsents`; legitimate interest is not consent). */
  readonly purposeConsents: ReadonlySet<number>
  /** Special feature ids opted in. */
  readonly specialFeatureOptins: ReadonlySet<number>
  /** Vendor ids with consent. */
  readonly vendorConsents: ReadonlySet<number>
}

/** Decisions derived from TCF choices. */
export interface TcfMappingOutcome {
  /** One decision per purpose in `mapping.tcf.purposes`, in mapping order. */
  readonly decisions: SignalDecision[]
  /** One entry per mapped special feature. */
  readonly sensitive: SensitiveSignal[]
  /** Consent for `vendorId`; `undefined` when no vendor id was given. */
  readonly vendorConsent: boolean | undefined
}

/**
 * Maps TCF choices to Candor decisions: every mapped purpose gets a decision (a TC string is a
 * complete statement), `granted` only when every TCF purpose it needs has consent.
 */
export function mapTcfChoices(
  choices: TcfChoices,
  mapping: SignalMapping,
  vendorId?: number,
): TcfMappingOutcome {
  const vendorConsent = vendorId === undefined ? undefined : choices.vendorConsents.has(vendorId)
  const vendorBlocks = mapping.tcf.requireVendorConsent && vendorConsent === false
  const vendorNote = vendorBlocks ? `; no consent for vendor ${vendorId}` : ''

  const decisions: SignalDecision[] = []
  for (const [purpose, ids] of Object.entries(mapping.tcf.purposes)) {
    const missing = ids.filter((id) => !choices.purposeConsents.has(id))
    const granted = missing.length === 0 && !vendorBlocks
    const missingNote = missing.length > 0 ? ` (no consent for ${missing.join(',')})` : ''
    decisions.push({
      purpose,
      state: granted ? 'granted' : 'denied',
      basis: 'consent',
      detail: `tcf purposes ${ids.join(',')}${missingNote}${vendorNote}`,
    })
  }

  const sensitive: SensitiveSignal[] = mapping.tcf.specialFeatures.map((sf) => {
    const optedIn = choices.specialFeatureOptins.has(sf.id) && !vendorBlocks
    return {
      category: sf.category,
      ...(sf.purpose === undefined ? {} : { purpose: sf.purpose }),
      state: optedIn ? 'granted' : 'denied',
      detail: `tcf special feature ${sf.id}${choices.specialFeatureOptins.has(sf.id) ? '' : ' (not opted in)'}${vendorNote}`,
    }
  })

  return { decisions, sensitive, vendorConsent }
}

/**
 * Maps the decoded fields of one GPP US section (as `GppModel.getSection(name)` returns them) to
 * decisions. Produces denials (opt-outs, `Gpc: true`) and, only when configured, grants for "did
 * not opt out". Fields that are missing or not numbers are ignored.
 */
export function mapGppUsSection(
  sectionName: string,
  fields: Readonly<Record<string, unknown>>,
  mapping: SignalMapping,
): { decisions: SignalDecision[]; sensitive: SensitiveSignal[] } {
  const byPurpose = new Map<string, { optedOut: string[]; notOptedOut: string[] }>()
  for (const [field, purpose] of Object.entries(mapping.gpp.optOutFields)) {
    const value = Object.hasOwn(fields, field) ? fields[field] : undefined
    const meaning = optOutMeaning(value)
    if (meaning === undefined) continue
    const entry = byPurpose.get(purpose) ?? { optedOut: [], notOptedOut: [] }
    if (meaning === 'opted-out') entry.optedOut.push(`${field}=${String(value)}`)
    else if (meaning === 'did-not-opt-out') entry.notOptedOut.push(`${field}=${String(value)}`)
    byPurpose.set(purpose, entry)
  }

  const decisions: SignalDecision[] = []
  for (const [purpose, { optedOut, notOptedOut }] of byPurpose) {
    if (optedOut.length > 0) {
      decisions.push({
        purpose,
        state: 'denied',
        basis: 'consent',
        detail: `gpp ${sectionName} ${optedOut.join(',')} (opted out)`,
      })
    } else if (notOptedOut.length > 0 && mapping.gpp.treatDidNotOptOutAsConsent) {
      decisions.push({
        purpose,
        state: 'granted',
        basis: 'consent',
        detail: `gpp ${sectionName} ${notOptedOut.join(',')} (did not opt out, configured as consent)`,
      })
    }
  }
  if (mapping.gpp.gpcPurpose !== null && fields.Gpc === true) {
    decisions.push({
      purpose: mapping.gpp.gpcPurpose,
      state: 'denied',
      basis: 'consent',
      detail: `gpp ${sectionName} Gpc=true`,
    })
  }

  const sensitive: SensitiveSignal[] = []
  const table = Object.hasOwn(mapping.gpp.sensitiveDataProcessing, sectionName)
    ? mapping.gpp.sensitiveDataProcessing[sectionName]
    : undefined
  const values = fields.SensitiveDataProcessing
  if (table !== undefined && Array.isArray(values)) {
    for (const [position, category] of Object.entries(table)) {
      const value: unknown = values[Number(position) - 1]
      if (value === 1) {
        sensitive.push({
          category,
          state: 'denied',
          detail: `gpp ${sectionName} SensitiveDataProcessing[${position}]=1`,
        })
      }
    }
  }

  return { decisions: mergeDecisions(decisions), sensitive: mergeSensitive(sensitive) }
}

/**
 * The GPP meaning of an opt-out field value: 0 = not applicable, 1 = opted out, 2 = did not opt
 * out; `uspv1` (the US Privacy string) uses the characters `-`, `Y`, `N` for the same three.
 * Anything else (missing field, 3, other characters) is `undefined` and yields no decision.
 */
export function optOutMeaning(
  value: unknown,
): 'not-applicable' | 'opted-out' | 'did-not-opt-out' | undefined {
  if (value === 0 || value === '-') return 'not-applicable'
  if (value === 1 || value === 'Y') return 'opted-out'
  if (value === 2 || value === 'N') return 'did-not-opt-out'
  return undefined
}

/**
 * Merges decisions conservatively: one decision per purpose, `denied` if any input denies it,
 * otherwise `granted`. Details of the winning state are joined with `; `. Order: first appearance.
 */
export function mergeDecisions(decisions: readonly SignalDecision[]): SignalDecision[] {
  const merged = new Map<string, SignalDecision>()
  for (const d of decisions) {
    const prev = merged.get(d.purpose)
    if (prev === undefined) merged.set(d.purpose, d)
    else if (prev.state === d.state) merged.set(d.purpose, { ...prev, detail: `${prev.detail}; ${d.detail}` })
    else if (d.state === 'denied') merged.set(d.purpose, d)
  }
  return [...merged.values()]
}

/** Merges sensitive entries conservatively per (category, purpose): a denial wins. */
export function mergeSensitive(entries: readonly SensitiveSignal[]): SensitiveSignal[] {
  const merged = new Map<string, SensitiveSignal>()
  for (const e of entries) {
    const key = `${e.category}\u0000${e.purpose ?? ''}`
    const prev = merged.get(key)
    if (prev === undefined) merged.set(key, e)
    else if (prev.state === e.state) merged.set(key, { ...prev, detail: `${prev.detail}; ${e.detail}` })
    else if (e.state === 'denied') merged.set(key, e)
  }
  return [...merged.values()]
}

function checkId(id: number, min: number, max: number, where: string): void {
  if (!Number.isInteger(id) || id < min || id > max) {
    throw new RangeError(`${where}: ${id} is not an integer from ${min} to ${max}`)
  }
}

function checkPurposeName(purpose: string, where: string): void {
  if (typeof purpose !== 'string' || purpose.length === 0) {
    throw new RangeError(`${where}: a Candor purpose must be a non-empty string`)
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner)
    Object.freeze(value)
  }
  return value
}
