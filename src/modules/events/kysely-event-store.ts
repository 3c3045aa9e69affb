import type { Kysely } from 'kysely'
import type { DataDatabase, EventsTable, IngestRejectionsTable } from '../../storage/database.js'
import { olderThan, personKeyIds, purgePersonRows } from '../../storage/scope.js'
import type { IngestRejection, SignalEvent, StoredEvent } from './event.js'
import type { EventCursor, EventStore } from './event-store.js'

export class KyselyEventStore implements EventStore {
  constructor(private readonly db: Kysely<DataDatabase>) {}

  async insert(events: readonly StoredEvent[]): Promise<Set<string>> {
    const inserted = new Set<string>()
    for (let i = 0; i < events.length; i += 100) {
      const rows = await this.db
        .insertInto('events')
        .values(events.slice(i, i + 100).map(toRow))
        .onConflict((oc) => oc.columns(['brand_id', 'message_id']).doNothing())
        .returning('message_id')
        .execute()
      for (const r of rows) inserted.add(r.message_id)
    }
    return inserted
  }

  async signalEventsOf(personId: string, brandId: string, kinds: readonly string[]): Promise<SignalEvent[]> {
    if (kinds.length === 0) return []
    const rows = await this.db
      .selectFrom('events')
      .select(['brand_id', 'message_id', 'kind', 'event_time', 'gift', 'key_id', 'payload_ct'])
      .where('person_id', '=', personId)
      .where('brand_id', '=', brandId)
      .where('kind', 'in', kinds)
      .orderBy('event_time')
      .orderBy('id')
      .execute()
    return rows.map((r) => ({
      brandId: r.brand_id,
      messageId: r.message_id,
      kind: r.kind,
      eventTime: r.event_time,
      gift: Boolean(r.gift),
      keyId: r.key_id,
      payloadCt: r.payload_ct,
    }))
  }

  async signalEventsAtBrand(
    brandId: string,
    kinds: readonly string[],
  ): Promise<(SignalEvent & { readonly personId: string })[]> {
    if (kinds.length === 0) return []
    const rows = await this.db
      .selectFrom('events')
      .select(['person_id', 'brand_id', 'message_id', 'kind', 'event_time', 'gift', 'key_id', 'payload_ct'])
      .where('brand_id', '=', brandId)
      .where('kind', 'in', kinds)
      .orderBy('person_id')
      .orderBy('event_time')
      .orderBy('id')
      .execute()
    return rows.map((r) => ({
      personId: r.person_id,
      brandId: r.brand_id,
      messageId: r.message_id,
      kind: r.kind,
      eventTime: r.event_time,
      gift: Boolean(r.gift),
      keyId: r.key_id,
      payloadCt: r.payload_ct,
    }))
  }

  async page(personId: string, brandId: string, limit: number, cursor?: EventCursor): Promise<StoredEvent[]> {
    let q = this.db
      .selectFrom('events')
      .selectAll()
      .where('person_id', '=', personId)
      .where('brand_id', '=', brandId)
    q = q.where(olderThan('event_time', 'id', cursor && { time: cursor.eventTime, id: cursor.id }))
    return (await q.orderBy('event_time', 'desc').orderBy('id', 'desc').limit(limit).execute()).map(fromRow)
  }

  async find(personId: string, brandId: string, messageId: string): Promise<StoredEvent | undefined> {
    const row = await this.db
      .selectFrom('events')
      .selectAll()
      .where('brand_id', '=', brandId)
      .where('message_id', '=', messageId)
      .where('person_id', '=', personId)
      .executeTakeFirst()
    return row && fromRow(row)
  }

  async existingMessageIds(brandId: string, messageIds: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>()
    for (let i = 0; i < messageIds.length; i += 500) {
      const chunk = messageIds.slice(i, i + 500)
      const rows = await this.db
        .selectFrom('events')
        .select('message_id')
        .where('brand_id', '=', brandId)
        .where('message_id', 'in', chunk)
        .execute()
      for (const r of rows) found.add(r.message_id)
    }
    return found
  }

  async markGift(personId: string, brandId: string, messageId: string, byPerson = true): Promise<boolean> {
    const r = await this.db
      .updateTable('events')
      .set(byPerson ? { gift: 1, gift_by_person: 1 } : { gift: 1 })
      .where('brand_id', '=', brandId)
      .where('message_id', '=', messageId)
      .where('person_id', '=', personId)
      .executeTakeFirst()
    return Number(r.numUpdatedRows) > 0
  }

  async brandsOf(personId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('events')
      .select('brand_id')
      .distinct()
      .where('person_id', '=', personId)
      .execute()
    return rows.map((r) => r.brand_id)
  }

  async reassignPerson(from: string, to: string): Promise<void> {
    await this.db.updateTable('events').set({ person_id: to }).where('person_id', '=', from).execute()
  }

  keyIds(personId: string, brandIds: readonly string[] | undefined): Promise<string[]> {
    return personKeyIds(this.db, 'events', personId, brandIds)
  }

  purge(personId: string, brandIds: readonly string[] | undefined): Promise<number> {
    return purgePersonRows(this.db, 'events', personId, brandIds)
  }

  async insertRejections(rows: readonly IngestRejection[]): Promise<void> {
    if (rows.length === 0) return
    await this.db
      .insertInto('ingest_rejections')
      .values(
        rows.map((r) => ({
          id: r.id,
          brand_id: r.brandId,
          received_at: r.receivedAt,
          endpoint: r.endpoint,
          reason: r.reason,
          field: r.field,
          batch_index: r.batchIndex,
        })),
      )
      .execute()
  }

  async rejections(
    brandId: string | undefined,
    limit: number,
    cursor?: { receivedAt: number; id: string },
  ): Promise<IngestRejection[]> {
    let q = this.db.selectFrom('ingest_rejections').selectAll()
    if (brandId !== undefined) q = q.where('brand_id', '=', brandId)
    q = q.where(olderThan('received_at', 'id', cursor && { time: cursor.receivedAt, id: cursor.id }))
    const rows = await q.orderBy('received_at', 'desc').orderBy('id', 'desc').limit(limit).execute()
    return rows.map(rejectionFromRow)
  }
}

function toRow(e: StoredEvent): EventsTable {
  return {
    id: e.id,
    brand_id: e.brandId,
    message_id: e.messageId,
    person_id: e.personId,
    type: e.type,
    kind: e.kind,
    event_time: e.eventTime,
    received_at: e.receivedAt,
    gift: e.gift ? 1 : 0,
    gift_by_person: e.giftByPerson ? 1 : 0,
    key_id: e.keyId,
    payload_ct: e.payloadCt,
  }
}

function fromRow(r: EventsTable): StoredEvent {
  return {
    id: r.id,
    brandId: r.brand_id,
    messageId: r.message_id,
    personId: r.person_id,
    type: r.type,
    kind: r.kind,
    eventTime: r.event_time,
    receivedAt: r.received_at,
    gift: r.gift === 1,
    giftByPerson: r.gift_by_person === 1,
    keyId: r.key_id,
    payloadCt: r.payload_ct,
  }
}

function rejectionFromRow(r: IngestRejectionsTable): IngestRejection {
  return {
    id: r.id,
    brandId: r.brand_id,
    receivedAt: r.received_at,
    endpoint: r.endpoint,
    reason: r.reason,
    field: r.field,
    batchIndex: r.batch_index,
  }
}
