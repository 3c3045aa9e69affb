import {
  type CollectionPlan,
  checkAgainstPlan,
  stripUndeclared,
  type Violation,
} from '../../collection-plan/index.js'
import type { ProcessedMessage } from './pipeline.js'
import { drop, ok, type StepResult } from './results.js'

/** A message after the plan: kept (stripped under `strip`) or dropped (`reject`), and its violations. */
export interface PlannedMessage {
  readonly result: StepResult<ProcessedMessage>
  readonly violations: readonly Violation[]
}

/**
 * The brand's collection plan at intake (pure). `observe` keeps the message as it is, `strip`
 * removes undeclared properties, traits and context fields (so they are never stored, not even
 * encrypted), `reject` drops a message with any violation, naming the first
 * (`undeclared-field` / `missing-required-field`). Violations are returned in every mode, by name.
 *
 * @example
 * ```ts
 * const { result, violations } = applyCollectionPlan(message, plan)
 * // plan.mode === 'reject' and a `color` property undeclared:
 * // result → drop('undeclared-field', 'properties.color')
 * ```
 */
export function applyCollectionPlan(message: ProcessedMessage, plan: CollectionPlan): PlannedMessage {
  const check = checkAgainstPlan(plan, message)
  const violations = check.violations
  if (violations.length === 0) return { result: ok(message), violations }
  if (plan.mode === 'reject') {
    const first = violations[0] as Violation
    return {
      result: drop(first.kind === 'missing' ? 'missing-required-field' : 'undeclared-field', first.field),
      violations,
    }
  }
  if (plan.mode === 'strip') return { result: ok(stripUndeclared(message, check)), violations }
  return { result: ok(message), violations }
}

/** Violations of a request, counted by (event, field, kind). */
export function countViolations(
  all: Iterable<readonly Violation[]>,
): { event: string | null; field: string; kind: Violation['kind']; count: number }[] {
  const counts = new Map<
    string,
    { event: string | null; field: string; kind: Violation['kind']; count: number }
  >()
  for (const list of all)
    for (const v of list) {
      const key = `${v.kind}\u0000${v.event ?? ''}\u0000${v.field}`
      const c = counts.get(key)
      if (c) c.count++
      else counts.set(key, { event: v.event, field: v.field, kind: v.kind, count: 1 })
    }
  return [...counts.values()]
}
