import type { FieldTally } from './plan-check.js'
import type { CollectedField, PlanVersion, ViolationCount } from './plan-version.js'

export type { CollectedField, PlanVersion, ViolationCount }

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
  /** Adds the day's counts of field names received (one row per brand × day × event × field × type). */
  countFields(brandId: string, day: number, tallies: readonly FieldTally[], at: number): Promise<void>
  /** Fields received since `sinceDay` (days since the epoch), summed, most frequent first. */
  collectedFields(brandId: string, sinceDay: number): Promise<CollectedField[]>
  /** Counts, most frequent first. */
  violations(brandId: string, limit: number): Promise<ViolationCount[]>
}
