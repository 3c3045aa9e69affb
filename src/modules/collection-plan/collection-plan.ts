/**
 * The collection plan: per brand, every field it collects — event properties, identify traits and
 * context fields — declared with its data category, purposes, retention, whether it is required
 * and a justification a person can read. This file holds the domain types and the pure parser of
 * the plan's public document (JSON, or the same in YAML); nothing here does I/O.
 *
 * @example
 * ```ts
 * const r = parsePlanText('mode: strip\ntraits:\n  email: { category: user.contact.email, purposes: [essential] }')
 * if (r.ok) r.value.traits.get('email')?.category // 'user.contact.email'
 * else r.error[0]?.path                            // e.g. 'traits.email.category'
 * ```
 */
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml'
import { didYouMean } from '../../kernel/did-you-mean.js'
import { err, ok, type Result } from '../../kernel/result.js'

/** What intake does with a field the plan does not declare. */
export const PLAN_MODES = ['observe', 'strip', 'reject'] as const
export type PlanMode = (typeof PLAN_MODES)[number]

/** A declared field. */
export interface FieldSpec {
  /** A data category of the taxonomy (`GET /v1/categories`). */
  readonly category: string
  /** The purposes it may serve; empty when the document names none (a review finding). */
  readonly purposes: readonly string[]
  /** Days a value is kept after it was received; absent: until erasure. */
  readonly retentionDays?: number
  /** Whether every message of its kind must carry it. */
  readonly required: boolean
  /** Why it is collected, in a sentence a person can read; absent is a review finding. */
  readonly justification?: string
}

/** A declared event: a track event name, or `page` / `screen` for those calls. */
export interface EventSpec {
  readonly name: string
  readonly properties: ReadonlyMap<string, FieldSpec>
}

/** A parsed plan. Field names are Map keys: a name sent by a brand is never looked up on an object. */
export interface CollectionPlan {
  readonly mode: PlanMode
  readonly events: ReadonlyMap<string, EventSpec>
  readonly traits: ReadonlyMap<string, FieldSpec>
  readonly context: ReadonlyMap<string, FieldSpec>
}

/** One problem in a plan document: where (a dotted path) and how to fix it. */
export interface PlanError {
  readonly path: string
  readonly message: string
}

/** The plan's public document (what `GET …/collection-plan` returns and `PUT` takes). */
export interface PlanDocument {
  mode: PlanMode
  events: { name: string; properties: Record<string, FieldDocument> }[]
  traits: Record<string, FieldDocument>
  context: Record<string, FieldDocument>
}

export interface FieldDocument {
  category: string
  purposes: string[]
  retentionDays?: number
  required?: boolean
  justification?: string
}

/** Longest field or event name a plan may declare. */
export const MAX_NAME_LENGTH = 200
/** Most fields a plan may declare in all. */
export const MAX_PLAN_FIELDS = 5000
/** Longest retention, in days (100 years). */
export const MAX_RETENTION_DAYS = 36_500
const MAX_JUSTIFICATION = 1000
const MAX_ERRORS = 20
const FIELD_KEYS = ['category', 'purposes', 'retentionDays', 'required', 'justification']
const TOP_KEYS = ['mode', 'events', 'traits', 'context']

