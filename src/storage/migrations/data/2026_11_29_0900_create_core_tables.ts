import type { Kysely } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's table types
export async function up(db: Kysely<any>): Promise<void> {
  // One row; every SQLite write transaction updates it first to take the write lock up front
  // (BEGIN IMMEDIATE in effect), so a transaction never has to upgrade a stale read snapshot.
  await db.schema
    .createTable('write_lock')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('n', 'bigint', (c) => c.notNull())
    .execute()
  await db.insertInto('write_lock').values({ id: 1, n: 0 }).execute()
  await db.schema
    .createTable('brands')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('allowed_origins', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('brand_id', 'text', (c) => c.references('brands.id'))
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .execute()

  await db.schema
    .createTable('persons')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('identities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('brand_id', 'text', (c) => c.notNull().references('brands.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('pseudonym', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('identities_brand_kind_value', ['brand_id', 'kind', 'value'])
    .execute()
  await db.schema
    .createIndex('identities_person')
    .on('identities')
    .columns(['person_id', 'brand_id'])
    .execute()

  await db.schema
    .createTable('email_links')
    .addColumn('email_hash', 'text', (c) => c.notNull())
    .addColumn('brand_id', 'text', (c) => c.notNull().references('brands.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('email_links_pk', ['email_hash', 'brand_id'])
    .execute()
  await db.schema.createIndex('email_links_person').on('email_links').column('person_id').execute()

  await db.schema
    .createTable('data_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('brand_id', 'text', (c) => c.notNull().references('brands.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('value_ct', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text')
    .addColumn('collected_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint')
    .addColumn('confidence', 'real')
    .addColumn('verified', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rejected_at', 'bigint')
    .addColumn('provenance', 'text')
    .addUniqueConstraint('data_items_person_brand_key', ['person_id', 'brand_id', 'key'])
    .execute()

  await db.schema
    .createTable('consent_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('brand_id', 'text')
    .addColumn('captured_by', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('sensitive_category', 'text')
    .addColumn('sensitive_topic', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text')
    .addColumn('policy_version', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'bigint', (c) => c.notNull())
    .addColumn('recorded_seq', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('consent_records_person')
    .on('consent_records')
    .columns(['person_id', 'recorded_at'])
    .execute()

  await db.schema
    .createTable('audit_chains')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('node', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('head_seq', 'bigint', (c) => c.notNull())
    .addColumn('head_hash', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('audit_log')
    .addColumn('chain_id', 'text', (c) => c.notNull().references('audit_chains.id'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('brand_id', 'text')
    .addColumn('purpose', 'text')
    .addColumn('subject', 'text')
    .addColumn('item_ids', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_log_pk', ['chain_id', 'seq'])
    .execute()
  await db.schema.createIndex('audit_log_subject').on('audit_log').columns(['subject', 'at']).execute()
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute()

  await db.schema
    .createTable('idempotency')
    .addColumn('brand_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text')
    .addColumn('status_code', 'integer', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_pk', ['brand_id', 'key'])
    .execute()
  await db.schema.createIndex('idempotency_person').on('idempotency').column('person_id').execute()

  await db.schema
    .createTable('suppressions')
    .addColumn('brand_id', 'text', (c) => c.notNull())
    .addColumn('id_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('suppressions_pk', ['brand_id', 'id_hash'])
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'suppressions',
    'idempotency',
    'audit_log',
    'audit_chains',
    'consent_records',
    'data_items',
    'email_links',
    'identities',
    'persons',
    'api_keys',
    'brands',
  ]) {
    await db.schema.dropTable(t).ifExists().execute()
  }
}
