import { type KeyRing, PendingKeys } from '../../crypto/key-ring.js'
import type { Clock } from '../../kernel/clock.js'
import { newId } from '../../kernel/ids.js'
import type { PersonRef } from '../../kernel/person-ref.js'
import type { Transactor } from '../../kernel/transactor.js'
import type { AuditService } from '../audit/index.js'
import { type FieldTally, tallyFields } from '../collection-plan/index.js'
import type {
  ConsentChoice,
  ConsentService,
  ConsentSignalService,
  ConsentState,
  ConsentUnit,
} from '../consent/index.js'
import type { DataItemService, DataItemUnit } from '../data-items/index.js'
import {
  type EventIntake,
  type EventPayload,
  eventContext,
  type IngestRejection,
  type InterestSignalSource,
  newEventId,
  type StoredEvent,
} from '../events/index.js'
import type { CategoryResolver, InterestService, InterestUnit, ModelEvent } from '../interests/index.js'
import type { PersonService } from '../persons/index.js'
import { type ConsentOrigin, consentPreferencesOf, type ProcessedMessage } from './steps/index.js'
import { type TraitRule, traitItems } from './trait-mapping.js'

export interface IngestionUnit extends DataItemUnit, ConsentUnit, InterestUnit {
  readonly events: EventIntake & InterestSignalSource
  /** Where the collection plan's violations of a request are counted (names only). */
  readonly collectionPlans: {
    countViolations(brandId: string, counts: readonly PlanViolationCount[], at: number): Promise<void>
    countFields(brandId: string, day: number, tallies: readonly FieldTally[], at: number): Promise<void>
  }
}

/** How often a request violated the brand's collection plan with one field: names, never values. */
export interface PlanViolationCount {
  readonly event: string | null
  readonly field: string
  readonly kind: 'undeclared' | 'missing'
  readonly count: number
}

/** How the service tells a store outage from a message the store cannot take, and where it logs. */
export interface IngestionFailureHandling {
  isUnavailable(error: unknown): boolean
  readonly log: { warn(obj: object, msg: string): void }
}

/** The code of a thrown error (a CandorError's, a driver's `SQLITE_*` or PostgreSQL SQLSTATE), never its message. */
function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : error instanceof Error ? error.name : typeof error
}

/** A rejection the pipeline produced for one message of a batch. */
export interface PipelineRejection {
  readonly index: number
  readonly reason: string
  readonly field?: string
}

export interface IngestInput {
  readonly brandId: string
  readonly actor: string
  readonly endpoint: string
  readonly receivedAt: number
  readonly messages: readonly ProcessedMessage[]
  readonly rejected: readonly PipelineRejection[]
  /** The request carried `Sec-GPC: 1`. */
  readonly gpc: boolean
  /** Trait name → days its data item is kept (the collection plan's retentionDays). */
  readonly traitRetention?: readonly (readonly [string, number])[]
  /** Violations of the brand's collection plan in this request, counted in the same transaction. */
  readonly violations?: readonly PlanViolationCount[]
}

/**
 * What the transaction needs of a message, made on the caller's thread: identities, times, the
 * interest topics, and the stored payload already as JSON text. Handing this to the writer
 * thread copies a few strings, where a structured copy of properties and context cost more
 * than inserting the event.
 */
export interface PreparedMessage {
  readonly type: ProcessedMessage['type']
  readonly messageId: string
  readonly userId?: string
  readonly anonymousId?: string
  readonly previousId?: string
  readonly kind: ProcessedMessage['classification']['kind']
  readonly eventTime: number
  readonly receivedAt: number
  readonly gift: boolean
  /** Interest topics of its product lines, and those only gift lines carry. */
  readonly topics: string[]
  readonly giftTopics: string[]
  /** Identify traits (they become data items); empty for other types. */
  readonly traits: Readonly<Record<string, unknown>>
  /**
   * Segment's `context.consent.categoryPreferences` (or RudderStack's consent ids read as such), if
   * the message carries any, and which SDK's fields they came from (the ledger's source).
   */
  readonly categoryPreferences?: unknown
  readonly consentOrigin?: ConsentOrigin
  /** The event payload as JSON, encrypted as it is. */
  readonly payload: string
}

