import type { ConsentState } from '../consent/index.js'
import type { StoredDataItem } from '../data-items/index.js'
import type { EventCursor } from '../events/index.js'
import { openEventPayload } from '../events/person-data.js'
import { eventFields } from './event-fields.js'
import type { InterestReadModel } from './interest-view.js'
import { type ConsentAnswers, evaluatePolicy, type PolicyItem } from './policy.js'
import type { PolicyEngine } from './policy-engine.js'
import { type OpeningKeys, openItem } from './sealed.js'

/** What a segment rule may read of one person: only what the policy released for the purpose. */
export interface PersonFacts {
  readonly now: number
  /** Whether the person consented to the purpose at the brand: without it, never a member (even of a `not` rule). */
  readonly consented: boolean
  readonly interests: readonly {
    readonly topic: string
    readonly brand: string
    readonly confidence: number
    readonly established: boolean
  }[]
  readonly items: readonly {
    readonly key: string
    readonly category: string
    readonly brand: string
    readonly value: unknown
    readonly updatedAt: number
    readonly source: string
    readonly confidence: number | null
  }[]
  readonly events: readonly {
    readonly name: string
    readonly brand: string
    readonly at: number
    readonly gift: boolean
    readonly properties: Readonly<Record<string, unknown>>
    readonly topics: readonly string[]
  }[]
}

/** Which kinds of data a rule reads (nothing else is loaded or decrypted). */
export interface FactNeeds {
  readonly interests: boolean
  readonly items: boolean
  /** Events newer than this (epoch ms; -Infinity: all), or false for none. */
  readonly eventsSince: number | false
}

/** One person of a brand as a segment scan sees them. */
export interface ScannedPerson {
  /** An opaque handle for {@link SegmentAudience.memberRefs}; never shown. */
  readonly handle: string
  /** What the policy releases for the purpose (nothing without consent). */
  readonly facts: PersonFacts
  /**
   * What it would release if the person had consented to the purpose (and opted in to sensitive
   * data): counted in aggregate only, to say how many people consent takes out of an audience.
   */
  readonly unconsented?: PersonFacts
  /** Audit attributes held under `fairness_audit` (attribute → group), for aggregate fairness only. */
  readonly audit: ReadonlyMap<string, string>
}

export interface ScanQuery {
  readonly brandId: string
  readonly purpose: string
  readonly actor: string
  /** The audit action, e.g. `segment.review`, `segment.members`. */
  readonly action: string
  readonly needs: FactNeeds
  readonly reach: boolean
  readonly fairness: boolean
  readonly details: Readonly<Record<string, unknown>>
}

const FAIRNESS = 'fairness_audit'
const PAGE = 500

/** Consent answers that grant everything: the "had everyone consented" side of a reach count. */
const EVERYONE_CONSENTS: ConsentAnswers = {
  decide: () => ({ granted: true, state: 'granted' }),
  sensitiveCategory: () => ({ granted: true, state: 'granted' }),
  sensitiveTopic: () => ({ granted: true, state: 'granted' }),
  sharingAllowed: () => true,
  isGranted: () => true,
}

/** Age → the band fairness tables use. */
export function ageBand(value: unknown): string | undefined {
  const n =
    typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN
  if (!Number.isFinite(n)) return typeof value === 'string' && value.length <= 32 ? value : undefined
  if (n < 18) return 'under 18'
  for (const [lo, hi] of [
    [18, 24],
    [25, 34],
    [35, 44],
    [45, 54],
    [55, 64],
  ] as const)
    if (n <= hi && n >= lo) return `${lo}–${hi}`
  return '65+'
}

/**
 * Read model: a brand's people as a segment sees them. Each person's data goes through the one
 * policy for the segment's purpose at its brand (consent, sensitivity, sharing, confidence,
 * expiry), one person at a time; a scan writes ONE aggregate audit entry, never one per person.
 */
export class SegmentAudience {
  constructor(
    private readonly engine: PolicyEngine,
    private readonly keys: OpeningKeys,
    private readonly interests: InterestReadModel,
    private readonly traitCategory: (name: string) => string | undefined,
  ) {}

  /** Visits every person of the brand; returns how many were visited. Audited once, in aggregate. */
  async scan(q: ScanQuery, visit: (p: ScannedPerson) => void): Promise<number> {
    this.engine.checkPurpose(q.purpose)
    const s = this.engine.reads
    let after: string | undefined
    let people = 0
    for (;;) {
      const ids = await s.persons.peopleAtBrand(q.brandId, PAGE, after)
      for (const personId of ids) {
        const state = await this.engine.stateOf(personId)
        const loaded = await this.load(personId, q.brandId, q.needs, q.fairness)
        const facts = await this.release(loaded, state, q.brandId, q.purpose)
        const unconsented = q.reach
          ? await this.release(loaded, EVERYONE_CONSENTS, q.brandId, q.purpose)
          : undefined
        const audit = q.fairness
          ? await this.auditAttributes(loaded.items, state, q.brandId)
          : new Map<string, string>()
        visit({ handle: personId, facts, ...(unconsented ? { unconsented } : {}), audit })
        people++
      }
      if (ids.length < PAGE) break
      after = ids[ids.length - 1]
    }
    this.engine.recordAggregate({
      actor: q.actor,
      action: q.action,
      brandId: q.brandId,
      purpose: q.purpose,
      details: { ...q.details, people },
    })
    return people
  }

