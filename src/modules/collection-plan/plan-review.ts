/**
 * Review prompts for a plan version, before it is accepted (pure): the moment a marketer is asked
 * why a field is collected. Findings have the shape of segment review findings:
 * `{ code, severity, message, path?, details? }`; a `block` keeps the version from being saved
 * (and makes `candor plan lint` exit non-zero).
 */
import { type CollectionPlan, type DeclaredField, declaredFields } from './collection-plan.js'

/** Finding codes. Never reused once shipped; new codes are appended. */
export const PLAN_FINDING_CODES = [
  'sensitive-field',
  'missing-purpose',
  'missing-justification',
  'missing-retention',
] as const
export type PlanFindingCode = (typeof PLAN_FINDING_CODES)[number]

/** One line per finding code, for the docs and the OpenAPI document. */
export const PLAN_FINDING_DESCRIPTIONS = {
  'sensitive-field':
    'A field of a sensitive data category (health, demographics, precise location…): it needs a justification and a reviewer key to save the version that adds it (block without a reviewer; info once a reviewer saves it).',
  'missing-purpose': 'A field with no purpose: nothing may use it, so it should not be collected (block).',
  'missing-justification':
    'A field with no justification: a person asking "why do you need this?" gets no answer (block).',
  'missing-retention': 'A field with no retentionDays: kept until the person is erased (warning).',
} as const satisfies Record<PlanFindingCode, string>

export type FindingSeverity = 'block' | 'warning' | 'info'

/** A review finding (the segment review's shape). */
export interface PlanFinding {
  readonly code: PlanFindingCode
  readonly severity: FindingSeverity
  readonly message: string
  /** Where in the plan document, e.g. `traits.email`. */
  readonly path?: string
  readonly details?: Readonly<Record<string, unknown>>
}

export interface PlanReviewContext {
  /** True when the category or an ancestor is sensitive. */
  isSensitive(category: string): boolean
  /** The version is saved with a reviewer key. */
  readonly reviewer: boolean
  /** The plan in force (sensitive fields it already has, with the same category, were reviewed). */
  readonly previous?: CollectionPlan
}

function previouslyReviewed(f: DeclaredField, previous: CollectionPlan | undefined): boolean {
  if (!previous) return false
  const spec =
    f.section === 'properties'
      ? previous.events.get(f.event ?? '')?.properties.get(f.name)
      : f.section === 'traits'
        ? previous.traits.get(f.name)
        : previous.context.get(f.name)
  return spec !== undefined && spec.category === f.spec.category && spec.justification !== undefined
}

/** The findings of a plan version, blocks first. */
export function reviewPlan(plan: CollectionPlan, ctx: PlanReviewContext): PlanFinding[] {
  const findings: PlanFinding[] = []
  for (const f of declaredFields(plan)) {
    const where =
      f.event === undefined ? `${f.section} field "${f.name}"` : `property "${f.name}" of "${f.event}"`
    const details = { category: f.spec.category, ...(f.event === undefined ? {} : { event: f.event }) }
    if (ctx.isSensitive(f.spec.category) && !previouslyReviewed(f, ctx.previous))
      findings.push(
        ctx.reviewer && f.spec.justification !== undefined
          ? {
              code: 'sensitive-field',
              severity: 'info',
              message: `${where} is of the sensitive category ${f.spec.category}; saved by a reviewer with its justification`,
              path: f.path,
              details,
            }
          : {
              code: 'sensitive-field',
              severity: 'block',
              message: `${where} is of the sensitive category ${f.spec.category}: give it a justification and save this version with a reviewer key (or remove the field)`,
              path: f.path,
              details,
            },
      )
    if (f.spec.purposes.length === 0)
      findings.push({
        code: 'missing-purpose',
        severity: 'block',
        message: `${where} has no purpose: add purposes (GET /v1/purposes) or remove it from the plan`,
        path: `${f.path}.purposes`,
        details,
      })
    if (f.spec.justification === undefined)
      findings.push({
        code: 'missing-justification',
        severity: 'block',
        message: `${where} has no justification: add one sentence a person can read on why it is collected`,
        path: `${f.path}.justification`,
        details,
      })
    if (f.spec.retentionDays === undefined)
      findings.push({
        code: 'missing-retention',
        severity: 'warning',
        message: `${where} has no retentionDays: it is kept until the person is erased; set how many days it is needed`,
        path: `${f.path}.retentionDays`,
        details,
      })
  }
  const rank = { block: 0, warning: 1, info: 2 } as const
  return findings.sort((a, b) => rank[a.severity] - rank[b.severity])
}

/** Whether any finding blocks the version. */
export const blocks = (findings: readonly PlanFinding[]): boolean =>
  findings.some((f) => f.severity === 'block')
