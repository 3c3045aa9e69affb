import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Candor, createCandor } from '../../src/app/create-candor.js'
import { checkpointPath, runImport } from '../../src/cli/import-command.js'
import { generateDemo } from '../../src/modules/demo/index.js'
import { candorCli, storeEnv } from '../support/cli.js'
import { createTestEnv, DIALECTS, type TestEnv } from '../support/dialects.js'
import { recordPersonalization } from '../support/fixtures.js'

const NOW = Date.UTC(2026, 10, 20)

/** Demo history of one brand as Segment JSON lines, plus two lines that can never be valid. */
function writeHistory(dir: string): { file: string; lines: number } {
  const data = generateDemo({ persons: 60, seed: 11, now: NOW })
  const lines: string[] = []
  for (const env of data.messages()) {
    if (env.brand !== 'outdoor') continue
    const { sentAt: _s, ...m } = env.message as unknown as Record<string, unknown>
    lines.push(JSON.stringify(m))
  }
  lines.splice(5, 0, '{"type":"track","event":"no identity"}', 'not json at all')
  const file = join(dir, 'history.jsonl')
  writeFileSync(file, `${lines.join('\n')}\n`)
  return { file, lines: lines.length }
}

/** The state an import leaves, by the brand's identifiers (person ids differ between stores). */
async function snapshot(c: Candor) {
  const events = await sql<{
    value: string
    message_id: string
    kind: string
    event_time: number
    gift: number
  }>`
    select i.value, e.message_id, e.kind, e.event_time, e.gift from events e
    join identities i on i.person_id = e.person_id and i.brand_id = e.brand_id and i.kind = 'user'
    order by e.message_id`.execute(c.storage.data)
  const interests = await sql<{ value: string; topic: string; signals: string; days: string; state: string }>`
    select i.value, t.topic, t.signals, t.days, t.state from interests t
    join identities i on i.person_id = t.person_id and i.brand_id = t.brand_id and i.kind = 'user'
    order by i.value, t.topic`.execute(c.storage.data)
  const items = await sql<{ value: string; key: string; category: string }>`
    select i.value, d.key, d.category from data_items d
    join identities i on i.person_id = d.person_id and i.brand_id = d.brand_id and i.kind = 'user'
    order by i.value, d.key`.execute(c.storage.data)
  return { events: events.rows, interests: interests.rows, items: items.rows }
}

async function prepare(c: Candor): Promise<void> {
  await c.brands.add({ id: 'outdoor', name: 'Outdoor' })
  // Everyone allows personalization, so interests are part of the compared state.
  const data = generateDemo({ persons: 60, seed: 11, now: NOW })
  for (const p of data.people) {
    const user = p.userIds.outdoor
    if (user) await recordPersonalization(c, 'outdoor', { kind: 'user', value: user })
  }
}

for (const dialect of DIALECTS) {
  describe(`candor import on ${dialect} (scenario 5)`, () => {
    let clean: { env: TestEnv; c: Candor }
    let resumed: { env: TestEnv; c: Candor }
    let history: { file: string; lines: number }
    beforeAll(async () => {
      const a = createTestEnv(dialect)
      const b = createTestEnv(dialect)
      clean = { env: a, c: await createCandor(a.config) }
      resumed = { env: b, c: await createCandor(b.config) }
      await prepare(clean.c)
      await prepare(resumed.c)
      history = writeHistory(a.dataDir)
    })
    afterAll(async () => {
      for (const x of [clean, resumed]) {
        await x.c.close()
        await x.env.cleanup()
      }
    })

    it('imports everything valid once, and names the lines it rejected', async () => {
      const s = await runImport(clean.c, { file: history.file, brandId: 'outdoor', chunk: 40 })
      expect(s.interrupted).toBe(false)
      expect(s.rejected).toEqual([
        { line: 6, reason: 'missing-identity', field: 'userId' },
        { line: 7, reason: 'invalid-json' },
      ])
      expect(s.accepted).toBe(history.lines - 2)
      expect(s.duplicates).toBe(0)
      expect(existsSync(checkpointPath(history.file))).toBe(false)
      expect((await snapshot(clean.c)).interests.length).toBeGreaterThan(0)
    })

    it('an interrupted import resumed gives the same state as one clean run', async () => {
      const controller = new AbortController()
      controller.abort()
      const first = await runImport(resumed.c, {
        file: history.file,
        brandId: 'outdoor',
        chunk: 40,
        signal: controller.signal,
      })
      expect(first.interrupted).toBe(true)
      expect(first.accepted).toBeLessThan(history.lines - 2)
      expect(existsSync(checkpointPath(history.file))).toBe(true)
      const second = await runImport(resumed.c, { file: history.file, brandId: 'outdoor', chunk: 40 })
      expect(second.interrupted).toBe(false)
      expect(second.resumedFrom).toBe(40)
      expect(second.accepted).toBe(history.lines - 2)
      expect(second.duplicates).toBe(0)
      expect(await snapshot(resumed.c)).toEqual(await snapshot(clean.c))
    })

    it('replaying the whole file leaves identical state (every message a duplicate)', async () => {
      const before = await snapshot(clean.c)
      const again = await runImport(clean.c, { file: history.file, brandId: 'outdoor', chunk: 40 })
      expect(again.accepted).toBe(0)
      expect(again.duplicates).toBe(history.lines - 2)
      expect(await snapshot(clean.c)).toEqual(before)
    })
  })
}

describe('candor import from the command line', () => {
  let env: TestEnv
  beforeAll(async () => {
    env = createTestEnv('sqlite')
    const c = await createCandor(env.config)
    await c.brands.add({ id: 'outdoor', name: 'Outdoor' })
    await c.close()
  })
  afterAll(() => env.cleanup())

  it('prints a summary with line numbers, and a second run counts duplicates', () => {
    const { file, lines } = writeHistory(env.dataDir)
    const first = candorCli(['import', file, '--brand', 'outdoor'], storeEnv(env.config))
    expect(first.status, first.stderr).toBe(0)
    expect(first.stdout).toContain(`accepted ${lines - 2}, duplicates 0, rejected 2`)
    expect(first.stdout).toContain('line 6: missing-identity (userId)')
    const second = candorCli(['import', file, '--brand', 'outdoor'], storeEnv(env.config))
    expect(second.stdout).toContain(`accepted 0, duplicates ${lines - 2}, rejected 2`)
  })
})
