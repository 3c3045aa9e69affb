import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { DialectHelpers } from './dialect-helpers.js'

// int8 (COUNT, bigint epoch-ms columns) as JS numbers: every value Candor stores fits in 2^53.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10))

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  '57P01',
  '57P03',
  '53300',
  '08000',
  '08003',
  '08006',
  // Serialization failure and deadlock: nothing was committed; the client retries.
  '40001',
  '40P01',
])

export const postgresHelpers: DialectHelpers = {
  kind: 'postgres',
  supportsForUpdate: true,
  isUnavailable(error) {
    const code = (error as { code?: unknown } | null)?.code
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true
    const message = error instanceof Error ? error.message : ''
    return /Connection terminated|timeout exceeded when trying to connect|driver has already been destroyed|Cannot use a pool after calling end/i.test(
      message,
    )
  },
  isConflict(error) {
    const code = (error as { code?: unknown } | null)?.code
    return code === '40P01' || code === '40001'
  },
}

export interface PostgresOptions {
  readonly url: string
  readonly schema: string
  readonly max?: number
}

/** Makes sure the schema exists, then opens a pool whose connections use it as search_path. */
export async function openPostgres<DB>(options: PostgresOptions): Promise<{ db: Kysely<DB>; pool: pg.Pool }> {
  const admin = new pg.Client({ connectionString: options.url })
  await admin.connect()
  try {
    await admin.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema}"`)
  } finally {
    await admin.end()
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 10,
    options: `-c search_path="${options.schema}"`,
    connectionTimeoutMillis: 5000,
  })
  // An idle client losing its connection must not crash the process; the next query reports it.
  pool.on('error', () => {})
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) })
  return { db, pool }
}