export interface PreparedInput extends Omit<IngestInput, 'messages'> {
  readonly messages: readonly PreparedMessage[]
  /** The field names (and JSON types) the messages carry, counted: names only. */
  readonly fields?: readonly FieldTally[]
}

export interface IngestOutcome {
  readonly accepted: number
  readonly duplicates: number
  readonly rejected: number
}

/**
 * Stores Segment messages durably: identity resolution (anonymousId → userId, alias), messageId
 * deduplication per brand, encryption of the payload with the person's key, identify traits as
 * data items, consent signals (GPC, categoryPreferences) in the ledger, and the interest model —
 * all in ONE transaction, so the caller acknowledges only what is committed.
 */
export class IngestionService {
  constructor(
    private readonly tx: Transactor<IngestionUnit>,
    private readonly persons: PersonService,
    private readonly consent: ConsentService,
    private readonly signals: ConsentSignalService,
    private readonly dataItems: DataItemService,
    private readonly interests: InterestService,
    private readonly keys: Pick<KeyRing, 'dataKeyFor' | 'commitKeys' | 'encrypt'>,
    private readonly resolver: CategoryResolver,
    private readonly traitRules: Readonly<Record<string, TraitRule>>,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly failure: IngestionFailureHandling = {
      isUnavailable: () => false,
      log: { warn: () => {} },
    },
  ) {}

  async ingest(input: IngestInput): Promise<IngestOutcome> {
    return this.ingestPrepared(this.prepare(input))
  }

  /** The part of ingestion that needs no storage: topics and payload text (any thread). */
  prepare(input: IngestInput): PreparedInput {
    return {
      ...input,
      messages: input.messages.map((m) => prepareMessage(m, this.resolver)),
      fields: tallyFields(input.messages),
    }
  }

  /**
   * In one transaction. On PostgreSQL, requests that create the same new people in other orders
   * can deadlock: the one the database gives up on runs again (up to twice), so its SDK gets a
   * 200 after a second instead of a 503. Running again is safe: a run changes nothing outside its
   * transaction but the key store, where keys of a run that rolled back are left unused.
   */
  async ingestPrepared(input: PreparedInput): Promise<IngestOutcome> {
    try {
      return await this.tx.transaction((stores) => this.ingestIn(stores, input), { retryConflicts: 2 })
    } catch (error) {
      if (input.messages.length < 2 || this.failure.isUnavailable(error)) throw error
      this.failure.log.warn(
        { code: errorCode(error) },
        'ingestion batch failed; storing its messages one by one',
      )
      return this.oneByOne(input)
    }
  }

  /**
   * A batch whose transaction failed: each message in its own transaction, so one message the
   * store cannot take never loses the others. A message that fails alone is recorded as a
   * rejection (`storage-failed`, its index in the messages stored) and logged with its code;
   * the store being unavailable still fails the request (nothing is acknowledged unstored).
   */
  private async oneByOne(input: PreparedInput): Promise<IngestOutcome> {
    const failed: PipelineRejection[] = []
    let accepted = 0
    let duplicates = 0
    let rejected = 0
    for (const [index, message] of input.messages.entries()) {
      const single: PreparedInput = {
        ...input,
        messages: [message],
        rejected: [],
        violations: [],
        fields: [],
      }
      try {
        const o = await this.tx.transaction((stores) => this.ingestIn(stores, single), { retryConflicts: 2 })
        accepted += o.accepted
        duplicates += o.duplicates
        rejected += o.rejected
      } catch (error) {
        if (this.failure.isUnavailable(error)) throw error
        this.failure.log.warn(
          { code: errorCode(error) },
          'a message could not be stored; recorded as a rejection',
        )
        failed.push({ index, reason: 'storage-failed' })
      }
    }
    const rejections = [...input.rejected, ...failed]
    if (rejections.length > 0 || (input.violations?.length ?? 0) > 0)
      await this.tx.transaction(async (s) => {
        await s.events.insertRejections(
          rejections.map((r) => toRejection(input.brandId, input.endpoint, input.receivedAt, r)),
        )
        await s.collectionPlans.countViolations(input.brandId, input.violations ?? [], input.receivedAt)
      })
    if (input.fields !== undefined && input.fields.length > 0)
      await this.tx.transaction((s) =>
        s.collectionPlans.countFields(
          input.brandId,
          dayOf(input.receivedAt),
          input.fields ?? [],
          input.receivedAt,
        ),
      )
    return { accepted, duplicates, rejected: rejected + rejections.length }
  }

