import type { KeyRing } from '../../crypto/key-ring.js'
import type { Clock } from '../../kernel/clock.js'
import { CandorError } from '../../kernel/errors.js'
import { newId } from '../../kernel/ids.js'
import type { PersonRef } from '../../kernel/person-ref.js'
import type { Transactor } from '../../kernel/transactor.js'
import type { AuditService } from '../audit/index.js'
import type { BrandService } from '../brands/index.js'
import { type ConsentSignalService, type ConsentUnit, gpcPendingIn } from '../consent/index.js'
import { lastPurchaseAt, type TopicTaxonomy } from '../interests/index.js'
import type { Offer, OfferService } from '../offers/index.js'
import type { PersonService } from '../persons/index.js'
import type { PersonState, PolicyService } from '../policy/index.js'
import { decisionForBrand } from './decision-log.js'
import type { DecisionStore, Impression, StoredDecision } from './decision-store.js'
import {
  type Explanation,
  explain,
  type FallbackReason,
  type SegmentAudience,
  withAudience,
} from './explanation.js'
import { DEFAULT_POPULARITY_MIN_PEOPLE, type RankInterest, rankOffers } from './ranker.js'

export interface DecisionUnit extends ConsentUnit {
  readonly decisions: DecisionStore
}

export interface DecideInput {
  readonly brandId: string
  readonly ref: PersonRef | undefined
  readonly placement: string
  readonly limit: number
  readonly candidates?: readonly string[]
  /** The browser's Global Privacy Control, relayed or from the `Sec-GPC` header. */
  readonly gpc: boolean
  readonly actor: string
}

/** Whether a person is in a segment's audience now, and why; undefined when not. */
export type SegmentCheck = (
  segmentId: string,
  person: PersonState,
  brandId: string,
  actor: string,
) => Promise<SegmentAudience | undefined>

const withSegment = (e: Explanation, a: SegmentAudience | undefined) => (a ? withAudience(e, a) : e)

export interface DecisionItem {
  readonly offerId: string
  readonly title: string
  readonly score: number
  readonly explanation: Explanation
}

export interface Decision {
  readonly decisionId: string
  readonly personalized: boolean
  readonly purpose: 'personalization'
  readonly placement: string
  readonly items: readonly DecisionItem[]
  readonly fallbackReason?: FallbackReason
  /** With `unknown-placement`: the placements the brand's offers use. */
  readonly placements?: readonly string[]
  readonly createdAt: number
}

const POPULARITY_WINDOW_DAYS = 30
/** Decisions read per query while exporting a whole log. */
const EXPORT_PAGE = 500
const UTF8 = new TextEncoder()
const within = (a: string, b: string) => a === b || a.startsWith(`${b}.`)

/**
 * A decision waiting for its commit: the row without its ciphertext, the payload (JSON) and
 * the person's data key. The commit encrypts (on the writer thread when there is one, so the
 * request thread does not spend its time on AES).
 */
export interface PendingDecision extends Omit<StoredDecision, 'payloadCt'> {
  /**
   * UTF-8 JSON. Bytes, not a string: a buffered decision outlives a few young-generation garbage
   * collections, and bytes outside the JavaScript heap are not copied by each of them.
   */
  readonly payload: Uint8Array
  /** The data key's bytes (a Uint8Array once it crossed to the writer thread). */
  readonly key: Uint8Array
}

/** Decisions and impressions committed together. */
/** Where failed commits are logged, and how many decisions plus impressions may wait for a retry. */
export interface DecisionFailureHandling {
  readonly log: { warn(obj: object, msg: string): void }
  readonly maxPending: number
}

export interface DecisionBatch {
  readonly decisions: PendingDecision[]
  readonly impressions: Impression[]
}

/**
 * Decisions: ranks a brand's offers for a placement using only the policy view for
 * `personalization`; falls back to a non-personalized ranking (and says why) without consent or
 * evidence. Every answer honours the person's own restrictions — rejected topics, frequency
 * caps, GPC — and is logged (encrypted) so the person can later see why they saw something.
 * Impressions and the log are group-committed within `flushMs`.
 */
export class DecisionService {
  private sink: ((batch: DecisionBatch) => Promise<void>) | undefined
  private pending: DecisionBatch = {
    decisions: [],
    impressions: [],
  }
  /** Impressions of the batch being committed right now: counted until the commit is visible. */
  private inflight: Impression[] = []
  private seq = 0
  private timer: NodeJS.Timeout | undefined
  private flushing: Promise<void> = Promise.resolve()
  private lastExpiry = 0