  /** One person's facts for the purpose (a decision's segment check); audited as `segment.evaluate`. */
  async factsOf(
    personId: string,
    state: ConsentState,
    q: { brandId: string; purpose: string; actor: string; segment: string },
    needs: FactNeeds,
  ): Promise<PersonFacts> {
    const loaded = await this.load(personId, q.brandId, needs, false)
    const facts = await this.release(loaded, state, q.brandId, q.purpose)
    await this.engine.record({
      actor: q.actor,
      action: 'segment.evaluate',
      brandId: q.brandId,
      purpose: q.purpose,
      personId,
      itemIds: [],
      details: { segment: q.segment },
    })
    return facts
  }

  /** The brand's pseudonym and own userIds of scanned people (for activation). */
  async memberRefs(
    handles: readonly string[],
    brandId: string,
  ): Promise<{ personId: string; userIds: string[] }[]> {
    const out: { personId: string; userIds: string[] }[] = []
    for (const h of handles) {
      const ids = await this.engine.reads.persons.identities(h)
      out.push({
        personId: await this.engine.pseudonym(h, brandId),
        userIds: ids.filter((i) => i.brandId === brandId && i.kind === 'user').map((i) => i.value),
      })
    }
    return out
  }

  private async load(personId: string, brandId: string, needs: FactNeeds, fairness: boolean) {
    const s = this.engine.reads
    const items = needs.items || fairness ? await s.dataItems.forPerson(personId) : []
    const interests = needs.interests ? await s.interests.forPerson(personId) : []
    const events: {
      row: import('../events/index.js').StoredEvent
      payload: NonNullable<Awaited<ReturnType<typeof openEventPayload>>>
    }[] = []
    if (needs.eventsSince !== false) {
      let cursor: EventCursor | undefined
      pages: for (;;) {
        const rows = await s.events.page(personId, brandId, PAGE, cursor)
        for (const row of rows) {
          if (row.eventTime < needs.eventsSince) break pages
          const payload = await openEventPayload(this.keys, row)
          if (payload) events.push({ row, payload })
        }
        const last = rows[rows.length - 1]
        if (!last || rows.length < PAGE) break
        cursor = { eventTime: last.eventTime, id: last.id }
      }
    }
    return { personId, items: needs.items ? items : [], fairnessItems: items, interests, events }
  }

  private async release(
    loaded: Awaited<ReturnType<SegmentAudience['load']>>,
    consent: ConsentAnswers,
    brandId: string,
    purpose: string,
  ): Promise<PersonFacts> {
    const now = this.engine.clock.now()
    const q = { brandId, purpose, now }
    const items: PersonFacts['items'][number][] = []
    for (const { item } of evaluatePolicy(loaded.items, consent, q, this.engine.rules).allowed) {
      const open = await openItem(this.keys, item)
      if (open)
        items.push({
          key: open.key,
          category: open.category,
          brand: open.brand,
          value: open.value,
          updatedAt: open.updatedAt,
          source: open.source,
          confidence: open.confidence,
        })
    }
    const interests =
      loaded.interests.length === 0
        ? []
        : this.interests.release(loaded.interests, consent, { brandId, purpose }).usable.map((i) => ({
            topic: i.topic,
            brand: i.brand,
            confidence: i.confidence,
            established: i.established || i.source === 'stated',
          }))
    const events: PersonFacts['events'][number][] = []
    for (const { row, payload } of loaded.events) {
      const fields = eventFields(row.kind, payload, this.traitCategory, this.engine.isSensitiveTopic)
      const fieldItems: (PolicyItem & { field: string })[] = fields.map((f) => ({
        id: f.field,
        field: f.field,
        brandId: row.brandId,
        key: f.field,
        category: f.category,
        source: 'observed',
        expiresAt: null,
        confidence: null,
        rejectedAt: null,
        sensitiveTopic: f.sensitiveTopic,
      }))
      const ok = new Set(
        evaluatePolicy(fieldItems, consent, q, this.engine.rules).allowed.map((a) => a.item.field),
      )
      const name =
        payload.event !== undefined && ok.has('event')
          ? payload.event
          : payload.name !== undefined && ok.has('name')
            ? payload.name
            : undefined
      if (name === undefined) continue
      events.push({
        name,
        brand: row.brandId,
        at: row.eventTime,
        gift: row.gift || row.giftByPerson,
        properties: Object.fromEntries(
          Object.entries(payload.properties).filter(([k]) => ok.has(`properties.${k}`)),
        ),
        topics: payload.topics.filter((_, i) => ok.has(`topics[${i}]`)),
      })
    }
    return { now, consented: consent.decide(brandId, purpose).granted, interests, items, events }
  }

  /** Demographic attributes the person's data holds under `fairness_audit` (with consent for it), as groups. */
  private async auditAttributes(
    items: readonly StoredDataItem[],
    state: ConsentState,
    brandId: string,
  ): Promise<Map<string, string>> {
    const out = new Map<string, string>()
    const demographic = items.filter((i) => i.category.startsWith('user.demographic.'))
    if (demographic.length === 0) return out
    const q = { brandId, purpose: FAIRNESS, now: this.engine.clock.now() }
    for (const { item } of evaluatePolicy(demographic, state, q, this.engine.rules).allowed) {
      const open = await openItem(this.keys, item)
      if (!open) continue
      const attribute = item.category.slice('user.demographic.'.length)
      const group =
        attribute === 'age'
          ? ageBand(open.value)
          : typeof open.value === 'string' && open.value.length <= 64
            ? open.value.toLowerCase()
            : typeof open.value === 'number' || typeof open.value === 'boolean'
              ? String(open.value)
              : undefined
      if (group !== undefined && !out.has(attribute)) out.set(attribute, group)
    }
    return out
  }
}