  /**
   * `ingestPrepared` in the caller's transaction (the writer thread commits several requests in
   * one). Nothing is committed here: the caller acknowledges the requests only after its commit.
   */
  ingestIn(stores: IngestionUnit, input: PreparedInput): Promise<IngestOutcome> {
    return new IngestRun(this, stores, input).execute()
  }

  /** @internal for IngestRun */
  get deps() {
    return {
      persons: this.persons,
      consent: this.consent,
      signals: this.signals,
      dataItems: this.dataItems,
      interests: this.interests,
      keys: this.keys,
      traitRules: this.traitRules,
      audit: this.audit,
      clock: this.clock,
    }
  }

  /** Rejections, newest first: reasons and field names only, never values. */
  rejections(
    brandId: string | undefined,
    limit: number,
    cursor?: { receivedAt: number; id: string },
  ): Promise<IngestRejection[]> {
    return this.tx.stores.events.rejections(brandId, limit, cursor)
  }

  /** Rejections recorded for a request that failed as a whole (e.g. a single invalid message). */
  async recordRejections(
    brandId: string,
    endpoint: string,
    receivedAt: number,
    rejected: readonly PipelineRejection[],
  ): Promise<void> {
    await this.tx.transaction((s) =>
      s.events.insertRejections(rejected.map((r) => toRejection(brandId, endpoint, receivedAt, r))),
    )
  }
}

/** Days since the epoch (UTC) of an epoch-ms time. */
const dayOf = (at: number) => Math.floor(at / 86_400_000)

function toRejection(
  brandId: string,
  endpoint: string,
  receivedAt: number,
  r: PipelineRejection,
): IngestRejection {
  return {
    id: newId('rej'),
    brandId,
    receivedAt,
    endpoint,
    reason: r.reason,
    field: r.field ?? null,
    batchIndex: r.index < 0 ? null : r.index,
  }
}

/** One request's worth of work inside one transaction, with its per-request caches. */
class IngestRun {
  private readonly d: IngestionService['deps']
  private readonly identityCache = new Map<string, string | undefined>()
  private readonly states = new Map<string, ConsentState>()
  private readonly gpcDone = new Set<string>()

  constructor(
    service: IngestionService,
    private readonly s: IngestionUnit,
    private readonly input: PreparedInput,
  ) {
    this.d = service.deps
  }

