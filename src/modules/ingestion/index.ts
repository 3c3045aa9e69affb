export {
  type IngestInput,
  IngestionService,
  type IngestionUnit,
  type IngestOutcome,
  type PipelineRejection,
  type PreparedInput,
  type PreparedMessage,
} from './ingestion-service.js'
export { DEFAULT_TRAIT_RULES, type TraitRule, traitItems } from './trait-mapping.js'
