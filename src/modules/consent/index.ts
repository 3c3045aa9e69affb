export {
  CONSENT_SCOPES,
  CONSENT_SOURCES,
  CONSENT_STATES,
  type ConsentDecision,
  type ConsentRecord,
  type ConsentScope,
  type ConsentSource,
  ConsentState,
  type ConsentStateValue,
  compareRecords,
  type PurposeDefaults,
} from './consent.js'
export { type ConsentChoice, type ConsentRules, ConsentService, type ConsentUnit } from './consent-service.js'
export {
  ConsentSignalService,
  gpcPendingIn,
  type SignalOutcome,
  type SkippedChoice,
} from './consent-signal-service.js'
export type { ConsentStore } from './consent-store.js'
export { createSignalMapping, type SignalMapping, type SignalMappingOverrides } from './signals/index.js'