  async execute(): Promise<IngestOutcome> {
    const { brandId } = this.input
    const rejections: PipelineRejection[] = [...this.input.rejected]
    const ids = [...new Set(this.input.messages.map((m) => m.messageId))]
    const known = await this.knownMessageIds(ids)
    await this.prefetchIdentities()
    const suppressed = await this.suppressedAmongUnknown(known)
    await this.prefetchStates(known)
    const now = this.d.clock.now()
    const seen = new Set<string>()
    let duplicates = 0
    const rows: StoredEvent[] = []
    const model = new Map<string, ModelEvent[]>()
    for (const [index, m] of this.input.messages.entries()) {
      if (known.has(m.messageId) || seen.has(m.messageId)) {
        duplicates++
        continue
      }
      seen.add(m.messageId)
      const refs = refsOf(m)
      // Only identities nobody holds can be suppressed (erasure removed them); known ones skip the check.
      if ((await this.unknownRefs(refs)) && refs.some((r) => suppressed.has(`${r.kind}:${r.value}`))) {
        rejections.push({
          index: this.input.endpoint === 'batch' || this.input.endpoint === 'import' ? index : -1,
          reason: 'suppressed',
        })
        continue
      }
      const personId = await this.resolvePerson(m)
      const primary = refs[0]
      if (!primary) throw new Error('validated messages always carry a userId or an anonymousId')
      const dk = await this.d.keys.dataKeyFor(personId, brandId, this.newKeys, this.versionOf)
      rows.push({
        id: newEventId(now),
        brandId,
        messageId: m.messageId,
        personId,
        type: m.type,
        kind: m.kind,
        eventTime: m.eventTime,
        receivedAt: m.receivedAt,
        gift: m.gift,
        giftByPerson: false,
        keyId: dk.keyId,
        payloadCt: this.d.keys.encrypt(dk, m.payload, eventContext(brandId, m.messageId)),
      })
      const list = model.get(personId) ?? []
      list.push(modelEvent(m))
      model.set(personId, list)
      if (m.type === 'identify' && Object.keys(m.traits).length > 0) {
        const items = this.withRetention(traitItems(m.traits, this.d.traitRules))
        if (items.length > 0)
          await this.d.dataItems.writeIn(this.s, {
            brandId,
            ref: primary,
            actor: this.input.actor,
            items,
            personId,
            keepRejections: true,
            pendingKeys: this.newKeys,
          })
      }
      await this.consentSignals(personId, primary, m)
    }
    // Merges during the request may have moved persons: re-point rows to the survivors.
    const finalRows =
      this.merged.size === 0 ? rows : rows.map((r) => ({ ...r, personId: this.survivor(r.personId) }))
    const inserted = await this.s.events.insert(finalRows)
    duplicates += finalRows.length - inserted.size
    // The interest model: one interest read/write for everyone in the request whose new events
    // can count, with the consent states read above (re-read only where the request changed them).
    const people = new Map<string, ModelEvent[]>()
    for (const [personId, events] of model) {
      const fresh = events.filter((e) => inserted.has(e.messageId) && this.d.interests.mayCount(e))
      if (fresh.length === 0) continue
      const survivor = this.survivor(personId)
      people.set(survivor, [...(people.get(survivor) ?? []), ...fresh])
    }
    // The keys of people new in this request, in one write to the key store — before the rows
    // that use them commit (the caller commits after this returns), and before the interest
    // model, which may read this request's events back (a purchase rebuilds the journeys).
    await this.d.keys.commitKeys(this.newKeys, (p) => this.survivor(p))
    const missing = [...people.keys()].filter((p) => !this.states.has(p))
    if (missing.length > 0)
      for (const [p, st] of await this.d.consent.statesOf(this.s, missing, brandId)) this.states.set(p, st)
    await this.d.interests.applyManyIn(
      this.s,
      brandId,
      [...people].map(([personId, events]) => ({
        personId,
        state: this.states.get(personId) as ConsentState,
        events,
      })),
    )
    await this.s.events.insertRejections(
      rejections.map((r) => toRejection(brandId, this.input.endpoint, this.input.receivedAt, r)),
    )
    if (this.input.violations !== undefined && this.input.violations.length > 0)
      await this.s.collectionPlans.countViolations(brandId, this.input.violations, this.input.receivedAt)
    if (this.input.fields !== undefined && this.input.fields.length > 0)
      await this.s.collectionPlans.countFields(
        brandId,
        dayOf(this.input.receivedAt),
        this.input.fields,
        this.input.receivedAt,
      )
    await this.d.audit.appendIn(this.s, [
      {
        actor: this.input.actor,
        action: 'events.ingest',
        brandId,
        purpose: null,
        subject: null,
        itemIds: [],
        details: {
          endpoint: this.input.endpoint,
          accepted: inserted.size,
          duplicates,
          rejected: rejections.length,
          persons: model.size,
        },
      },
    ])
    return { accepted: inserted.size, duplicates, rejected: rejections.length }
  }

  /** Expiry from the plan's trait retention, for the items of traits it declares one for. */
  private withRetention<T extends { key: string }>(items: T[]): (T & { expiresAt?: number })[] {
    const retention = this.input.traitRetention
    if (retention === undefined || retention.length === 0) return items
    this.retention ??= new Map(retention)
    const now = this.d.clock.now()
    return items.map((item) => {
      const days = this.retention?.get(item.key.slice('trait.'.length))
      return days === undefined ? item : { ...item, expiresAt: now + days * 86_400_000 }
    })
  }

