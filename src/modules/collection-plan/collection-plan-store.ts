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

export interface CollectionPlanStore {
  /** Adds a version; false when that version number is taken (another save won). */
  insertVersion(version: PlanVersion): Promise<boolean>
  /** The newest version, or undefined when the brand has no plan. */
  latest(brandId: string): Promise<PlanVersion | undefined>
  /** The newest version's number, 0 when none: a cheap check for caches. */
  latestNumber(brandId: string): Promise<number>
  /** Versions newest first, below `before` when given. */
  versions(brandId: string, limit: number, before?: number): Promise<PlanVersion[]>
  /** Adds counts (one row per brand × event × field × kind). */
  countViolations(
    brandId: string,
    counts: readonly Pick<ViolationCount, 'event' | 'field' | 'kind' | 'count'>[],
    at: number,
  ): Promise<void>
  /** How many distinct violation rows the brand has. */
  violationRows(brandId: string): Promise<number>
  /** Counts, most frequent first. */
  violations(brandId: string, limit: number): Promise<ViolationCount[]>
}