  constructor(
    private readonly tx: Transactor<DecisionUnit>,
    private readonly persons: PersonService,
    private readonly policy: PolicyService,
    private readonly offers: OfferService,
    private readonly brands: BrandService,
    private readonly signals: ConsentSignalService,
    private readonly topics: TopicTaxonomy,
    private readonly keys: Pick<KeyRing, 'dataKeyFor' | 'dataKey' | 'encrypt' | 'decrypt'>,
    private readonly audit: AuditService,
    private readonly retentionDays: number,
    private readonly flushMs: number,
    private readonly clock: Clock,
    private readonly failures: DecisionFailureHandling = { log: { warn: () => {} }, maxPending: 10_000 },
    private readonly explaining: { readonly popularityMinPeople: number } = {
      popularityMinPeople: DEFAULT_POPULARITY_MIN_PEOPLE,
    },
  ) {}

  private droppedDecisions = 0
  private segmentCheck?: SegmentCheck

  /**
   * How an offer naming a segment is checked: the person's membership now, evaluated through the
   * policy engine for the segment's purpose; undefined when they are not a member (or the segment
   * is not active). Without it, such offers are shown to no one.
   */
  checkSegmentsWith(check: SegmentCheck): void {
    this.segmentCheck = check
  }

  /** Decisions and impressions dropped because commits kept failing and the buffer was full. */
  dropped(): number {
    return this.droppedDecisions
  }

  async decide(input: DecideInput): Promise<Decision> {
    const now = this.clock.now()
    const brand = await this.brands.require(input.brandId)
    let offers = await this.offers.candidates(input.brandId, input.placement, input.candidates)
    // A placement no offer of the brand uses (a typo?) is said, with the placements there are.
    const known = offers.length === 0 ? await this.offers.placements(input.brandId) : undefined
    const unknownPlacement = known !== undefined && !known.includes(input.placement)
    const person = input.ref ? await this.policy.personState(input.brandId, input.ref) : undefined
    let fallbackReason: FallbackReason | undefined
    let interests: RankInterest[] | undefined
    if (person === undefined) {
      fallbackReason = 'unknown-person'
      if (input.gpc) offers = offers.filter((o) => o.purpose !== 'advertising')
    } else {
      if (input.gpc && input.ref) await this.recordGpc(person, input)
      const { restrictions: r, interests: usable } = await this.policy.decisionInputs(
        person,
        input.brandId,
        input.actor,
      )
      const caps = await this.capped(person.personId, input.brandId, offers, now)
      offers = offers.filter(
        (o) =>
          !(
            r.rejectedTopics.length > 0 &&
            Object.keys(o.topics).some((t) => r.rejectedTopics.some((rej) => within(t, rej)))
          ) &&
          !caps.has(o.id) &&
          !(o.purpose === 'advertising' && (input.gpc || r.advertisingDenied)),
      )
      if (!r.personalization.granted || !usable) fallbackReason = 'no-consent'
      else {
        // Satiation: a durable purchase holds offers in its topic back (the person has a tent).
        const held = usable.filter((i) => i.evidence.heldBackUntil !== null).map((i) => i.topic)
        if (held.length > 0)
          offers = offers.filter((o) => !Object.keys(o.topics).some((t) => held.some((h) => within(t, h))))
        interests = usable
          .filter((i) => i.established)
          .map((i) => {
            const purchasedAt = i.evidence.heldBackUntil === null ? null : lastPurchaseAt(i.evidence.journeys)
            return {
              topic: i.topic,
              label: this.topics.get(i.topic)?.label ?? i.topic,
              source: i.source,
              score: i.score,
              evidence: { ...i.evidence, journeys: i.evidence.journeys.fed.length },
              consentIds: i.basis.map((b) => b.consentId),
              brand: i.brand,
              ...(purchasedAt === null ? {} : { satiated: { purchasedAt } }),
            }
          })
        if (interests.length === 0) {
          // After "not interested": say so, not that nothing recurred.
          fallbackReason = r.rejectedTopics.length > 0 ? 'topics-rejected' : 'no-established-interests'
          interests = undefined
        }
      }
    }
    // An offer naming a segment is a candidate only for the segment's members.
    const audiences = new Map<string, SegmentAudience>()
    if (offers.some((o) => o.segment !== null)) {
      const kept: typeof offers = []
      for (const o of offers) {
        if (o.segment === null) kept.push(o)
        else if (person !== undefined && this.segmentCheck) {
          const a = await this.segmentCheck(o.segment, person, input.brandId, input.actor)
          if (a) {
            audiences.set(o.id, a)
            kept.push(o)
          }
        }
      }
      offers = kept
    }
    const popularity = await this.policy.topicPopularity(input.brandId, POPULARITY_WINDOW_DAYS)
    const ranked = rankOffers(
      offers,
      {
        ...(interests ? { interests } : {}),
        popularity,
        popularityWindowDays: POPULARITY_WINDOW_DAYS,
        popularityMinPeople: this.explaining.popularityMinPeople,
        isSensitiveTopic: (t) => this.topics.isSensitive(t),
        labelOf: (t) => this.topics.get(t)?.label ?? t,
        brandName: brand.name,
      },
      input.limit,
    )
    if (unknownPlacement) fallbackReason = 'unknown-placement'
    const personalized = fallbackReason === undefined && ranked.some((r) => r.personal)
    const brandNameOf = await this.namesOfSharingBrands(ranked, input.brandId)
    const items: DecisionItem[] = ranked.map((r) => ({
      offerId: r.offer.id,
      title: r.offer.title,
      score: r.score,
      explanation: withSegment(
        explain(r.factors, {
          brandName: brand.name,
          brandId: input.brandId,
          brandNameOf,
          ...(fallbackReason ? { fallbackReason } : {}),
        }),
        audiences.get(r.offer.id),
      ),
    }))
    const decision: Decision = {
      // Time-ordered: the decision log lists newest first, also within one millisecond.
      decisionId: `dec_${now.toString(36).padStart(9, '0')}${(this.seq++ % 1_679_616).toString(36).padStart(4, '0')}${newId('').slice(1, 13)}`,
      personalized,
      purpose: 'personalization',
      placement: input.placement,
      items,
      ...(fallbackReason ? { fallbackReason } : {}),
      ...(unknownPlacement ? { placements: known } : {}),
      createdAt: now,
    }
    if (person !== undefined) await this.log(person.personId, input.brandId, decision)
    return decision
  }

