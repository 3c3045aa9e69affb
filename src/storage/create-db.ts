import { join } from 'node:path'
import { type Kysely, Migrator } from 'kysely'
import type { Config } from '../config/config-schema.js'
import type { DataDatabase, KeyDatabase } from './database.js'
import type { DialectHelpers } from './dialects/dialect-helpers.js'
import { openPostgres, postgresHelpers } from './dialects/postgres.js'
import { checkpointSqlite, openSqlite, sqliteHelpers } from './dialects/sqlite.js'
import { dataMigrations, keyMigrations, staticProvider } from './migrations/index.js'

/** The two databases Candor keeps: person data, and the key store apart from it. */
export interface Storage {
  readonly data: Kysely<DataDatabase>
  /** A read-only connection to the data (SQLite: a second connection; PostgreSQL: the same pool). */
  readonly read: Kysely<DataDatabase>
  readonly keys: Kysely<KeyDatabase>
  readonly helpers: DialectHelpers
  /** After keys are destroyed: make sure no copy lingers in a WAL (SQLite); a no-op on PostgreSQL. */
  flushDestroyedKeys(): Promise<void>
  /** Same for the data database after a purge. */
  flushPurgedData(): Promise<void>
  close(): Promise<void>
}

export const SQLITE_DATA_FILE = 'candor.db'
export const SQLITE_KEYS_FILE = 'keys.db'

/**
 * Opens the databases the config names (PostgreSQL when `databaseUrl` is set, else the SQLite
 * files in `dataDir`) and runs pending migrations on both.
 */
export interface StorageOptions {
  /** SQLite: WAL pages after which a commit of these connections checkpoints (SQLite's default: 1000). */
  readonly walCheckpointPages?: number
}

export async function createStorage(config: Config, options: StorageOptions = {}): Promise<Storage> {
  const storage = config.databaseUrl ? await openPg(config) : openSqliteStorage(config, options)
  try {
    const pg = config.databaseUrl !== ''
    await migrate(
      storage.data,
      staticProvider(dataMigrations),
      'data',
      pg ? config.databaseSchema : undefined,
    )
    await migrate(
      storage.keys,
      staticProvider(keyMigrations),
      'keys',
      pg ? `${config.databaseSchema}_keys` : undefined,
    )
  } catch (error) {
    await storage.close()
    throw error
  }
  return storage
}

function openSqliteStorage(config: Config, options: StorageOptions): Storage {
  const checkpoint =
    options.walCheckpointPages === undefined ? {} : { walCheckpointPages: options.walCheckpointPages }
  const data = openSqlite<DataDatabase>({
    file: join(config.dataDir, SQLITE_DATA_FILE),
    synchronous: config.sqliteSynchronous,
    ...checkpoint,
  })
  const keys = openSqlite<KeyDatabase>({
    file: join(config.dataDir, SQLITE_KEYS_FILE),
    synchronous: config.sqliteSynchronous,
    ...checkpoint,
  })
  const read = openSqlite<DataDatabase>({
    file: join(config.dataDir, SQLITE_DATA_FILE),
    synchronous: config.sqliteSynchronous,
    readOnly: true,
  })
  return {
    data: data.db,
    read: read.db,
    keys: keys.db,
    helpers: sqliteHelpers,
    flushDestroyedKeys: async () => checkpointSqlite(keys.raw),
    flushPurgedData: async () => checkpointSqlite(data.raw),
    async close() {
      await read.db.destroy()
      await data.db.destroy()
      await keys.db.destroy()
    },
  }
}

async function openPg(config: Config): Promise<Storage> {
  const data = await openPostgres<DataDatabase>({ url: config.databaseUrl, schema: config.databaseSchema })
  const keys = await openPostgres<KeyDatabase>({
    url: config.databaseUrl,
    schema: `${config.databaseSchema}_keys`,
    max: 4,
  })
  return {
    data: data.db,
    read: data.db,
    keys: keys.db,
    helpers: postgresHelpers,
    flushDestroyedKeys: async () => {},
    flushPurgedData: async () => {},
    async close() {
      await data.db.destroy()
      await keys.db.destroy()
    },
  }
}

function isConcurrentDdl(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  // invalid_schema_name, undefined_table, undefined_object
  return code === '3F000' || code === '42P01' || code === '42704'
}

async function migrate(
  // biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema
  db: Kysely<any>,
  provider: ReturnType<typeof staticProvider>,
  name: string,
  schema: string | undefined,
): Promise<void> {
  // The schema is explicit on PostgreSQL: introspection would otherwise see the other database's migration table.
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) })
  let { error, results } = await migrator.migrateToLatest()
  // Kysely's introspection reads every schema of the database; a schema dropped at that moment by
  // someone else (another application, a parallel test run) fails it. Nothing was applied: retry.
  for (let attempt = 1; error && isConcurrentDdl(error) && attempt <= 5; attempt++) {
    await new Promise((r) => setTimeout(r, 50 * attempt))
    ;({ error, results } = await migrator.migrateToLatest())
  }
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')
    throw new Error(
      `migration of the ${name} database failed${failed ? ` at ${failed.migrationName}` : ''}: ${String(error)}`,
    )
  }
}
