export {
  confidenceOf,
  DEFAULT_INTEREST_MODEL,
  heldBackUntil,
  INTEREST_SIGNAL_KINDS,
  INTEREST_STATES,
  type Interest,
  type InterestModelConfig,
  type InterestSignalKind,
  type InterestState,
  isEstablished,
  scoreAt,
} from './interest.js'
export { InterestService, type InterestUnit, type ModelEvent } from './interest-service.js'
export {
  DEFAULT_JOURNEYS,
  describeSetAside,
  type InterestJourneys,
  isPurchaseSpike,
  type JourneyConfig,
  lastPurchaseAt,
  possibleGiftOf,
  satiatedUntil,
  satiationDays,
  whyInterest,
  within,
} from './journeys.js'
export { type JourneyEvent, rebuildInterests } from './rebuild.js'
export {
  type CategoryResolution,
  CategoryResolver,
  createCategoryResolver,
  createTopicTaxonomy,
  type Topic,
  TopicTaxonomy,
} from './taxonomy/index.js'
