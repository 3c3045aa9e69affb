import type { KeyRing } from '../../crypto/key-ring.js'
import type { Clock } from '../../kernel/clock.js'
import { CandorError } from '../../kernel/errors.js'
import type { PersonRef } from '../../kernel/person-ref.js'
import type { Transactor } from '../../kernel/transactor.js'
import type { AuditService } from '../audit/index.js'
import type { ConsentRecord, ConsentService, ConsentState, ConsentStore } from '../consent/index.js'
import {
  type DataCategoryTaxonomy,
  type DataItem,
  type DataItemStore,
  itemContext,
  type StoredDataItem,
} from '../data-items/index.js'
import { type EventCursor, type EventStore, openEventPayload } from '../events/index.js'
import {
  confidenceOf,
  heldBackUntil,
  type Interest,
  type InterestJourneys,
  type InterestModelConfig,
  type InterestState,
  type InterestStore,
  isEstablished,
  scoreAt,
} from '../interests/index.js'
import type { Identity, PersonService, PersonStore } from '../persons/index.js'
import { type PersonState, PersonStateCache } from './person-state-cache.js'
import { AGGREGATE_ONLY_PURPOSES, type ExclusionReason, evaluatePolicy, type PolicyRules } from './policy.js'

export interface PolicyUnit {
  readonly persons: PersonStore
  readonly dataItems: DataItemStore
  readonly consent: ConsentStore
  readonly interests: InterestStore
  readonly events: EventStore
}

/** An interest as a policy view returns it, with its evidence. */
export interface InterestView {
  readonly topic: string
  readonly brand: string
  readonly score: number
  readonly confidence: number
  readonly established: boolean
  readonly source: 'inferred' | 'stated'
  readonly state: InterestState
  readonly evidence: {
    readonly signals: Readonly<Partial<Record<string, number>>>
    readonly distinctDays: number
    readonly firstSeen: number | null
    readonly lastSeen: number | null
    readonly sampleEventIds: readonly string[]
    /** The journeys that fed the interest and what was set aside (interests/journeys.ts). */
    readonly journeys: InterestJourneys
    /** A durable purchase in the topic holds offers in it back until then (null: not held back). */
    readonly heldBackUntil: number | null
  }
  readonly basis: readonly { readonly consentId: string; readonly purpose: string; readonly source: string }[]
}

export interface InterestsView {
  readonly personId: string
  readonly purpose: string
  readonly brand: string
  /** Established (and stated) interests usable for the purpose, then emerging ones (`established: false`). */
  readonly interests: readonly InterestView[]
  readonly excluded: readonly {
    readonly topic: string
    readonly brand: string
    readonly reason: ExclusionReason
  }[]
}

/** What a person asked for that holds whatever the consent. */
export interface Restrictions {
  readonly rejectedTopics: readonly string[]
  readonly advertisingDenied: boolean
  readonly personalization: { readonly granted: boolean; readonly consentId: string | null }
}

/** A brand's own event, decrypted. */
export interface EventView {
  readonly messageId: string
  readonly type: string
  readonly kind: string
  readonly event: string | null
  readonly name: string | null
  readonly timestamp: number
  readonly receivedAt: number
  readonly gift: boolean
  readonly giftMarkedByPerson: boolean
  readonly properties: Readonly<Record<string, unknown>>
  readonly context: Readonly<Record<string, unknown>>
  readonly traits: Readonly<Record<string, unknown>>
  readonly topics: readonly string[]
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

/** Popularity counts are recomputed when older than this (a 30-day aggregate moves slowly). */
const POPULARITY_TTL_MS = 60_000

/** Topic → distinct people, as it crosses a thread boundary. */
export type PopularityCounts = [topic: string, people: number][]

/**
 * The policy engine: the only reader of person data. `view` returns what a brand may use for
 * a purpose, with every exclusion and its reason, and writes an audit entry for every call.
 */
export class PolicyService {
  /** Popularity counts kept per brand, and the one refresh per brand in flight. */
  private readonly popularity = new Map<string, { at: number; counts: ReadonlyMap<string, number> }>()
  private readonly popularityRefresh = new Map<string, Promise<ReadonlyMap<string, number>>>()
  private popularitySource?: (brandId: string, since: number) => Promise<PopularityCounts>
  private readonly people: PersonStateCache