  /** The person's decisions at the brand, newest first, with their explanations. */
  async history(input: {
    brandId: string
    ref: PersonRef
    actor: string
    limit: number
    cursor?: { createdAt: number; id: string }
  }): Promise<{ decisions: Decision[]; next?: { createdAt: number; id: string } }> {
    await this.flush()
    const personId = await this.persons.require(this.tx.stores, input.brandId, input.ref)
    const { decisions, rows } = await this.readLog(personId, input.brandId, input.limit, input.cursor)
    this.audit.record({
      actor: input.actor,
      action: 'decisions.read',
      brandId: input.brandId,
      purpose: null,
      subject: await this.persons.auditSubject(personId),
      itemIds: [],
      details: { decisions: decisions.length },
    })
    const last = rows[rows.length - 1]
    return {
      decisions,
      ...(last && rows.length === input.limit ? { next: { createdAt: last.createdAt, id: last.id } } : {}),
    }
  }

  /** The names of the other brands whose shared data the ranked items rest on (none: no lookup). */
  private async namesOfSharingBrands(
    ranked: readonly { readonly factors: readonly { readonly kind: string; readonly brand?: string }[] }[],
    brandId: string,
  ): Promise<(id: string) => string> {
    const others = new Set<string>()
    for (const r of ranked) for (const f of r.factors) if (f.brand && f.brand !== brandId) others.add(f.brand)
    if (others.size === 0) return (id) => id
    const names = new Map<string, string>()
    for (const id of others) names.set(id, (await this.brands.get(id))?.name ?? id)
    return (id) => names.get(id) ?? id
  }

  /**
   * Every decision logged for the person at the brand, oldest first, as the brand may read it
   * today (the right of access: the export). Audited as `decisions.read`.
   */
  async logForExport(personId: string, brandId: string, actor: string): Promise<Decision[]> {
    await this.flush()
    const all: Decision[] = []
    let cursor: { createdAt: number; id: string } | undefined
    for (;;) {
      const { decisions, rows } = await this.readLog(personId, brandId, EXPORT_PAGE, cursor)
      all.push(...decisions)
      const last = rows[rows.length - 1]
      if (!last || rows.length < EXPORT_PAGE) break
      cursor = { createdAt: last.createdAt, id: last.id }
    }
    this.audit.record({
      actor,
      action: 'decisions.read',
      brandId,
      purpose: null,
      subject: await this.persons.auditSubject(personId),
      itemIds: [],
      details: { decisions: all.length, export: true },
    })
    return all.reverse()
  }

