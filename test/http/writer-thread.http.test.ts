/**
 * The writer thread (SQLite servers and `candor import` commit there, so no fsync blocks a
 * request): tracking, decisions and audit entries go through it and behave exactly as in-process —
 * 200 only after the commit, replays deduplicated, interests visible at once, decision logs and
 * audit entries durable on close — and its errors cross back with their codes (503 when it is gone).
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Candor, createCandor, masterKeySourceFor } from '../../src/app/create-candor.js'
import { WriterThread } from '../../src/app/writer/writer-client.js'
import { deserializeError, serializeError } from '../../src/app/writer/writer-protocol.js'
import { CandorError } from '../../src/kernel/errors.js'
import { sqliteHelpers } from '../../src/storage/dialects/sqlite.js'
import { createTestEnv, DIALECTS, type TestEnv } from '../support/dialects.js'
import { createTestServer, type TestServer } from '../support/http.js'

const DAY = 86_400_000
const uid = (p: string) => `${p}-${randomUUID().slice(0, 8)}`
const basic = (key: string | undefined) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`

describe('errors crossing the thread boundary', () => {
  it('a CandorError keeps its code and field; a driver error keeps its code (busy → storage unavailable)', () => {
    const back = deserializeError(serializeError(new CandorError('invalid-request', 'bad', 'limit')))
    expect(back).toBeInstanceOf(CandorError)
    expect(back).toMatchObject({ code: 'invalid-request', message: 'bad', field: 'limit', status: 400 })
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' })
    const driver = deserializeError(serializeError(busy))
    expect(driver).not.toBeInstanceOf(CandorError)
    expect(sqliteHelpers.isUnavailable(driver)).toBe(true)
    expect(deserializeError(serializeError('odd'))).toMatchObject({ message: 'odd' })
  })
})

const quiet = { warn: () => {}, info: () => {} }

/** A writer thread on a store that exists (migrated, master key written). */
const startThread = (env: TestEnv) =>
  WriterThread.start({ config: env.config, masterKeys: masterKeySourceFor(env.config).candidates() }, quiet)

describe('the writer thread itself', () => {
  const entry = (action: string) => ({
    actor: 'test',
    action,
    brandId: null,
    purpose: null,
    subject: null,
    itemIds: [],
    details: {},
  })

  it('commits what it is given; once closed it answers storage-unavailable', async () => {
    const env = createTestEnv('sqlite')
    await (await createCandor(env.config)).close()
    const thread = await startThread(env)
    await thread.call('audit', [entry('test.one'), entry('test.two')])
    await thread.close()
    await expect(thread.call('audit', [entry('test.three')])).rejects.toMatchObject({
      code: 'storage-unavailable',
    })
    const check = await createCandor(env.config)
    const actions = (await check.audit.query({ limit: 50 })).map((e) => e.action)
    expect(actions).toEqual(expect.arrayContaining(['test.one', 'test.two']))
    expect(actions).not.toContain('test.three')
    expect((await check.audit.verify()).ok).toBe(true)
    await check.close()
    await env.cleanup()
  })

  it('commits ingestion batches queued together in one transaction; a failing batch fails alone', async () => {
    const env = createTestEnv('sqlite')
    const setup = await createCandor(env.config)
    await setup.brands.add({ id: 'outdoor', name: 'Outdoor' })
    const message = (messageId: string) => {
      const r = setup.pipeline.processMessage(
        { type: 'track', event: 'Product Viewed', userId: 'u-group', messageId },
        { receivedAt: Date.now() },
      )
      if (r.type !== 'ok') throw new Error(r.reason)
      return r.value
    }
    const input = (brandId: string, ids: string[]) =>
      setup.ingestion.prepare({
        brandId,
        actor: 'test',
        endpoint: 'batch',
        receivedAt: Date.now(),
        messages: ids.map(message),
        rejected: [],
        gpc: false,
      })
    const thread = await startThread(env)
    // Sent together, so they queue up behind the first and commit as one group; the second names
    // a brand that does not exist (its events break a foreign key) and must not take the others down.
    const results = await Promise.allSettled([
      thread.call('ingest', input('outdoor', ['g-1', 'g-2'])),
      thread.call('ingest', input('nope', ['g-3'])),
      thread.call('ingest', input('outdoor', ['g-4', 'g-2'])),
      thread.call('ingest', input('outdoor', ['g-5'])),
    ])
    await thread.close()
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled'])
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : undefined))).toEqual([
      { accepted: 2, duplicates: 0, rejected: 0 },
      undefined,
      { accepted: 1, duplicates: 1, rejected: 0 },
      { accepted: 1, duplicates: 0, rejected: 0 },
    ])
    const personId = await setup.persons.resolve(setup.stores, 'outdoor', { kind: 'user', value: 'u-group' })
    const stored = await setup.stores.events.page(personId as string, 'outdoor', 50)
    expect(stored.map((e) => e.messageId).sort()).toEqual(['g-1', 'g-2', 'g-4', 'g-5'])
    await setup.close()
    await env.cleanup()
  })

  it('a thread that died is replaced by the next call, which commits as usual', async () => {
    const env = createTestEnv('sqlite')
    await (await createCandor(env.config)).close()
    const thread = await startThread(env)
    const worker = (thread as unknown as { worker: { terminate(): Promise<number> } }).worker
    await worker.terminate()
    await thread.call('audit', [entry('test.after-restart')])
    expect((thread as unknown as { worker: unknown }).worker).not.toBe(worker)
    await thread.close()
    const check = await createCandor(env.config)
    expect((await check.audit.query({ limit: 50 })).map((e) => e.action)).toContain('test.after-restart')
    expect((await check.audit.verify()).ok).toBe(true)
    await check.close()
    await env.cleanup()
  })

  it('fails to start without the master key, and says so instead of hanging', async () => {
    const env = createTestEnv('sqlite')
    await (await createCandor(env.config)).close()
    await expect(WriterThread.start({ config: env.config, masterKeys: [] }, quiet)).rejects.toThrow(
      /master key/,
    )
    await env.cleanup()
  })

  it('a read audited just before close is committed by the thread before it stops', async () => {
    const env = createTestEnv('sqlite', { writerThread: 'on', auditFlushMs: 50 })
    const candor = await createCandor(env.config, { writerThread: true })
    candor.audit.record(entry('test.before-close'))
    await candor.close()
    const check = await createCandor(env.config)
    expect((await check.audit.query({ limit: 50 })).map((e) => e.action)).toContain('test.before-close')
    await check.close()
    await env.cleanup()
  })
})

