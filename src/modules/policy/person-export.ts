import type { DataItem } from '../data-items/index.js'
import type { EventCursor } from '../events/index.js'
import { openEventPayload } from '../events/person-data.js'
import type { Identity } from '../persons/index.js'
import type { InterestReadModel } from './interest-view.js'
import type { PolicyEngine } from './policy-engine.js'
import { type OpeningKeys, openItem } from './sealed.js'
import { type BrandExport, consentRecordView, type EventView } from './views.js'

/** Events read per query while exporting. */
const EXPORT_PAGE = 500

/** Read model: everything one brand holds about a person (a data-subject access request at that brand). */
export class PersonExport {
  constructor(
    private readonly engine: PolicyEngine,
    private readonly keys: OpeningKeys,
    private readonly interests: InterestReadModel,
  ) {}

  /** Decrypted; audited as `person.export`. */
  async forBrand(personId: string, brandId: string, actor: string): Promise<BrandExport> {
    const s = this.engine.reads
    const [identities, items, state, interestRows, events] = await Promise.all([
      s.persons.identities(personId),
      s.dataItems.forPerson(personId),
      this.engine.stateOf(personId),
      s.interests.forPersonBrand(personId, brandId),
      this.allEvents(personId, brandId),
    ])
    const now = this.engine.clock.now()
    const interests = interestRows.map((i) => this.interests.describe(i, [], now))
    const own = items.filter((i) => i.brandId === brandId)
    const dataItems: (DataItem & { rejectedAt: number | null })[] = []
    for (const item of own) {
      const opened = await openItem(this.keys, item)
      if (opened) dataItems.push({ ...opened, rejectedAt: item.rejectedAt })
    }
    const consent = state
      .history()
      .filter((r) => r.capturedBy === brandId || r.brandId === brandId || r.scope === 'all_brands')
      .map((r) => consentRecordView(r, brandId))
    await this.engine.record({
      actor,
      action: 'person.export',
      brandId,
      purpose: null,
      personId,
      itemIds: dataItems.map((i) => i.id),
      details: {
        identities: identities.length,
        consent: consent.length,
        interests: interests.length,
        events: events.length,
      },
    })
    return {
      personId: await this.engine.pseudonym(personId, brandId),
      brand: brandId,
      exportedAt: this.engine.clock.now(),
      identities: identities
        .filter((i: Identity) => i.brandId === brandId)
        .map((i) => ({ kind: i.kind, value: i.value, createdAt: i.createdAt })),
      dataItems,
      consent,
      interests,
      events,
    }
  }

  /** Every event of the person at the brand, oldest first, whole: the brand's own record of them. */
  private async allEvents(personId: string, brandId: string): Promise<EventView[]> {
    const out: EventView[] = []
    let cursor: EventCursor | undefined
    for (;;) {
      const rows = await this.engine.reads.events.page(personId, brandId, EXPORT_PAGE, cursor)
      for (const e of rows) {
        const p = await openEventPayload(this.keys, e)
        if (!p) continue
        out.push({
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
          excluded: [],
        })
      }
      const last = rows[rows.length - 1]
      if (!last || rows.length < EXPORT_PAGE) break
      cursor = { eventTime: last.eventTime, id: last.id }
    }
    return out.reverse()
  }
}
