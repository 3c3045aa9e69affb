import type { Kysely } from 'kysely'
import type { BrandsTable, DataDatabase } from '../../storage/database.js'
import type { Brand } from './brand.js'
import type { BrandStore } from './brand-store.js'

export class KyselyBrandStore implements BrandStore {
  constructor(private readonly db: Kysely<DataDatabase>) {}

  async insert(brand: Brand): Promise<boolean> {
    const result = await this.db
      .insertInto('brands')
      .values({ id: brand.id, created_at: brand.createdAt, ...fields(brand) })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst()
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
  }

  async update(brand: Brand): Promise<boolean> {
    const result = await this.db
      .updateTable('brands')
      .set(fields(brand))
      .where('id', '=', brand.id)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) > 0
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

function fields(brand: Brand): Omit<BrandsTable, 'id' | 'created_at'> {
  return {
    name: brand.name,
    allowed_origins: JSON.stringify(brand.allowedOrigins),
    display_name: brand.displayName,
    primary_color: brand.primaryColor,
    accent_color: brand.accentColor,
    logo_url: brand.logoUrl,
    privacy_policy_url: brand.privacyPolicyUrl,
    updated_at: brand.updatedAt,
  }
}

function toBrand(row: BrandsTable): Brand {
  return {
    id: row.id,
    name: row.name,
    allowedOrigins: JSON.parse(row.allowed_origins) as string[],
    displayName: row.display_name,
    primaryColor: row.primary_color,
    accentColor: row.accent_color,
    logoUrl: row.logo_url,
    privacyPolicyUrl: row.privacy_policy_url,
    createdAt: Number(row.created_at),
    // Brands added before they could change: last changed when added.
    updatedAt: Number(row.updated_at) || Number(row.created_at),
  }
}
