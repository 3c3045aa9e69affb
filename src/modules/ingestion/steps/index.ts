/**
 * Public surface of the pure ingestion steps: Segment message schemas, the per-message steps and
 * the composed pipeline. No I/O anywhere below this folder.
 */

export { checkNesting, MAX_NESTING_DEPTH } from './check-nesting-step.js'
export {
  classifyEvent,
  EVENT_KINDS,
  type EventClassification,
  normalizeEventName,
  type ProductLine,
  productLines,
  SIGNAL_KINDS,
  type SignalKind,
} from './classify-event-step.js'
export { applyCollectionPlan, countViolations, type PlannedMessage } from './collection-plan-step.js'
export {
  type CategoryPreferenceDecisions,
  type ConsentOrigin,
  type ConsentSignal,
  type ConsentSignalSource,
  type ConsentSignalState,
  type ConsentSignalsDeps,
  categoryPreferencesOf,
  consentPreferencesOf,
  createConsentSignalsStep,
  GPC_SIGNAL,
  type HeaderBag,
  hasGpcHeader,
} from './consent-signals-step.js'
export {
  type ClockFields,
  type CorrectClockSkewDeps,
  createCorrectClockSkewStep,
  DEFAULT_MAX_FUTURE_MS,
  type EventTimeSource,
  type EventTiming,
} from './correct-clock-skew-step.js'
export {
  detectGift,
  GIFT_RULES,
  type GiftDetection,
  type GiftLine,
  type GiftRule,
  isGiftWrap,
  isTruthyFlag,
} from './detect-gift-step.js'
export {
  byteLength,
  checkBatchBodySize,
  checkMessageBodySize,
  checkMessageSize,
  MAX_BATCH_BYTES,
  MAX_MESSAGE_BYTES,
  type MeasuredSize,
} from './measure-size-step.js'
export {
  ACCEPTED_CONTENT_TYPES,
  endpointForPath,
  type ParsedBody,
  parseBody,
  type RawBody,
  SEGMENT_PATHS,
  type SegmentEndpoint,
} from './parse-body-step.js'
export { parseIsoTimestamp } from './parse-timestamp.js'
export {
  createIngestionPipeline,
  type IngestionPipeline,
  type IngestionPipelineDeps,
  type MessageContext,
  type ProcessedMessage,
  type ProcessedRequest,
  type TrackingRequest,
} from './pipeline.js'
export {
  DROP_REASON_DESCRIPTIONS,
  DROP_REASONS,
  type DropReason,
  drop,
  isDrop,
  isDropReason,
  isOk,
  ok,
  type StepDrop,
  type StepOk,
  type StepResult,
} from './results.js'
export {
  isJsonObject,
  type JsonObject,
  type MessageIdSource,
  SEGMENT_MESSAGE_TYPES,
  type SegmentMessage,
  type SegmentMessageType,
} from './segment-message.js'
export {
  MAX_ID_LENGTH,
  type ParsedSegmentBatchBody,
  type ParsedSegmentMessage,
  segmentBatchBodySchema,
  segmentMessageSchemas,
} from './segment-message-schemas.js'
export {
  type BatchRejection,
  createSplitBatchStep,
  type SplitBatch,
  type SplitBatchDeps,
} from './split-batch-step.js'
export {
  type BatchDefaults,
  deriveMessageId,
  REPORTABLE_FIELDS,
  type ReportableField,
  type ValidateContext,
  validateMessage,
} from './validate-message-step.js'
