import type { Kysely } from 'kysely'
import type { DataDatabase } from '../../storage/database.js'
import type { HistoryEntry, HistoryKind, Segment } from './segment.js'
import type { SegmentStore } from './segment-store.js'

export class KyselySegmentStore implements SegmentStore {
  constructor(private readonly db: Kysely<DataDatabase>) {}

  async put(segment: Segment): Promise<void> {
    const body = JSON.stringify(segment)
    await this.db
      .insertInto('segments')
      .values({
        id: segment.id,
        brand_id: segment.brand,
        body,
        created_at: segment.createdAt,
        updated_at: segment.updatedAt,
        deleted_at: null,
      })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({
          body,
          brand_id: segment.brand,
          created_at: segment.createdAt,
          updated_at: segment.updatedAt,
          deleted_at: null,
        }),
      )
      .execute()
  }

  async get(id: string): Promise<Segment | undefined> {
    const row = await this.db
      .selectFrom('segments')
      .select('body')
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst()
    return row && (JSON.parse(row.body) as Segment)
  }

  async brandOfAny(id: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('segments')
      .select('brand_id')
      .where('id', '=', id)
      .executeTakeFirst()
    return row?.brand_id
  }

  async list(brandId: string | undefined, limit: number, cursor?: string): Promise<Segment[]> {
    let q = this.db.selectFrom('segments').select('body').where('deleted_at', 'is', null)
    if (brandId !== undefined) q = q.where('brand_id', '=', brandId)
    if (cursor !== undefined) q = q.where('id', '>', cursor)
    return (await q.orderBy('id').limit(limit).execute()).map((r) => JSON.parse(r.body) as Segment)
  }

  async delete(id: string, at: number): Promise<boolean> {
    const r = await this.db
      .updateTable('segments')
      .set({ deleted_at: at, updated_at: at })
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst()
    return Number(r.numUpdatedRows) > 0
  }

  async appendHistory(segmentId: string, entry: Omit<HistoryEntry, 'seq'>): Promise<HistoryEntry> {
    const last = await this.db
      .selectFrom('segment_history')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('segment_id', '=', segmentId)
      .executeTakeFirst()
    const seq = Number(last?.seq ?? 0) + 1
    await this.db
      .insertInto('segment_history')
      .values({
        segment_id: segmentId,
        seq,
        kind: entry.kind,
        version: entry.version,
        actor: entry.actor,
        at: entry.at,
        body: JSON.stringify(entry.details),
      })
      .execute()
    return { ...entry, seq }
  }

  async history(segmentId: string): Promise<HistoryEntry[]> {
    const rows = await this.db
      .selectFrom('segment_history')
      .selectAll()
      .where('segment_id', '=', segmentId)
      .orderBy('seq')
      .execute()
    return rows.map((r) => ({
      seq: Number(r.seq),
      kind: r.kind as HistoryKind,
      version: Number(r.version),
      actor: r.actor,
      at: Number(r.at),
      details: JSON.parse(r.body) as Record<string, unknown>,
    }))
  }
}
