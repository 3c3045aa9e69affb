import type { Result } from '../../../kernel/result.js'

/**
 * Why a consent signal was refused. Codes are API (kebab-case, never reused):
 * - `malformed-signal`: not a string of the expected kind, garbage, truncated, too long, or the
 *   IAB library could not decode it;
 * - `unsupported-signal-version`: well-formed enough to read a version, but a version Candor does
 *   not accept (a TCF v1 string, a GPP header other than v1, an embedded TCF section other than v2)
 *   or a GPP string with no section Candor understands.
 */
export const SIGNAL_ERROR_CODES = ['malformed-signal', 'unsupported-signal-version'] as const

/** One of {@link SIGNAL_ERROR_CODES}. */
export type SignalErrorCode = (typeof SIGNAL_ERROR_CODES)[number]

/** A refused signal. The message names the problem and never echoes the whole input. */
export interface SignalError {
  /** Stable code, see {@link SIGNAL_ERROR_CODES}. */
  readonly code: SignalErrorCode
  /** Human-readable reason, e.g. `TC string could not be decoded: invalid bit length`. */
  readonly message: string
}

/** Longest signal accepted, in characters (10 KiB). Longer input is `malformed-signal`. */
export const MAX_SIGNAL_LENGTH = 10_240

/** What one signal says about one Candor purpose. */
export interface SignalDecision {
  /** The Candor purpose, e.g. `advertising`. */
  readonly purpose: string
  /** `granted` or `denied`; a signal that says nothing about a purpose yields no decision. */
  readonly state: 'granted' | 'denied'
  /** Always `consent`: ecosystem signals record consent choices, never legitimate interest. */
  readonly basis: 'consent'
  /** Which part of the signal produced this decision, e.g. `tcf purposes 2,3,4`. For evidence and explanations. */
  readonly detail: string
}

/** What one signal says about a sensitive data category (e.g. precise location). */
export interface SensitiveSignal {
  /** The data category, e.g. `user.location.precise`. */
  readonly category: string
  /** The Candor purpose the opt-in is limited to; absent means "for the purposes this signal grants". */
  readonly purpose?: string
  /** `granted` only on an explicit opt-in. */
  readonly state: 'granted' | 'denied'
  /** Which part of the signal produced this entry, e.g. `tcf special feature 1`. */
  readonly detail: string
}

/** The TCF metadata of a decoded TC string (or of a GPP string's embedded `tcfeuv2` section). */
export interface TcfSignalDetails {
  /** TCF encoding version; always 2 (anything else is refused). */
  readonly version: 2
  /** The CMP's IAB-assigned id. */
  readonly cmpId: number
  /** The CMP's own version number. */
  readonly cmpVersion: number
  /** TCF policy version of the vendor list used (4 and 5 are TCF v2.2). */
  readonly policyVersion: number
  /** The CMP screen on which consent was collected, when the string says so. */
  readonly consentScreen?: number
  /** Vendor list version the CMP used, when present. */
  readonly vendorListVersion?: number
  /** When the string was first created, ISO-8601 (CMPs round it to the day). */
  readonly created: string
  /** When the string was last updated, ISO-8601, day-rounded as in the string. */
  readonly lastUpdated: string
  /** Consent for the organization's own vendor id; absent when no `vendorId` was passed. */
  readonly vendorConsent?: boolean
}

/** A decoded IAB TCF v2 TC string, mapped to Candor purposes. */
export interface TcfSignal extends TcfSignalDetails {
  /** Discriminant. */
  readonly kind: 'tcf'
  /** One decision for EVERY purpose in the mapping: a TC string is a complete statement. */
  readonly decisions: readonly SignalDecision[]
  /** One entry for every mapped special feature. */
  readonly sensitive: readonly SensitiveSignal[]
  /** The string as received (surrounding whitespace removed), kept as evidence. */
  readonly raw: string
}

/** One section listed in a GPP header. */
export interface GppSectionInfo {
  /** GPP section id, e.g. 2 for `tcfeuv2`, 7 for `usnat`. */
  readonly id: number
  /** Section name as the GPP library knows it, or `unknown` for an id it does not know. */
  readonly name: string
  /** Whether Candor mapped this section to decisions (false: listed as evidence only). */
  readonly understood: boolean
}

/** A decoded IAB GPP string, mapped to Candor purposes. */
export interface GppSignal {
  /** Discriminant. */
  readonly kind: 'gpp'
  /** GPP header version; always 1 (anything else is refused). */
  readonly version: number
  /** The sections the header lists, in header order. */
  readonly sections: readonly GppSectionInfo[]
  /** TCF metadata of the embedded `tcfeuv2` section, when there is one (CMP id, policy version, …). */
  readonly tcf?: TcfSignalDetails
  /** Decisions of all understood sections merged conservatively (a denial wins). */
  readonly decisions: readonly SignalDecision[]
  /** Sensitive-category entries of all understood sections merged conservatively. */
  readonly sensitive: readonly SensitiveSignal[]
  /** The string as received (surrounding whitespace removed), kept as evidence. */
  readonly raw: string
}

/** Any decoded ecosystem signal. */
export type DecodedSignal = TcfSignal | GppSignal

/** What the decoders return: never a thrown exception. */
export type SignalDecodeResult<T extends DecodedSignal> = Result<T, SignalError>

/** Builds a refused-signal result. */
export function signalError(code: SignalErrorCode, message: string): { ok: false; error: SignalError } {
  return { ok: false, error: { code, message } }
}

const MAX_LIBRARY_MESSAGE = 160

/**
 * A short description of anything a library threw (libraries may throw non-Error values),
 * with the raw input replaced so that messages never echo a whole signal.
 */
export function describeThrown(thrown: unknown, raw: string): string {
  let text: string
  if (thrown instanceof Error) text = thrown.message
  else if (typeof thrown === 'string') text = thrown
  else text = 'unknown decoding failure'
  if (raw.length > 0) text = text.split(raw).join('<input>')
  if (text.length === 0) text = 'unknown decoding failure'
  return text.length > MAX_LIBRARY_MESSAGE ? `${text.slice(0, MAX_LIBRARY_MESSAGE)}…` : text
}

/**
 * Common input checks for both decoders: a string, non-empty after trimming, at most
 * {@link MAX_SIGNAL_LENGTH} characters. Returns the trimmed string or the error message.
 */
export function checkSignalInput(
  input: unknown,
  label: string,
): { ok: true; value: string } | SignalErrorValue {
  if (typeof input !== 'string') return signalError('malformed-signal', `${label} must be a string`)
  if (input.length > MAX_SIGNAL_LENGTH * 2) {
    return signalError('malformed-signal', `${label} is longer than ${MAX_SIGNAL_LENGTH} characters`)
  }
  const trimmed = input.trim()
  if (trimmed.length === 0) return signalError('malformed-signal', `${label} is empty`)
  if (trimmed.length > MAX_SIGNAL_LENGTH) {
    return signalError('malformed-signal', `${label} is longer than ${MAX_SIGNAL_LENGTH} characters`)
  }
  return { ok: true, value: trimmed }
}

type SignalErrorValue = { ok: false; error: SignalError }
