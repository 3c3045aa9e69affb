import type { Clock } from '../../kernel/clock.js'
import { CandorError, unknownPurpose } from '../../kernel/errors.js'
import { newId } from '../../kernel/ids.js'
import type { PersonRef } from '../../kernel/person-ref.js'
import type { Transactor } from '../../kernel/transactor.js'
import type { AuditService, AuditUnit } from '../audit/index.js'
import type { PersonService, PersonUnit } from '../persons/index.js'
import {
  type ConsentBasis,
  type ConsentRecord,
  type ConsentScope,
  type ConsentSource,
  ConsentState,
  type ConsentStateValue,
  type PurposeDefaults,
} from './consent.js'
import type { ConsentStore } from './consent-store.js'

export interface ConsentUnit extends PersonUnit, AuditUnit {
  readonly consent: ConsentStore
}

/** A choice to record, as the API and the signal adapters hand it over. */
export interface ConsentChoice {
  readonly purpose: string
  readonly state: ConsentStateValue
  readonly scope?: ConsentScope
  readonly source?: ConsentSource
  readonly evidence?: string | null
  readonly basis?: ConsentBasis
  readonly sensitiveCategory?: string
  readonly sensitiveTopic?: string
}

export interface ConsentRules {
  readonly purposes: PurposeDefaults
  readonly policyVersion: string
  /** Whether a name is a sensitive data category (explicit opt-ins are only for those). */
  isSensitiveCategory(name: string): boolean
  hasCategory(name: string): boolean
  /**
   * Whether a name is a sensitive interest topic. Required: without it an explicit opt-in for any
   * topic would be recorded (failing open).
   */
  isSensitiveTopic(name: string): boolean
  /** Whether a name is an interest topic at all. */
  hasTopic(name: string): boolean
}

/** The state of one purpose at one brand, and the entry that decided it (none: the default). */
export interface CurrentConsent {
  readonly purpose: string
  readonly granted: boolean
  readonly state: ConsentStateValue | 'default'
  readonly record: ConsentRecord | undefined
}

/** Called inside the recording transaction. */
export type ConsentTxListener = (
  stores: ConsentUnit,
  personId: string,
  brandId: string,
  records: readonly ConsentRecord[],
) => Promise<void>

/** Called after consent changed for a person at a brand, once committed (e.g. to recompute interests). */
export type ConsentListener = (
  personId: string,
  brandId: string,
  records: readonly ConsentRecord[],
) => Promise<void> | void

/** The consent ledger: append-only records, and the current state derived from them. */
export class ConsentService {
  private seq = 0
  private readonly listeners: ConsentListener[] = []
  private readonly inTransaction: ConsentTxListener[] = []

  constructor(
    private readonly tx: Transactor<ConsentUnit>,
    private readonly persons: PersonService,
    private readonly audit: AuditService,
    private readonly rules: ConsentRules,
    private readonly clock: Clock,
  ) {}

  onChange(listener: ConsentListener): void {
    this.listeners.push(listener)
  }

  /**
   * Runs `listener` inside the transaction that records consent, so derived data (interests)
   * changes in the same commit as the choice it follows.
   */
  onRecordedIn(listener: ConsentTxListener): void {
    this.inTransaction.push(listener)
  }

  /** Validates a choice; throws `unknown-purpose` or `invalid-request` naming the field. */
  validate(choice: ConsentChoice): void {
    if (!Object.hasOwn(this.rules.purposes, choice.purpose))
      throw unknownPurpose(choice.purpose, Object.keys(this.rules.purposes), 'purpose')
    if (choice.purpose === 'essential' && choice.state !== 'granted') {
      throw new CandorError('invalid-request', 'essential processing is not subject to consent', 'purpose')
    }
    if (choice.sensitiveCategory !== undefined && choice.sensitiveTopic !== undefined) {
      throw new CandorError(
        'invalid-request',
        'give sensitiveCategory or sensitiveTopic, not both',
        'sensitiveTopic',
      )
    }
    if (choice.sensitiveCategory !== undefined) {
      if (!this.rules.hasCategory(choice.sensitiveCategory)) {
        throw new CandorError(
          'unknown-category',
          `unknown data category "${choice.sensitiveCategory}": GET /v1/categories lists them (those with "sensitive": true take an explicit opt-in)`,
          'sensitiveCategory',
        )
      }
      if (!this.rules.isSensitiveCategory(choice.sensitiveCategory)) {
        throw new CandorError(
          'invalid-request',
          `${choice.sensitiveCategory} is not a sensitive category: explicit opt-ins are recorded only for sensitive ones (GET /v1/categories, "sensitive": true); for other data, give the purpose alone`,
          'sensitiveCategory',
        )
      }
    }
    if (choice.sensitiveTopic !== undefined && !this.rules.hasTopic(choice.sensitiveTopic))
      throw new CandorError(
        'unknown-topic',
        `there is no interest topic "${choice.sensitiveTopic}": GET /v1/taxonomy/topics lists them (those with "sensitive": true take an explicit opt-in)`,
        'sensitiveTopic',
      )
    if (choice.sensitiveTopic !== undefined && !this.rules.isSensitiveTopic(choice.sensitiveTopic)) {
      throw new CandorError(
        'invalid-request',
        `${choice.sensitiveTopic} is not a sensitive topic: explicit opt-ins are recorded only for sensitive ones (GET /v1/taxonomy/topics, "sensitive": true)`,
        'sensitiveTopic',
      )
    }
  }

