/**
 * The collection plan at intake, driven by the real `@segment/analytics-node` client (issue 19):
 * `observe` stores everything and counts violations, `strip` drops undeclared fields before
 * storage (a marker value sent in one is nowhere in the SQLite files or the WAL), `reject` refuses
 * the message naming the first undeclared field. Without a plan a brand behaves as before, and SDK
 * fields (context.library, _metadata, integrations, messageId, timestamp…) are never violations.
 */
import { randomUUID } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Analytics } from '@segment/analytics-node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SQLITE_DATA_FILE, SQLITE_KEYS_FILE } from '../../src/storage/create-db.js'
import { DIALECTS } from '../support/dialects.js'
import { createTestServer, type TestServer } from '../support/http.js'

const plan = (mode: string) => ({
  mode,
  events: [
    {
      name: 'Product Viewed',
      properties: {
        category: {
          category: 'user.behavior.browsing',
          purposes: ['personalization', 'analytics'],
          retentionDays: 365,
          justification: 'Which aisles you browse, so offers match them',
        },
      },
    },
  ],
  traits: {
    email: {
      category: 'user.contact.email',
      purposes: ['essential'],
      retentionDays: 730,
      justification: 'Receipts',
    },
  },
  context: {},
})

interface EventBody {
  type: string
  event: string | null
  properties: Record<string, unknown>
}

