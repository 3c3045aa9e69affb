export {
  type EvaluationCase,
  type EvaluationModel,
  type EvaluationResult,
  evaluateTimeSplit,
  withoutJourneys,
} from './time-split.js'