  constructor(
    private readonly tx: Transactor<PolicyUnit>,
    private readonly persons: PersonService,
    private readonly consent: ConsentService,
    private readonly keys: Pick<KeyRing, 'dataKey' | 'decrypt'>,
    private readonly audit: AuditService,
    private readonly categories: DataCategoryTaxonomy,
    private readonly confidenceThreshold: number,
    private readonly interestModel: InterestModelConfig,
    private readonly isSensitiveTopic: (topic: string) => boolean,
    private readonly clock: Clock,
    personCacheSize = 0,
  ) {
    this.people = new PersonStateCache(personCacheSize, () => clock.now())
  }

  /**
   * The person a brand knows by `ref`, with their consent ledger, for a decision: kept between
   * decisions and checked against the person's version in the database on every use (undefined
   * for an unknown person).
   */
  personState(brandId: string, ref: PersonRef): Promise<PersonState | undefined> {
    const s = this.tx.reads
    return this.people.get(
      {
        resolve: (brand, r) => s.persons.findVersionedByIdentity(brand, r.kind, r.value),
        versionOf: (personId) => s.persons.versionOf(personId),
        consentOf: (personId) => this.consent.stateOf(s, personId),
      },
      brandId,
      ref,
    )
  }

  /** Drops what this process keeps about the person (erasure). */
  forgetPerson(personId: string): void {
    this.people.forget(personId)
  }

  private get rules(): PolicyRules {
    return {
      confidenceThreshold: this.confidenceThreshold,
      isSensitiveCategory: (c) => this.categories.isSensitive(c),
      isEssentialCategory: (c) => this.categories.isEssential(c),
    }
  }

  /** The person this brand knows by `ref`; throws `person-not-found` (also for an erased person). */
  resolve(brandId: string, ref: PersonRef): Promise<string> {
    return this.persons.require(this.tx.reads, brandId, ref)
  }

  /**
   * Whether the brand may learn that the person is also known at another brand of the company:
   * only when the person's cross-brand sharing covers this brand and one where they have an
   * identity. Without it a brand learns nothing about the person's other brands.
   */
  async linkedUnderSharing(personId: string, brandId: string): Promise<boolean> {
    const s = this.tx.reads
    const [identities, state] = await Promise.all([
      s.persons.identities(personId),
      this.consent.stateOf(s, personId),
    ])
    return identities.some((i) => i.brandId !== brandId && state.sharingAllowed(i.brandId, brandId))
  }

