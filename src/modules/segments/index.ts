export {
  type Evaluation,
  evaluateSegment,
  type FactEvent,
  type FactInterest,
  type FactItem,
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
