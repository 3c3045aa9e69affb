/**
 * A starting plan from the traffic actually received (pure): every field seen, with its JSON
 * types, how often, and a category inferred from its name (traits by the trait rules in force).
 * Purposes and justifications are left for a person to write: the proposal lints with blocks
 * until they do, which is the point of the review.
 */
import type { CollectionPlan, EventSpec, FieldSpec } from './collection-plan.js'
import type { CollectedField } from './plan-version.js'

/** One field of the proposal, with what was seen of it. */
export interface InferredField {
  readonly event: string | null
  readonly field: string
  readonly types: readonly string[]
  readonly count: number
  readonly lastSeenAt: number
  readonly category: string
}

export interface InferredPlan {
  readonly plan: CollectionPlan
  readonly fields: readonly InferredField[]
}

const CONTEXT_CATEGORIES: ReadonlyMap<string, string> = new Map([
  ['ip', 'user.device.ip_address'],
  ['userAgent', 'user.device'],
  ['userAgentData', 'user.device'],
  ['device', 'user.device'],
  ['os', 'user.device'],
  ['screen', 'user.device'],
  ['network', 'user.device'],
  ['app', 'user.device'],
  ['page', 'user.behavior.browsing'],
  ['referrer', 'user.behavior.browsing'],
  ['campaign', 'user.behavior.browsing'],
  ['locale', 'user.demographic.language'],
  ['timezone', 'user.location.approximate'],
  ['location', 'user.location.precise'],
  ['groupId', 'user.account'],
])

const NAME_RULES: readonly (readonly [RegExp, string])[] = [
  [/e-?mail/i, 'user.contact.email'],
  [/phone|mobile/i, 'user.contact.phone'],
  [/^(street|address)/i, 'user.contact.address'],
  [/^city$/i, 'user.contact.address.city'],
  [/postal|zip/i, 'user.contact.address.postal_code'],
  [/^country$/i, 'user.contact.address.country'],
  [/birth|^dob$/i, 'user.demographic.date_of_birth'],
  [/^age$/i, 'user.demographic.age'],
  [/gender|sex$/i, 'user.demographic.gender'],
  [/lat(itude)?$|lon(gitude)?$|^geo/i, 'user.location.precise'],
  [/^(query|search|q)$/i, 'user.behavior.search'],
]

const PURCHASE_EVENT = /order|checkout|purchase|cart|product added|product removed|payment|refund|coupon/i
const SEARCH_EVENT = /search/i

function categoryOf(
  section: string,
  name: string,
  event: string | null,
  traitCategory: (name: string) => string | undefined,
): string {
  if (section === 'context') return CONTEXT_CATEGORIES.get(name) ?? 'user.unclassified'
  const rule = traitCategory(name)
  if (section === 'traits' && rule !== undefined) return rule
  for (const [pattern, category] of NAME_RULES) if (pattern.test(name)) return category
  if (section === 'traits') return 'user.unclassified'
  if (event !== null && SEARCH_EVENT.test(event)) return 'user.behavior.search'
  if (event !== null && PURCHASE_EVENT.test(event)) return 'user.behavior.purchase'
  return 'user.behavior.browsing'
}

/** The proposal: mode `observe`, every field seen, most frequent first. */
export function inferPlan(
  collected: readonly CollectedField[],
  traitCategory: (name: string) => string | undefined,
): InferredPlan {
  const byKey = new Map<
    string,
    { event: string | null; field: string; types: string[]; count: number; last: number }
  >()
  for (const c of collected) {
    const key = `${c.event ?? ''}\u0000${c.field}`
    const entry = byKey.get(key)
    if (entry) {
      if (!entry.types.includes(c.type)) entry.types.push(c.type)
      entry.count += c.count
      entry.last = Math.max(entry.last, c.lastSeenAt)
    } else
      byKey.set(key, { event: c.event, field: c.field, types: [c.type], count: c.count, last: c.lastSeenAt })
  }
  const fields: InferredField[] = [...byKey.values()]
    .map((e) => {
      const dot = e.field.indexOf('.')
      const section = e.field.slice(0, dot)
      const name = e.field.slice(dot + 1)
      return {
        event: e.event,
        field: e.field,
        types: e.types.sort(),
        count: e.count,
        lastSeenAt: e.last,
        category: categoryOf(section, name, e.event, traitCategory),
      }
    })
    .sort((a, b) => b.count - a.count || a.field.localeCompare(b.field))
  const events = new Map<string, { name: string; properties: Map<string, FieldSpec> }>()
  const traits = new Map<string, FieldSpec>()
  const context = new Map<string, FieldSpec>()
  for (const f of fields) {
    const dot = f.field.indexOf('.')
    const section = f.field.slice(0, dot)
    const name = f.field.slice(dot + 1)
    const spec: FieldSpec = { category: f.category, purposes: [], required: false }
    if (section === 'properties' && f.event !== null) {
      const e = events.get(f.event) ?? { name: f.event, properties: new Map<string, FieldSpec>() }
      e.properties.set(name, spec)
      events.set(f.event, e)
    } else if (section === 'traits') traits.set(name, spec)
    else if (section === 'context') context.set(name, spec)
  }
  return {
    plan: { mode: 'observe', events: events as Map<string, EventSpec>, traits, context },
    fields,
  }
}
