import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { type Candor, type CandorOptions, createCandor } from '../../src/app/create-candor.js'
import type { Config } from '../../src/config/config-schema.js'
import { loadConfig } from '../../src/config/load-config.js'
import { randomToken } from '../../src/kernel/ids.js'

export type DialectName = 'sqlite' | 'postgres'

/**
 * The dialects a run covers: `DIALECTS=sqlite` for a fast local loop; both by default.
 * PostgreSQL uses `DATABASE_URL` or the machine's server at 127.0.0.1:5432.
 */
export const DIALECTS: readonly DialectName[] = (process.env.DIALECTS ?? 'sqlite,postgres')
  .split(',')
  .map((d) => d.trim()) as DialectName[]

export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test'

export interface TestEnv {
  readonly config: Config
  readonly dataDir: string
  readonly schema: string | undefined
  cleanup(): Promise<void>
}

/** A fresh data directory, and for PostgreSQL a fresh schema pair named `test_…`. */
export function createTestEnv(dialect: DialectName, overrides: Record<string, unknown> = {}): TestEnv {
  const dataDir = mkdtempSync(join(tmpdir(), 'candor-test-'))
  const schema =
    dialect === 'postgres'
      ? `test_${randomToken(6)
          .toLowerCase()
          .replace(/[^a-z0-9]/g, 'x')}`
      : undefined
  const config = loadConfig(
    {
      dataDir,
      logLevel: 'silent',
      auditFlushMs: 5,
      // In-process commits (tests can use a fake clock); the writer thread has its own suite.
      writerThread: 'off',
      ...(dialect === 'postgres' ? { databaseUrl: TEST_DATABASE_URL, databaseSchema: schema } : {}),
      ...overrides,
    },
    {},
  )
  return {
    config,
    dataDir,
    schema,
    async cleanup() {
      if (schema) await dropTestSchemas(schema)
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Drops a test schema pair; refuses any name without a `test` segment (the guard PostHog uses). */
export async function dropTestSchemas(schema: string): Promise<void> {
  if (!/^test_[a-z0-9_]+$/.test(schema))
    throw new Error(`refusing to drop schema ${schema}: not a test schema`)
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL })
  await client.connect()
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
    await client.query(`DROP SCHEMA IF EXISTS "${schema}_keys" CASCADE`)
  } finally {
    await client.end()
  }
}

/** A Candor instance on a fresh store of the given dialect, with its cleanup. */
export async function createTestCandor(
  dialect: DialectName,
  options: CandorOptions = {},
  overrides: Record<string, unknown> = {},
): Promise<{ candor: Candor; env: TestEnv; close(): Promise<void> }> {
  const env = createTestEnv(dialect, overrides)
  const candor = await createCandor(env.config, options)
  return {
    candor,
    env,
    async close() {
      await candor.close()
      await env.cleanup()
    },
  }
}
