import type { Kysely } from 'kysely'

// Brands become editable (PATCH /v1/brands/{id}): the person-facing pages' display fields, all
// optional, and when the brand last changed.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's table types
export async function up(db: Kysely<any>): Promise<void> {
  for (const column of ['display_name', 'primary_color', 'accent_color', 'logo_url', 'privacy_policy_url'])
    await db.schema.alterTable('brands').addColumn(column, 'text').execute()
  await db.schema
    .alterTable('brands')
    .addColumn('updated_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const column of [
    'display_name',
    'primary_color',
    'accent_color',
    'logo_url',
    'privacy_policy_url',
    'updated_at',
  ])
    await db.schema.alterTable('brands').dropColumn(column).execute()
}
