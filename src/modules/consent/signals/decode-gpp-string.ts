import { GppModel, HeaderV1, Sections } from '@iabgpp/cmpapi'
import { checkVendorId, isoDate, SUPPORTED_TCF_VERSION } from './decode-tc-string.js'
import {
  checkSignalInput,
  describeThrown,
  type GppSectionInfo,
  type GppSignal,
  type SensitiveSignal,
  type SignalDecision,
  type SignalDecodeResult,
  type SignalError,
  signalError,
  type TcfSignalDetails,
} from './decoded-signal.js'
import { installRangeGuards } from './range-guards.js'
import {
  GPP_TCF_SECTION,
  mapGppUsSection,
  mapTcfChoices,
  mergeDecisions,
  mergeSensitive,
  type SignalMapping,
} from './signal-mapping.js'

// Before any decode: both libraries expand id ranges without bound (see range-guards.ts).
installRangeGuards()

/** Options of {@link decodeGppString}. */
export interface DecodeGppStringOptions {
  /** The mapping to Candor purposes, usually from `createSignalMapping(config)`. */
  readonly mapping: SignalMapping
  /** The organization's IAB vendor id, read from an embedded `tcfeuv2` section. Positive integer. */
  readonly vendorId?: number
}

/** The only GPP header version Candor accepts. */
export const SUPPORTED_GPP_VERSION = 1

/** GPP header section type (the header's own `Id` field). */
const GPP_HEADER_ID = 3

type Failure = { ok: false; error: SignalError }

/**
 * Decodes an IAB GPP string with `@iabgpp/cmpapi`'s `GppModel` (which runs in Node; `CmpApi`
 * needs a browser) and maps every section Candor understands:
 * - `tcfeuv2` with the TCF mapping (a complete statement: every mapped purpose gets a decision);
 * - the US sections in `mapping.gpp.sections` (usnat, state sections, uspv1): opt-outs and
 *   `Gpc: true` yield denials; "did not opt out" yields a grant only when configured.
 *
 * Decisions of all sections are merged per purpose: any denial wins. Never throws for any input
 * string: garbage → `malformed-signal`; a header version other than 1, an embedded TCF section
 * other than v2, or no section Candor understands → `unsupported-signal-version`. A bare TC string
 * (starting with `C`), which the library would accept as a legacy form, is refused as malformed:
 * send it to `decodeTcString` so that it is recorded with source `tcf`.
 *
 * @example
 * const result = decodeGppString('DBABLA~CAAZAAAAAABA.YA', { mapping: DEFAULT_SIGNAL_MAPPING })
 * // result.value.decisions → [{ purpose: 'advertising', state: 'denied', … }]
 */
export function decodeGppString(
  gppString: string,
  options: DecodeGppStringOptions,
): SignalDecodeResult<GppSignal> {
  checkVendorId(options.vendorId)
  const input = checkSignalInput(gppString, 'GPP string')
  if (!input.ok) return input
  const raw = input.value
  const { mapping } = options

  const parts = raw.split('~')
  const headerPart = parts[0] ?? ''
  if (headerPart.startsWith('C')) {
    return signalError(
      'malformed-signal',
      'GPP string has no GPP header; this looks like a TC string, send it as tcString',
    )
  }
  const header = readHeader(headerPart, raw)
  if (!header.ok) return header
  const { sectionIds } = header
  if (sectionIds.length !== parts.length - 1) {
    return signalError(
      'malformed-signal',
      `GPP header lists ${sectionIds.length} section(s) but the string carries ${parts.length - 1}`,
    )
  }

  const sections: GppSectionInfo[] = sectionIds.map((id) => {
    const name = Sections.SECTION_ID_NAME_MAP.get(id) ?? 'unknown'
    return { id, name, understood: name === GPP_TCF_SECTION || mapping.gpp.sections.includes(name) }
  })
  if (!sections.some((s) => s.understood)) {
    const listed = sections.length === 0 ? 'none' : sections.map((s) => `${s.name} (${s.id})`).join(', ')
    return signalError(
      'unsupported-signal-version',
      `GPP string has no section Candor understands (sections: ${listed})`,
    )
  }

  const decoded = decodeSections(raw, sections)
  if (!decoded.ok) return decoded

  const decisions: SignalDecision[] = []
  const sensitive: SensitiveSignal[] = []
  let tcf: TcfSignalDetails | undefined
  for (const section of sections) {
    if (!section.understood) continue
    const fields = decoded.fields.get(section.name)
    if (fields === undefined) {
      return signalError('malformed-signal', `GPP section ${section.name} could not be decoded`)
    }
    if (section.name === GPP_TCF_SECTION) {
      const mapped = mapTcfSection(fields, mapping, options.vendorId)
      if (!mapped.ok) return mapped
      tcf = mapped.details
      decisions.push(...mapped.decisions)
      sensitive.push(...mapped.sensitive)
    } else {
      const mapped = mapGppUsSection(section.name, fields, mapping)
      decisions.push(...mapped.decisions)
      sensitive.push(...mapped.sensitive)
    }
  }

  return {
    ok: true,
    value: {
      kind: 'gpp',
      version: header.version,
      sections,
      ...(tcf === undefined ? {} : { tcf }),
      decisions: mergeDecisions(decisions),
      sensitive: mergeSensitive(sensitive),
      raw,
    },
  }
}

