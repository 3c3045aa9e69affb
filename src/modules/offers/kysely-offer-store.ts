import { type Kysely, sql } from 'kysely'
import type { DataDatabase, OffersTable } from '../../storage/database.js'
import type { Offer } from './offer.js'
import type { OfferStore } from './offer-store.js'

export class KyselyOfferStore implements OfferStore {
  constructor(private readonly db: Kysely<DataDatabase>) {}

  async put(offer: Offer): Promise<void> {
    const body = JSON.stringify(offer)
    await this.db
      .insertInto('offers')
      .values({
        id: offer.id,
        brand_id: offer.brand,
        body,
        created_at: offer.createdAt,
        updated_at: offer.updatedAt,
        deleted_at: null,
      })
      .onConflict((oc) =>
        oc
          .column('id')
          .doUpdateSet({ body, updated_at: offer.updatedAt, deleted_at: null, brand_id: offer.brand }),
      )
      .execute()
  }

  async get(id: string): Promise<Offer | undefined> {
    const row = await this.db
      .selectFrom('offers')
      .selectAll()
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst()
    return row && fromRow(row)
  }

  async list(brandId: string | undefined, limit: number, cursor?: string): Promise<Offer[]> {
    let q = this.db.selectFrom('offers').selectAll().where('deleted_at', 'is', null)
    if (brandId !== undefined) q = q.where('brand_id', '=', brandId)
    if (cursor !== undefined) q = q.where('id', '>', cursor)
    return (await q.orderBy('id').limit(limit).execute()).map(fromRow)
  }

  async forBrand(brandId: string): Promise<Offer[]> {
    const rows = await this.db
      .selectFrom('offers')
      .selectAll()
      .where('brand_id', '=', brandId)
      .where('deleted_at', 'is', null)
      .orderBy('id')
      .execute()
    return rows.map(fromRow)
  }

  async delete(id: string, at: number): Promise<boolean> {
    const r = await this.db
      .updateTable('offers')
      .set({ deleted_at: at, updated_at: at })
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst()
    return Number(r.numUpdatedRows) > 0
  }

  async version(brandId: string): Promise<string> {
    const row = await this.db
      .selectFrom('offers')
      .select([sql<number>`max(updated_at)`.as('v'), sql<number>`count(*)`.as('n')])
      .where('brand_id', '=', brandId)
      .executeTakeFirst()
    return `${row?.v ?? 0}:${row?.n ?? 0}`
  }
}

function fromRow(r: OffersTable): Offer {
  return JSON.parse(r.body) as Offer
}
