import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import type { DialectHelpers } from './dialect-helpers.js'

export const sqliteHelpers: DialectHelpers = {
  kind: 'sqlite',
  supportsForUpdate: false,
  isUnavailable(error) {
    const code = (error as { code?: unknown } | null)?.code
    if (typeof code === 'string' && /^SQLITE_(BUSY|LOCKED|IOERR|CANTOPEN|FULL|READONLY)/.test(code))
      return true
    // The database was closed under a request (shutdown, lost volume): nothing was written.
    const message = error instanceof Error ? error.message : ''
    return /driver has already been destroyed|database connection is not open/i.test(message)
  },
  // One writer at a time: a transaction waits for the lock (busy timeout) instead of conflicting.
  isConflict: () => false,
}

/**
 * Page cache per connection (KiB). SQLite's default (2 MB) is far smaller than the hot set of a
 * database of a few thousand people: every read then goes to the kernel.
 */
const CACHE_KIB = 32 * 1024

export interface SqliteOptions {
  /** File path, or `:memory:`. */
  readonly file: string
  readonly synchronous: 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA'
  /** A reader connection: `query_only`, so a bug can never write through it. */
  readonly readOnly?: boolean
  /** `wal_autocheckpoint`: WAL pages after which a commit checkpoints (SQLite's default: 1000). */
  readonly walCheckpointPages?: number
}

/**
 * Opens one SQLite file with the pragmas Candor relies on: WAL (readers never block the writer),
 * foreign keys on, `secure_delete` (deleted pages are zeroed, so a shredded key does not linger
 * in free pages), a busy timeout (CLI commands work while a server runs) and `synchronous`.
 */
export function openSqlite<DB>(options: SqliteOptions): { db: Kysely<DB>; raw: SQLite.Database } {
  if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true })
  const raw = new SQLite(options.file)
  raw.pragma('journal_mode = WAL')
  raw.pragma('foreign_keys = ON')
  raw.pragma('secure_delete = ON')
  raw.pragma('busy_timeout = 5000')
  raw.pragma(`synchronous = ${options.synchronous}`)
  raw.pragma(`cache_size = -${CACHE_KIB}`)
  // Statement journals of multi-row inserts and upserts stay in memory instead of temp files.
  raw.pragma('temp_store = MEMORY')
  if (options.walCheckpointPages !== undefined)
    raw.pragma(`wal_autocheckpoint = ${Math.max(0, Math.floor(options.walCheckpointPages))}`)
  if (options.readOnly) raw.pragma('query_only = ON')
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(raw) }) })
  return { db, raw }
}

/**
 * Kysely prepares every query anew; preparing costs more than running a small statement. This
 * keeps prepared statements by SQL text (bounded: the oldest are dropped past `max`).
 */
function withStatementCache(raw: SQLite.Database, max = 1000): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>()
  const prepare = (sql: string): SQLite.Statement => {
    let stmt = cache.get(sql)
    if (stmt) return stmt
    stmt = raw.prepare(sql)
    if (cache.size >= max) {
      const oldest = cache.keys().next().value
      if (oldest !== undefined) cache.delete(oldest)
    }
    cache.set(sql, stmt)
    return stmt
  }
  return new Proxy(raw, {
    get(target, prop, receiver) {
      if (prop === 'prepare') return prepare
      const value = Reflect.get(target, prop, receiver)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

/** Moves WAL content into the main file and truncates the WAL, so destroyed rows leave no copy there. */
export function checkpointSqlite(raw: SQLite.Database): void {
  raw.pragma('wal_checkpoint(TRUNCATE)')
}
