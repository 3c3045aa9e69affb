import type { KeyRing } from '../../crypto/key-ring.js'
import type { Clock } from '../../kernel/clock.js'
import { CandorError } from '../../kernel/errors.js'
import type { PersonRef } from '../../kernel/person-ref.js'
import type { Transactor } from '../../kernel/transactor.js'
import type { AuditService } from '../audit/index.js'
import type { ConsentRecord, ConsentService, ConsentStore } from '../consent/index.js'
import {
  type DataCategoryTaxonomy,
  type DataItem,
  type DataItemStore,
  itemContext,
  type StoredDataItem,
} from '../data-items/index.js'
import type { Identity, PersonService, PersonStore } from '../persons/index.js'
import { type ExclusionReason, evaluatePolicy, type PolicyRules } from './policy.js'

export interface PolicyUnit {
  readonly persons: PersonStore
  readonly dataItems: DataItemStore
  readonly consent: ConsentStore
}

/** Who asks, for which brand and purpose. */
export interface ViewContext {
  readonly brandId: string
  readonly purpose: string
  /** `key:<id>`, `cli`, `system`: written to the audit log. */
  readonly actor: string
}

/** A usable item plus the consent records it rests on. */
export interface ViewItem extends DataItem {
  readonly basis: readonly { readonly consentId: string; readonly purpose: string; readonly source: string }[]
}

export interface ExcludedItem {
  readonly key: string
  readonly category: string
  readonly brand: string
  readonly reason: ExclusionReason
}

/** The only shape in which person data leaves the store for a use. */
export interface PolicyView {
  /** The person's pseudonym at the requesting brand. */
  readonly personId: string
  readonly purpose: string
  readonly brand: string
  readonly items: readonly ViewItem[]
  readonly excluded: readonly ExcludedItem[]
}

/** Everything one brand holds about a person (a data-subject access request at that brand). */
export interface BrandExport {
  readonly personId: string
  readonly brand: string
  readonly exportedAt: number
  readonly identities: readonly {
    readonly kind: string
    readonly value: string
    readonly createdAt: number
  }[]
  readonly dataItems: readonly (DataItem & { readonly rejectedAt: number | null })[]
  readonly consent: readonly ConsentRecordView[]
}

export interface ConsentRecordView {
  readonly id: string
  readonly purpose: string
  readonly state: string
  readonly scope: string
  readonly brand: string | null
  readonly capturedBy: string
  readonly sensitiveCategory: string | null
  readonly sensitiveTopic: string | null
  readonly source: string
  readonly basis: string
  readonly evidence: string | null
  readonly policyVersion: string
  readonly recordedAt: number
}

/**
 * The policy engine: the only reader of person data. `view` returns what a brand may use for
 * a purpose, with every exclusion and its reason, and writes an audit entry for every call.
 */
export class PolicyService {
  constructor(
    private readonly tx: Transactor<PolicyUnit>,
    private readonly persons: PersonService,
    private readonly consent: ConsentService,
    private readonly keys: Pick<KeyRing, 'dataKey' | 'decrypt'>,
    private readonly audit: AuditService,
    private readonly categories: DataCategoryTaxonomy,
    private readonly confidenceThreshold: number,
    private readonly clock: Clock,
  ) {}

  private get rules(): PolicyRules {
    return {
      confidenceThreshold: this.confidenceThreshold,
      isSensitiveCategory: (c) => this.categories.isSensitive(c),
      isEssentialCategory: (c) => this.categories.isEssential(c),
    }
  }

  /** The person this brand knows by `ref`; throws `person-not-found` (also for an erased person). */
  resolve(brandId: string, ref: PersonRef): Promise<string> {
    return this.persons.require(this.tx.stores, brandId, ref)
  }

  /** Throws `unknown-purpose` for a purpose that is not configured. */
  checkPurpose(purpose: string): void {
    if (!this.consent.purposes().includes(purpose))
      throw new CandorError('unknown-purpose', `unknown purpose ${purpose}`, 'purpose')
  }

