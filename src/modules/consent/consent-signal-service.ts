import type { Clock } from '../../kernel/clock.js'
import { CandorError } from '../../kernel/errors.js'
import type { PersonRef } from '../../kernel/person-ref.js'
import type { Transactor } from '../../kernel/transactor.js'
import type { PersonService } from '../persons/index.js'
import { type ConsentRecord, compareRecords } from './consent.js'
import type { ConsentChoice, ConsentService, ConsentUnit } from './consent-service.js'
import {
  type DecodedSignal,
  mapCategoryPreferences,
  type SignalMapping,
  signalDecoders,
} from './signals/index.js'

/** A choice the ledger did not take from a signal, and why. */
export interface SkippedChoice {
  readonly purpose: string
  readonly reason: 'gpc-opt-out-is-newer'
}

export interface SignalOutcome {
  readonly personId: string
  readonly signal: DecodedSignal
  readonly records: readonly ConsentRecord[]
  readonly skipped: readonly SkippedChoice[]
}

const DAY_MS = 86_400_000
const dayOf = (t: number) => Math.floor(t / DAY_MS)

/**
 * Consent signals from the ecosystem: TC strings, GPP strings, Global Privacy Control and
 * Segment's `categoryPreferences`, decoded with the IAB's libraries and recorded in the ledger
 * with the raw signal as evidence.
 *
 * Ordering: entries are ordered by the time Candor received them, so the more recent choice wins
 * — except that a GPC opt-out is never overridden by an older signal: a TC/GPP string whose own
 * (day-rounded) `lastUpdated` is not after the day of the latest GPC opt-out does not grant
 * `advertising` again, even if it arrives later.
 */
export class ConsentSignalService {
  constructor(
    private readonly tx: Transactor<ConsentUnit>,
    private readonly consent: ConsentService,
    private readonly persons: PersonService,
    private readonly mapping: SignalMapping,
    private readonly vendorId: number | undefined,
    private readonly clock: Clock,
  ) {}

  /** Decodes and records a TC or GPP string. Throws `malformed-signal` / `unsupported-signal-version` and records nothing. */
  async record(input: {
    brandId: string
    ref: PersonRef
    actor: string
    tcString?: string
    gppString?: string
  }): Promise<SignalOutcome> {
    const field = input.tcString !== undefined ? 'tcString' : 'gppString'
    const opts = {
      mapping: this.mapping,
      ...(this.vendorId === undefined ? {} : { vendorId: this.vendorId }),
    }
    const { decodeTcString, decodeGppString } = await signalDecoders()
    const decoded =
      input.tcString !== undefined
        ? decodeTcString(input.tcString, opts)
        : decodeGppString(input.gppString ?? '', opts)
    if (!decoded.ok) throw new CandorError(decoded.error.code, decoded.error.message, field)
    const signal = decoded.value
    const source = signal.kind === 'tcf' ? 'tcf' : 'gpp'
    const details = signal.kind === 'tcf' ? signal : signal.tcf
    const evidence = JSON.stringify({
      kind: signal.kind,
      raw: signal.raw,
      cmpId: details?.cmpId ?? null,
      policyVersion: details?.policyVersion ?? null,
      created: details?.created ?? null,
      lastUpdated: details?.lastUpdated ?? null,
      vendorConsent: details?.vendorConsent ?? null,
      sections: signal.kind === 'gpp' ? signal.sections.map((s) => s.name) : undefined,
    })
    const signalDay = details?.lastUpdated ? dayOf(Date.parse(details.lastUpdated)) : dayOf(this.clock.now())
    const result = await this.tx.transaction(async (stores) => {
      const { personId } = await this.persons.resolveOrCreate(stores, input.brandId, input.ref)
      const state = await this.consent.stateOf(stores, personId)
      const lastGpc = state
        .history()
        .filter(
          (r) =>
            r.source === 'gpc' &&
            r.state !== 'granted' &&
            (r.scope === 'all_brands' || r.brandId === input.brandId),
        )
        .pop()
      const skipped: SkippedChoice[] = []
      const choices: ConsentChoice[] = []
      for (const d of signal.decisions) {
        if (
          d.state === 'granted' &&
          lastGpc &&
          d.purpose === lastGpc.purpose &&
          signalDay <= dayOf(lastGpc.recordedAt)
        ) {
          skipped.push({ purpose: d.purpose, reason: 'gpc-opt-out-is-newer' })
          continue
        }
        choices.push({ purpose: d.purpose, state: d.state, source, evidence, basis: 'consent' })
      }
      const granted = signal.decisions.filter((d) => d.state === 'granted').map((d) => d.purpose)
      for (const s of signal.sensitive) {
        const purposes = s.purpose
          ? [s.purpose]
          : s.state === 'granted'
            ? granted
            : signal.decisions.map((d) => d.purpose)
        for (const purpose of purposes) {
          choices.push({
            purpose,
            state: s.state,
            source,
            evidence,
            sensitiveCategory: s.category,
            basis: s.state === 'granted' ? 'explicit_consent' : 'consent',
          })
        }
      }
      const { records } = await this.consent.recordIn(stores, {
        brandId: input.brandId,
        ref: input.ref,
        actor: input.actor,
        choices,
        personId,
      })
      return { personId, records, skipped }
    })
    await this.consent.notify(result.personId, input.brandId, result.records)
    return { ...result, signal }
  }