  private retention: Map<string, number> | undefined
  private readonly merged = new Map<string, string>()
  private readonly newKeys = new PendingKeys()
  /** The person's version in this transaction (the key ring re-reads a key an erasure may have destroyed). */
  private readonly versionOf = (personId: string) => this.s.persons.versionOf(personId)

  private survivor(personId: string): string {
    let p = personId
    for (let next = this.merged.get(p); next !== undefined; next = this.merged.get(p)) p = next
    return p
  }

  /** Resolves every identity the request names with one query per kind (misses are remembered too). */
  private async prefetchIdentities(): Promise<void> {
    const refs: PersonRef[] = []
    for (const m of this.input.messages) {
      refs.push(...refsOf(m))
      if (m.type === 'alias' && m.previousId !== undefined)
        refs.push({ kind: 'user', value: m.previousId }, { kind: 'anonymous', value: m.previousId })
    }
    const found = await this.d.persons.resolveMany(this.s, this.input.brandId, refs)
    for (const r of refs) {
      const key = `${r.kind}:${r.value}`
      this.identityCache.set(key, found.get(key))
    }
    // Before any write: requests that may create the same people take turns in one order, so
    // their identity inserts never wait on each other in a cycle (a deadlock on PostgreSQL).
    const unknown = refs.filter((r) => !found.has(`${r.kind}:${r.value}`))
    await this.s.persons.lockIdentities(this.input.brandId, unknown)
  }

  /**
   * Which identities of the new messages that name someone unknown are suppressed, with one
   * query: only those messages can be refused as suppressed (their refs may become known during
   * the request, never the reverse), and suppressions do not change during ingestion.
   */
  private async suppressedAmongUnknown(known: ReadonlySet<string>): Promise<Set<string>> {
    const refs: PersonRef[] = []
    for (const m of this.input.messages) {
      if (known.has(m.messageId)) continue
      const mine = refsOf(m)
      if (mine.some((r) => this.identityCache.get(`${r.kind}:${r.value}`) === undefined)) refs.push(...mine)
    }
    return this.d.persons.suppressedRefs(this.s, this.input.brandId, refs)
  }

  /**
   * Reads, in one query, the consent state of every known person with a new message that needs
   * it: one the interest model may count, or categoryPreferences to compare. Anything that
   * changes a state during the request (ledger writes, merges) drops it from the cache, so it is
   * read again when needed.
   */
  private async prefetchStates(known: ReadonlySet<string>): Promise<void> {
    const people = new Set<string>()
    for (const m of this.input.messages) {
      if (known.has(m.messageId)) continue
      if (!this.d.interests.mayCount(modelEvent(m)) && m.categoryPreferences === undefined) continue
      for (const r of refsOf(m)) {
        const personId = this.identityCache.get(`${r.kind}:${r.value}`)
        if (personId !== undefined) people.add(personId)
      }
    }
    if (people.size === 0) return
    const { brandId } = this.input
    for (const [p, st] of await this.d.consent.statesOf(this.s, [...people], brandId)) this.states.set(p, st)
  }

  private async knownMessageIds(ids: readonly string[]): Promise<Set<string>> {
    return this.s.events.existingMessageIds(this.input.brandId, ids)
  }

  private async unknownRefs(refs: readonly PersonRef[]): Promise<boolean> {
    for (const r of refs) if ((await this.find(r)) === undefined) return true
    return false
  }

  private async find(ref: PersonRef): Promise<string | undefined> {
    const key = `${ref.kind}:${ref.value}`
    if (this.identityCache.has(key)) {
      const cached = this.identityCache.get(key)
      return cached === undefined ? undefined : this.survivor(cached)
    }
    const found = await this.d.persons.resolve(this.s, this.input.brandId, ref)
    this.identityCache.set(key, found)
    return found
  }

  private remember(ref: PersonRef, personId: string): void {
    this.identityCache.set(`${ref.kind}:${ref.value}`, personId)
  }