  /**
   * One page of the log, decrypted, as the brand may read it today: factors resting on another
   * brand's data only while the person's sharing covers that brand.
   */
  private async readLog(
    personId: string,
    brandId: string,
    limit: number,
    cursor?: { createdAt: number; id: string },
  ): Promise<{ decisions: Decision[]; rows: readonly StoredDecision[] }> {
    const [rows, visible, brand] = await Promise.all([
      this.tx.stores.decisions.page(personId, brandId, limit, cursor),
      this.policy.visibleBrands(personId, brandId),
      this.brands.require(brandId),
    ])
    const names = new Map<string, string>()
    for (const id of visible) if (id !== brandId) names.set(id, (await this.brands.get(id))?.name ?? id)
    const nameOf = (id: string) => names.get(id) ?? id
    const decisions: Decision[] = []
    for (const r of rows) {
      const dk = await this.keys.dataKey(r.keyId)
      if (!dk) continue
      const logged = JSON.parse(
        this.keys.decrypt(dk, r.payloadCt, `decision|${r.brandId}|${r.id}`),
      ) as Decision
      decisions.push(decisionForBrand(logged, visible, brand, nameOf))
    }
    return { decisions, rows }
  }

  /** Offers whose frequency cap the person reached (impressions committed, plus those still buffered). */
  private async capped(
    personId: string,
    brandId: string,
    offers: readonly Offer[],
    now: number,
  ): Promise<Set<string>> {
    const caps = new Map<string, { count: number; since: number }>()
    let since = now
    for (const o of offers) {
      if (!o.frequencyCap) continue
      const from = now - o.frequencyCap.perDays * 86_400_000
      caps.set(o.id, { count: o.frequencyCap.count, since: from })
      if (from < since) since = from
    }
    if (caps.size === 0) return new Set()
    // Buffered and in-flight impressions are taken before the store is read, so none is missed
    // (one committed meanwhile is in both: duplicates are dropped by decision and offer). The
    // buffers hold every person's impressions: they are scanned, never copied.
    const local: Impression[] = []
    for (const list of [this.pending.impressions, this.inflight])
      for (const i of list)
        if (i.personId === personId && i.brandId === brandId && i.at >= since) local.push(i)
    const stored = await this.tx.reads.decisions.impressions(personId, brandId, since, [...caps.keys()])
    const counted = new Set<string>()
    const counts = new Map<string, number>()
    for (const list of [stored, local])
      for (const i of list) {
        const cap = caps.get(i.offerId)
        if (!cap || i.at < cap.since) continue
        const key = `${i.decisionId}|${i.offerId}`
        if (counted.has(key)) continue
        counted.add(key)
        counts.set(i.offerId, (counts.get(i.offerId) ?? 0) + 1)
      }
    const out = new Set<string>()
    for (const [offerId, cap] of caps) if ((counts.get(offerId) ?? 0) >= cap.count) out.add(offerId)
    return out
  }

  private async recordGpc(person: PersonState, input: DecideInput): Promise<void> {
    if (!input.ref) return
    const { ref } = input
    const { personId } = person
    // A browser sends GPC with every request: look first in the ledger the decision already holds
    // (current as of its version check), and open a write transaction (which checks again) only
    // when it does not say so yet.
    if (!gpcPendingIn(person.consent.history(), input.brandId)) return
    await this.tx.transaction((s) =>
      this.signals.recordGpcIn(s, { brandId: input.brandId, personId, ref, actor: input.actor }),
    )
  }

  private async log(personId: string, brandId: string, d: Decision): Promise<void> {
    const dk = await this.keys.dataKeyFor(personId, brandId, undefined, (p) =>
      this.tx.reads.persons.versionOf(p),
    )
    this.pending.decisions.push({
      id: d.decisionId,
      personId,
      brandId,
      placement: d.placement,
      personalized: d.personalized,
      fallbackReason: d.fallbackReason ?? null,
      keyId: dk.keyId,
      // Own buffers: a pooled Buffer is a view of a shared 8 KiB block, and the copy to the writer
      // thread would carry the whole block (other values and keys included).
      key: new Uint8Array(dk.key),
      payload: UTF8.encode(JSON.stringify(d)),
      createdAt: d.createdAt,
    })
    // Each item returned counts as an impression for frequency caps.
    for (const item of d.items)
      this.pending.impressions.push({
        personId,
        brandId,
        offerId: item.offerId,
        decisionId: d.decisionId,
        at: d.createdAt,
      })
    // The reads behind a decision are in the audit log (policy views); the decision is in the decision log.
    if (this.flushMs === 0) await this.flush()
    else
      this.timer ??= setTimeout(() => {
        this.timer = undefined
        void this.flush()
      }, this.flushMs)
  }

