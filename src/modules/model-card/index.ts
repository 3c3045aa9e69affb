export {
  buildModelCard,
  type DecisionShapingConfig,
  type MetricPair,
  type ModelCard,
  type ModelCardContext,
  modelVersion,
} from './model-card.js'
export { type ModelCardChart, modelCardChartSpecs, renderModelCardCharts } from './model-card-charts.js'
export { modelCardHtml } from './model-card-html.js'
export { modelCardMarkdown } from './model-card-markdown.js'
export {
  formatModelCard,
  MODEL_CARD_FORMATS,
  MODEL_CARD_HORIZON_DAYS,
  MODEL_CARD_K,
  type ModelCardDeps,
  type ModelCardFormat,
  ModelCardService,
} from './model-card-service.js'
export { type ModelCardSummary, modelCardSummary } from './model-card-summary.js'
export {
  MODEL_CARD_SCHEMA_VERSION,
  type ModelCardToolkitJson,
  toModelCardToolkit,
} from './model-card-toolkit.js'