  private async merge(from: string, to: string): Promise<void> {
    await this.d.persons.mergeIn(this.s, from, to)
    this.merged.set(from, to)
    this.states.delete(from)
    this.states.delete(to)
  }

  /** Whether the person holds a userId at this brand (a pure anonymous profile holds none). */
  private async hasUserId(personId: string): Promise<boolean> {
    return (await this.d.persons.identities(this.s, personId)).some(
      (i) => i.brandId === this.input.brandId && i.kind === 'user',
    )
  }

  /**
   * Adds `ref` to the person. When another request claimed the identity meanwhile (its holder is
   * another person), the two are one person after all: an anonymous-only profile merges into the
   * other; two people with userIds stay apart (a shared device).
   */
  private async attach(personId: string, ref: PersonRef): Promise<string> {
    const holder = await this.d.persons.addIdentityIn(this.s, personId, this.input.brandId, ref)
    this.remember(ref, holder)
    if (holder === personId) return personId
    if (!(await this.hasUserId(personId))) {
      await this.merge(personId, holder)
      return holder
    }
    if (!(await this.hasUserId(holder))) {
      await this.merge(holder, personId)
      this.remember(ref, personId)
      return personId
    }
    return ref.kind === 'user' ? holder : personId
  }

  private async create(ref: PersonRef): Promise<string> {
    // Only refs found unheld and unsuppressed above get here: no need to look them up again.
    const { personId } = await this.d.persons.createIn(this.s, this.input.brandId, ref)
    this.remember(ref, personId)
    return personId
  }

  /**
   * The person a message is about. A userId and an anonymousId in one message are the same
   * person: the anonymous profile merges into the user's (unless it already belongs to another
   * userId — a shared device is not a merge). `alias` merges `previousId` into `userId`.
   */
  private async resolvePerson(m: PreparedMessage): Promise<string> {
    const user: PersonRef | undefined = m.userId === undefined ? undefined : { kind: 'user', value: m.userId }
    const anon: PersonRef | undefined =
      m.anonymousId === undefined ? undefined : { kind: 'anonymous', value: m.anonymousId }
    if (m.type === 'alias' && m.previousId !== undefined && user) {
      const prevUser: PersonRef = { kind: 'user', value: m.previousId }
      const prevAnon: PersonRef = { kind: 'anonymous', value: m.previousId }
      const prev = (await this.find(prevUser)) ?? (await this.find(prevAnon))
      const current = await this.find(user)
      if (prev && current) {
        if (prev !== current) await this.merge(prev, current)
        return this.survivor(current)
      }
      if (prev) return this.attach(prev, user)
      if (current) return current
      const created = await this.create(user)
      return this.attach(created, prevAnon)
    }
    const pu = user ? await this.find(user) : undefined
    const pa = anon ? await this.find(anon) : undefined
    if (pu && pa) {
      if (pu !== pa && !(await this.hasUserId(pa))) await this.merge(pa, pu)
      return this.survivor(pu)
    }
    if (pu) return anon ? this.attach(pu, anon) : pu
    if (pa) {
      if (!user) return pa
      // An anonymous profile that already belongs to another userId is another person's device history.
      return (await this.hasUserId(pa)) ? this.create(user) : this.attach(pa, user)
    }
    const first = user ?? anon
    if (!first) throw new Error('validated messages always carry an identity')
    const created = await this.create(first)
    return user && anon ? this.attach(created, anon) : created
  }

  private async state(personId: string): Promise<ConsentState> {
    const cached = this.states.get(personId)
    if (cached) return cached
    const { brandId } = this.input
    const state = (await this.d.consent.statesOf(this.s, [personId], brandId)).get(personId) as ConsentState
    this.states.set(personId, state)
    return state
  }

