// Ingestion benchmark: events/s through POST /v1/batch (HTTP, durable commit, dedupe,
// encryption, interests) and through `candor import`, each beside raw better-sqlite3 inserts of
// the same rows measured in the same run.
import { randomBytes, randomUUID } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { createCandor } from '../src/app/create-candor.js'
import { runImport } from '../src/cli/import-command.js'
import { loadConfig } from '../src/config/load-config.js'
import { generateDemo } from '../src/modules/demo/index.js'
import { dropTestSchemas, TEST_DATABASE_URL } from '../test/support/dialects.js'
import { load, row, startCandor, stop, tmpDir } from './support.js'

const NOW = Date.UTC(2026, 10, 29)

/**
 * Raw inserts: unique message id, index on person and time, WAL, synchronous FULL, 100 rows a
 * transaction. Person ids have Candor's shape (random) and the rotation of the HTTP workload
 * below (1000 people, 100 different ones a transaction): consecutive ids such as `per_1`…`per_99`
 * would sort next to each other and touch a few index pages where real rows touch a hundred.
 */
export function rawInsertRate(rows: number, payloadBytes: number): number {
  const dir = tmpDir('raw')
  const db = new SQLite(join(dir, 'raw.db'))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.exec(
    'create table events (id text primary key, brand_id text not null, message_id text not null, person_id text not null, event_time integer not null, payload text not null, unique (brand_id, message_id))',
  )
  db.exec('create index events_person_time on events (person_id, event_time)')
  const insert = db.prepare('insert into events values (?, ?, ?, ?, ?, ?)')
  const payload = randomBytes(Math.ceil((payloadBytes * 3) / 4))
    .toString('base64')
    .slice(0, payloadBytes)
  const persons = Array.from({ length: 1000 }, () => `per_${randomUUID().replaceAll('-', '')}`)
  const tx = db.transaction((start: number) => {
    for (let i = start; i < start + 100; i++)
      insert.run(
        `evt_${i}`,
        'outdoor',
        `m_${i}`,
        persons[(Math.floor(i / 100) * 7 + (i % 100)) % 1000],
        NOW - i * 1000,
        payload,
      )
  })
  const t0 = process.hrtime.bigint()
  for (let i = 0; i < rows; i += 100) tx(i)
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9
  db.close()
  return rows / seconds
}

/** Demo messages of one brand, as plain objects (without sentAt, so history keeps its dates). */
function demoMessages(persons: number): Record<string, unknown>[] {
  const data = generateDemo({ persons, seed: 7, now: NOW })
  const out: Record<string, unknown>[] = []
  for (const env of data.messages()) {
    if (env.brand !== 'outdoor' || env.gpc) continue
    const { sentAt: _s, ...m } = env.message as unknown as Record<string, unknown>
    out.push(m)
  }
  return out
}

/**
 * A person's consent banner says the same thing on every event, as a real site's does: the
 * templates come from many demo people, and replaying their banners onto one bench user would
 * flip that user's consent every few events (each grant recomputing interests from all events).
 */
function stableConsent(context: unknown, user: number): unknown {
  const ctx = context as { consent?: unknown } | undefined
  if (ctx?.consent === undefined) return context
  const categoryPreferences = {
    Personalization: user % 5 !== 4,
    Advertising: user % 3 === 0,
    Analytics: true,
  }
  return { ...ctx, consent: { categoryPreferences } }
}

/** PostgreSQL for the optional phase: the tests' server (TEST_DATABASE_URL, else the local one), in a test schema. */
const PG_URL = TEST_DATABASE_URL

async function prepare(dataDir: string, pgSchema?: string): Promise<{ writeKey: string }> {
  const pgConfig = pgSchema ? { databaseUrl: PG_URL, databaseSchema: pgSchema } : {}
  const candor = await createCandor(loadConfig({ dataDir, logLevel: 'silent', ...pgConfig }, {}))
  await candor.brands.add({ id: 'outdoor', name: 'Outdoor' })
  const writeKey = (await candor.apiKeys.create({ kind: 'write', brandId: 'outdoor' })).key
  // Most people allow personalization, so the interest model runs for their events.
  for (let p = 0; p < 1000; p++) {
    if (p % 5 === 4) continue
    await candor.consent.record({
      brandId: 'outdoor',
      ref: { kind: 'user', value: `bench-${p}` },
      actor: 'bench',
      choices: [{ purpose: 'personalization', state: 'granted' }],
    })
  }
  await candor.close()
  return { writeKey }
}

