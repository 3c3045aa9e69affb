export {
  type CollectionPlan,
  checkVocabulary,
  type DeclaredField,
  declaredFields,
  type EventSpec,
  type FieldSpec,
  formatPlan,
  PLAN_MODES,
  type PlanDocument,
  type PlanError,
  type PlanFormat,
  type PlanMode,
  parsePlanDocument,
  parsePlanText,
  planDocument,
} from './collection-plan.js'
export {
  CollectionPlanService,
  type CollectionPlanUnit,
  PLAN_CACHE_MS,
  type PlanRules,
  type SavePlanInput,
  type SavePlanOutcome,
} from './collection-plan-service.js'
export type {
  CollectedField,
  CollectionPlanStore,
  PlanVersion,
  ViolationCount,
} from './collection-plan-store.js'
export {
  type CheckedMessage,
  checkAgainstPlan,
  EXEMPT_CONTEXT_FIELDS,
  type FieldTally,
  type PlanCheck,
  stripUndeclared,
  tallyFields,
  type Violation,
} from './plan-check.js'
export { type InferredField, type InferredPlan, inferPlan } from './plan-infer.js'
export {
  blocks,
  type FindingSeverity,
  PLAN_FINDING_CODES,
  PLAN_FINDING_DESCRIPTIONS,
  type PlanFinding,
  type PlanFindingCode,
  reviewPlan,
} from './plan-review.js'
