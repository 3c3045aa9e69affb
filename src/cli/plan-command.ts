import { readFileSync } from 'node:fs'
import type { Config } from '../config/config-schema.js'
import { CandorError } from '../kernel/errors.js'
import {
  blocks,
  type CollectionPlan,
  checkVocabulary,
  formatPlan,
  type InferredPlan,
  type PlanError,
  type PlanFinding,
  parsePlanText,
  reviewPlan,
} from '../modules/collection-plan/index.js'
import { createDataCategoryTaxonomy } from '../modules/data-items/index.js'

/** What `candor plan lint` found: problems that make the file no plan, or review findings. */
export type LintOutcome =
  | { readonly valid: false; readonly errors: readonly PlanError[] }
  | { readonly valid: true; readonly findings: readonly PlanFinding[]; readonly blocked: boolean }

function readPlanFile(file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new CandorError(
      'invalid-request',
      code === 'ENOENT'
        ? `${file} does not exist: give the path of a collection plan (YAML or JSON)`
        : `cannot read ${file} (${code ?? String(error)})`,
      'file',
    )
  }
}

/**
 * Lints a plan file as `PUT …/collection-plan` would review it without a reviewer key: the
 * document, its categories and purposes (from the configuration), then the review findings.
 * `previous` is the plan in force: its reviewed sensitive fields do not block again.
 */
export function lintPlanFile(file: string, config: Config, previous?: string): LintOutcome {
  const categories = createDataCategoryTaxonomy(config.categories)
  const vocabulary = {
    hasCategory: (c: string) => categories.has(c),
    categoryNames: categories.list().map((c) => c.name),
    purposes: Object.keys(config.purposes),
  }
  const parsed = parsePlanText(readPlanFile(file))
  if (!parsed.ok) return { valid: false, errors: parsed.error }
  const unknown = checkVocabulary(parsed.value, vocabulary)
  if (unknown.length > 0) return { valid: false, errors: unknown }
  let before: CollectionPlan | undefined
  if (previous !== undefined) {
    const p = parsePlanText(readPlanFile(previous))
    if (!p.ok) return { valid: false, errors: p.error.map((e) => ({ ...e, path: `(previous) ${e.path}` })) }
    before = p.value
  }
  const findings = reviewPlan(parsed.value, {
    isSensitive: (c) => categories.isSensitive(c),
    reviewer: false,
    ...(before ? { previous: before } : {}),
  })
  return { valid: true, findings, blocked: blocks(findings) }
}

/** The lint outcome as lines: one per problem or finding, then a summary. */
export function lintLines(file: string, outcome: LintOutcome): string[] {
  if (!outcome.valid)
    return [
      ...outcome.errors.map((e) => `error  ${e.path === '' ? '(document)' : e.path}: ${e.message}`),
      `${file}: not a valid collection plan (${outcome.errors.length} problem${outcome.errors.length === 1 ? '' : 's'})`,
    ]
  const count = (s: string) => outcome.findings.filter((f) => f.severity === s).length
  return [
    ...outcome.findings.map((f) => `${f.severity.padEnd(8)}${f.code}  ${f.path ?? ''}: ${f.message}`),
    `${file}: ${count('block')} blocking, ${count('warning')} warnings, ${count('info')} notes${
      outcome.blocked ? ' — a reviewer or a change is needed before this plan can be saved' : ''
    }`,
  ]
}

/** `30d` (days back from now) or an ISO date, as epoch ms; throws `invalid-request` naming the flag. */
export function parseSince(value: string, now: number): number {
  const days = /^(\d{1,5})d$/.exec(value)
  if (days) return now - Number(days[1]) * 86_400_000
  const at = Date.parse(value)
  if (/^\d{4}-\d{2}-\d{2}/.test(value) && Number.isFinite(at)) return at
  throw new CandorError(
    'invalid-request',
    'give --since as a number of days (30d) or an ISO date (2026-11-01)',
    'since',
  )
}

/** The proposal as YAML: what was seen of each field as comments, then the plan (mode observe). */
export function inferredYaml(brandId: string, since: number, inferred: InferredPlan): string {
  const lines = [
    `# A starting collection plan for ${brandId}, from the traffic received since ${new Date(since).toISOString().slice(0, 10)}.`,
    '# Categories are inferred from field names: check them. Every field still needs purposes and a',
    '# justification (candor plan lint says which), and retentionDays; remove what nobody needs.',
    '#',
    ...inferred.fields.map(
      (f) =>
        `#   ${f.event === null ? '' : `${f.event}: `}${f.field} (${f.types.join('|')}) seen ${f.count}× → ${f.category}`,
    ),
  ]
  return `${lines.join('\n')}\n${formatPlan(inferred.plan, 'yaml')}`
}
