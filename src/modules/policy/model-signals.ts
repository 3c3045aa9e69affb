import { openSignalPayload } from '../events/index.js'
import {
  INTEREST_SIGNAL_KINDS,
  type InterestModelConfig,
  type InterestSignalKind,
  type JourneyEvent,
  possibleGiftOf,
} from '../interests/index.js'
import { behaviourCategory } from './event-fields.js'
import type { PolicyEngine } from './policy-engine.js'
import { type OpeningKeys, openItem } from './sealed.js'
import type { ModelSignalsView } from './views.js'

const PURPOSE = 'personalization'
const AUDIT = 'fairness_audit'
/** Data categories whose values form fairness-audit groups, and the group's label. */
const AUDIT_CATEGORIES = new Map([
  ['user.demographic.age', 'age'],
  ['user.demographic.gender', 'gender'],
])
const DAY_MS = 86_400_000

/**
 * Read model: what the interest model may learn from at a brand, for evaluating it (the model
 * card). Only people who allow `personalization` at the brand today, only the brand's own signal
 * events, and of each event only the topics the policy releases for personalization (a sensitive
 * topic without the person's opt-in is withheld and counted). The people are anonymous: no id,
 * pseudonym or identifier leaves, only their signals in a stable order. The events of people
 * who do not allow personalization are counted, never opened. One aggregate audit entry per call.
 */
export class ModelSignals {
  constructor(
    private readonly engine: PolicyEngine,
    private readonly keys: OpeningKeys,
    private readonly cfg: InterestModelConfig,
  ) {}

  async of(brandId: string, actor: string): Promise<ModelSignalsView> {
    const rows = await this.engine.reads.events.signalEventsAtBrand(brandId, INTEREST_SIGNAL_KINDS)
    const byPerson = new Map<string, typeof rows>()
    for (const r of rows) {
      const list = byPerson.get(r.personId)
      if (list) list.push(r)
      else byPerson.set(r.personId, [r])
    }
    const states = await this.engine.consent.statesOf(this.engine.reads, [...byPerson.keys()], brandId)
    let signalsNotAllowed = 0
    let signals = 0
    let giftSignals = 0
    let withheldTopics = 0
    const optedInTopics = new Set<string>()
    let peopleOptedIn = 0
    const daily = new Map<number, number>()
    const people: { events: JourneyEvent[]; groups: string[] }[] = []
    for (const [personId, list] of byPerson) {
      const state = states.get(personId)
      if (!state?.isGranted(brandId, PURPOSE)) {
        signalsNotAllowed += list.length
        continue
      }
      const events: JourneyEvent[] = []
      const addresses = new Set<string>()
      let optedIn = false
      for (const e of list) {
        const payload = await openSignalPayload(this.keys, e)
        // A destroyed key: the person was erased meanwhile, the event is unreadable by design.
        if (!payload) continue
        // Each topic is an item of the event's behaviour category under the one policy.
        const category = behaviourCategory(e.kind)
        const items = [...new Set([...payload.topics, ...payload.giftTopics])].map((topic) => ({
          id: topic,
          brandId,
          key: 'topic',
          category,
          source: 'observed',
          expiresAt: null,
          confidence: null,
          rejectedAt: null,
          sensitiveTopic: this.engine.isSensitiveTopic(topic) ? topic : null,
        }))
        const decision = this.engine.evaluate(items, state, { brandId, purpose: PURPOSE })
        const released = new Set(decision.allowed.map((a) => a.item.id))
        withheldTopics += decision.excluded.length
        for (const a of decision.allowed)
          if (a.item.sensitiveTopic !== null) {
            optedInTopics.add(a.item.sensitiveTopic)
            optedIn = true
          }
        let possibleGift = false
        if (e.kind === 'purchase' && !e.gift) {
          const seen = possibleGiftOf(payload.properties, addresses, this.cfg.journeys)
          possibleGift = seen.reason !== null
          if (seen.address !== null) addresses.add(seen.address)
        }
        const gift = e.gift || payload.giftTopics.length > 0
        if (gift) giftSignals++
        signals++
        const day = Math.floor(e.eventTime / DAY_MS)
        daily.set(day, (daily.get(day) ?? 0) + 1)
        events.push({
          messageId: e.messageId,
          kind: e.kind as InterestSignalKind,
          at: e.eventTime,
          gift: e.gift,
          topics: payload.topics.filter((t) => released.has(t)),
          giftTopics: payload.giftTopics.filter((t) => released.has(t)),
          possibleGift,
        })
      }
      if (optedIn) peopleOptedIn++
      if (events.length > 0) people.push({ events, groups: await this.auditGroups(personId, brandId, state) })
    }
    // A stable order that depends on the data alone (not on internal ids): by first signal.
    people.sort((a, b) => {
      const x = a.events[0] as JourneyEvent
      const y = b.events[0] as JourneyEvent
      return x.at - y.at || (x.messageId < y.messageId ? -1 : x.messageId > y.messageId ? 1 : 0)
    })
    const view: ModelSignalsView = {
      brandId,
      people,
      counts: {
        peopleWithSignals: byPerson.size,
        peopleAllowing: people.length,
        signals,
        signalsNotAllowed,
        giftSignals,
        withheldTopics,
        sensitiveTopicsOptedIn: optedInTopics.size,
        peopleOptedIn,
        peopleInAuditGroups: people.filter((p) => p.groups.length > 0).length,
      },
      daily: [...daily].sort((a, b) => a[0] - b[0]).map(([day, n]) => ({ day: day * DAY_MS, signals: n })),
    }
    this.engine.recordAggregate({
      actor,
      action: 'model-signals.read',
      brandId,
      purpose: PURPOSE,
      details: { ...view.counts },
    })
    return view
  }

  /**
   * The person's fairness-audit groups at the brand (`age: 25-34`, `gender: female`): only from
   * the brand's own demographic items the policy releases to it under `fairness_audit` (the person allows
   * it; aggregate use only). Empty when none.
   */
  private async auditGroups(
    personId: string,
    brandId: string,
    state: Parameters<PolicyEngine['evaluate']>[1],
  ): Promise<string[]> {
    // The brand's own items only (the ledger read here holds this brand's answers).
    const items = (await this.engine.reads.dataItems.forPerson(personId)).filter(
      (i) => i.brandId === brandId && AUDIT_CATEGORIES.has(i.category),
    )
    if (items.length === 0) return []
    const decision = this.engine.evaluate(items, state, { brandId, purpose: AUDIT })
    const groups = new Set<string>()
    for (const { item } of decision.allowed) {
      const opened = await openItem(this.keys, item)
      if (opened === undefined || typeof opened.value !== 'string') continue
      groups.add(`${AUDIT_CATEGORIES.get(item.category)}: ${opened.value}`)
    }
    return [...groups].sort()
  }
}