/** What the plan's vocabulary is checked against: the data categories and the configured purposes. */
export interface PlanVocabulary {
  hasCategory(name: string): boolean
  readonly categoryNames: readonly string[]
  readonly purposes: readonly string[]
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** A path segment: plain names as `.name`, others quoted. */
function seg(path: string, name: string): string {
  const part = /^[A-Za-z_$][\w$-]*$/.test(name) ? name : JSON.stringify(name)
  return path === '' ? part : `${path}.${part}`
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
const CONTROL = /[\u0000-\u001f\u007f]/

function checkName(name: string, path: string, errors: PlanError[]): boolean {
  if (name.length === 0 || name.length > MAX_NAME_LENGTH || CONTROL.test(name)) {
    errors.push({
      path,
      message: `a name must be 1-${MAX_NAME_LENGTH} characters without control characters; rename it`,
    })
    return false
  }
  return true
}

function parseField(value: unknown, path: string, errors: PlanError[]): FieldSpec | undefined {
  if (!isRecord(value)) {
    errors.push({
      path,
      message: 'a field must be an object: { category, purposes, retentionDays, required, justification }',
    })
    return undefined
  }
  for (const key of Object.keys(value))
    if (!FIELD_KEYS.includes(key))
      errors.push({
        path: seg(path, key),
        message: `unknown key${didYouMean(key, FIELD_KEYS)} A field has ${FIELD_KEYS.join(', ')}`,
      })
  const category = value.category
  let ok = true
  if (typeof category !== 'string' || category.length === 0 || category.length > 200) {
    errors.push({
      path: seg(path, 'category'),
      message: 'add category: a data category such as user.behavior.browsing (GET /v1/categories lists them)',
    })
    ok = false
  }
  const purposes: string[] = []
  if (value.purposes !== undefined) {
    if (!Array.isArray(value.purposes) || value.purposes.some((p) => typeof p !== 'string')) {
      errors.push({
        path: seg(path, 'purposes'),
        message: 'purposes must be a list of purpose names, e.g. [personalization, analytics]',
      })
      ok = false
    } else for (const p of value.purposes as string[]) if (!purposes.includes(p)) purposes.push(p)
  }
  const retention = value.retentionDays
  if (
    retention !== undefined &&
    (typeof retention !== 'number' ||
      !Number.isInteger(retention) ||
      retention < 1 ||
      retention > MAX_RETENTION_DAYS)
  ) {
    errors.push({
      path: seg(path, 'retentionDays'),
      message: `retentionDays must be a whole number of days from 1 to ${MAX_RETENTION_DAYS}`,
    })
    ok = false
  }
  if (value.required !== undefined && typeof value.required !== 'boolean') {
    errors.push({ path: seg(path, 'required'), message: 'required must be true or false' })
    ok = false
  }
  const justification = value.justification
  if (
    justification !== undefined &&
    (typeof justification !== 'string' || justification.length > MAX_JUSTIFICATION)
  ) {
    errors.push({
      path: seg(path, 'justification'),
      message: `justification must be a sentence of at most ${MAX_JUSTIFICATION} characters`,
    })
    ok = false
  }
  if (!ok) return undefined
  const trimmed = typeof justification === 'string' ? justification.trim() : ''
  return {
    category: category as string,
    purposes,
    ...(typeof retention === 'number' ? { retentionDays: retention } : {}),
    required: value.required === true,
    ...(trimmed === '' ? {} : { justification: trimmed }),
  }
}

function parseFields(
  value: unknown,
  path: string,
  errors: PlanError[],
  count: { n: number },
): Map<string, FieldSpec> {
  const fields = new Map<string, FieldSpec>()
  if (value === undefined || value === null) return fields
  if (!isRecord(value)) {
    errors.push({ path, message: 'must be an object of field name → field declaration' })
    return fields
  }
  for (const [name, spec] of Object.entries(value)) {
    const at = seg(path, name)
    if (++count.n > MAX_PLAN_FIELDS) {
      errors.push({ path: at, message: `a plan declares at most ${MAX_PLAN_FIELDS} fields` })
      break
    }
    if (!checkName(name, at, errors)) continue
    const field = parseField(spec, at, errors)
    if (field) fields.set(name, field)
  }
  return fields
}

/**
 * Parses a plan document (already a JS value: parsed JSON or YAML). Returns every problem found
 * (up to 20), each with its path and the fix. Never throws.
 */
export function parsePlanDocument(doc: unknown): Result<CollectionPlan, PlanError[]> {
  const errors: PlanError[] = []
  if (!isRecord(doc))
    return err([{ path: '', message: 'a plan is an object with mode, events, traits and context' }])
  for (const key of Object.keys(doc))
    if (!TOP_KEYS.includes(key))
      errors.push({
        path: seg('', key),
        message: `unknown key${didYouMean(key, TOP_KEYS)} A plan has ${TOP_KEYS.join(', ')}`,
      })
  const mode = doc.mode
  if (typeof mode !== 'string' || !(PLAN_MODES as readonly string[]).includes(mode))
    errors.push({ path: 'mode', message: `mode must be one of ${PLAN_MODES.join(', ')}` })
  const count = { n: 0 }
  const events = new Map<string, EventSpec>()
  if (doc.events !== undefined && doc.events !== null) {
    if (!Array.isArray(doc.events))
      errors.push({ path: 'events', message: 'events must be a list of { name, properties }' })
    else
      doc.events.forEach((e: unknown, i: number) => {
        const at = `events[${i}]`
        if (!isRecord(e)) {
          errors.push({ path: at, message: 'an event is { name, properties }' })
          return
        }
        for (const key of Object.keys(e))
          if (key !== 'name' && key !== 'properties')
            errors.push({
              path: seg(at, key),
              message: `unknown key${didYouMean(key, ['name', 'properties'])} An event has name and properties`,
            })
        if (typeof e.name !== 'string') {
          errors.push({
            path: `${at}.name`,
            message: 'add name: the track event name, or page / screen for those calls',
          })
          return
        }
        if (!checkName(e.name, `${at}.name`, errors)) return
        if (events.has(e.name)) {
          errors.push({ path: `${at}.name`, message: 'this event is declared twice; merge the two entries' })
          return
        }
        events.set(e.name, {
          name: e.name,
          properties: parseFields(e.properties, `${at}.properties`, errors, count),
        })
      })
  }
  const traits = parseFields(doc.traits, 'traits', errors, count)
  const context = parseFields(doc.context, 'context', errors, count)
  if (errors.length > 0) return err(errors.slice(0, MAX_ERRORS))
  return ok({ mode: mode as PlanMode, events, traits, context })
}

/** Whether a text is YAML or JSON: JSON when it starts with `{` (YAML would read it the same). */
export type PlanFormat = 'json' | 'yaml'

/**
 * Parses a plan from JSON or YAML text (YAML is a superset, so both go through the YAML parser
 * with one document, no aliases expanded beyond 100, no custom tags). Never throws.
 */
export function parsePlanText(text: string): Result<CollectionPlan, PlanError[]> {
  let doc: unknown
  try {
    doc = parseYaml(text, { maxAliasCount: 100, prettyErrors: false, uniqueKeys: true, logLevel: 'error' })
  } catch (error) {
    const line = (error as { linePos?: { line: number }[] }).linePos?.[0]?.line
    return err([
      {
        path: '',
        message: `not valid YAML or JSON${line === undefined ? '' : ` (line ${line})`}: ${
          error instanceof Error ? error.message.split('\n')[0] : 'unreadable'
        }`,
      },
    ])
  }
  return parsePlanDocument(doc)
}

function fieldDocument(f: FieldSpec): FieldDocument {
  return {
    category: f.category,
    purposes: [...f.purposes],
    ...(f.retentionDays === undefined ? {} : { retentionDays: f.retentionDays }),
    required: f.required,
    ...(f.justification === undefined ? {} : { justification: f.justification }),
  }
}

const fieldsDocument = (m: ReadonlyMap<string, FieldSpec>): Record<string, FieldDocument> =>
  Object.fromEntries([...m].map(([k, f]) => [k, fieldDocument(f)]))

/** The plan as its public document (a fresh object; `parsePlanDocument` of it gives the plan back). */
export function planDocument(plan: CollectionPlan): PlanDocument {
  return {
    mode: plan.mode,
    events: [...plan.events.values()].map((e) => ({
      name: e.name,
      properties: fieldsDocument(e.properties),
    })),
    traits: fieldsDocument(plan.traits),
    context: fieldsDocument(plan.context),
  }
}

/** The plan as text: JSON (two-space indented) or YAML. */
export function formatPlan(plan: CollectionPlan, format: PlanFormat): string {
  const doc = planDocument(plan)
  return format === 'json' ? `${JSON.stringify(doc, null, 2)}\n` : stringifyYaml(doc, { lineWidth: 0 })
}

/** Every declared field, with where it is declared: `events["Product Viewed"].properties.price`… */
export interface DeclaredField {
  readonly section: 'properties' | 'traits' | 'context'
  readonly event?: string
  readonly name: string
  readonly path: string
  readonly spec: FieldSpec
}

export function declaredFields(plan: CollectionPlan): DeclaredField[] {
  const out: DeclaredField[] = []
  let i = 0
  for (const e of plan.events.values()) {
    for (const [name, spec] of e.properties)
      out.push({
        section: 'properties',
        event: e.name,
        name,
        path: seg(`events[${i}].properties`, name),
        spec,
      })
    i++
  }
  for (const [name, spec] of plan.traits)
    out.push({ section: 'traits', name, path: seg('traits', name), spec })
  for (const [name, spec] of plan.context)
    out.push({ section: 'context', name, path: seg('context', name), spec })
  return out
}

/**
 * Checks the plan's categories and purposes against the taxonomy and the configured purposes.
 * Returns the problems, each with its path and the names to choose from.
 */
export function checkVocabulary(plan: CollectionPlan, vocabulary: PlanVocabulary): PlanError[] {
  const errors: PlanError[] = []
  for (const f of declaredFields(plan)) {
    if (!vocabulary.hasCategory(f.spec.category))
      errors.push({
        path: `${f.path}.category`,
        message: `unknown data category "${f.spec.category}"${didYouMean(f.spec.category, vocabulary.categoryNames)} GET /v1/categories lists them`,
      })
    for (const p of f.spec.purposes)
      if (!vocabulary.purposes.includes(p))
        errors.push({
          path: `${f.path}.purposes`,
          message: `unknown purpose "${p}"${didYouMean(p, vocabulary.purposes)} The purposes: ${vocabulary.purposes.join(', ')}`,
        })
    if (errors.length >= MAX_ERRORS) break
  }
  return errors
}
