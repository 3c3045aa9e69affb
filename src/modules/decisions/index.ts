export {
  type DecideInput,
  type Decision,
  type DecisionBatch,
  type DecisionItem,
  DecisionService,
  type DecisionUnit,
} from './decision-service.js'
export {
  describeEvidence,
  type Explanation,
  explain,
  FALLBACK_REASONS,
  type FallbackReason,
} from './explanation.js'
export { type ChangeAction, FACTOR_KINDS, type Factor, type FactorKind } from './factor.js'
export { type RankedItem, type RankInterest, rankOffers, topicMatch } from './ranker.js'