for (const dialect of DIALECTS) {
  describe(`collection plan at intake with @segment/analytics-node (${dialect})`, () => {
    let s: TestServer
    let host: string
    beforeAll(async () => {
      s = await createTestServer(dialect)
      await s.app.listen({ port: 0, host: '127.0.0.1' })
      const address = s.app.server.address()
      host = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
    })
    afterAll(async () => s.close())

    async function send(userId: string, marker: string) {
      const analytics = new Analytics({ writeKey: s.keys.write.outdoor as string, host, flushInterval: 20 })
      const errors: unknown[] = []
      analytics.on('error', (e) => errors.push(e))
      analytics.identify({ userId, traits: { email: `${userId}@example.com`, fax: marker } })
      analytics.track({ userId, event: 'Product Viewed', properties: { category: 'Boots', secret: marker } })
      await analytics.closeAndFlush({ timeout: 10_000 })
      expect(errors).toEqual([])
    }

    async function savePlan(mode: string) {
      const r = await s.call('PUT', '/v1/brands/outdoor/collection-plan', {
        key: s.keys.admin,
        body: { reason: `mode ${mode}`, plan: plan(mode) },
      })
      expect(r.statusCode, r.body).toBe(200)
    }

    async function events(userId: string): Promise<EventBody[]> {
      const g = await s.call('POST', `/v1/persons/${userId}/consent`, {
        key: s.keys.server.outdoor,
        body: { purpose: 'analytics', state: 'granted' },
      })
      if (g.statusCode === 404) return []
      expect(g.statusCode, g.body).toBe(200)
      const r = await s.call('GET', `/v1/persons/${userId}/events?purpose=analytics&limit=50`, {
        key: s.keys.server.outdoor,
      })
      expect(r.statusCode, r.body).toBe(200)
      return (r.json() as { events: EventBody[] }).events
    }

    async function violations() {
      const r = await s.call('GET', '/v1/brands/outdoor/collection-plan/violations', { key: s.keys.admin })
      expect(r.statusCode, r.body).toBe(200)
      return (r.json() as { violations: { event: string | null; field: string; count: number }[] }).violations
    }

    const countOf = async (field: string) => (await violations()).find((v) => v.field === field)?.count ?? 0

    /** Every byte SQLite holds: data and key databases, with their WALs. */
    function sqliteBytes(): string {
      const dir = s.candor.config.dataDir
      return [SQLITE_DATA_FILE, SQLITE_KEYS_FILE]
        .flatMap((f) => [f, `${f}-wal`, `${f}-journal`])
        .map((f) => join(dir, f))
        .filter((f) => existsSync(f))
        .map((f) => readFileSync(f).toString('latin1'))
        .join('\n')
    }

    it('without a plan, stores every field as before', async () => {
      const user = `none-${randomUUID().slice(0, 8)}`
      await send(user, 'plain-marker')
      const stored = await events(user)
      expect(stored.find((e) => e.event === 'Product Viewed')?.properties).toMatchObject({
        secret: 'plain-marker',
      })
      expect(await violations()).toEqual([])
    })

    it('observe: stores the message as sent and counts the undeclared fields by name, SDK fields never', async () => {
      await savePlan('observe')
      const user = `obs-${randomUUID().slice(0, 8)}`
      const marker = `OBSERVED${randomUUID().replace(/-/g, '')}`
      await send(user, marker)
      const stored = await events(user)
      expect(stored.find((e) => e.event === 'Product Viewed')?.properties).toMatchObject({ secret: marker })
      const list = await violations()
      expect(list.map((v) => [v.event, v.field, v.count]).sort()).toEqual([
        [null, 'traits.fax', 1],
        ['Product Viewed', 'properties.secret', 1],
      ])
      expect(JSON.stringify(list)).not.toContain(marker)
    })

    it('strip: drops undeclared fields before storage — the marker is nowhere in the files or the WAL', async () => {
      await savePlan('strip')
      const user = `strip-${randomUUID().slice(0, 8)}`
      const marker = `STRIPPED${randomUUID().replace(/-/g, '')}`
      await send(user, marker)
      const stored = await events(user)
      const viewed = stored.find((e) => e.event === 'Product Viewed')
      expect(viewed?.properties).toEqual({ category: 'Boots' })
      expect(JSON.stringify(stored)).not.toContain(marker)
      expect(await countOf('properties.secret')).toBe(2)
      expect(await countOf('traits.fax')).toBe(2)
      await s.candor.audit.flush()
      if (dialect === 'sqlite') {
        const bytes = sqliteBytes()
        // The check can fail: names are stored (violations), the user id in the clear (identities).
        expect(bytes).toContain('properties.secret')
        expect(bytes).toContain(user)
        expect(bytes).not.toContain(marker)
      }
    })

    it('reject: refuses the messages naming the first undeclared field, and stores nothing of them', async () => {
      await savePlan('reject')
      const user = `rej-${randomUUID().slice(0, 8)}`
      await send(user, `REJECTED${randomUUID()}`)
      expect(await events(user)).toEqual([])
      const r = await s.call('GET', '/v1/ingest/rejections?limit=5', { key: s.keys.server.outdoor })
      const reasons = (
        r.json() as { rejections: { reason: string; field: string | null; batchIndex: number | null }[] }
      ).rejections
      expect(
        reasons
          .slice(0, 2)
          .map((x) => [x.reason, x.field])
          .sort(),
      ).toEqual([
        ['undeclared-field', 'properties.secret'],
        ['undeclared-field', 'traits.fax'],
      ])
      expect(await countOf('properties.secret')).toBe(3)
      // A declared message still goes through in reject mode, and a single-message endpoint says why it refuses.
      const ok = await s.app.inject({
        method: 'POST',
        url: '/v1/track',
        headers: { authorization: `Bearer ${s.keys.write.outdoor}` },
        payload: { userId: user, event: 'Product Viewed', properties: { category: 'Tents' } },
      })
      expect(ok.statusCode).toBe(200)
      const refused = await s.app.inject({
        method: 'POST',
        url: '/v1/track',
        headers: { authorization: `Bearer ${s.keys.write.outdoor}` },
        payload: { userId: user, event: 'Fax Sent', properties: {} },
      })
      expect(refused.statusCode).toBe(400)
      expect(refused.json().error).toMatchObject({ code: 'message-rejected', field: 'event' })
      expect((await events(user)).map((e) => e.properties)).toEqual([{ category: 'Tents' }])
    })
  })
}