  /**
   * Appends choices for the person this brand knows by `ref` (created when new), in the
   * caller's transaction, with one audit entry. Returns the records written.
   */
  async recordIn(
    stores: ConsentUnit,
    input: {
      brandId: string
      ref: PersonRef
      actor: string
      choices: readonly ConsentChoice[]
      personId?: string
    },
  ): Promise<{ personId: string; records: ConsentRecord[] }> {
    for (const c of input.choices) this.validate(c)
    const personId =
      input.personId ?? (await this.persons.resolveOrCreate(stores, input.brandId, input.ref)).personId
    const now = this.clock.now()
    const records = input.choices.map((c): ConsentRecord => {
      const scope = c.scope ?? 'brand'
      const sensitive = c.sensitiveCategory !== undefined || c.sensitiveTopic !== undefined
      return {
        id: newId('cns'),
        personId,
        scope,
        brandId: scope === 'brand' ? input.brandId : null,
        capturedBy: input.brandId,
        purpose: c.purpose,
        state: c.state,
        sensitiveCategory: c.sensitiveCategory ?? null,
        sensitiveTopic: c.sensitiveTopic ?? null,
        source: c.source ?? 'api',
        basis:
          c.basis ??
          (c.source === 'gpc'
            ? 'objection'
            : sensitive && c.state === 'granted'
              ? 'explicit_consent'
              : 'consent'),
        evidence: c.evidence ?? null,
        policyVersion: this.rules.policyVersion,
        recordedAt: now,
        recordedSeq: this.seq++,
      }
    })
    await stores.consent.append(records)
    for (const l of this.inTransaction) await l(stores, personId, input.brandId, records)
    await this.audit.appendIn(stores, [
      {
        actor: input.actor,
        action: 'consent.record',
        brandId: input.brandId,
        purpose: null,
        subject: await this.persons.auditSubject(personId),
        itemIds: records.map((r) => r.id),
        details: {
          choices: records.map((r) => ({
            purpose: r.purpose,
            state: r.state,
            scope: r.scope,
            source: r.source,
          })),
        },
      },
    ])
    return { personId, records }
  }

  /** Records choices in their own transaction, then notifies listeners. */
  async record(input: {
    brandId: string
    ref: PersonRef
    actor: string
    choices: readonly ConsentChoice[]
  }): Promise<{ personId: string; records: ConsentRecord[] }> {
    const result = await this.tx.transaction((s) => this.recordIn(s, input))
    await this.notify(result.personId, input.brandId, result.records)
    return result
  }

  /**
   * The consent of the person this brand knows by `ref`, as that brand may see it: the current
   * state per purpose at this brand, current sensitive opt-ins, and the ledger entries that
   * apply to this brand (oldest first). Throws `person-not-found`.
   */
  async currentAt(
    brandId: string,
    ref: PersonRef,
    actor: string,
  ): Promise<{
    personId: string
    state: ConsentState
    current: CurrentConsent[]
    sensitive: ConsentRecord[]
    history: ConsentRecord[]
  }> {
    const personId = await this.persons.require(this.tx.stores, brandId, ref)
    const state = await this.stateOf(this.tx.stores, personId)
    const current = this.purposes().map((purpose) => {
      const d = state.decide(brandId, purpose)
      return { purpose, granted: d.granted, state: d.state, record: d.record }
    })
    const history = state.history().filter((r) => r.scope === 'all_brands' || r.brandId === brandId)
    const latest = new Map<string, ConsentRecord>()
    for (const r of history) {
      if (r.sensitiveCategory === null && r.sensitiveTopic === null) continue
      latest.set(`${r.purpose}|${r.sensitiveCategory ?? ''}|${r.sensitiveTopic ?? ''}`, r)
    }
    this.audit.record({
      actor,
      action: 'consent.read',
      brandId,
      purpose: null,
      subject: await this.persons.auditSubject(personId),
      itemIds: [],
      details: { entries: history.length },
    })
    return { personId, state, current, sensitive: [...latest.values()], history }
  }

  /** Runs the change listeners after the transaction that recorded consent has committed. */
  async notify(personId: string, brandId: string, records: readonly ConsentRecord[]): Promise<void> {
    for (const l of this.listeners) await l(personId, brandId, records)
  }

  /** The person's derived consent state. */
  async stateOf(stores: Pick<ConsentUnit, 'consent'>, personId: string): Promise<ConsentState> {
    return new ConsentState(await stores.consent.forPerson(personId), this.rules.purposes)
  }

  /**
   * Derived consent states of several people (one query). With `brandId`, each state holds only
   * the entries that apply at that brand (a third of the rows with three brands) and answers only
   * for it: what ingestion needs.
   */
  async statesOf(
    stores: Pick<ConsentUnit, 'consent'>,
    personIds: readonly string[],
    brandId?: string,
  ): Promise<Map<string, ConsentState>> {
    const byPerson = new Map<string, ConsentRecord[]>(personIds.map((p) => [p, []]))
    for (const r of await stores.consent.forPersons(personIds, brandId)) byPerson.get(r.personId)?.push(r)
    return new Map(
      [...byPerson].map(([p, records]) => [p, new ConsentState(records, this.rules.purposes, brandId)]),
    )
  }

  purposes(): string[] {
    return Object.keys(this.rules.purposes)
  }
}
