import type { Clock } from '../../kernel/clock.js'
import type { PersonRef } from '../../kernel/person-ref.js'
import type { Transactor } from '../../kernel/transactor.js'
import type { AuditService } from '../audit/index.js'
import type { ConsentService } from '../consent/index.js'
import type { DataCategoryTaxonomy } from '../data-items/index.js'
import type { EventCursor } from '../events/index.js'
import type { InterestModelConfig } from '../interests/index.js'
import type { PersonService } from '../persons/index.js'
import { DecisionInputs } from './decision-inputs.js'
import { EventReadModel } from './event-view.js'
import { InterestReadModel } from './interest-view.js'
import { ItemView } from './item-view.js'
import { ModelSignals } from './model-signals.js'
import { PersonExport } from './person-export.js'
import { type PersonState, PersonStateCache } from './person-state-cache.js'
import { PolicyEngine, type PolicyUnit } from './policy-engine.js'
import { Popularity } from './popularity.js'
import type { OpeningKeys } from './sealed.js'
import {
  type FactNeeds,
  type PersonFacts,
  type ScannedPerson,
  type ScanQuery,
  SegmentAudience,
} from './segment-audience.js'
import { Sharing } from './sharing.js'
import type {
  BrandExport,
  EventView,
  InterestsView,
  InterestView,
  ModelSignalsView,
  PolicyView,
  PopularityCounts,
  Restrictions,
  ViewContext,
} from './views.js'

export interface PolicyServiceDeps {
  readonly tx: Transactor<PolicyUnit>
  readonly persons: PersonService
  readonly consent: ConsentService
  readonly keys: OpeningKeys
  readonly audit: AuditService
  readonly categories: DataCategoryTaxonomy
  readonly confidenceThreshold: number
  readonly interestModel: InterestModelConfig
  readonly isSensitiveTopic: (topic: string) => boolean
  /** The data category of an identify trait by name (the deployment's trait rules); undefined when unknown. */
  readonly traitCategory: (name: string) => string | undefined
  readonly clock: Clock
  readonly personCacheSize?: number
}

/**
 * The policy engine: the only reader of person data. One read model per question — items,
 * interests, decision inputs, events, export, popularity, sharing — each built on the one
 * `PolicyEngine` (`evaluatePolicy` with this deployment's rules, the ledger, the audit record).
 * Every use is audited.
 */
export class PolicyService {
  private readonly engine: PolicyEngine
  private readonly items: ItemView
  private readonly interestModel: InterestReadModel
  private readonly inputs: DecisionInputs
  private readonly eventModel: EventReadModel
  private readonly exports: PersonExport
  private readonly popularity: Popularity
  private readonly sharing: Sharing
  private readonly modelSignals: ModelSignals
  private readonly people: PersonStateCache
  private readonly audience: SegmentAudience

  constructor(d: PolicyServiceDeps) {
    this.engine = new PolicyEngine(
      d.tx,
      d.persons,
      d.consent,
      d.audit,
      d.categories,
      d.confidenceThreshold,
      d.isSensitiveTopic,
      d.clock,
    )
    this.items = new ItemView(this.engine, d.keys)
    this.interestModel = new InterestReadModel(this.engine, d.interestModel)
    this.inputs = new DecisionInputs(this.engine, this.interestModel)
    this.eventModel = new EventReadModel(this.engine, d.keys, d.traitCategory)
    this.exports = new PersonExport(this.engine, d.keys, this.interestModel)
    // Scans go through computePopularity, the one entry the writer thread (and a test) calls.
    this.popularity = new Popularity(this.engine, (b, since) => this.computePopularity(b, since))
    this.sharing = new Sharing(this.engine)
    this.audience = new SegmentAudience(this.engine, d.keys, this.interestModel, d.traitCategory)
    this.modelSignals = new ModelSignals(this.engine, d.keys, d.interestModel)
    this.people = new PersonStateCache(d.personCacheSize ?? 0, () => d.clock.now())
  }

  /**
   * The person a brand knows by `ref`, with their consent ledger, for a decision: kept between
   * decisions and checked against the person's version in the database on every use (undefined
   * for an unknown person).
   */
  personState(brandId: string, ref: PersonRef): Promise<PersonState | undefined> {
    const s = this.engine.reads
    return this.people.get(
      {
        resolve: (brand, r) => s.persons.findVersionedByIdentity(brand, r.kind, r.value),
        versionOf: (personId) => s.persons.versionOf(personId),
        consentOf: (personId) => this.engine.stateOf(personId),
      },
      brandId,
      ref,
    )
  }