function readHeader(
  headerPart: string,
  raw: string,
): { ok: true; version: number; sectionIds: number[] } | Failure {
  let id: unknown
  let version: unknown
  let sectionIds: unknown
  try {
    const header = new HeaderV1(headerPart)
    id = header.getFieldValue('Id')
    version = header.getFieldValue('Version')
    sectionIds = header.getFieldValue('SectionIds')
  } catch (thrown: unknown) {
    return signalError('malformed-signal', `GPP header could not be decoded: ${describeThrown(thrown, raw)}`)
  }
  if (id !== GPP_HEADER_ID)
    return signalError('malformed-signal', 'GPP string does not start with a GPP header')
  if (typeof version !== 'number') return signalError('malformed-signal', 'GPP header has no version')
  if (version !== SUPPORTED_GPP_VERSION) {
    return signalError(
      'unsupported-signal-version',
      `GPP header has version ${version}; only version ${SUPPORTED_GPP_VERSION} is supported`,
    )
  }
  if (!Array.isArray(sectionIds) || !sectionIds.every((s): s is number => Number.isInteger(s))) {
    return signalError('malformed-signal', 'GPP header has an invalid section list')
  }
  return { ok: true, version, sectionIds }
}

/** Decodes every section with the library, forcing its lazy decoding so that errors surface here. */
function decodeSections(
  raw: string,
  sections: readonly GppSectionInfo[],
): { ok: true; fields: Map<string, Readonly<Record<string, unknown>>> } | Failure {
  const fields = new Map<string, Readonly<Record<string, unknown>>>()
  try {
    const model = new GppModel(raw)
    model.getSectionIds()
    for (const section of sections) {
      if (section.name === 'unknown') continue
      const value: unknown = model.getSection(section.name)
      if (isRecord(value)) fields.set(section.name, value)
    }
  } catch (thrown: unknown) {
    return signalError('malformed-signal', `GPP string could not be decoded: ${describeThrown(thrown, raw)}`)
  }
  return { ok: true, fields }
}

function mapTcfSection(
  fields: Readonly<Record<string, unknown>>,
  mapping: SignalMapping,
  vendorId: number | undefined,
):
  | { ok: true; details: TcfSignalDetails; decisions: SignalDecision[]; sensitive: SensitiveSignal[] }
  | Failure {
  const version = fields.Version
  if (version !== SUPPORTED_TCF_VERSION) {
    return signalError(
      'unsupported-signal-version',
      `GPP tcfeuv2 section has TCF version ${String(version)}; only version ${SUPPORTED_TCF_VERSION} is supported`,
    )
  }
  const cmpId = fields.CmpId
  const cmpVersion = fields.CmpVersion
  const policyVersion = fields.PolicyVersion
  const consentScreen = fields.ConsentScreen
  const vendorListVersion = fields.VendorListVersion
  const created = isoDate(fields.Created)
  const lastUpdated = isoDate(fields.LastUpdated)
  if (
    !isNonNegativeInteger(cmpId) ||
    !isNonNegativeInteger(cmpVersion) ||
    !isNonNegativeInteger(policyVersion)
  ) {
    return signalError(
      'malformed-signal',
      'GPP tcfeuv2 section has an invalid CmpId, CmpVersion or PolicyVersion',
    )
  }
  if (created === undefined || lastUpdated === undefined) {
    return signalError('malformed-signal', 'GPP tcfeuv2 section has an invalid Created or LastUpdated date')
  }
  const outcome = mapTcfChoices(
    {
      purposeConsents: flagIds(fields.PurposeConsents),
      specialFeatureOptins: flagIds(fields.SpecialFeatureOptins),
      vendorConsents: new Set(
        Array.isArray(fields.VendorConsents) ? fields.VendorConsents.filter(isNumber) : [],
      ),
    },
    mapping,
    vendorId,
  )
  return {
    ok: true,
    details: {
      version: SUPPORTED_TCF_VERSION,
      cmpId,
      cmpVersion,
      policyVersion,
      ...(isNonNegativeInteger(consentScreen) ? { consentScreen } : {}),
      ...(isNonNegativeInteger(vendorListVersion) && vendorListVersion > 0 ? { vendorListVersion } : {}),
      created,
      lastUpdated,
      ...(outcome.vendorConsent === undefined ? {} : { vendorConsent: outcome.vendorConsent }),
    },
    decisions: outcome.decisions,
    sensitive: outcome.sensitive,
  }
}

/** A boolean array (index 0 = id 1) as the set of ids that are `true`. */
function flagIds(value: unknown): Set<number> {
  const ids = new Set<number>()
  if (!Array.isArray(value)) return ids
  value.forEach((flag: unknown, i) => {
    if (flag === true) ids.add(i + 1)
  })
  return ids
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number'
}

function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0
}
