/**
 * Two Candor nodes on one store (issue 4, DESIGN "Scale-out"): caches must stay correct when
 * several nodes share a database. A consent withdrawal through node A is honoured by node B on
 * its very next decision, and an erasure through A makes B treat the person as unknown.
 */
import { randomUUID } from 'node:crypto'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Candor, createCandor } from '../../src/app/create-candor.js'
import { buildServer } from '../../src/http/build-server.js'
import { createTestEnv, DIALECTS, type TestEnv } from '../support/dialects.js'

interface DecisionBody {
  decisionId: string
  personalized: boolean
  fallbackReason?: string
  items: { offerId: string; explanation: { factors: { kind: string }[] } }[]
}

const uid = (label: string): string => `${label}-${randomUUID().slice(0, 8)}`
const DAY = 86_400_000
const dayAt = (daysAgo: number): string => {
  const d = new Date()
  d.setUTCHours(12, 0, 0, 0)
  return new Date(d.getTime() - daysAgo * DAY).toISOString()
}
const basic = (key: string): string => `Basic ${Buffer.from(`${key}:`).toString('base64')}`

interface Node {
  readonly candor: Candor
  readonly app: FastifyInstance
}

function call(
  node: Node,
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  key: string,
  body?: unknown,
): Promise<LightMyRequestResponse> {
  return node.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${key}` },
    ...(body === undefined ? {} : { payload: body as object }),
  })
}

for (const dialect of DIALECTS) {
  describe(`decisions across two nodes on one store (${dialect})`, () => {
    let env: TestEnv
    let a: Node
    let b: Node
    let serverKey: string
    let writeKey: string
    let adminKey: string
    let hikingTopic: string
    let hikingOffer: string
    let placement: string

    const decide = async (node: Node, userId: string): Promise<DecisionBody> => {
      const res = await call(node, 'POST', '/v1/decide', serverKey, { userId, placement, limit: 3 })
      expect(res.statusCode, res.body).toBe(200)
      return res.json() as DecisionBody
    }

    /** Through node A: grant personalization and view hiking boots on 4 distinct UTC days. */
    const hikerThroughA = async (): Promise<string> => {
      const ref = uid('hiker')
      const granted = await call(a, 'POST', `/v1/persons/${ref}/consent`, serverKey, {
        purpose: 'personalization',
        state: 'granted',
      })
      expect(granted.statusCode, granted.body).toBe(200)
      const batch = await a.app.inject({
        method: 'POST',
        url: '/v1/batch',
        headers: { 'content-type': 'application/json', authorization: basic(writeKey) },
        payload: JSON.stringify({
          batch: [9, 6, 4, 1].map((d) => ({
            type: 'track',
            userId: ref,
            event: 'Product Viewed',
            messageId: uid('m'),
            timestamp: dayAt(d),
            sentAt: new Date().toISOString(),
            properties: { product_id: uid('p'), category: 'Outdoors > Hiking > Boots' },
          })),
        }),
      })
      expect(batch.statusCode, batch.body).toBe(200)
      return ref
    }

    beforeAll(async () => {
      env = createTestEnv(dialect)
      const candorA = await createCandor(env.config)
      // The second node starts on the store the first one migrated.
      const candorB = await createCandor(env.config)
      a = { candor: candorA, app: await buildServer(candorA) }
      b = { candor: candorB, app: await buildServer(candorB) }
      await candorA.brands.add({
        id: 'outdoor',
        name: 'Outdoor',
        allowedOrigins: ['https://outdoor.example'],
      })
      serverKey = (await candorA.apiKeys.create({ kind: 'server', brandId: 'outdoor' })).key
      writeKey = (await candorA.apiKeys.create({ kind: 'write', brandId: 'outdoor' })).key
      adminKey = (await candorA.apiKeys.create({ kind: 'admin' })).key

      const resolved = await call(
        a,
        'GET',
        `/v1/taxonomy/resolve?category=${encodeURIComponent('Outdoors > Hiking > Boots')}`,
        serverKey,
      )
      expect(resolved.statusCode, resolved.body).toBe(200)
      hikingTopic = (resolved.json() as { topic: string }).topic

      placement = uid('home')
      hikingOffer = uid('hiking')
      for (const o of [
        { id: hikingOffer, topics: { [hikingTopic]: 1 }, priority: -10 },
        { id: uid('editorial'), topics: {}, priority: 10 },
      ]) {
        const res = await call(a, 'POST', '/v1/offers', adminKey, {
          brand: 'outdoor',
          title: o.id,
          placements: [placement],
          ...o,
        })
        expect(res.statusCode, res.body).toBe(201)
      }
    })

    afterAll(async () => {
      await a?.app.close()
      await b?.app.close()
      await a?.candor.close()
      await b?.candor.close()
      await env?.cleanup()
    })

    it('a consent withdrawal through A is honoured by B on its very next decision', async () => {
      const ref = await hikerThroughA()
      const before = await decide(b, ref)
      expect(before.personalized).toBe(true)
      expect(before.fallbackReason).toBeUndefined()
      expect(before.items[0]?.offerId).toBe(hikingOffer)
      expect(before.items[0]?.explanation.factors.map((f) => f.kind)).toEqual(['interest'])

      const withdrawn = await call(a, 'POST', `/v1/persons/${ref}/consent`, serverKey, {
        purpose: 'personalization',
        state: 'withdrawn',
      })
      expect(withdrawn.statusCode, withdrawn.body).toBe(200)

      const after = await decide(b, ref)
      expect(after.personalized).toBe(false)
      expect(after.fallbackReason).toBe('no-consent')
      expect(after.items[0]?.offerId).not.toBe(hikingOffer)
      for (const i of after.items)
        for (const f of i.explanation.factors) expect(['popularity', 'editorial']).toContain(f.kind)

      // And a new grant through A is honoured by B again.
      const regranted = await call(a, 'POST', `/v1/persons/${ref}/consent`, serverKey, {
        purpose: 'personalization',
        state: 'granted',
      })
      expect(regranted.statusCode, regranted.body).toBe(200)
      expect((await decide(b, ref)).personalized).toBe(true)
    })

    it("an erasure through A: B's next decision is unknown-person and B's decision log is 404", async () => {
      const ref = await hikerThroughA()
      const before = await decide(b, ref)
      expect(before.personalized).toBe(true)
      // B has logged a decision for the person.
      const log = await call(b, 'GET', `/v1/persons/${ref}/decisions`, serverKey)
      expect(log.statusCode, log.body).toBe(200)
      expect((log.json() as { decisions: DecisionBody[] }).decisions.map((d) => d.decisionId)).toEqual([
        before.decisionId,
      ])

      const erased = await call(a, 'DELETE', `/v1/persons/${ref}`, serverKey)
      expect(erased.statusCode, erased.body).toBe(200)

      const after = await decide(b, ref)
      expect(after.personalized).toBe(false)
      expect(after.fallbackReason).toBe('unknown-person')
      const gone = await call(b, 'GET', `/v1/persons/${ref}/decisions`, serverKey)
      expect(gone.statusCode, gone.body).toBe(404)
      expect((gone.json() as { error: { code: string } }).error.code).toBe('person-not-found')
      // A agrees.
      expect((await call(a, 'GET', `/v1/persons/${ref}/decisions`, serverKey)).statusCode).toBe(404)
    })
  })
}
