/**
 * The plan at intake (pure): which fields of a message the plan does not declare, which required
 * properties are missing, and the message with its undeclared fields removed (mode `strip`).
 * Only names are looked at and reported, never values.
 *
 * What SDKs add on their own is never a violation: `context.library`, `_metadata`, `integrations`
 * and the message's own fields (`messageId`, `timestamp`, `sentAt`, `type`, ids, `event`, `name`),
 * which are not properties, traits or context. `context.consent` is the person's own consent
 * choice (Segment's `categoryPreferences`), which Candor must honour: never a violation either.
 */
import type { CollectionPlan, FieldSpec } from './collection-plan.js'

/** Context fields SDKs add by themselves, or that carry the person's consent: never violations. */
export const EXEMPT_CONTEXT_FIELDS: ReadonlySet<string> = new Set(['library', 'consent'])

/** Longest field name a violation reports; longer names are cut (names only, never values). */
export const MAX_REPORTED_NAME = 100

/** What a plan check needs of a message (a structural subset of the ingestion's message). */
export interface CheckedMessage {
  readonly type: string
  readonly event?: string
  readonly properties: Readonly<Record<string, unknown>>
  readonly traits: Readonly<Record<string, unknown>>
  readonly context: Readonly<Record<string, unknown>>
}

/** One field the plan does not allow, by name. */
export interface Violation {
  /** `undeclared` (not in the plan) or `missing` (a required property absent). */
  readonly kind: 'undeclared' | 'missing'
  /** The event the field came with (`page`, `screen` for those calls); null for traits and context. */
  readonly event: string | null
  /** `properties.<name>`, `traits.<name>`, `context.<name>`, or `event` for an undeclared event. */
  readonly field: string
}

export interface PlanCheck {
  /** In message order: the first is what `reject` names. */
  readonly violations: readonly Violation[]
  /** Names to drop under `strip`, per section (empty when nothing is undeclared). */
  readonly undeclared: {
    readonly properties: readonly string[]
    readonly traits: readonly string[]
    readonly context: readonly string[]
  }
}

/**
 * A field or event name as counted and reported: cut to {@link MAX_REPORTED_NAME} characters, and
 * control characters written `\uXXXX` (PostgreSQL text cannot hold NUL; a log or a table cannot
 * show the others).
 */
const reported = (name: string) => {
  const cut = name.length > MAX_REPORTED_NAME ? `${name.slice(0, MAX_REPORTED_NAME)}…` : name
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what it finds
  return cut.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** The plan's event name for a message: the track event, `page` or `screen`; none for the rest. */
function eventNameOf(m: CheckedMessage): string | undefined {
  if (m.type === 'track') return m.event
  if (m.type === 'page' || m.type === 'screen') return m.type
  return undefined
}

function undeclaredIn(
  values: Readonly<Record<string, unknown>>,
  declared: ReadonlyMap<string, FieldSpec> | undefined,
  exempt?: ReadonlySet<string>,
): string[] {
  const out: string[] = []
  for (const name of Object.keys(values)) {
    if (exempt?.has(name)) continue
    if (declared?.has(name)) continue
    out.push(name)
  }
  return out
}

const NONE: readonly string[] = []

/** Checks one message against the plan. */
export function checkAgainstPlan(plan: CollectionPlan, m: CheckedMessage): PlanCheck {
  const violations: Violation[] = []
  const eventName = eventNameOf(m)
  let properties: readonly string[] = NONE
  let traits: readonly string[] = NONE
  if (eventName !== undefined) {
    const spec = plan.events.get(eventName)
    if (spec === undefined)
      violations.push({ kind: 'undeclared', event: reported(eventName), field: 'event' })
    properties = undeclaredIn(m.properties, spec?.properties)
    for (const name of properties)
      violations.push({
        kind: 'undeclared',
        event: reported(eventName),
        field: `properties.${reported(name)}`,
      })
    if (spec)
      for (const [name, field] of spec.properties)
        if (field.required && !Object.hasOwn(m.properties, name))
          violations.push({ kind: 'missing', event: reported(eventName), field: `properties.${name}` })
  }
  if (m.type === 'identify' || m.type === 'group') {
    traits = undeclaredIn(m.traits, plan.traits)
    for (const name of traits)
      violations.push({ kind: 'undeclared', event: null, field: `traits.${reported(name)}` })
  }
  const context = undeclaredIn(m.context, plan.context, EXEMPT_CONTEXT_FIELDS)
  for (const name of context)
    violations.push({ kind: 'undeclared', event: null, field: `context.${reported(name)}` })
  return { violations, undeclared: { properties, traits, context } }
}

function without(values: Readonly<Record<string, unknown>>, names: readonly string[]) {
  if (names.length === 0) return values
  const drop = new Set(names)
  // Object.fromEntries defines own data properties: a "__proto__" name stays a plain key.
  return Object.fromEntries(Object.entries(values).filter(([k]) => !drop.has(k)))
}

/** The message without the fields the check found undeclared (a fresh object when any). */
export function stripUndeclared<M extends CheckedMessage>(m: M, check: PlanCheck): M {
  const { properties, traits, context } = check.undeclared
  if (properties.length === 0 && traits.length === 0 && context.length === 0) return m
  return Object.assign({}, m, {
    properties: without(m.properties, properties),
    traits: without(m.traits, traits),
    context: without(m.context, context),
  })
}

/** How often one field name arrived with one JSON type (names and types only). */
export interface FieldTally {
  /** The event (track name, `page`, `screen`), or null for traits and context. */
  readonly event: string | null
  /** `properties.<name>`, `traits.<name>` or `context.<name>`. */
  readonly field: string
  /** `string`, `number`, `boolean`, `object`, `array` or `null`. */
  readonly type: string
  readonly count: number
}

const jsonType = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v

/**
 * The field names (and their JSON types) of a request's messages, counted: what `candor plan
 * infer` and the minimization report know of the traffic. SDK context fields are left out.
 */
export function tallyFields(messages: readonly CheckedMessage[]): FieldTally[] {
  const counts = new Map<string, { event: string | null; field: string; type: string; count: number }>()
  const add = (event: string | null, section: string, values: Readonly<Record<string, unknown>>) => {
    for (const name of Object.keys(values)) {
      if (section === 'context' && EXEMPT_CONTEXT_FIELDS.has(name)) continue
      const field = `${section}.${reported(name)}`
      const type = jsonType(values[name])
      const key = `${event ?? ''}\u0000${field}\u0000${type}`
      const c = counts.get(key)
      if (c) c.count++
      else counts.set(key, { event, field, type, count: 1 })
    }
  }
  for (const m of messages) {
    const event = eventNameOf(m)
    if (event !== undefined) add(reported(event), 'properties', m.properties)
    if (m.type === 'identify' || m.type === 'group') add(null, 'traits', m.traits)
    add(null, 'context', m.context)
  }
  return [...counts.values()]
}
