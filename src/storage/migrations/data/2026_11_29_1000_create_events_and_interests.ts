import type { Kysely } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's table types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('brand_id', 'text', (c) => c.notNull().references('brands.id'))
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('event_time', 'bigint', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('gift', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('gift_by_person', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('payload_ct', 'text', (c) => c.notNull())
    .addUniqueConstraint('events_brand_message', ['brand_id', 'message_id'])
    .execute()
  await db.schema
    .createIndex('events_person_time')
    .on('events')
    .columns(['person_id', 'brand_id', 'event_time'])
    .execute()

  await db.schema
    .createTable('ingest_rejections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('brand_id', 'text', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('endpoint', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('field', 'text')
    .addColumn('batch_index', 'integer')
    .execute()
  await db.schema
    .createIndex('ingest_rejections_brand')
    .on('ingest_rejections')
    .columns(['brand_id', 'received_at'])
    .execute()

  await db.schema
    .createTable('interests')
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('brand_id', 'text', (c) => c.notNull().references('brands.id'))
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('score_at', 'bigint', (c) => c.notNull())
    .addColumn('signals', 'text', (c) => c.notNull())
    .addColumn('days', 'text', (c) => c.notNull())
    .addColumn('first_seen', 'bigint')
    .addColumn('last_seen', 'bigint')
    .addColumn('sample_event_ids', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('interests_pk', ['person_id', 'brand_id', 'topic'])
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['interests', 'ingest_rejections', 'events'])
    await db.schema.dropTable(t).ifExists().execute()
}
