export {
  buildModelCard,
  type DecisionShapingConfig,
  type MetricPair,
  type ModelCard,
  type ModelCardContext,
  modelVersion,
} from './model-card.js'
export { modelCardMarkdown } from './model-card-markdown.js'
export {
  MODEL_CARD_HORIZON_DAYS,
  MODEL_CARD_K,
  type ModelCardDeps,
  ModelCardService,
} from './model-card-service.js'
export {
  MODEL_CARD_SCHEMA_VERSION,
  type ModelCardToolkitJson,
  toModelCardToolkit,
} from './model-card-toolkit.js'
