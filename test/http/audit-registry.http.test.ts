/**
 * Issue 12 leftovers on the audit anchors: a chain dropped from the database together with its
 * anchor file is still missed (the registry of chains outside the database), and the anchor
 * endpoint's failures are visible (`/readyz`, `/metrics`, `audit verify`), not only logged.
 */
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/dialects.js'
import { createTestServer, type TestServer } from '../support/http.js'

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

for (const dialect of DIALECTS) {
  describe(`audit chain registry and anchor endpoint (${dialect})`, () => {
    let s: TestServer
    let anchorDir: string
    let receiver: Server
    let answer = 503
    let port: number
    beforeAll(async () => {
      anchorDir = mkdtempSync(join(tmpdir(), 'candor-registry-'))
      receiver = createServer((req, res) => {
        req.resume()
        req.on('end', () => {
          res.statusCode = answer
          res.end()
        })
      })
      await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r))
      port = (receiver.address() as { port: number }).port
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

    const consent = async (ref: string) => {
      const res = await s.call('POST', `/v1/persons/${ref}/consent`, {
        key: s.keys.server.outdoor,
        body: { purpose: 'analytics', state: 'granted' },
      })
      expect(res.statusCode, res.body).toBe(200)
    }
    const ready = async () => {
      const res = await s.app.inject({ method: 'GET', url: '/readyz' })
      expect(res.statusCode).toBe(200)
      return res.json() as {
        ok: boolean
        auditAnchorEndpoint?: {
          ok: boolean
          lastSuccessAgeSeconds: number | null
          failuresSinceSuccess: number
          lastFailureCode: string | null
        }
      }
    }
    const metric = async (name: string) => {
      const text = (await s.app.inject({ method: 'GET', url: '/metrics' })).body
      const line = text.split('\n').find((l) => l.startsWith(`${name} `))
      return line === undefined ? undefined : Number(line.split(' ')[1])
    }

    it('anchor endpoint failures are visible in /readyz, /metrics and audit verify, and clear on the next accepted head', async () => {
      answer = 503
      await consent('e-1')
      const failing = await until('a failure recorded', async () => {
        const r = await ready()
        return (r.auditAnchorEndpoint?.failuresSinceSuccess ?? 0) > 0 ? r : undefined
      })
      expect(failing.ok).toBe(true)
      expect(failing.auditAnchorEndpoint).toMatchObject({
        ok: false,
        lastSuccessAgeSeconds: null,
        lastFailureCode: 'http-503',
      })
      expect(await metric('candor_audit_anchor_endpoint_failures')).toBeGreaterThan(0)
      expect(await metric('candor_audit_anchor_endpoint_last_success_age_seconds')).toBe(-1)
      const verify = await s.call('GET', '/v1/audit/verify', { key: s.keys.admin })
      expect(verify.statusCode, verify.body).toBe(200)
      expect(verify.json()).toMatchObject({
        ok: true,
        anchorEndpoint: { lastSuccessAt: null, lastFailureCode: 'http-503' },
      })

      answer = 200
      await consent('e-2')
      const healthy = await until('a success recorded', async () => {
        const r = await ready()
        return r.auditAnchorEndpoint?.ok ? r : undefined
      })
      expect(healthy.auditAnchorEndpoint?.failuresSinceSuccess).toBe(0)
      expect(healthy.auditAnchorEndpoint?.lastSuccessAgeSeconds).toBeGreaterThanOrEqual(0)
      expect(await metric('candor_audit_anchor_endpoint_failures')).toBe(0)
      expect(await metric('candor_audit_anchor_endpoint_last_success_age_seconds')).toBeGreaterThanOrEqual(0)
      const verified = (await s.call('GET', '/v1/audit/verify', { key: s.keys.admin })).json() as {
        anchorEndpoint: { lastSuccessAt: string | null; failuresSinceSuccess: number }
      }
      expect(verified.anchorEndpoint.lastSuccessAt).not.toBeNull()
      expect(verified.anchorEndpoint.failuresSinceSuccess).toBe(0)
    })

    it('a chain dropped from the database together with its anchor file is reported missing', async () => {
      await consent('r-1')
      expect((await s.candor.audit.verify()).ok).toBe(true)
      // The registry itself deleted: the anchors say one is kept, so that is a failure too.
      const registry = join(anchorDir, 'chains.log')
      const kept = readFileSync(registry)
      unlinkSync(registry)
      expect((await s.candor.audit.verify()).firstBroken).toMatchObject({ reason: 'missing-registry' })
      writeFileSync(registry, kept)
      expect((await s.candor.audit.verify()).ok).toBe(true)

      const chainId = s.candor.audit.chainId
      const db = s.candor.storage.data
      // The attacker removes the whole chain and its anchor: nothing left that names it but the registry.
      await sql`delete from audit_log where chain_id = ${chainId}`.execute(db)
      await sql`delete from audit_chains where id = ${chainId}`.execute(db)
      unlinkSync(join(anchorDir, `${chainId}.json`))
      const verified = await s.candor.audit.verify()
      expect(verified.ok).toBe(false)
      expect(verified.firstBroken).toMatchObject({ chainId, reason: 'missing-chain' })
    })
  })
}
