export type { PersonState } from './person-state-cache.js'
export {
  AGGREGATE_ONLY_PURPOSES,
  EXCLUSION_REASONS,
  type ExclusionReason,
  evaluatePolicy,
  type PolicyItem,
  type PolicyRules,
} from './policy.js'
export {
  type BrandExport,
  type ConsentRecordView,
  consentRecordView,
  type EventView,
  type ExcludedItem,
  type InterestsView,
  type InterestView,
  PolicyService,
  type PolicyUnit,
  type PolicyView,
  type PopularityCounts,
  type Restrictions,
  type ViewContext,
  type ViewItem,
} from './policy-service.js'