  /**
   * The policy view of a person for (brand, purpose). Never returns an excluded item's value;
   * never lists another brand's items unless the person granted cross-brand sharing at the
   * requesting brand. Reads consent fresh from the ledger on every call (no cache), so a
   * withdrawal through another process applies to the very next view.
   */
  async view(personId: string, ctx: ViewContext): Promise<PolicyView> {
    this.checkPurpose(ctx.purpose)
    const s = this.tx.stores
    const [items, state] = await Promise.all([
      s.dataItems.forPerson(personId),
      this.consent.stateOf(s, personId),
    ])
    const now = this.clock.now()
    const decision = evaluatePolicy(
      items,
      state,
      { brandId: ctx.brandId, purpose: ctx.purpose, now },
      this.rules,
    )
    const usable: ViewItem[] = []
    for (const { item, basis } of decision.allowed) {
      const value = await this.open(item)
      if (value === undefined) continue
      usable.push({ ...value, basis: basis.map(basisOf) })
    }
    const excluded = decision.excluded.map(({ item, reason }) => ({
      key: item.key,
      category: item.category,
      brand: item.brandId,
      reason,
    }))
    this.audit.record({
      actor: ctx.actor,
      action: 'policy.view',
      brandId: ctx.brandId,
      purpose: ctx.purpose,
      subject: await this.persons.auditSubject(personId),
      itemIds: usable.map((i) => i.id),
      details: { excluded: countReasons(excluded) },
    })
    return {
      personId: await this.persons.pseudonym(personId, ctx.brandId),
      purpose: ctx.purpose,
      brand: ctx.brandId,
      items: usable,
      excluded,
    }
  }

  /** Everything this brand collected about the person, decrypted; audited as `person.export`. */
  async exportForBrand(personId: string, brandId: string, actor: string): Promise<BrandExport> {
    const s = this.tx.stores
    const [identities, items, state] = await Promise.all([
      s.persons.identities(personId),
      s.dataItems.forPerson(personId),
      this.consent.stateOf(s, personId),
    ])
    const own = items.filter((i) => i.brandId === brandId)
    const dataItems: (DataItem & { rejectedAt: number | null })[] = []
    for (const item of own) {
      const opened = await this.open(item)
      if (opened) dataItems.push({ ...opened, rejectedAt: item.rejectedAt })
    }
    const consent = state
      .history()
      .filter((r) => r.capturedBy === brandId || r.brandId === brandId || r.scope === 'all_brands')
      .map((r) => consentRecordView(r, brandId))
    this.audit.record({
      actor,
      action: 'person.export',
      brandId,
      purpose: null,
      subject: await this.persons.auditSubject(personId),
      itemIds: dataItems.map((i) => i.id),
      details: { identities: identities.length, consent: consent.length },
    })
    return {
      personId: await this.persons.pseudonym(personId, brandId),
      brand: brandId,
      exportedAt: this.clock.now(),
      identities: identities
        .filter((i: Identity) => i.brandId === brandId)
        .map((i) => ({ kind: i.kind, value: i.value, createdAt: i.createdAt })),
      dataItems,
      consent,
    }
  }

  private async open(item: StoredDataItem): Promise<DataItem | undefined> {
    const dk = await this.keys.dataKey(item.keyId)
    // A destroyed key means the item was shredded between the read and now.
    if (!dk) return undefined
    const value = JSON.parse(
      this.keys.decrypt(dk, item.valueCt, itemContext(item.brandId, item.key)),
    ) as DataItem['value']
    return {
      id: item.id,
      key: item.key,
      value,
      category: item.category,
      source: item.source,
      brand: item.brandId,
      collectedAt: item.collectedAt,
      updatedAt: item.updatedAt,
      expiresAt: item.expiresAt,
      confidence: item.confidence,
      verified: item.verified,
      purpose: item.purpose,
      provenance: item.provenance,
    }
  }
}

function basisOf(r: ConsentRecord) {
  return { consentId: r.id, purpose: r.purpose, source: r.source }
}

function countReasons(excluded: readonly ExcludedItem[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const e of excluded) counts[e.reason] = (counts[e.reason] ?? 0) + 1
  return counts
}

/**
 * A ledger entry as a brand sees it. The capturing brand is named only when it is the brand
 * itself; otherwise `other-brand`, so a brand never learns where else the person is a customer.
 */
export function consentRecordView(r: ConsentRecord, viewerBrand: string, sharing = false): ConsentRecordView {
  return {
    id: r.id,
    purpose: r.purpose,
    state: r.state,
    scope: r.scope,
    brand: r.brandId,
    capturedBy: r.capturedBy === viewerBrand || sharing ? r.capturedBy : 'other-brand',
    sensitiveCategory: r.sensitiveCategory,
    sensitiveTopic: r.sensitiveTopic,
    source: r.source,
    basis: r.basis,
    evidence: r.evidence,
    policyVersion: r.policyVersion,
    recordedAt: r.recordedAt,
  }
}
