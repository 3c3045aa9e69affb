import type { PlanVersion, ViolationCount } from './plan-version.js'

export type { PlanVersion, ViolationCount }

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
