import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestServer, type TestServer } from '../support/http.js'

/** Guarantees added after a privacy review: each would fail if the hole reopened. */
describe('hardening', () => {
  let s: TestServer
  let key: string
  beforeAll(async () => {
    s = await createTestServer('sqlite')
    key = s.keys.server.outdoor as string
  })
  afterAll(() => s.close())

  const basic = () => `Basic ${Buffer.from(`${s.keys.write.outdoor}:`).toString('base64')}`
  const err = (r: { json(): unknown }) => (r.json() as { error: { code: string; field?: string } }).error

  it('fairness_audit is aggregate-only: no per-person view, interests or decision reads under it', async () => {
    await s.call('POST', '/v1/persons/fa-1/data-items', {
      key,
      body: {
        items: [{ key: 'gender', value: 'female', category: 'user.demographic.gender', source: 'stated' }],
      },
    })
    await s.call('POST', '/v1/persons/fa-1/consent', {
      key,
      body: { purpose: 'fairness_audit', state: 'granted' },
    })
    for (const url of [
      '/v1/persons/fa-1?purpose=fairness_audit',
      '/v1/persons/fa-1/interests?purpose=fairness_audit',
    ]) {
      const r = await s.call('GET', url, { key })
      expect(r.statusCode).toBe(400)
      expect(err(r)).toEqual(expect.objectContaining({ code: 'aggregate-only-purpose', field: 'purpose' }))
      expect(r.body).not.toContain('female')
    }
  })

  it("erasure at one brand keeps the person's all-brands choices that brand captured (they govern the other brands)", async () => {
    const email = 'hardening-all@example.com'
    const write = (brand: string, ref: string) =>
      s.call('POST', `/v1/persons/${ref}/data-items`, {
        key: s.keys.server[brand],
        body: {
          items: [
            { key: 'email', value: email, category: 'user.contact.email', source: 'stated', verified: true },
          ],
        },
      })
    await write('outdoor', 'all-o')
    await write('baby', 'all-b')
    await s.call('POST', '/v1/persons/all-o/consent', {
      key,
      body: { purpose: 'personalization', state: 'denied', scope: 'all_brands' },
    })
    await s.call('POST', '/v1/persons/all-b/consent', {
      key: s.keys.server.baby,
      body: { purpose: 'personalization', state: 'granted' },
    })
    await s.call('POST', '/v1/persons/all-o/consent', {
      key,
      body: { purpose: 'analytics', state: 'granted', scope: 'all_brands' },
    })
    const erased = await s.call('DELETE', '/v1/persons/all-o', { key })
    expect(erased.statusCode).toBe(200)
    const c = (await s.call('GET', '/v1/persons/all-b/consent', { key: s.keys.server.baby })).json() as {
      current: { purpose: string; granted: boolean; state: string }[]
    }
    expect(c.current.find((x) => x.purpose === 'analytics')).toMatchObject({
      granted: true,
      state: 'granted',
    })
    expect(c.current.find((x) => x.purpose === 'personalization')).toMatchObject({ granted: true })
  })

  it("identify traits re-sent by an SDK do not undo the person's rejection of that item", async () => {
    const send = (messageId: string) =>
      s.app.inject({
        method: 'POST',
        url: '/v1/identify',
        headers: { authorization: basic(), 'content-type': 'application/json' },
        payload: { userId: 'tr-1', messageId, traits: { email: 'tr-1@example.com' } },
      })
    expect((await send('tr-m1')).statusCode).toBe(200)
    const view = () =>
      s
        .call('GET', '/v1/persons/tr-1?purpose=essential', { key })
        .then(
          (r) =>
            r.json() as { items: { id: string; key: string }[]; excluded: { key: string; reason: string }[] },
        )
    const item = (await view()).items.find((i) => i.key === 'trait.email')
    expect(item).toBeDefined()
    expect(
      (await s.call('POST', `/v1/persons/tr-1/data-items/${item?.id}/rejection`, { key })).statusCode,
    ).toBe(204)
    expect((await send('tr-m2')).statusCode).toBe(200)
    const after = await view()
    expect(after.items.map((i) => i.key)).not.toContain('trait.email')
    expect(after.excluded).toContainEqual({
      key: 'trait.email',
      category: 'user.contact.email',
      brand: 'outdoor',
      reason: 'rejected-by-person',
    })
  })

  it('an explicit advertising denial (not only GPC) keeps advertising offers out of decisions', async () => {
    const topic = (
      await s.call('GET', '/v1/taxonomy/resolve?category=Outdoors%20%3E%20Camping', { key })
    ).json() as { topic: string }
    for (const [id, purpose] of [
      ['hd-ad', 'advertising'],
      ['hd-own', 'personalization'],
    ] as const) {
      const r = await s.call('POST', '/v1/offers', {
        key: s.keys.admin,
        body: {
          id,
          brand: 'outdoor',
          title: id,
          placements: ['hd_slot'],
          topics: { [topic.topic]: 1 },
          purpose,
        },
      })
      expect(r.statusCode).toBe(201)
    }
    await s.call('POST', '/v1/persons/ad-1/consent', {
      key,
      body: { purpose: 'advertising', state: 'denied' },
    })
    const d = (
      await s.call('POST', '/v1/decide', { key, body: { userId: 'ad-1', placement: 'hd_slot', limit: 5 } })
    ).json() as { items: { offerId: string }[] }
    expect(d.items.map((i) => i.offerId)).toEqual(['hd-own'])
    const other = (
      await s.call('POST', '/v1/decide', {
        key,
        body: { userId: 'ad-unknown', placement: 'hd_slot', limit: 5 },
      })
    ).json() as { items: { offerId: string }[] }
    expect(other.items.map((i) => i.offerId).sort()).toEqual(['hd-ad', 'hd-own'])
  })

  it('erasure removes the answers kept for Idempotency-Key replays, and requests are kept only as keyed hashes', async () => {
    const body = {
      items: [{ key: 'note', value: 'idem-marker-42', category: 'user.unclassified', source: 'stated' }],
    }
    const headers = { 'idempotency-key': 'idem-erase-1' }
    const first = await s.call('POST', '/v1/persons/idem-1/data-items', { key, body, headers })
    expect(first.statusCode).toBe(200)
    const stored = await s.candor.storage.data
      .selectFrom('idempotency')
      .selectAll()
      .where('key', '=', 'idem-erase-1')
      .execute()
    expect(stored).toHaveLength(1)
    expect(JSON.stringify(stored)).not.toContain('idem-marker-42')
    const receipt = (await s.call('DELETE', '/v1/persons/idem-1', { key })).json() as {
      removed: { table: string; count: number }[]
    }
    expect(receipt.removed).toContainEqual({ table: 'idempotency', count: 1 })
    const again = await s.call('POST', '/v1/persons/idem-1/data-items', { key, body, headers })
    expect(again.statusCode).toBe(200)
    expect(again.headers['idempotent-replayed']).toBeUndefined()
    expect((again.json() as { created: boolean }).created).toBe(true)
  })

  it('a sensitive-topic opt-in must name a sensitive topic, and the audit log never records the topic of a stated or rejected interest', async () => {
    const notSensitive = await s.call('POST', '/v1/persons/st-1/consent', {
      key,
      body: { purpose: 'personalization', state: 'granted', sensitiveTopic: 'outdoors.hiking' },
    })
    expect(notSensitive.statusCode).toBe(400)
    expect(err(notSensitive).field).toBe('sensitiveTopic')
    await s.call('POST', '/v1/persons/st-1/consent', {
      key,
      body: { purpose: 'personalization', state: 'granted' },
    })
    const r = await s.call('POST', '/v1/persons/st-1/interests', {
      key,
      body: { topic: 'health.weight_loss', state: 'rejected' },
    })
    expect(r.statusCode).toBe(200)
    await s.candor.audit.flush()
    const entries = await s.candor.audit.query({ limit: 500 })
    const interestEntries = entries.filter((e) => e.action.startsWith('interests.'))
    expect(interestEntries.length).toBeGreaterThan(0)
    expect(JSON.stringify(entries)).not.toContain('weight_loss')
  })
})