  /** GPC (once per person per request) and Segment categoryPreferences that change the ledger. */
  private async consentSignals(personId: string, ref: PersonRef, m: PreparedMessage): Promise<void> {
    const { brandId, actor } = this.input
    if (this.input.gpc && !this.gpcDone.has(personId)) {
      this.gpcDone.add(personId)
      if (await this.d.signals.recordGpcIn(this.s, { brandId, personId, ref, actor }))
        this.states.delete(personId)
    }
    const prefs = m.categoryPreferences
    if (prefs === undefined) return
    const state = await this.state(personId)
    const choices: ConsentChoice[] = this.d.signals
      .choicesFromCategoryPreferences(prefs, m.consentOrigin ?? 'segment')
      .filter((c) => c.state !== 'withdrawn' && state.decide(brandId, c.purpose).state !== c.state)
      // A categoryPreferences "true" never overrides a GPC opt-out.
      .filter((c) => !(c.state === 'granted' && c.purpose === 'advertising' && this.input.gpc))
    if (choices.length === 0) return
    await this.d.consent.recordIn(this.s, { brandId, ref, actor, choices, personId })
    this.states.delete(personId)
  }
}

/** The interest topics of a message's product lines, and those only gift lines carry. */
interface MessageTopics {
  readonly topics: string[]
  readonly giftTopics: string[]
}

/** Interest topics of the message's product lines; gift lines apart. */
function messageTopics(m: ProcessedMessage, resolver: CategoryResolver): MessageTopics {
  const topics = new Set<string>()
  const giftTopics = new Set<string>()
  const giftLines = new Set(m.gift.lines.map((l) => l.index))
  const lines =
    m.classification.lines.length > 0
      ? m.classification.lines
      : m.classification.categories.map((category) => ({ category, index: undefined }))
  const ownTopics: string[] = []
  for (const line of lines) {
    if (!line.category) continue
    const resolved = resolver.resolve(line.category)
    if (!resolved) continue
    topics.add(resolved.topic)
    if (line.index !== undefined && giftLines.has(line.index)) giftTopics.add(resolved.topic)
    else ownTopics.push(resolved.topic)
  }
  // A topic bought both as a gift and for oneself still counts (the non-gift line carries it).
  for (const topic of ownTopics) giftTopics.delete(topic)
  return { topics: [...topics], giftTopics: [...giftTopics] }
}

function prepareMessage(m: ProcessedMessage, resolver: CategoryResolver): PreparedMessage {
  const { topics, giftTopics } = messageTopics(m, resolver)
  const payload: EventPayload = {
    ...(m.event === undefined ? {} : { event: m.event }),
    ...(m.name === undefined ? {} : { name: m.name }),
    properties: m.properties,
    traits: m.traits,
    context: m.context,
    topics,
    giftTopics,
    giftRules: m.gift.rules,
    ...(m.timestamp === undefined ? {} : { timestamp: m.timestamp }),
    ...(m.sentAt === undefined ? {} : { sentAt: m.sentAt }),
  }
  const consent = consentPreferencesOf(m)
  return {
    type: m.type,
    messageId: m.messageId,
    ...(m.userId === undefined ? {} : { userId: m.userId }),
    ...(m.anonymousId === undefined ? {} : { anonymousId: m.anonymousId }),
    ...(m.previousId === undefined ? {} : { previousId: m.previousId }),
    kind: m.classification.kind,
    eventTime: m.eventTime,
    receivedAt: m.receivedAt,
    gift: m.gift.isGift,
    topics,
    giftTopics,
    traits: m.type === 'identify' ? m.traits : {},
    ...(consent === undefined
      ? {}
      : { categoryPreferences: consent.preferences, consentOrigin: consent.origin }),
    payload: JSON.stringify(payload),
  }
}

/** What the interest model sees of a message. */
function modelEvent(m: PreparedMessage): ModelEvent {
  return {
    messageId: m.messageId,
    kind: m.kind,
    eventTime: m.eventTime,
    gift: m.gift,
    topics: m.topics,
    giftTopics: m.giftTopics,
  }
}

function refsOf(m: { readonly userId?: string; readonly anonymousId?: string }): PersonRef[] {
  const refs: PersonRef[] = []
  if (m.userId !== undefined) refs.push({ kind: 'user', value: m.userId })
  if (m.anonymousId !== undefined) refs.push({ kind: 'anonymous', value: m.anonymousId })
  return refs
}
