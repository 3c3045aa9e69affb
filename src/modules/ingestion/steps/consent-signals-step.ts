import { isJsonObject, type SegmentMessage } from './segment-message.js'

/** A consent decision state carried by a signal. */
export type ConsentSignalState = 'granted' | 'denied'

/**
 * Where a signal came from:
 * - `gpc`: the `Sec-GPC: 1` request header (Global Privacy Control);
 * - `segment-consent`: Segment's consent object in the message (`context.consent.categoryPreferences`),
 *   as set by the site's consent-management platform. The consent ledger records these with its
 *   own source vocabulary; this is the ingestion-side name.
 */
export type ConsentSignalSource = 'gpc' | 'segment-consent'

/** One consent decision found in a request or message, for the consent ledger. */
export interface ConsentSignal {
  /** Where it came from. */
  readonly source: ConsentSignalSource
  /** The Candor purpose, e.g. `advertising`. */
  readonly purpose: string
  /** Granted or denied. */
  readonly state: ConsentSignalState
}

/** What a category-preferences mapper returns: Candor purposes with a state. */
export interface CategoryPreferenceDecisions {
  /** One decision per Candor purpose the preferences speak to. */
  readonly decisions: readonly { readonly purpose: string; readonly state: ConsentSignalState }[]
}

/** Dependencies of {@link createConsentSignalsStep}. */
export interface ConsentSignalsDeps {
  /**
   * Maps the raw `context.consent.categoryPreferences` object (CMP category → boolean, e.g.
   * `{ Advertising: false, Analytics: true }`) to Candor purposes. Owned by the consent module;
   * receives the value exactly as sent, so it must accept any JSON value.
   */
  readonly mapCategoryPreferences: (preferences: unknown) => CategoryPreferenceDecisions
}

/** Most consent ids read from one `context.consentManagement` (each list). */
const MAX_CONSENT_IDS = 200

/**
 * The category preferences a message carries, in Segment's shape (category → boolean):
 * - Segment: `context.consent.categoryPreferences`, as sent (any JSON value; the mapper checks it);
 * - RudderStack: `context.consentManagement` `{ allowedConsentIds, deniedConsentIds }` (the
 *   consent-manager's category ids or names) → `{ id: true }` / `{ id: false }`; an id in both
 *   lists is denied. Non-string ids are skipped; at most {@link MAX_CONSENT_IDS} per list.
 * Both go through the same configurable mapping (`signalMapping.categoryPreferences`): a
 * RudderStack id such as `Analytics` or a OneTrust group id mapped there feeds the same purposes.
 * Segment's object wins when a message carries both. `undefined` when there is neither.
 *
 * @example
 * ```ts
 * categoryPreferencesOf({ context: { consentManagement: { allowedConsentIds: ['Analytics'], deniedConsentIds: ['Advertising'] } } })
 * // { Analytics: true, Advertising: false }
 * ```
 */
export function categoryPreferencesOf(message: Pick<SegmentMessage, 'context'>): unknown {
  return consentPreferencesOf(message)?.preferences
}

/** Which SDK's consent fields a message's category preferences came from. */
export type ConsentOrigin = 'segment' | 'rudderstack'

/**
 * {@link categoryPreferencesOf} with where they came from: `segment` for
 * `context.consent.categoryPreferences`, `rudderstack` for `context.consentManagement`, so the
 * ledger records the source honestly. `undefined` when the message carries neither.
 */
export function consentPreferencesOf(
  message: Pick<SegmentMessage, 'context'>,
): { readonly preferences: unknown; readonly origin: ConsentOrigin } | undefined {
  const consent = message.context.consent
  if (
    isJsonObject(consent) &&
    consent.categoryPreferences !== undefined &&
    consent.categoryPreferences !== null
  )
    return { preferences: consent.categoryPreferences, origin: 'segment' }
  const managed = message.context.consentManagement
  if (!isJsonObject(managed)) return undefined
  const allowed = managed.allowedConsentIds
  const denied = managed.deniedConsentIds
  if (!Array.isArray(allowed) && !Array.isArray(denied)) return undefined
  const preferences = new Map<string, boolean>()
  const read = (ids: unknown, value: boolean) => {
    if (!Array.isArray(ids)) return
    for (const id of ids.slice(0, MAX_CONSENT_IDS))
      if (typeof id === 'string' && id !== '') preferences.set(id, value)
  }
  read(allowed, true)
  read(denied, false)
  return { preferences: Object.fromEntries(preferences), origin: 'rudderstack' }
}

/** HTTP request headers as Node exposes them (any case is accepted here). */
export type HeaderBag = Readonly<Record<string, string | readonly string[] | undefined>>

/** The GPC signal: an opt-out of advertising. */
export const GPC_SIGNAL: ConsentSignal = Object.freeze({
  source: 'gpc',
  purpose: 'advertising',
  state: 'denied',
})

function header(headers: HeaderBag, name: string): string[] {
  const values: string[] = []
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name || value === undefined) continue
    if (typeof value === 'string') values.push(value)
    else values.push(...value)
  }
  return values
}

/**
 * True when the request carries `Sec-GPC: 1` (the only value the GPC spec defines; anything else
 * is no signal).
 */
export function hasGpcHeader(headers: HeaderBag): boolean {
  return header(headers, 'sec-gpc').some((value) => value.trim() === '1')
}

/**
 * Builds the step that extracts consent signals from a message and its request headers:
 * - `Sec-GPC: 1` → {@link GPC_SIGNAL} (`{ source: 'gpc', purpose: 'advertising', state: 'denied' }`);
 * - `context.consent.categoryPreferences` present (not null), or RudderStack's
 *   `context.consentManagement` ({@link categoryPreferencesOf}) → the mapper's decisions, each with
 *   source `segment-consent`. The mapping itself belongs to the consent module.
 * Returns `[]` when there is no signal. Records nothing: the caller writes the ledger.
 *
 * @example
 * ```ts
 * const signals = createConsentSignalsStep({ mapCategoryPreferences: () => ({ decisions: [] }) })
 * signals({ context: {} }, { 'sec-gpc': '1' }) // [{ source: 'gpc', purpose: 'advertising', state: 'denied' }]
 * ```
 */
export function createConsentSignalsStep(
  deps: ConsentSignalsDeps,
): (message: Pick<SegmentMessage, 'context'>, headers?: HeaderBag) => ConsentSignal[] {
  return (message, headers = {}) => {
    const signals: ConsentSignal[] = []
    if (hasGpcHeader(headers)) signals.push({ ...GPC_SIGNAL })
    const preferences = categoryPreferencesOf(message)
    if (preferences !== undefined) {
      for (const decision of deps.mapCategoryPreferences(preferences).decisions) {
        signals.push({ source: 'segment-consent', purpose: decision.purpose, state: decision.state })
      }
    }
    return signals
  }
}
