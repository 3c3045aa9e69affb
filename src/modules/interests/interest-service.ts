import type { KeyRing } from '../../crypto/key-ring.js'
import type { Clock } from '../../kernel/clock.js'
import { CandorError } from '../../kernel/errors.js'
import type { PersonRef } from '../../kernel/person-ref.js'
import type { Transactor } from '../../kernel/transactor.js'
import type { AuditService, AuditUnit } from '../audit/index.js'
import type { ConsentRecord, ConsentService, ConsentState, ConsentStore } from '../consent/index.js'
import { type InterestSignalSource, openSignalPayload } from '../events/index.js'
import type { PersonService, PersonUnit } from '../persons/index.js'
import {
  applySignal,
  emptyInterest,
  INTEREST_SIGNAL_KINDS,
  type Interest,
  type InterestModelConfig,
  type InterestSignalKind,
} from './interest.js'
import type { InterestStore } from './interest-store.js'
import { possibleGiftOf } from './journeys.js'
import { type JourneyEvent, rebuildInterests } from './rebuild.js'
import type { TopicTaxonomy } from './taxonomy/index.js'

export interface InterestUnit extends PersonUnit, AuditUnit {
  readonly interests: InterestStore
  readonly events: InterestSignalSource
  readonly consent: ConsentStore
}

/** A freshly stored event as the interest model sees it. */
export interface ModelEvent {
  readonly messageId: string
  readonly kind: string
  readonly eventTime: number
  readonly gift: boolean
  readonly topics: readonly string[]
  readonly giftTopics: readonly string[]
}

const isSignalKind = (k: string): k is InterestSignalKind =>
  (INTEREST_SIGNAL_KINDS as readonly string[]).includes(k)

/**
 * The interest model: per person × brand × topic, from the brand's own events, only while the
 * person allows `personalization` there (profiling is processing). Gifts never count; sensitive
 * topics are dropped (not folded into a parent) unless the person opted in for that topic; a
 * rejected topic stays rejected; stated interests outrank inferred ones.
 */
