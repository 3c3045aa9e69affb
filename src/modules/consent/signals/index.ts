/**
 * Consent signals from the ecosystem: pure decoding of IAB TCF v2 TC strings and IAB GPP strings
 * (with the IAB's own libraries) and of Segment `categoryPreferences`, mapped to Candor purposes.
 * No I/O: the HTTP API and the consent ledger call these functions and record the results.
 */
export { type DecodeGppStringOptions, decodeGppString, SUPPORTED_GPP_VERSION } from './decode-gpp-string.js'
export { type DecodeTcStringOptions, decodeTcString, SUPPORTED_TCF_VERSION } from './decode-tc-string.js'
export {
  type DecodedSignal,
  type GppSectionInfo,
  type GppSignal,
  MAX_SIGNAL_LENGTH,
  type SensitiveSignal,
  SIGNAL_ERROR_CODES,
  type SignalDecision,
  type SignalDecodeResult,
  type SignalError,
  type SignalErrorCode,
  type TcfSignal,
  type TcfSignalDetails,
} from './decoded-signal.js'
export { type CategoryPreferencesOutcome, mapCategoryPreferences } from './map-category-preferences.js'
export {
  type CategoryPreferencesMapping,
  createSignalMapping,
  DEFAULT_SIGNAL_MAPPING,
  GPP_TCF_SECTION,
  GPP_US_SECTIONS,
  type GppUsMapping,
  mapGppUsSection,
  mapTcfChoices,
  mergeDecisions,
  mergeSensitive,
  normalizeCategoryName,
  optOutMeaning,
  type SignalMapping,
  type SignalMappingOverrides,
  type TcfChoices,
  type TcfMapping,
  type TcfMappingOutcome,
  type TcfSpecialFeatureMapping,
} from './signal-mapping.js'
