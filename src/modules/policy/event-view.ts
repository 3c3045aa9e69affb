import type { EventCursor } from '../events/index.js'
import { openEventPayload } from '../events/person-data.js'
import { eventFields } from './event-fields.js'
import { countReasons } from './item-view.js'
import type { PolicyEngine } from './policy-engine.js'
import type { OpeningKeys } from './sealed.js'
import type { EventFieldExclusion, EventView, ViewContext } from './views.js'

/**
 * Read model: the brand's own events of a person as a purpose may see them. Each field of each
 * event is an item of its data category under the one policy: released, or withheld with the
 * reason (a sensitive trait without an opt-in, everything without consent for the purpose…).
 */
export class EventReadModel {
  constructor(
    private readonly engine: PolicyEngine,
    private readonly keys: OpeningKeys,
    private readonly traitCategory: (name: string) => string | undefined,
  ) {}

  /** One page, newest first; audited as `events.read` with the purpose and the withheld counts. */
  async page(
    personId: string,
    ctx: ViewContext,
    limit: number,
    cursor?: EventCursor,
  ): Promise<{ personId: string; events: EventView[]; next?: EventCursor }> {
    this.engine.checkPurpose(ctx.purpose)
    const [rows, state] = await Promise.all([
      this.engine.reads.events.page(personId, ctx.brandId, limit, cursor),
      this.engine.stateOf(personId),
    ])
    const opened = []
    for (const row of rows) {
      const payload = await openEventPayload(this.keys, row)
      // A destroyed key: the person was erased meanwhile, the event is unreadable by design.
      if (!payload) continue
      const fields = eventFields(row.kind, payload, this.traitCategory, this.engine.isSensitiveTopic)
      opened.push({ row, payload, fields })
    }
    const items = opened.flatMap(({ row, fields }, e) =>
      fields.map((f) => ({
        id: `${e}|${f.field}`,
        event: e,
        field: f.field,
        brandId: row.brandId,
        key: f.field,
        category: f.category,
        source: 'observed',
        expiresAt: null,
        confidence: null,
        rejectedAt: null,
        sensitiveTopic: f.sensitiveTopic,
      })),
    )
    const decision = this.engine.evaluate(items, state, ctx)
    const released = new Set(decision.allowed.map((a) => a.item.id))
    const withheld = new Map<number, EventFieldExclusion[]>()
    for (const { item, reason } of decision.excluded) {
      const list = withheld.get(item.event) ?? []
      list.push({ field: item.field, category: item.category, reason })
      withheld.set(item.event, list)
    }
    const events = opened.map(({ row, payload }, e): EventView => {
      const ok = (field: string) => released.has(`${e}|${field}`)
      const pick = (prefix: string, record: Readonly<Record<string, unknown>>) =>
        Object.fromEntries(Object.entries(record).filter(([name]) => ok(`${prefix}.${name}`)))
      const context = pick('context', payload.context)
      const traits = payload.context.traits
      if (traits !== null && typeof traits === 'object' && !Array.isArray(traits)) {
        const kept = pick('context.traits', traits as Record<string, unknown>)
        if (Object.keys(kept).length > 0) context.traits = kept
      }
      return {
        messageId: row.messageId,
        type: row.type,
        kind: row.kind,
        event: payload.event !== undefined && ok('event') ? payload.event : null,
        name: payload.name !== undefined && ok('name') ? payload.name : null,
        timestamp: row.eventTime,
        receivedAt: row.receivedAt,
        gift: row.gift,
        giftMarkedByPerson: row.giftByPerson,
        properties: pick('properties', payload.properties),
        context,
        traits: pick('traits', payload.traits),
        topics: payload.topics.filter((_, i) => ok(`topics[${i}]`)),
        excluded: withheld.get(e) ?? [],
      }
    })
    await this.engine.record({
      actor: ctx.actor,
      action: 'events.read',
      brandId: ctx.brandId,
      purpose: ctx.purpose,
      personId,
      itemIds: [],
      details: { events: events.length, withheld: countReasons(decision.excluded) },
    })
    const last = rows[rows.length - 1]
    return {
      personId: await this.engine.pseudonym(personId, ctx.brandId),
      events,
      ...(last && rows.length === limit ? { next: { eventTime: last.eventTime, id: last.id } } : {}),
    }
  }
}
