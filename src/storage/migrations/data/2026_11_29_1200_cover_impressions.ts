import type { Kysely } from 'kysely'

// Frequency caps read a person's recent impressions on every decision: an index that holds the
// columns they need answers without visiting the table.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's table types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('impressions_person_cover')
    .on('impressions')
    .columns(['person_id', 'brand_id', 'at', 'offer_id', 'decision_id'])
    .execute()
  await db.schema.dropIndex('impressions_person').execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('impressions_person')
    .on('impressions')
    .columns(['person_id', 'brand_id', 'at'])
    .execute()
  await db.schema.dropIndex('impressions_person_cover').execute()
}