export class InterestService {
  constructor(
    private readonly tx: Transactor<InterestUnit>,
    private readonly persons: PersonService,
    private readonly consent: ConsentService,
    private readonly keys: Pick<KeyRing, 'dataKey' | 'decrypt'>,
    private readonly taxonomy: TopicTaxonomy,
    private readonly cfg: InterestModelConfig,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  get model(): InterestModelConfig {
    return this.cfg
  }

  /** Whether the model may count a signal for this topic at this brand. */
  private topicAllowed(state: ConsentState, brandId: string, topic: string): boolean {
    if (!this.taxonomy.has(topic)) return false
    return (
      !this.taxonomy.isSensitive(topic) || state.sensitiveTopic(brandId, 'personalization', topic).granted
    )
  }

  /**
   * Whether the model could count this event for a person who allows personalization: a signal
   * kind, not a gift, with a topic outside its gift lines — or a purchase with a topic (a gift
   * purchase sets aside the journey before it). When false, `applyManyIn` ignores the event
   * whatever the person's consent, so the caller need not read that consent for it.
   */
  mayCount(e: ModelEvent): boolean {
    if (!isSignalKind(e.kind)) return false
    if (e.kind === 'purchase') return e.topics.length > 0
    return !e.gift && e.topics.some((t) => !e.giftTopics.includes(t))
  }

  /** Counts freshly stored events (never a duplicate) of one person in the caller's transaction. */
  applyIn(
    stores: InterestUnit,
    personId: string,
    brandId: string,
    state: ConsentState,
    events: readonly ModelEvent[],
  ): Promise<void> {
    return this.applyManyIn(stores, brandId, [{ personId, state, events }])
  }

  /**
   * Counts freshly stored events of many people at one brand with one read and one write, in the
   * caller's transaction (ingestion calls this once per request). A person whose new events
   * include a purchase, or touch an interest with signals set aside for a gift, has their
   * interests at the brand rebuilt from all their events instead (journeys need the whole story).
   */
  async applyManyIn(
    stores: InterestUnit,
    brandId: string,
    people: readonly { personId: string; state: ConsentState; events: readonly ModelEvent[] }[],
  ): Promise<void> {
    const wanted = new Map<
      string,
      Map<string, { kind: InterestSignalKind; at: number; messageId: string }[]>
    >()
    const rebuild = new Map<string, ConsentState>()
    for (const { personId, state, events } of people) {
      if (!state.isGranted(brandId, 'personalization')) continue
      if (events.some((e) => e.kind === 'purchase' && e.topics.length > 0)) {
        rebuild.set(personId, state)
        continue
      }
      const byTopic = wanted.get(personId) ?? new Map()
      for (const e of events) {
        if (e.gift || !isSignalKind(e.kind)) continue
        for (const topic of e.topics) {
          if (e.giftTopics.includes(topic) || !this.topicAllowed(state, brandId, topic)) continue
          const list = byTopic.get(topic) ?? []
          list.push({ kind: e.kind, at: e.eventTime, messageId: e.messageId })
          byTopic.set(topic, list)
        }
      }
      if (byTopic.size > 0) wanted.set(personId, byTopic)
    }
    const now = this.clock.now()
    const changed: Interest[] = []
    if (wanted.size > 0) {
      // Only the rows these signals touch: a person's other topics are neither read nor written.
      const pairs: { personId: string; topic: string }[] = []
      for (const [personId, byTopic] of wanted)
        for (const topic of byTopic.keys()) pairs.push({ personId, topic })
      const existing = new Map<string, Interest>()
      for (const i of await stores.interests.forPairsAtBrand(brandId, pairs))
        existing.set(`${i.personId}|${i.topic}`, i)
      for (const [personId, byTopic] of wanted) {
        const mine: Interest[] = []
        let whole = false
        for (const [topic, signals] of byTopic) {
          let interest =
            existing.get(`${personId}|${topic}`) ?? emptyInterest(personId, brandId, topic, 'inferred', now)
          // Signals set aside for a gift may count after all once the topic recurs: rebuild.
          if (interest.journeys.setAside.length > 0) whole = true
          // "Not interested in X" stays: new signals do not bring a rejected topic back.
          if (interest.state === 'rejected') continue
          for (const sig of signals) interest = applySignal(interest, sig, this.cfg, now)
          mine.push(interest)
        }
        if (whole) rebuild.set(personId, people.find((p) => p.personId === personId)?.state as ConsentState)
        else changed.push(...mine)
      }
    }
    // In key order: concurrent requests lock the rows they upsert in one order.
    changed.sort((a, b) => cmp(a.personId, b.personId) || cmp(a.topic, b.topic))
    if (changed.length > 0) await stores.interests.upsert(changed)
    for (const [personId, state] of [...rebuild].sort((a, b) => cmp(a[0], b[0])))
      await this.rebuildIn(stores, personId, brandId, state)
  }

  /**
   * Recomputes the person's interests at the brand from the stored events, in the caller's
   * transaction: inferred rows are rebuilt (or only deleted, without `personalization`); stated
   * and rejected choices stay.
   */
  async recomputeIn(stores: InterestUnit, personId: string, brandId: string): Promise<void> {
    // Only this brand's answers are asked for: read only the ledger entries that apply here.
    const state = (await this.consent.statesOf(stores, [personId], brandId)).get(personId) as ConsentState
    await this.rebuildIn(stores, personId, brandId, state)
  }

  private async rebuildIn(
    stores: InterestUnit,
    personId: string,
    brandId: string,
    state: ConsentState,
  ): Promise<void> {
    const kept = (await stores.interests.forPersonBrand(personId, brandId)).filter(
      (i) => i.state !== 'inferred',
    )
    await stores.interests.deleteInferred(personId, brandId)
    const now = this.clock.now()
    // Stated interests keep their state; their evidence is rebuilt below like any other.
    const base = new Map(
      kept.map((i) => [
        i.topic,
        i.state === 'stated' ? emptyInterest(personId, brandId, i.topic, 'stated', now) : i,
      ]),
    )
    if (!state.isGranted(brandId, 'personalization')) {
      await stores.interests.upsert([...base.values()])
      return
    }
    const events: JourneyEvent[] = []
    const addresses = new Set<string>()
    // Kinds the model ignores are left out by the query (their payloads stay sealed).
    for (const e of await stores.events.signalEventsOf(personId, brandId, INTEREST_SIGNAL_KINDS)) {
      const payload = await openSignalPayload(this.keys, e)
      if (!payload) continue
      let possibleGift = false
      if (e.kind === 'purchase' && !e.gift) {
        const seen = possibleGiftOf(payload.properties, addresses, this.cfg.journeys)
        possibleGift = seen.reason !== null
        if (seen.address !== null) addresses.add(seen.address)
      }
      events.push({
        messageId: e.messageId,
        kind: e.kind as InterestSignalKind,
        at: e.eventTime,
        gift: e.gift,
        topics: payload.topics,
        giftTopics: payload.giftTopics,
        possibleGift,
      })
    }
    const rebuilt = rebuildInterests({
      personId,
      brandId,
      events,
      base,
      allowed: (topic) => this.topicAllowed(state, brandId, topic),
      cfg: this.cfg,
      now,
    })
    rebuilt.sort((a, b) => cmp(a.topic, b.topic))
    await stores.interests.upsert(rebuilt)
  }

  /** Recomputes in its own transaction. */
  recompute(personId: string, brandId: string): Promise<void> {
    return this.tx.transaction((s) => this.recomputeIn(s, personId, brandId))
  }

  /**
   * Derived data follows its sources: called inside the transaction that recorded consent, so a
   * withdrawal deletes inferred interests in the same commit, and a grant computes them at once.
   */
  async onConsentIn(
    stores: InterestUnit,
    personId: string,
    brandId: string,
    records: readonly ConsentRecord[],
  ): Promise<void> {
    const relevant = records.filter((r) => r.purpose === 'personalization' && r.sensitiveCategory === null)
    if (relevant.length === 0) return
    const brands = relevant.some((r) => r.scope === 'all_brands')
      ? [...new Set((await stores.persons.identities(personId)).map((i) => i.brandId))]
      : [brandId]
    for (const b of brands) await this.recomputeIn(stores, personId, b)
  }

  /**
   * The person states an interest ("I'm into trail running") or rejects one ("not interested in
   * X"). A rejection stays until the person states the topic again. Throws `unknown-topic`.
   */
  async setState(input: {
    brandId: string
    ref: PersonRef
    topic: string
    state: 'stated' | 'rejected'
    actor: string
  }): Promise<Interest> {
    if (!this.taxonomy.has(input.topic))
      throw new CandorError('unknown-topic', `unknown topic ${input.topic}`, 'topic')
    return this.tx.transaction(async (stores) => {
      const personId = await this.persons.require(stores, input.brandId, input.ref)
      const now = this.clock.now()
      const [current] = await stores.interests.forPersonBrand(personId, input.brandId, [input.topic])
      const next: Interest = {
        ...(current ?? emptyInterest(personId, input.brandId, input.topic, input.state, now)),
        state: input.state,
        updatedAt: now,
      }
      await stores.interests.upsert([next])
      // Stating a topic again after a rejection brings back its evidence.
      if (input.state === 'stated' && current?.state === 'rejected')
        await this.recomputeIn(stores, personId, input.brandId)
      await this.audit.appendIn(stores, [
        {
          actor: input.actor,
          action: `interests.${input.state}`,
          brandId: input.brandId,
          purpose: null,
          subject: await this.persons.auditSubject(personId),
          itemIds: [],
          // The topic stays out of the audit log (it outlives an erasure and may be sensitive).
          details: {},
        },
      ])
      const [saved] = await stores.interests.forPersonBrand(personId, input.brandId, [input.topic])
      return saved ?? next
    })
  }

  /** "That was a gift": the event stops counting toward the person's interests, at once. Throws `not-found`. */
  async markGift(input: {
    brandId: string
    ref: PersonRef
    messageId: string
    actor: string
    /** Who says it was a gift: the person (relayed by the brand, the default) or the brand itself. */
    markedBy?: 'person' | 'brand'
  }): Promise<void> {
    await this.tx.transaction(async (stores) => {
      const personId = await this.persons.require(stores, input.brandId, input.ref)
      const byPerson = (input.markedBy ?? 'person') === 'person'
      if (!(await stores.events.markGift(personId, input.brandId, input.messageId, byPerson))) {
        throw new CandorError(
          'not-found',
          'no event with that messageId for this person at this brand',
          'messageId',
        )
      }
      await this.recomputeIn(stores, personId, input.brandId)
      await this.audit.appendIn(stores, [
        {
          actor: input.actor,
          action: 'events.mark-gift',
          brandId: input.brandId,
          purpose: null,
          subject: await this.persons.auditSubject(personId),
          itemIds: [],
          details: { markedBy: byPerson ? 'person' : 'brand' },
        },
      ])
    })
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
