import { Base64Url, BitLength, type TCModel, TCString, type Vector } from '@iabtechlabtcf/core'
import {
  checkSignalInput,
  describeThrown,
  type SignalDecodeResult,
  type SignalError,
  signalError,
  type TcfSignal,
} from './decoded-signal.js'
import { installRangeGuards } from './range-guards.js'
import { mapTcfChoices, type SignalMapping } from './signal-mapping.js'

// Before any decode: both libraries expand id ranges without bound (see range-guards.ts).
installRangeGuards()

/** Options of {@link decodeTcString}. */
export interface DecodeTcStringOptions {
  /** The mapping to Candor purposes, usually from `createSignalMapping(config)`. */
  readonly mapping: SignalMapping
  /**
   * The organization's own IAB vendor id. When given, the result carries `vendorConsent`. Must be a
   * positive integer (a `RangeError` is thrown otherwise: that is a configuration bug, not bad input).
   */
  readonly vendorId?: number
}

/** The only TCF encoding version Candor accepts. */
export const SUPPORTED_TCF_VERSION = 2

/**
 * Decodes an IAB TCF v2 TC string with `@iabtechlabtcf/core` and maps it to Candor purposes.
 * Never throws for any input string: garbage, truncated or over-long input yields
 * `malformed-signal`, a TCF version other than 2 (v1 strings included, which the library may
 * decode without complaint) yields `unsupported-signal-version`.
 *
 * A TC string is a complete statement: every purpose in `options.mapping.tcf.purposes` gets a
 * decision, `denied` unless every TCF purpose it needs has consent.
 *
 * @example
 * const result = decodeTcString(body.tcString, { mapping: DEFAULT_SIGNAL_MAPPING, vendorId: 755 })
 * if (!result.ok) return reply.code(400).send({ error: result.error })
 * result.value.decisions // [{ purpose: 'advertising', state: 'denied', basis: 'consent', detail: 'tcf purposes 2,3,4 (…)' }, …]
 */
export function decodeTcString(
  tcString: string,
  options: DecodeTcStringOptions,
): SignalDecodeResult<TcfSignal> {
  checkVendorId(options.vendorId)
  const input = checkSignalInput(tcString, 'TC string')
  if (!input.ok) return input
  const raw = input.value

  if (raw.startsWith('DB') && raw.includes('~')) {
    return signalError('malformed-signal', 'TC string looks like a GPP string; send it as gppString')
  }
  const peeked = peekCoreVersion(raw)
  if (!peeked.ok) return peeked

  let model: TCModel
  try {
    model = TCString.decode(raw)
  } catch (thrown: unknown) {
    return signalError('malformed-signal', `TC string could not be decoded: ${describeThrown(thrown, raw)}`)
  }

  const details = readTcModel(model)
  if (!details.ok) return details

  const outcome = mapTcfChoices(
    {
      purposeConsents: vectorIds(model.purposeConsents),
      specialFeatureOptins: vectorIds(model.specialFeatureOptins),
      vendorConsents: vectorIds(model.vendorConsents),
    },
    options.mapping,
    options.vendorId,
  )

  return {
    ok: true,
    value: {
      kind: 'tcf',
      ...details.value,
      ...(outcome.vendorConsent === undefined ? {} : { vendorConsent: outcome.vendorConsent }),
      decisions: outcome.decisions,
      sensitive: outcome.sensitive,
      raw,
    },
  }
}

/** Throws a `RangeError` for a vendor id that is given but not a positive integer (a caller bug). */
export function checkVendorId(vendorId: number | undefined): void {
  if (vendorId !== undefined && (!Number.isInteger(vendorId) || vendorId < 1)) {
    throw new RangeError(`vendorId must be a positive integer, got ${String(vendorId)}`)
  }
}

type Failure = { ok: false; error: SignalError }

/**
 * Reads the version from the first 6 bits of the core segment (with the library's base64url
 * alphabet) BEFORE decoding, so that v1 strings the library cannot decode are still reported as
 * unsupported, and so that a string without a core segment (which the library "decodes" into a
 * default model) is refused.
 */
function peekCoreVersion(raw: string): { ok: true } | Failure {
  const first = raw.charAt(0)
  let bits: string
  try {
    bits = Base64Url.decode(first)
  } catch {
    return signalError('malformed-signal', 'TC string is not base64url-encoded segments separated by "."')
  }
  if (Number.parseInt(bits.slice(0, BitLength.segmentType), 2) !== 0) {
    return signalError('malformed-signal', 'TC string does not start with a core segment')
  }
  const version = Number.parseInt(bits, 2)
  if (version === 0) return signalError('malformed-signal', 'TC string has no TCF version (0)')
  if (version !== SUPPORTED_TCF_VERSION) {
    return signalError(
      'unsupported-signal-version',
      `TC string has TCF version ${version}; only version ${SUPPORTED_TCF_VERSION} is supported`,
    )
  }
  return { ok: true }
}

type TcfModelDetails = Omit<TcfSignal, 'kind' | 'decisions' | 'sensitive' | 'raw' | 'vendorConsent'>

function readTcModel(model: TCModel): { ok: true; value: TcfModelDetails } | Failure {
  const version = Number(model.version)
  if (version !== SUPPORTED_TCF_VERSION) {
    return signalError(
      'unsupported-signal-version',
      `TC string has TCF version ${String(model.version)}; only version ${SUPPORTED_TCF_VERSION} is supported`,
    )
  }
  const cmpId = Number(model.cmpId)
  const cmpVersion = Number(model.cmpVersion)
  const policyVersion = Number(model.policyVersion)
  const consentScreen = Number(model.consentScreen)
  const vendorListVersion = Number(model.vendorListVersion)
  for (const [name, value] of [
    ['cmpId', cmpId],
    ['cmpVersion', cmpVersion],
    ['policyVersion', policyVersion],
  ] as const) {
    if (!Number.isInteger(value) || value < 0) {
      return signalError('malformed-signal', `TC string has an invalid ${name}`)
    }
  }
  const created = isoDate(model.created)
  const lastUpdated = isoDate(model.lastUpdated)
  if (created === undefined) return signalError('malformed-signal', 'TC string has an invalid created date')
  if (lastUpdated === undefined) {
    return signalError('malformed-signal', 'TC string has an invalid lastUpdated date')
  }
  return {
    ok: true,
    value: {
      version: SUPPORTED_TCF_VERSION,
      cmpId,
      cmpVersion,
      policyVersion,
      ...(Number.isInteger(consentScreen) ? { consentScreen } : {}),
      ...(Number.isInteger(vendorListVersion) && vendorListVersion > 0 ? { vendorListVersion } : {}),
      created,
      lastUpdated,
    },
  }
}

/** The ISO form of a valid Date, or undefined. */
export function isoDate(value: unknown): string | undefined {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) return undefined
  return value.toISOString()
}

function vectorIds(vector: Vector): Set<number> {
  const ids = new Set<number>()
  vector.forEach((value, id) => {
    if (value) ids.add(id)
  })
  return ids
}