  /** Commits buffered decisions and impressions; expires decisions past the retention (at most once a minute). */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      const batch = this.pending
      if (batch.decisions.length === 0 && batch.impressions.length === 0) return
      this.pending = { decisions: [], impressions: [] }
      this.inflight = batch.impressions
      try {
        if (this.sink) await this.sink(batch)
        else await this.commitBatch(batch)
      } catch (error) {
        // Keep them for the next flush. A person erased through another process meanwhile makes the
        // batch fail its foreign key: keep only the rows of people who still exist.
        const fk = error instanceof Error && /FOREIGN KEY|foreign key/.test(error.message)
        const alive = fk
          ? await this.existing([
              ...batch.decisions.map((d) => d.personId),
              ...batch.impressions.map((i) => i.personId),
            ])
          : undefined
        const decisions = [
          ...batch.decisions.filter((d) => !alive || alive.has(d.personId)),
          ...this.pending.decisions,
        ]
        const impressions = [
          ...batch.impressions.filter((i) => !alive || alive.has(i.personId)),
          ...this.pending.impressions,
        ]
        // Bounded: while commits keep failing, the oldest are dropped (and counted) past the limit.
        const over = decisions.length + impressions.length - this.failures.maxPending
        let dropped = 0
        if (over > 0) {
          const fromDecisions = Math.min(over, decisions.length)
          decisions.splice(0, fromDecisions)
          impressions.splice(0, over - fromDecisions)
          dropped = over
          this.droppedDecisions += over
        }
        this.pending = { decisions, impressions }
        this.failures.log.warn(
          {
            code: errorCode(error),
            pending: decisions.length + impressions.length,
            dropped,
          },
          'decision log commit failed; will retry',
        )
        if (!this.closed) {
          this.timer ??= setTimeout(() => {
            this.timer = undefined
            void this.flush()
          }, 1000)
          this.timer.unref()
        }
      } finally {
        this.inflight = []
      }
    })
    return this.flushing
  }

  /**
   * Encrypts a batch of decisions and commits them with their impressions in one transaction,
   * expiring old ones at most once a minute.
   */
  async commitBatch(batch: DecisionBatch): Promise<void> {
    const rows: StoredDecision[] = batch.decisions.map(({ key, payload, ...row }) => ({
      ...row,
      payloadCt: this.keys.encrypt(
        { keyId: row.keyId, key: Buffer.from(key.buffer, key.byteOffset, key.byteLength) },
        payload,
        `decision|${row.brandId}|${row.id}`,
      ),
    }))
    await this.tx.transaction(async (s) => {
      await s.decisions.insertDecisions(rows)
      await s.decisions.insertImpressions(batch.impressions)
      const now = this.clock.now()
      if (now - this.lastExpiry > 60_000) {
        this.lastExpiry = now
        // Frequency caps look back at most 365 days (the offer schema's limit).
        await s.decisions.expire(now - this.retentionDays * 86_400_000, now - 366 * 86_400_000)
      }
    })
  }

  /** Commits batches somewhere else from now on (the writer thread), so no commit runs on this thread. */
  delegateTo(sink: (batch: DecisionBatch) => Promise<void>): void {
    this.sink = sink
  }

  private async existing(personIds: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>()
    for (const p of new Set(personIds)) if (await this.tx.stores.persons.personExists(p)) out.add(p)
    return out
  }

  /** Drops the person's decisions and impressions still buffered (erasure calls this first). */
  async forget(personId: string): Promise<void> {
    await this.flushing
    this.pending = {
      decisions: this.pending.decisions.filter((d) => d.personId !== personId),
      impressions: this.pending.impressions.filter((i) => i.personId !== personId),
    }
  }

  private closed = false

  async close(): Promise<void> {
    this.closed = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    await this.flush()
  }

  static check(limit: number): void {
    if (!Number.isInteger(limit) || limit < 1 || limit > 50)
      throw new CandorError('invalid-request', 'limit is 1-50', 'limit')
  }
}

/** The code of a thrown error (a CandorError's, a driver's), never its message (it may hold values). */
function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : error instanceof Error ? error.name : typeof error
}
