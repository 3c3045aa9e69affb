import type { Kysely } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's table types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('offers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('brand_id', 'text', (c) => c.notNull().references('brands.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('deleted_at', 'bigint')
    .execute()
  await db.schema.createIndex('offers_brand').on('offers').columns(['brand_id', 'id']).execute()

  await db.schema
    .createTable('impressions')
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('brand_id', 'text', (c) => c.notNull())
    .addColumn('offer_id', 'text', (c) => c.notNull())
    .addColumn('decision_id', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('impressions_at').on('impressions').column('at').execute()
  await db.schema
    .createIndex('impressions_person')
    .on('impressions')
    .columns(['person_id', 'brand_id', 'at'])
    .execute()

  await db.schema
    .createTable('decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('brand_id', 'text', (c) => c.notNull())
    .addColumn('placement', 'text', (c) => c.notNull())
    .addColumn('personalized', 'integer', (c) => c.notNull())
    .addColumn('fallback_reason', 'text')
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('payload_ct', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('decisions_person')
    .on('decisions')
    .columns(['person_id', 'brand_id', 'created_at'])
    .execute()
  await db.schema.createIndex('decisions_created').on('decisions').column('created_at').execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['decisions', 'impressions', 'offers']) await db.schema.dropTable(t).ifExists().execute()
}
