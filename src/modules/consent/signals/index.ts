/**
 * Consent signals from the ecosystem: pure decoding of IAB TCF v2 TC strings and IAB GPP strings
 * (with the IAB's own libraries) and of Segment `categoryPreferences`, mapped to Candor purposes.
 * No I/O: the HTTP API and the consent ledger call these functions and record the results.
 */
export type { DecodeGppStringOptions } from './decode-gpp-string.js'
export type { DecodeTcStringOptions } from './decode-tc-string.js'

/**
 * The TC and GPP string decoders, loaded on first use: the IAB libraries they wrap take about
 * half a second to load, which `candor serve` and every CLI command would otherwise pay at start.
 */
export async function signalDecoders(): Promise<{
  decodeTcString: typeof import('./decode-tc-string.js').decodeTcString
  decodeGppString: typeof import('./decode-gpp-string.js').decodeGppString
}> {
  const [tc, gpp] = await Promise.all([import('./decode-tc-string.js'), import('./decode-gpp-string.js')])
  return { decodeTcString: tc.decodeTcString, decodeGppString: gpp.decodeGppString }
}
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
