import { existsSync, mkdtempSync, readdirSync, rmSync, unlinkSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/dialects.js'
import { createTestServer, type TestServer } from '../support/http.js'

/** The audit chain against a database-only attacker: truncation under a running server, deleted anchors. */
for (const dialect of DIALECTS) {
  describe(`audit anchors (${dialect})`, () => {
    let s: TestServer
    let anchorDir: string
    let receiver: Server
    const received: { chainId: string; seq: number; hash: string }[] = []
    beforeAll(async () => {
      anchorDir = mkdtempSync(join(tmpdir(), 'candor-anchors-'))
      receiver = createServer((req, res) => {
        let body = ''
        req.on('data', (d) => {
          body += d
        })
        req.on('end', () => {
          received.push(JSON.parse(body))
          res.end('ok')
        })
      })
      await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r))
      const port = (receiver.address() as { port: number }).port
      s = await createTestServer(dialect, {
        auditAnchorDir: anchorDir,
        auditAnchorUrl: `http://127.0.0.1:${port}/anchors`,
      })
    })
    afterAll(async () => {
      await s.close()
      await new Promise((r) => receiver.close(r))
      rmSync(anchorDir, { recursive: true, force: true })
    })

    const consent = (ref: string) =>
      s.call('POST', `/v1/persons/${ref}/consent`, {
        key: s.keys.server.outdoor,
        body: { purpose: 'analytics', state: 'granted' },
      })

    it('anchors go to the configured directory and to the anchor endpoint', async () => {
      expect((await consent('a-1')).statusCode).toBe(200)
      expect((await s.candor.audit.verify()).ok).toBe(true)
      expect(readdirSync(anchorDir)).toContain(`${s.candor.audit.chainId}.json`)
      expect(
        existsSync(join(s.candor.config.dataDir, 'audit-anchors', `${s.candor.audit.chainId}.json`)),
      ).toBe(false)
      for (let i = 0; i < 50 && !received.some((r) => r.chainId === s.candor.audit.chainId); i++)
        await new Promise((r) => setTimeout(r, 20))
      expect(received.some((r) => r.chainId === s.candor.audit.chainId && r.seq > 0)).toBe(true)
    })

    it('a chain truncated under the running server is never extended nor re-anchored', async () => {
      for (let i = 0; i < 4; i++) expect((await consent(`t-${i}`)).statusCode).toBe(200)
      expect((await s.candor.audit.verify()).ok).toBe(true)
      const chainId = s.candor.audit.chainId
      const db = s.candor.storage.data
      // The attacker: delete the newest two entries and point the head row at what is left.
      const { max } = (
        await sql<{ max: number }>`select max(seq) as max from audit_log where chain_id = ${chainId}`.execute(
          db,
        )
      ).rows[0] as { max: number }
      await sql`delete from audit_log where chain_id = ${chainId} and seq > ${Number(max) - 2}`.execute(db)
      const last = (
        await sql<{
          seq: number
          hash: string
        }>`select seq, hash from audit_log where chain_id = ${chainId} order by seq desc limit 1`.execute(db)
      ).rows[0] as { seq: number; hash: string }
      await sql`update audit_chains set head_seq = ${last.seq}, head_hash = ${last.hash} where id = ${chainId}`.execute(
        db,
      )

      const statuses: number[] = []
      for (let i = 0; i < 5; i++) statuses.push((await consent(`after-${i}`)).statusCode)
      expect(statuses).toEqual([503, 503, 503, 503, 503])
      const again = await consent('after-x')
      expect(again.json()).toMatchObject({ error: { code: 'audit-chain-broken' } })
      const ready = await s.app.inject({ method: 'GET', url: '/readyz' })
      expect(ready.statusCode).toBe(503)
      expect(ready.json()).toMatchObject({ ok: false, reason: 'audit-chain-broken' })
      expect(s.logs.join('') + JSON.stringify(s.candor.auditProblem())).toContain('does not continue')
      // The anchor still names the removed head: verification reports the truncation.
      const verified = await s.candor.audit.verify()
      expect(verified.ok).toBe(false)
      expect(verified.firstBroken).toMatchObject({ chainId, reason: 'truncated' })
    })

    it('a chain with entries whose anchor was deleted fails verification', async () => {
      const chainId = s.candor.audit.chainId
      unlinkSync(join(anchorDir, `${chainId}.json`))
      const verified = await s.candor.audit.verify()
      expect(verified.ok).toBe(false)
      expect(verified.firstBroken).toMatchObject({ chainId, reason: 'missing-anchor' })
    })
  })
}