  /** Drops what this process keeps about the person (erasure). */
  forgetPerson(personId: string): void {
    this.people.forget(personId)
  }

  /** The person this brand knows by `ref`; throws `person-not-found` (also for an erased person). */
  resolve(brandId: string, ref: PersonRef): Promise<string> {
    return this.engine.resolve(brandId, ref)
  }

  /** Throws `unknown-purpose` / `aggregate-only-purpose` for a purpose no person view may use. */
  checkPurpose(purpose: string): void {
    this.engine.checkPurpose(purpose)
  }

  /** Which data items the brand may use for the purpose ({@link ItemView}). */
  view(personId: string, ctx: ViewContext): Promise<PolicyView> {
    return this.items.view(personId, ctx)
  }

  /** The person's interests usable for the purpose ({@link InterestReadModel}). */
  interests(personId: string, ctx: ViewContext): Promise<InterestsView> {
    return this.interestModel.view(personId, ctx)
  }

  /** What a decision may rest on ({@link DecisionInputs}). */
  decisionInputs(
    person: PersonState,
    brandId: string,
    actor: string,
  ): Promise<{ restrictions: Restrictions; interests?: readonly InterestView[] }> {
    return this.inputs.of(person, brandId, actor)
  }

  /** The brand's own events as the purpose may see them, field by field ({@link EventReadModel}). */
  events(
    personId: string,
    ctx: ViewContext,
    limit: number,
    cursor?: EventCursor,
  ): Promise<{ personId: string; events: EventView[]; next?: EventCursor }> {
    return this.eventModel.page(personId, ctx, limit, cursor)
  }

  /** Everything this brand holds about the person ({@link PersonExport}). */
  exportForBrand(personId: string, brandId: string, actor: string): Promise<BrandExport> {
    return this.exports.forBrand(personId, brandId, actor)
  }

  /**
   * What the interest model may learn from at the brand, for its evaluation: anonymous people who
   * allow personalization and their released signals, and counts ({@link ModelSignals}).
   */
  signalsForModel(brandId: string, actor: string): Promise<ModelSignalsView> {
    return this.modelSignals.of(brandId, actor)
  }

  /** Distinct people per topic at the brand, counts only ({@link Popularity}). */
  topicPopularity(brandId: string, windowDays: number): Promise<ReadonlyMap<string, number>> {
    return this.popularity.of(brandId, windowDays)
  }

  /** The popularity counts from the store (what the writer thread computes). */
  computePopularity(brandId: string, since: number): Promise<PopularityCounts> {
    return this.popularity.compute(brandId, since)
  }

  /** Computes popularity somewhere else from now on (the writer thread), off the request thread. */
  delegatePopularityTo(source: (brandId: string, since: number) => Promise<PopularityCounts>): void {
    this.popularity.delegateTo(source)
  }

  /** Whether the brand may learn the person is linked to another brand ({@link Sharing}). */
  linkedUnderSharing(personId: string, brandId: string): Promise<boolean> {
    return this.sharing.linkedUnderSharing(personId, brandId)
  }

  /** The brands whose data the person's sharing lets the brand see today ({@link Sharing}). */
  visibleBrands(personId: string, brandId: string): Promise<Set<string>> {
    return this.sharing.visibleBrands(personId, brandId)
  }

  /**
   * Every person of the brand as a segment sees them, through the policy for the purpose
   * ({@link SegmentAudience}); one aggregate audit entry per scan. Returns how many were visited.
   */
  scanAudience(q: ScanQuery, visit: (p: ScannedPerson) => void): Promise<number> {
    return this.audience.scan(q, visit)
  }

  /** One person's facts for a segment's purpose (a decision's segment check); the caller audits. */
  segmentFacts(
    person: PersonState,
    q: { brandId: string; purpose: string; actor: string; segment: string },
    needs: FactNeeds,
  ): Promise<PersonFacts> {
    return this.audience.factsOf(person.personId, person.consent, q, needs)
  }

  /** Pseudonyms and the brand's own userIds of scanned people, for an active segment's members. */
  memberRefs(
    handles: readonly string[],
    brandId: string,
  ): Promise<{ personId: string; userIds: string[] }[]> {
    return this.audience.memberRefs(handles, brandId)
  }
}
