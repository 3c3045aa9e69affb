import type { Clock } from '../../kernel/clock.js'
import { CandorError, unknownPurpose } from '../../kernel/errors.js'
import type { PersonRef } from '../../kernel/person-ref.js'
import type { Transactor } from '../../kernel/transactor.js'
import type { AuditService } from '../audit/index.js'
import type { ConsentService, ConsentState, ConsentStore } from '../consent/index.js'
import type { DataCategoryTaxonomy } from '../data-items/index.js'
import type { DataItemStore } from '../data-items/person-data.js'
import type { EventStore } from '../events/person-data.js'
import type { InterestStore } from '../interests/person-data.js'
import type { PersonService, PersonStore } from '../persons/index.js'
import {
  AGGREGATE_ONLY_PURPOSES,
  evaluatePolicy,
  type PolicyDecision,
  type PolicyItem,
  type PolicyRules,
} from './policy.js'

export interface PolicyUnit {
  readonly persons: PersonStore
  readonly dataItems: DataItemStore
  readonly consent: ConsentStore
  readonly interests: InterestStore
  readonly events: EventStore
}

/** One use of a person's data, as the audit log records it. */
export interface PolicyUse {
  readonly actor: string
  readonly action: string
  readonly brandId: string
  readonly purpose: string | null
  readonly personId: string
  readonly itemIds: readonly string[]
  readonly details: Readonly<Record<string, unknown>>
}

/**
 * What every read model of the policy shares: the stores (read side), the person's ledger, the
 * one policy function (`evaluatePolicy`) with this deployment's rules, and the audit record of
 * each use. A read model answers one question; none decides on its own what a brand may see.
 */
export class PolicyEngine {
  readonly rules: PolicyRules

  constructor(
    private readonly tx: Transactor<PolicyUnit>,
    readonly persons: PersonService,
    readonly consent: ConsentService,
    private readonly audit: AuditService,
    categories: DataCategoryTaxonomy,
    confidenceThreshold: number,
    readonly isSensitiveTopic: (topic: string) => boolean,
    readonly clock: Clock,
  ) {
    this.rules = {
      confidenceThreshold,
      isSensitiveCategory: (c) => categories.isSensitive(c),
      isEssentialCategory: (c) => categories.isEssential(c),
    }
  }

  /** The read side of the stores (SQLite: the read-only connection). */
  get reads(): PolicyUnit {
    return this.tx.reads
  }

  /** The person's consent ledger, read fresh. */
  stateOf(personId: string): Promise<ConsentState> {
    return this.consent.stateOf(this.tx.reads, personId)
  }

  /** The policy over items of one person for (brand, purpose) now. */
  evaluate<T extends PolicyItem>(
    items: readonly T[],
    state: ConsentState,
    q: { readonly brandId: string; readonly purpose: string },
  ): PolicyDecision<T> {
    return evaluatePolicy(
      items,
      state,
      { brandId: q.brandId, purpose: q.purpose, now: this.clock.now() },
      this.rules,
    )
  }

  /** The person this brand knows by `ref`; throws `person-not-found` (also for an erased person). */
  resolve(brandId: string, ref: PersonRef): Promise<string> {
    return this.persons.require(this.tx.reads, brandId, ref)
  }

  /** Throws `unknown-purpose` for a purpose that is not configured, `aggregate-only-purpose` for one that is aggregate-only. */
  checkPurpose(purpose: string): void {
    if (AGGREGATE_ONLY_PURPOSES.includes(purpose)) {
      throw new CandorError(
        'aggregate-only-purpose',
        `${purpose} allows only aggregate use, never one person's view`,
        'purpose',
      )
    }
    if (!this.consent.purposes().includes(purpose))
      throw unknownPurpose(purpose, this.consent.purposes(), 'purpose')
  }

  /** The person's pseudonym at the brand. */
  pseudonym(personId: string, brandId: string): Promise<string> {
    return this.persons.pseudonym(personId, brandId)
  }

  /** Writes the audit entry of an aggregate use that names no person (buffered). */
  recordAggregate(use: Omit<PolicyUse, 'personId' | 'itemIds'>): void {
    this.audit.record({
      actor: use.actor,
      action: use.action,
      brandId: use.brandId,
      purpose: use.purpose,
      subject: null,
      itemIds: [],
      details: { ...use.details },
    })
  }

  /** Writes the audit entry of one use (buffered). */
  async record(use: PolicyUse): Promise<void> {
    this.audit.record({
      actor: use.actor,
      action: use.action,
      brandId: use.brandId,
      purpose: use.purpose,
      subject: await this.persons.auditSubject(use.personId),
      itemIds: [...use.itemIds],
      details: { ...use.details },
    })
  }
}
