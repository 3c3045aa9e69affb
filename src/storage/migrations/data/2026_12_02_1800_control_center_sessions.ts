import type { Kysely } from 'kysely'

// The control center's access: the single-use control links already exchanged (their token ids,
// kept until the link would have expired anyway) and the sessions they opened. A session row
// holds a hash of the cookie's secret, never the secret itself.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's table types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('control_link_uses')
    .addColumn('token_id', 'text', (c) => c.primaryKey())
    .addColumn('used_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('control_sessions')
    .addColumn('secret_hash', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('brand_id', 'text', (c) => c.notNull())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('stepped_up_at', 'bigint')
    .execute()
  await db.schema.createIndex('control_sessions_person').on('control_sessions').column('person_id').execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('control_sessions').execute()
  await db.schema.dropTable('control_link_uses').execute()
}