  /** Throws `unknown-purpose` for a purpose that is not configured. */
  checkPurpose(purpose: string): void {
    if (AGGREGATE_ONLY_PURPOSES.includes(purpose)) {
      throw new CandorError(
        'aggregate-only-purpose',
        `${purpose} allows only aggregate use, never one person's view`,
        'purpose',
      )
    }
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
    const s = this.tx.reads
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

  /**
   * The person's interests usable for (brand, purpose), through the same policy as data items:
   * inferred interests are `user.inferred.interest` items (confidence from their distinct days),
   * stated ones `user.preference.stated`; sensitive topics need their own opt-in. Emerging
   * interests (excluded only for low confidence) are listed with `established: false`.
   */
  async interests(personId: string, ctx: ViewContext): Promise<InterestsView> {
    this.checkPurpose(ctx.purpose)
    const s = this.tx.reads
    const [rows, state] = await Promise.all([
      s.interests.forPerson(personId),
      this.consent.stateOf(s, personId),
    ])
    const v = await this.evaluateInterests(personId, rows, state, ctx)
    return {
      personId: await this.persons.pseudonym(personId, ctx.brandId),
      purpose: ctx.purpose,
      brand: ctx.brandId,
      interests: v.interests,
      excluded: v.excluded,
    }
  }

  /**
   * What a decision may rest on, with as few reads as possible: the ledger (from `personState`); then, only when
   * the person allows personalization at the brand, their interests through the policy (audited as
   * `interests.view`); without it, only their "not interested" topics. Audited as
   * `decision.restrictions` (no purpose).
   */
  async decisionInputs(
    person: PersonState,
    brandId: string,
    actor: string,
  ): Promise<{ restrictions: Restrictions; interests?: readonly InterestView[] }> {
    const s = this.tx.reads
    const { personId, consent: state } = person
    const personalization = state.decide(brandId, 'personalization')
    const ad = state.decide(brandId, 'advertising')
    let rejectedTopics: string[]
    let interests: readonly InterestView[] | undefined
    if (personalization.granted) {
      const rows = await s.interests.forPerson(personId)
      rejectedTopics = rows.filter((r) => r.brandId === brandId && r.state === 'rejected').map((r) => r.topic)
      interests = (
        await this.evaluateInterests(personId, rows, state, { brandId, purpose: 'personalization', actor })
      ).interests
    } else {
      rejectedTopics = await s.interests.rejectedTopics(personId, brandId)
    }
    this.audit.record({
      actor,
      action: 'decision.restrictions',
      brandId,
      purpose: null,
      subject: await this.persons.auditSubject(personId),
      itemIds: [],
      details: {},
    })
    return {
      restrictions: {
        rejectedTopics,
        advertisingDenied: ad.state === 'denied' || ad.state === 'withdrawn',
        personalization: { granted: personalization.granted, consentId: personalization.record?.id ?? null },
      },
      ...(interests ? { interests } : {}),
    }
  }

  /** The policy over interest rows already read; audits the use as `interests.view`. */
  private async evaluateInterests(
    personId: string,
    rows: readonly Interest[],
    state: ConsentState,
    ctx: ViewContext,
  ): Promise<{ interests: InterestView[]; excluded: InterestsView['excluded'] }> {
    const now = this.clock.now()
    // "Not interested in hiking" also covers hiking boots: a rejected topic covers its narrower topics.
    const rejected = rows.filter((i) => i.state === 'rejected')
    const rejectedAt = (i: Interest) =>
      i.state === 'rejected'
        ? i.updatedAt
        : (rejected.find((r) => r.brandId === i.brandId && i.topic.startsWith(`${r.topic}.`))?.updatedAt ??
          null)
    const items = rows.map((i) => ({
      id: `${i.brandId}:${i.topic}`,
      brandId: i.brandId,
      key: i.topic,
      category: i.state === 'stated' ? 'user.preference.stated' : 'user.inferred.interest',
      source: i.state === 'stated' ? 'stated' : 'inferred',
      expiresAt: null,
      confidence: confidenceOf(i, this.interestModel),
      rejectedAt: rejectedAt(i),
      sensitiveTopic: this.isSensitiveTopic(i.topic) ? i.topic : null,
      interest: i,
    }))
    const decision = evaluatePolicy(
      items,
      state,
      { brandId: ctx.brandId, purpose: ctx.purpose, now },
      this.rules,
    )
    const view = (i: Interest, basis: readonly ConsentRecord[]): InterestView => ({
      topic: i.topic,
      brand: i.brandId,
      score: scoreAt(i, now, this.interestModel),
      confidence: confidenceOf(i, this.interestModel),
      established: isEstablished(i, this.interestModel, now),
      source: i.state === 'stated' ? 'stated' : 'inferred',
      state: i.state,
      evidence: {
        signals: i.signals,
        distinctDays: i.days.length,
        firstSeen: i.firstSeen,
        lastSeen: i.lastSeen,
        sampleEventIds: i.sampleEventIds,
        journeys: i.journeys,
        heldBackUntil: heldBackUntil(i, this.interestModel, now),
      },
      basis: basis.map(basisOf),
    })
    const usable = decision.allowed.map(({ item, basis }) => view(item.interest, basis))
    const emerging = decision.excluded
      .filter(
        (e) =>
          e.reason === 'low-confidence' &&
          (e.item.interest.days.length > 0 || e.item.interest.journeys.setAside.length > 0),
      )
      .map((e) => ({ ...view(e.item.interest, []), established: false }))
    const excluded = decision.excluded
      .filter((e) => e.reason !== 'low-confidence')
      .map((e) => ({ topic: e.item.key, brand: e.item.brandId, reason: e.reason }))
    const byScore = (a: InterestView, b: InterestView) =>
      Number(b.source === 'stated') - Number(a.source === 'stated') || b.score - a.score
    this.audit.record({
      actor: ctx.actor,
      action: 'interests.view',
      brandId: ctx.brandId,
      purpose: ctx.purpose,
      subject: await this.persons.auditSubject(personId),
      itemIds: usable.map((i) => `interest:${i.brand}:${i.topic}`),
      details: { emerging: emerging.length, excluded: excluded.length },
    })
    return { interests: [...usable.sort(byScore), ...emerging.sort(byScore)], excluded: [...excluded] }
  }

  /** The brand's own events of the person, decrypted, newest first; audited as `events.read`. */
  async events(
    personId: string,
    brandId: string,
    actor: string,
    limit: number,
    cursor?: EventCursor,
  ): Promise<{ events: EventView[]; next?: EventCursor }> {
    const rows = await this.tx.reads.events.page(personId, brandId, limit, cursor)
    const events: EventView[] = []
    for (const e of rows) {
      const p = await openEventPayload(this.keys, e)
      if (!p) continue
      events.push({
        messageId: e.messageId,
        type: e.type,
        kind: e.kind,
        event: p.event ?? null,
        name: p.name ?? null,
        timestamp: e.eventTime,
        receivedAt: e.receivedAt,
        gift: e.gift,
        giftMarkedByPerson: e.giftByPerson,
        properties: p.properties,
        context: p.context,
        traits: p.traits,
        topics: p.topics,
      })
    }
    this.audit.record({
      actor,
      action: 'events.read',
      brandId,
      purpose: null,
      subject: await this.persons.auditSubject(personId),
      itemIds: [],
      details: { events: events.length },
    })
    const last = rows[rows.length - 1]
    return {
      events,
      ...(last && rows.length === limit ? { next: { eventTime: last.eventTime, id: last.id } } : {}),
    }
  }

  /**
   * Distinct people engaging with each topic (or a narrower one) at the brand over the window,
   * in aggregate from the interest model (people who allow personalization there). Only counts
   * leave this method. Kept a minute per brand; after that the kept counts still answer while
   * one refresh runs (on the writer thread when there is one), so no request waits for the scan
   * of the brand's interests, which grows with the number of people.
   */
  async topicPopularity(brandId: string, windowDays: number): Promise<ReadonlyMap<string, number>> {
    const now = this.clock.now()
    const cached = this.popularity.get(brandId)
    if (cached && now - cached.at < POPULARITY_TTL_MS) return cached.counts
    let refresh = this.popularityRefresh.get(brandId)
    if (!refresh) {
      refresh = this.refreshPopularity(brandId, now - windowDays * 86_400_000)
      this.popularityRefresh.set(brandId, refresh)
      // A failed refresh keeps the old counts; the next request tries again.
      const done = () => this.popularityRefresh.delete(brandId)
      refresh.then(done, done)
    }
    // Kept counts answer at once; with none yet, the callers wait for the one scan.
    return cached ? cached.counts : refresh
  }

  private async refreshPopularity(brandId: string, since: number): Promise<ReadonlyMap<string, number>> {
    const at = this.clock.now()
    const counts = new Map(
      await (this.popularitySource
        ? this.popularitySource(brandId, since)
        : this.computePopularity(brandId, since)),
    )
    this.popularity.set(brandId, { at, counts })
    return counts
  }

  /** The popularity counts from the store: one scan of the brand's inferred interests. */
  async computePopularity(brandId: string, since: number): Promise<PopularityCounts> {
    const rows = await this.tx.reads.interests.activity(brandId, since)
    const people = new Map<string, Set<string>>()
    for (const r of rows) {
      const parts = r.topic.split('.')
      for (let i = 1; i <= parts.length; i++) {
        const prefix = parts.slice(0, i).join('.')
        let set = people.get(prefix)
        if (!set) {
          set = new Set()
          people.set(prefix, set)
        }
        set.add(r.personId)
      }
    }
    return [...people].map(([topic, set]) => [topic, set.size])
  }

  /** Computes popularity somewhere else from now on (the writer thread), off the request thread. */
  delegatePopularityTo(source: (brandId: string, since: number) => Promise<PopularityCounts>): void {
    this.popularitySource = source
  }

  /** Everything this brand collected about the person, decrypted; audited as `person.export`. */
  async exportForBrand(personId: string, brandId: string, actor: string): Promise<BrandExport> {
    const s = this.tx.reads
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
