import type { Kysely } from 'kysely'
import type { BrandsTable, DataDatabase } from '../../storage/database.js'
import type { Brand } from './brand.js'
import type { BrandStore } from './brand-store.js'

export class KyselyBrandStore implements BrandStore {
  constructor(private readonly db: Kysely<DataDatabase>) {}

  async insert(brand: Brand): Promise<boolean> {
    const result = await this.db
      .insertInto('brands')
      .values({
        id: brand.id,
        name: brand.name,
        allowed_origins: JSON.stringify(brand.allowedOrigins),
        created_at: brand.createdAt,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst()
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
  }

  async get(id: string): Promise<Brand | undefined> {
    const row = await this.db.selectFrom('brands').selectAll().where('id', '=', id).executeTakeFirst()
    return row && toBrand(row)
  }

  async list(limit: number, cursor?: string): Promise<Brand[]> {
    let q = this.db.selectFrom('brands').selectAll().orderBy('id').limit(limit)
    if (cursor !== undefined) q = q.where('id', '>', cursor)
    return (await q.execute()).map(toBrand)
  }
}

function toBrand(row: BrandsTable): Brand {
  return {
    id: row.id,
    name: row.name,
    allowedOrigins: JSON.parse(row.allowed_origins) as string[],
    createdAt: row.created_at,
  }
}
