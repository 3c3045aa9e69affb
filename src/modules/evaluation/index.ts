export {
  evaluateRankingQuality,
  type QualityCase,
  type QualityComparison,
  type QualityReport,
  type RankingMetrics,
} from './ranking-quality.js'
export {
  type EvaluationCase,
  type EvaluationModel,
  type EvaluationResult,
  evaluateTimeSplit,
  withoutJourneys,
} from './time-split.js'
