import type { PlanDocument } from './collection-plan.js'
import type { PlanFinding } from './plan-review.js'

/** One saved version of a brand's plan. */
export interface PlanVersion {
  readonly brandId: string
  /** 1, 2, 3… per brand. */
  readonly version: number
  readonly document: PlanDocument
  /** Who saved it: `key:<id>` or `cli`. */
  readonly actor: string
  /** Why, as the saver wrote it. */
  readonly reason: string
  /** The review findings it was saved with (no blocks). */
  readonly findings: readonly PlanFinding[]
  readonly createdAt: number
}

/** A count of one violation at one brand: names only. */
export interface ViolationCount {
  /** The event (track name, `page`, `screen`), or null for traits and context. */
  readonly event: string | null
  readonly field: string
  readonly kind: 'undeclared' | 'missing'
  readonly count: number
  readonly firstSeenAt: number
  readonly lastSeenAt: number
}

/** A field received at a brand over a period: names and types only. */
export interface CollectedField {
  readonly event: string | null
  readonly field: string
  readonly type: string
  readonly count: number
  readonly lastSeenAt: number
}
