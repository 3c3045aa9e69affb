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
    return (
      code === 'SQLITE_BUSY' ||
      code === 'SQLITE_LOCKED' ||
      code === 'SQLITE_IOERR' ||
      code === 'SQLITE_CANTOPEN' ||
      code === 'SQLITE_FULL'
    )
  },
}

export interface SqliteOptions {
  /** File path, or `:memory:`. */
  readonly file: string
  readonly synchronous: 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA'
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
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: raw }) })
  return { db, raw }
}

/** Moves WAL content into the main file and truncates the WAL, so destroyed rows leave no copy there. */
export function checkpointSqlite(raw: SQLite.Database): void {
  raw.pragma('wal_checkpoint(TRUNCATE)')
}
