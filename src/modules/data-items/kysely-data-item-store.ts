import { type Kysely, sql } from 'kysely'
import type { DataDatabase, DataItemsTable } from '../../storage/database.js'
import { personKeyIds, purgePersonRows } from '../../storage/scope.js'
import type { DataSource, StoredDataItem } from './data-item.js'
import type { DataItemStore } from './data-item-store.js'

export class KyselyDataItemStore implements DataItemStore {
  constructor(private readonly db: Kysely<DataDatabase>) {}

  async upsert(items: readonly StoredDataItem[]): Promise<string[]> {
    // The same item twice in one call: one statement each, in order (a multi-row upsert may not
    // touch a row twice on PostgreSQL).
    if (new Set(items.map(slotOf)).size < items.length) {
      const ids: string[] = []
      for (const i of items) ids.push(...(await this.upsertRows([i], i.clearsRejection === true)))
      return ids
    }
    // One statement per kind (lifting a rejection or not) and per 500 items (16 variables an
    // item: far below both dialects' limits).
    const idBySlot = new Map<string, string>()
    for (const clears of [true, false]) {
      const group = items.filter((i) => (i.clearsRejection === true) === clears)
      for (let start = 0; start < group.length; start += 500) {
        const chunk = group.slice(start, start + 500)
        const ids = await this.upsertRows(chunk, clears)
        for (const [k, i] of chunk.entries()) idBySlot.set(slotOf(i), ids[k] as string)
      }
    }
    return items.map((i) => idBySlot.get(slotOf(i)) as string)
  }

  /** Inserts or updates these items (distinct slots) in one statement; their ids, in order. */
  private async upsertRows(items: readonly StoredDataItem[], clearsRejection: boolean): Promise<string[]> {
    const rows = await this.db
      .insertInto('data_items')
      .values(items.map(toRow))
      .onConflict((oc) =>
        oc.columns(['person_id', 'brand_id', 'key']).doUpdateSet((eb) => ({
          category: eb.ref('excluded.category'),
          source: eb.ref('excluded.source'),
          value_ct: eb.ref('excluded.value_ct'),
          key_id: eb.ref('excluded.key_id'),
          purpose: eb.ref('excluded.purpose'),
          updated_at: eb.ref('excluded.updated_at'),
          expires_at: eb.ref('excluded.expires_at'),
          confidence: eb.ref('excluded.confidence'),
          verified: eb.ref('excluded.verified'),
          // A person's rejection holds until the person states the item again.
          rejected_at: clearsRejection ? null : eb.ref('data_items.rejected_at'),
          provenance: eb.ref('excluded.provenance'),
        })),
      )
      .returning(['id', 'person_id', 'brand_id', 'key'])
      .execute()
    // RETURNING promises no order: match the rows back by their slot.
    const ids = new Map(
      rows.map((r) => [slotOf({ personId: r.person_id, brandId: r.brand_id, key: r.key }), r.id]),
    )
    return items.map((i) => ids.get(slotOf(i)) as string)
  }

  async forPerson(personId: string): Promise<StoredDataItem[]> {
    const rows = await this.db
      .selectFrom('data_items')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('brand_id')
      .orderBy('key')
      .execute()
    return rows.map(fromRow)
  }

  async reject(personId: string, brandId: string, itemId: string, at: number): Promise<boolean> {
    const r = await this.db
      .updateTable('data_items')
      .set({ rejected_at: at })
      .where('id', '=', itemId)
      .where('person_id', '=', personId)
      .where('brand_id', '=', brandId)
      .executeTakeFirst()
    return Number(r.numUpdatedRows) > 0
  }

  async reassignPerson(from: string, to: string): Promise<void> {
    const moving = await this.db
      .selectFrom('data_items')
      .select(['id', 'brand_id', 'key', 'updated_at'])
      .where('person_id', '=', from)
      .execute()
    for (const m of moving) {
      const clash = await this.db
        .selectFrom('data_items')
        .select(['id', 'updated_at'])
        .where('person_id', '=', to)
        .where('brand_id', '=', m.brand_id)
        .where('key', '=', m.key)
        .executeTakeFirst()
      if (clash) {
        // One fact per (brand, key): the more recently updated one survives the merge.
        if (clash.updated_at >= m.updated_at) {
          await this.db.deleteFrom('data_items').where('id', '=', m.id).execute()
          continue
        }
        await this.db.deleteFrom('data_items').where('id', '=', clash.id).execute()
      }
      await this.db.updateTable('data_items').set({ person_id: to }).where('id', '=', m.id).execute()
    }
  }

  keyIds(personId: string, brandIds: readonly string[] | undefined): Promise<string[]> {
    return personKeyIds(this.db, 'data_items', personId, brandIds)
  }

  async purgeExpired(before: number): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('data_items')
      .select(['brand_id', sql<number>`count(*)`.as('n')])
      .where('expires_at', '<', before)
      .groupBy('brand_id')
      .execute()
    if (rows.length > 0) await this.db.deleteFrom('data_items').where('expires_at', '<', before).execute()
    return new Map(rows.map((r) => [r.brand_id, Number(r.n)]))
  }

  purge(personId: string, brandIds: readonly string[] | undefined): Promise<number> {
    return purgePersonRows(this.db, 'data_items', personId, brandIds)
  }
}

/** An item's place: one row per (person, brand, key). */
function slotOf(i: { readonly personId: string; readonly brandId: string; readonly key: string }): string {
  return `${i.personId}|${i.brandId}|${i.key}`
}

function toRow(i: StoredDataItem): DataItemsTable {
  return {
    id: i.id,
    person_id: i.personId,
    brand_id: i.brandId,
    key: i.key,
    category: i.category,
    source: i.source,
    value_ct: i.valueCt,
    key_id: i.keyId,
    purpose: i.purpose,
    collected_at: i.collectedAt,
    updated_at: i.updatedAt,
    expires_at: i.expiresAt,
    confidence: i.confidence,
    verified: i.verified ? 1 : 0,
    rejected_at: i.rejectedAt,
    provenance: i.provenance,
  }
}

function fromRow(r: DataItemsTable): StoredDataItem {
  return {
    id: r.id,
    personId: r.person_id,
    brandId: r.brand_id,
    key: r.key,
    category: r.category,
    source: r.source as DataSource,
    valueCt: r.value_ct,
    keyId: r.key_id,
    purpose: r.purpose,
    collectedAt: r.collected_at,
    updatedAt: r.updated_at,
    expiresAt: r.expires_at,
    confidence: r.confidence,
    verified: r.verified === 1,
    rejectedAt: r.rejected_at,
    provenance: r.provenance,
  }
}
