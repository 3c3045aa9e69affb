import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/dialects.js'
import { createTestServer, type TestServer } from '../support/http.js'

/** Decision-log commits that fail: logged with their code, a bounded retry buffer, drops counted. */
for (const dialect of DIALECTS) {
  describe(`decision log commit failures (${dialect})`, () => {
    let s: TestServer
    const warnings: { obj: Record<string, unknown>; msg: string }[] = []
    beforeAll(async () => {
      s = await createTestServer(dialect, { decisionBufferLimit: 6, auditFlushMs: 50 }, ['outdoor'], {
        logger: {
          warn: (obj, msg) => warnings.push({ obj: obj as Record<string, unknown>, msg }),
          info: () => {},
        },
      })
      const offer = await s.call('POST', '/v1/offers', {
        key: s.keys.admin,
        body: { id: 'o-1', brand: 'outdoor', title: 'Boots', placements: ['home'], topics: {} },
      })
      expect(offer.statusCode, offer.body).toBe(201)
    })
    afterAll(() => s.close())

    it('a failing commit is logged with its code; past the limit the oldest are dropped and counted in /metrics', async () => {
      // A real storage failure: the decisions table refuses every row.
      if (dialect === 'sqlite') {
        await sql`create trigger refuse_decisions before insert on decisions
          begin select raise(abort, 'refused'); end`.execute(s.candor.storage.data)
      } else {
        await sql`create function refuse_decisions() returns trigger language plpgsql as $$
          begin raise exception 'refused' using errcode = 'P0001'; end $$`.execute(s.candor.storage.data)
        await sql`create trigger refuse_decisions before insert on decisions for each row execute function refuse_decisions()`.execute(
          s.candor.storage.data,
        )
      }
      for (let i = 0; i < 8; i++) {
        // Decisions are logged for people Candor knows.
        const known = await s.call('POST', `/v1/persons/d-${i}/consent`, {
          key: s.keys.server.outdoor,
          body: { purpose: 'analytics', state: 'granted' },
        })
        expect(known.statusCode, known.body).toBe(200)
        const r = await s.call('POST', '/v1/decide', {
          key: s.keys.server.outdoor,
          body: { userId: `d-${i}`, placement: 'home', limit: 1 },
        })
        expect(r.statusCode, r.body).toBe(200)
        await s.candor.decisions.flush()
      }
      const failed = warnings.filter((w) => w.msg === 'decision log commit failed; will retry')
      expect(failed.length).toBeGreaterThan(0)
      expect(typeof failed[0]?.obj.code).toBe('string')
      expect(failed.every((w) => (w.obj.pending as number) <= 6)).toBe(true)
      // 8 decisions with one impression each = 16 rows; at most 6 wait.
      expect(s.candor.decisions.dropped()).toBe(10)
      const metrics = await s.app.inject({ method: 'GET', url: '/metrics' })
      expect(metrics.body).toMatch(/candor_decision_log_dropped_total 10\b/)
      if (dialect === 'sqlite') await sql`drop trigger refuse_decisions`.execute(s.candor.storage.data)
      else await sql`drop trigger refuse_decisions on decisions`.execute(s.candor.storage.data)
    })
  })
}
