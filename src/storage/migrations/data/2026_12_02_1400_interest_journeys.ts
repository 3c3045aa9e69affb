import type { Kysely } from 'kysely'

// Each interest keeps the journeys that fed it and the signals set aside (a gift's journey), as
// JSON: the evidence behind "why do you think I like X?". Rows written before start with none
// (a recompute fills them).
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's table types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('interests')
    .addColumn('journeys', 'text', (c) => c.notNull().defaultTo('{"fed":[],"setAside":[]}'))
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('interests').dropColumn('journeys').execute()
}