for (const dialect of DIALECTS) {
  describe(`a server with its writer thread (${dialect})`, () => {
    let s: TestServer
    let candor: Candor
    beforeAll(async () => {
      s = await createTestServer(dialect, { writerThread: 'on', auditFlushMs: 50 }, ['outdoor'], {
        writerThread: true,
      })
      candor = s.candor
    })
    afterAll(() => s.close())

    const batch = async (messages: readonly Record<string, unknown>[]) => {
      const res = await s.app.inject({
        method: 'POST',
        url: '/v1/batch',
        headers: { 'content-type': 'application/json', authorization: basic(s.keys.write.outdoor) },
        payload: JSON.stringify({ batch: messages }),
      })
      expect(res.statusCode, res.body).toBe(200)
    }
    const viewed = (ref: string, daysAgo: number) => ({
      type: 'track',
      event: 'Product Viewed',
      userId: ref,
      messageId: uid('m'),
      timestamp: new Date(Date.now() - daysAgo * DAY).toISOString(),
      properties: { category: 'Outdoors > Hiking > Boots', product_id: uid('p') },
    })

    it('acknowledges a batch after the thread committed it: events, dedupe and interests are there at once', async () => {
      const ref = uid('hiker')
      const grant = await s.call('POST', `/v1/persons/${ref}/consent`, {
        key: s.keys.server.outdoor,
        body: { purpose: 'personalization', state: 'granted' },
      })
      expect(grant.statusCode, grant.body).toBe(200)
      const views = [9, 6, 3].map((d) => viewed(ref, d))
      await batch(views)
      await batch(views)
      const events = await s.call('GET', `/v1/persons/${ref}/events?limit=50&purpose=personalization`, {
        key: s.keys.server.outdoor,
      })
      expect(events.statusCode, events.body).toBe(200)
      expect(
        (events.json() as { events: { messageId: string }[] }).events.map((e) => e.messageId).sort(),
      ).toEqual(views.map((v) => v.messageId).sort())
      const interests = await s.call('GET', `/v1/persons/${ref}/interests?purpose=personalization`, {
        key: s.keys.server.outdoor,
      })
      const hiking = (interests.json() as { interests: { topic: string; established: boolean }[] }).interests
      expect(hiking.some((i) => i.established && i.topic.includes('hiking'))).toBe(true)
    })

    it('logs decisions through the thread, and the person reads them back', async () => {
      const ref = uid('reader')
      await batch([viewed(ref, 1)])
      const offer = await s.call('POST', '/v1/offers', {
        key: s.keys.admin,
        body: { id: uid('offer'), brand: 'outdoor', title: 'Tent', placements: ['wt'], topics: {} },
      })
      expect(offer.statusCode, offer.body).toBe(201)
      const decide = await s.call('POST', '/v1/decide', {
        key: s.keys.server.outdoor,
        body: { userId: ref, placement: 'wt' },
      })
      expect(decide.statusCode, decide.body).toBe(200)
      const { decisionId } = decide.json() as { decisionId: string }
      const log = await s.call('GET', `/v1/persons/${ref}/decisions`, { key: s.keys.server.outdoor })
      expect(
        (log.json() as { decisions: { decisionId: string }[] }).decisions.map((d) => d.decisionId),
      ).toEqual([decisionId])
    })

    it("commits read audit entries on the thread's own chain, which verifies", async () => {
      const ref = uid('viewed')
      await batch([viewed(ref, 1)])
      const view = await s.call('GET', `/v1/persons/${ref}?purpose=personalization`, {
        key: s.keys.server.outdoor,
      })
      expect(view.statusCode, view.body).toBe(200)
      await candor.audit.flush()
      const entries = await candor.audit.query({ limit: 500 })
      const read = entries.find((e) => e.action === 'policy.view')
      expect(read).toBeDefined()
      // Not the request thread's chain: the writer thread appended it to its own.
      expect(read?.chainId).not.toBe(candor.audit.chainId)
      const verified = await candor.audit.verify()
      expect(verified.ok).toBe(true)
      expect(verified.chains).toBeGreaterThanOrEqual(2)
    })
  })
}
