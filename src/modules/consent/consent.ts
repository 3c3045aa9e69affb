/** Stable values of the consent ledger. */
export const CONSENT_STATES = ['granted', 'denied', 'withdrawn'] as const
export type ConsentStateValue = (typeof CONSENT_STATES)[number]

export const CONSENT_SOURCES = [
  'control_center',
  'api',
  'tcf',
  'gpp',
  'gpc',
  'import',
  'segment',
  'rudderstack',
] as const

/**
 * Sources a brand's server key may name on `POST …/consent`. The others are recorded only by the
 * component that received the signal (`tcf`/`gpp`: the signal endpoint; `gpc`: the header;
 * `segment`: Segment's categoryPreferences on tracking; `rudderstack`: RudderStack's
 * `context.consentManagement` on tracking; `control_center`: the person's own control center).
 */
export const API_CONSENT_SOURCES = ['api', 'import'] as const
export type ConsentSource = (typeof CONSENT_SOURCES)[number]

export const CONSENT_SCOPES = ['brand', 'all_brands'] as const
export type ConsentScope = (typeof CONSENT_SCOPES)[number]

/** The legal basis recorded with an entry. */
export const CONSENT_BASES = [
  'consent',
  'explicit_consent',
  'objection',
  'legitimate_interest',
  'default',
] as const
export type ConsentBasis = (typeof CONSENT_BASES)[number]

/** One append-only ledger entry. History is never rewritten; the current state is derived. */
export interface ConsentRecord {
  readonly id: string
  readonly personId: string
  readonly scope: ConsentScope
  /** The brand the choice applies to; null when `scope` is `all_brands`. */
  readonly brandId: string | null
  /** The brand whose notice captured the choice. */
  readonly capturedBy: string
  readonly purpose: string
  readonly state: ConsentStateValue
  /** Set on an explicit opt-in (or its withdrawal) for one sensitive data category. */
  readonly sensitiveCategory: string | null
  /** Set on an explicit opt-in (or its withdrawal) for one sensitive interest topic. */
  readonly sensitiveTopic: string | null
  readonly source: ConsentSource
  readonly basis: ConsentBasis
  /** Evidence such as the TC string; opaque text. */
  readonly evidence: string | null
  readonly policyVersion: string
  readonly recordedAt: number
  readonly recordedSeq: number
}

export type PurposeDefaults = Readonly<Record<string, { readonly default: 'opt-in' | 'opt-out' }>>

/** Why the current state is what it is: a ledger entry, or the purpose's default. */
export interface ConsentDecision {
  readonly granted: boolean
  readonly state: ConsentStateValue | 'default'
  readonly record?: ConsentRecord
}

/** Orders ledger entries by the time Candor received them (ties: sequence, then id). */
export function compareRecords(a: ConsentRecord, b: ConsentRecord): number {
  return (
    a.recordedAt - b.recordedAt || a.recordedSeq - b.recordedSeq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  )
}

function covers(r: ConsentRecord, brandId: string): boolean {
  return r.scope === 'all_brands' || r.brandId === brandId
}

const within = (a: string, b: string): boolean => a === b || a.startsWith(`${b}.`)

/**
 * The current consent of one person, derived from the ledger. For (brand, purpose) the latest
 * entry whose scope covers the brand decides; without one, the purpose's default applies
 * (`essential` is always granted). Sensitive opt-ins are looked up the same way, per category
 * (a grant for `user.health` covers `user.health.genetic`) or per topic.
 */
export class ConsentState {
  private readonly plain: readonly ConsentRecord[]
  private readonly sensitive: readonly ConsentRecord[]

  /**
   * @param onlyBrand the records are only those that apply at this brand: the state answers for
   *   that brand and refuses questions about others (a programming error, not a denial).
   */
  constructor(
    records: readonly ConsentRecord[],
    private readonly purposes: PurposeDefaults,
    private readonly onlyBrand?: string,
  ) {
    const sorted = [...records].sort(compareRecords)
    this.plain = sorted.filter((r) => r.sensitiveCategory === null && r.sensitiveTopic === null)
    this.sensitive = sorted.filter((r) => r.sensitiveCategory !== null || r.sensitiveTopic !== null)
  }

  private check(brandId: string): void {
    if (this.onlyBrand !== undefined && brandId !== this.onlyBrand)
      throw new Error(`this consent state holds only the records that apply at ${this.onlyBrand}`)
  }

  decide(brandId: string, purpose: string): ConsentDecision {
    this.check(brandId)
    if (purpose === 'essential') return { granted: true, state: 'default' }
    const record = findLast(this.plain, (r) => r.purpose === purpose && covers(r, brandId))
    if (record) return { granted: record.state === 'granted', state: record.state, record }
    const rule = Object.hasOwn(this.purposes, purpose) ? this.purposes[purpose] : undefined
    return { granted: rule?.default === 'opt-out', state: 'default' }
  }

  isGranted(brandId: string, purpose: string): boolean {
    return this.decide(brandId, purpose).granted
  }

  /** The latest explicit choice for a sensitive category (or an ancestor of it) and purpose. */
  sensitiveCategory(brandId: string, purpose: string, category: string): ConsentDecision {
    this.check(brandId)
    const record = findLast(
      this.sensitive,
      (r) =>
        r.sensitiveCategory !== null &&
        r.purpose === purpose &&
        covers(r, brandId) &&
        within(category, r.sensitiveCategory),
    )
    return record
      ? { granted: record.state === 'granted', state: record.state, record }
      : { granted: false, state: 'default' }
  }

  sensitiveTopic(brandId: string, purpose: string, topic: string): ConsentDecision {
    this.check(brandId)
    const record = findLast(
      this.sensitive,
      (r) =>
        r.sensitiveTopic !== null &&
        r.purpose === purpose &&
        covers(r, brandId) &&
        within(topic, r.sensitiveTopic),
    )
    return record
      ? { granted: record.state === 'granted', state: record.state, record }
      : { granted: false, state: 'default' }
  }

  /**
   * Whether data collected by `fromBrand` may be used at `atBrand`: the person granted
   * `cross_brand_sharing` covering both.
   */
  sharingAllowed(fromBrand: string, atBrand: string): boolean {
    return (
      fromBrand === atBrand ||
      (this.isGranted(fromBrand, 'cross_brand_sharing') && this.isGranted(atBrand, 'cross_brand_sharing'))
    )
  }

  /** Every ledger entry, oldest first. */
  history(): ConsentRecord[] {
    if (this.onlyBrand !== undefined) throw new Error('a state of one brand has no whole history')
    return [...this.plain, ...this.sensitive].sort(compareRecords)
  }
}

function findLast<T>(items: readonly T[], pred: (t: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i] as T
    if (pred(item)) return item
  }
  return undefined
}