interface BatchRate {
  readonly eventsPerSecond: number
  readonly p50: number
  readonly p99: number
  readonly failed: number
}

/**
 * POST /v1/batch over HTTP: 100 events a request, unique messageIds, 1000 people, 4 connections;
 * on SQLite, or on PostgreSQL in `pgSchema`.
 */
async function batchRate(
  templates: readonly Record<string, unknown>[],
  seconds: number,
  pgSchema?: string,
): Promise<BatchRate> {
  const dataDir = tmpDir('batch')
  const { writeKey } = await prepare(dataDir, pgSchema)
  const server = await startCandor(
    dataDir,
    pgSchema ? { DATABASE_URL: PG_URL, CANDOR_DATABASE_SCHEMA: pgSchema } : {},
  )
  let n = 0
  const body = () => {
    const batch = []
    for (let i = 0; i < 100; i++) {
      const t = templates[(n * 100 + i) % templates.length] as Record<string, unknown>
      const user = (n * 7 + i) % 1000
      batch.push({
        ...t,
        context: stableConsent(t.context, user),
        messageId: `b-${n}-${i}`,
        userId: `bench-${user}`,
        anonymousId: undefined,
      })
    }
    n++
    return JSON.stringify({ batch })
  }
  const auth = `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`
  const r = await load({
    url: `http://127.0.0.1:${server.port}/v1/batch`,
    connections: 4,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { authorization: auth, 'content-type': 'application/json' },
        setupRequest: (req) => ({ ...req, body: body() }),
      },
    ],
  })
  await stop(server.child)
  return { eventsPerSecond: r.rps * 100, p50: r.p50, p99: r.p99, failed: r.errors + r.non2xx }
}

function batchLines(name: string, r: BatchRate, raw: number): string[] {
  return [
    row(name, r.eventsPerSecond, 'events/s', raw),
    row('  p50 per batch', r.p50, 'ms'),
    row('  p99 per batch', r.p99, 'ms'),
    ...(r.failed > 0 ? [`  (${r.failed} errors or non-2xx responses)`] : []),
  ]
}

export async function benchIngest(seconds: number): Promise<string[]> {
  const lines: string[] = []
  const templates = demoMessages(600).filter((m) => m.type === 'track')
  const sampleRow = JSON.stringify(templates[0]).length
  const raw = rawInsertRate(50_000, Math.round(sampleRow * 1.4))
  lines.push(row('raw better-sqlite3 inserts (baseline)', raw, 'rows/s'))
  const batch = await batchRate(templates, seconds)
  lines.push(...batchLines('POST /v1/batch (100 events/request, 4 connections)', batch, raw))

  // candor import of the demo's history.
  const importDir = tmpDir('import')
  const file = join(importDir, 'events.jsonl')
  const all = demoMessages(6000)
  writeFileSync(file, `${all.map((m) => JSON.stringify(m)).join('\n')}\n`)
  // As `candor import` runs it: commits on the writer thread while the next chunk is parsed.
  const candor = await createCandor(loadConfig({ dataDir: importDir, logLevel: 'silent' }, {}), {
    writerThread: true,
  })
  await candor.brands.add({ id: 'outdoor', name: 'Outdoor' })
  const t0 = process.hrtime.bigint()
  const summary = await runImport(candor, { file, brandId: 'outdoor' })
  const secs = Number(process.hrtime.bigint() - t0) / 1e9
  await candor.close()
  lines.push(
    row(
      `candor import (${all.length} demo events, 500 a transaction)`,
      summary.accepted / secs,
      'events/s',
      raw,
    ),
  )

  // The same HTTP load on PostgreSQL (no writer thread there: a commit is a round trip, not an
  // fsync on the event loop), when a server answers.
  const schema = `test_bench_${process.pid}`
  try {
    const pgBatch = await batchRate(templates, seconds, schema)
    lines.push(...batchLines('POST /v1/batch on PostgreSQL (same load)', pgBatch, raw))
  } catch (error) {
    lines.push(`POST /v1/batch on PostgreSQL: skipped (${(error as Error).message.split('\n')[0]})`)
  } finally {
    await dropTestSchemas(schema).catch(() => {})
  }
  return lines
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const l of await benchIngest(Number(process.env.BENCH_SECONDS ?? 10))) console.log(l)
}
