export {
  type IngestInput,
  IngestionService,
  type IngestionUnit,
  type IngestOutcome,
  type PipelineRejection,
  type PlanViolationCount,
  type PreparedInput,
  type PreparedMessage,
} from './ingestion-service.js'
// The pure pipeline, for offline use of the same classification (demo checks, evaluations).
export { createIngestionPipeline, type IngestionPipeline } from './steps/index.js'
export { DEFAULT_TRAIT_RULES, type TraitRule, traitItems } from './trait-mapping.js'