  /**
   * Records a Global Privacy Control opt-out of `advertising` (which covers sale and sharing)
   * inside the caller's transaction, unless the ledger already says so. GPC never grants. A
   * person's explicit grant recorded after the last GPC opt-out is respected: the browser keeps
   * sending the header, but the more recent explicit choice wins. Returns the record or undefined.
   */
  async recordGpcIn(
    stores: ConsentUnit,
    input: { brandId: string; personId: string; ref: PersonRef; actor: string },
  ): Promise<ConsentRecord | undefined> {
    if (!(await this.gpcPending(stores, input.brandId, input.personId))) return undefined
    const { records } = await this.consent.recordIn(stores, {
      brandId: input.brandId,
      ref: input.ref,
      actor: input.actor,
      personId: input.personId,
      choices: [
        {
          purpose: 'advertising',
          state: 'denied',
          source: 'gpc',
          basis: 'objection',
          evidence: 'Sec-GPC: 1',
        },
      ],
    })
    return records[0]
  }

  /**
   * Whether a GPC signal would be recorded now: false when the ledger already denies advertising
   * at the brand, or when the person's explicit grant is newer than their last GPC opt-out. Only
   * reads, so a caller can check on a read connection before it opens a write transaction.
   */
  async gpcPending(stores: ConsentUnit, brandId: string, personId: string): Promise<boolean> {
    return gpcPendingIn(await stores.consent.forPerson(personId), brandId)
  }

  /**
   * Maps category preferences to ledger choices (recorded by the caller): Segment's
   * `context.consent.categoryPreferences` (source `segment`), or RudderStack's
   * `context.consentManagement` consent ids read as preferences (source `rudderstack`).
   */
  choicesFromCategoryPreferences(
    prefs: unknown,
    origin: 'segment' | 'rudderstack' = 'segment',
  ): ConsentChoice[] {
    const field = origin === 'rudderstack' ? 'consentManagement' : 'categoryPreferences'
    return mapCategoryPreferences(prefs, this.mapping).decisions.map((d) => ({
      purpose: d.purpose,
      state: d.state,
      source: origin,
      evidence: `${field}: ${d.detail}`,
    }))
  }
}

/** `gpcPending` over a ledger already read (a decision's kept person state). */
export function gpcPendingIn(ledger: readonly ConsentRecord[], brandId: string): boolean {
  const history = ledger
    .filter(
      (r) =>
        r.purpose === 'advertising' &&
        r.sensitiveCategory === null &&
        r.sensitiveTopic === null &&
        (r.scope === 'all_brands' || r.brandId === brandId),
    )
    .sort(compareRecords)
  const latest = history[history.length - 1]
  if (latest && latest.state !== 'granted') return false
  const lastGpc = history.filter((r) => r.source === 'gpc').pop()
  // Only the person's own explicit choice (control center, or a brand's API relaying its notice)
  // outranks the browser's standing GPC signal; a CMP or tracking signal does not.
  const explicit = latest && (latest.source === 'control_center' || latest.source === 'api')
  return !(latest && lastGpc && explicit && compareRecords(latest, lastGpc) > 0)
}
