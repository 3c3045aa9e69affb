export { FINDING_CODES, type Finding, type FindingCode, type Review, SEVERITIES } from './review.js'
export { HISTORY_KINDS, type HistoryEntry, SEGMENT_STATUSES, type Segment } from './segment.js'
export {
  type Evaluation,
  evaluateSegment,
  type FactEvent,
  type FactInterest,
  type FactItem,
  isMember,
  type MatchedCriterion,
  matches,
  type SegmentFacts,
} from './segment-evaluation.js'
export {
  DATA_OPS,
  type DataOp,
  describeRule,
  type LeafNode,
  leavesOf,
  type ParseResult,
  parseRule,
  type RuleError,
  type RuleNode,
  ruleToJson,
} from './segment-rule.js'
export { type SegmentActor, type SegmentInput, SegmentService } from './segment-service.js'
export type { SegmentStore } from './segment-store.js'
