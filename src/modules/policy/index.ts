export type { PersonState } from './person-state-cache.js'
export {
  AGGREGATE_ONLY_PURPOSES,
  EXCLUSION_REASONS,
  type ExclusionReason,
  evaluatePolicy,
  type PolicyItem,
  type PolicyRules,
} from './policy.js'
export type { PolicyUnit } from './policy-engine.js'
export { PolicyService, type PolicyServiceDeps } from './policy-service.js'
export {
  ageBand,
  type FactNeeds,
  type PersonFacts,
  type ScannedPerson,
  type ScanQuery,
} from './segment-audience.js'
export {
  type BrandExport,
  type ConsentRecordView,
  consentRecordView,
  EMPTY_INTERESTS_REASONS,
  type EmptyInterestsReason,
  type EventFieldExclusion,
  type EventView,
  type ExcludedItem,
  type InterestsView,
  type InterestView,
  type ModelSignalsView,
  type PolicyView,
  type PopularityCounts,
  type Restrictions,
  type ViewContext,
  type ViewItem,
} from './views.js'
