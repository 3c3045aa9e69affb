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
export type { CollectionPlanStore, PlanVersion, ViolationCount } from './collection-plan-store.js'
export {
  type CheckedMessage,
  checkAgainstPlan,
  EXEMPT_CONTEXT_FIELDS,
  type PlanCheck,
  stripUndeclared,
  type Violation,
} from './plan-check.js'
export {
  blocks,
  type FindingSeverity,
  PLAN_FINDING_CODES,
  PLAN_FINDING_DESCRIPTIONS,
  type PlanFinding,
  type PlanFindingCode,
  reviewPlan,
} from './plan-review.js'
