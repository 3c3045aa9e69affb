import type { SignalDecision } from './decoded-signal.js'
import { normalizeCategoryName, type SignalMapping } from './signal-mapping.js'

/** What {@link mapCategoryPreferences} made of an event's `context.consent.categoryPreferences`. */
export interface CategoryPreferencesOutcome {
  /** One decision per Candor purpose fed by at least one category present with a boolean value. */
  readonly decisions: readonly SignalDecision[]
  /**
   * Keys that produced nothing, as sent (cut to 64 characters, at most 50 listed): categories not in
   * the mapping and categories whose value is not a boolean.
   */
  readonly ignored: readonly string[]
  /** Set when the input as a whole was unusable (not a plain object); decisions are then empty. */
  readonly problem?: string
}

const MAX_IGNORED = 50
const MAX_KEY_REPORT = 64

/**
 * Maps Segment-style `context.consent.categoryPreferences` (category name → boolean, e.g.
 * `{ "Advertising": true, "Analytics": false }`) to Candor decisions through
 * `mapping.categoryPreferences.categories`. Keys match case-insensitively, ignoring spaces, `_`
 * and `-`. A purpose fed by several categories present in the object is `granted` only if all of
 * them are `true`; categories absent from the object say nothing. Unknown categories and
 * non-boolean values are ignored and reported. Never throws: any non-object input yields no
 * decisions and a `problem`.
 *
 * @example
 * mapCategoryPreferences({ Advertising: true, DataSharing: false, Analytics: true }, DEFAULT_SIGNAL_MAPPING)
 * // decisions: advertising denied (DataSharing=false), analytics granted; ignored: []
 */
export function mapCategoryPreferences(prefs: unknown, mapping: SignalMapping): CategoryPreferencesOutcome {
  if (typeof prefs !== 'object' || prefs === null || Array.isArray(prefs)) {
    return { decisions: [], ignored: [], problem: 'categoryPreferences is not an object' }
  }

  const table = mapping.categoryPreferences.categories
  const byPurpose = new Map<string, { readonly sources: string[]; denied: boolean }>()
  const ignored: string[] = []
  const ignore = (key: string): void => {
    if (ignored.length < MAX_IGNORED)
      ignored.push(key.length > MAX_KEY_REPORT ? key.slice(0, MAX_KEY_REPORT) : key)
  }

  for (const [key, value] of Object.entries(prefs)) {
    const normalized = normalizeCategoryName(key)
    const purposes = Object.hasOwn(table, normalized) ? table[normalized] : undefined
    if (purposes === undefined || typeof value !== 'boolean') {
      ignore(key)
      continue
    }
    for (const purpose of purposes) {
      const entry = byPurpose.get(purpose) ?? { sources: [], denied: false }
      entry.sources.push(`${cut(key)}=${value}`)
      if (!value) entry.denied = true
      byPurpose.set(purpose, entry)
    }
  }

  const decisions: SignalDecision[] = []
  for (const [purpose, { sources, denied }] of byPurpose) {
    decisions.push({
      purpose,
      state: denied ? 'denied' : 'granted',
      basis: 'consent',
      detail: `categoryPreferences ${sources.join(',')}`,
    })
  }
  return { decisions, ignored }
}

function cut(text: string): string {
  return text.length > MAX_KEY_REPORT ? `${text.slice(0, MAX_KEY_REPORT)}…` : text
}
