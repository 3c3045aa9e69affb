/**
 * Platform concerns over HTTP: health and readiness, Prometheus metrics, the OpenAPI document
 * (linted, and in sync with the error and exclusion-reason catalogues), security headers, the
 * JSON 404, per-key rate limiting, and the log-capture test: person data never reaches the log.
 */
import { randomUUID } from 'node:crypto'
import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ERROR_CODES } from '../../src/kernel/errors.js'
import { EXCLUSION_REASONS } from '../../src/modules/policy/policy.js'
import { createTestServer, type TestServer } from '../support/http.js'

interface ApiError {
  code: string
  message: string
  field?: string
}

function errorOf(res: LightMyRequestResponse): ApiError {
  const body = res.json() as { error?: ApiError }
  if (!body.error) throw new Error(`expected an error body, got ${res.statusCode} ${res.body}`)
  return body.error
}

interface OpenApiOperation {
  operationId?: string
  tags?: string[]
  responses?: Record<string, unknown>
}

interface OpenApiDoc {
  openapi?: string
  info?: { title?: string; description?: string }
  paths?: Record<string, Record<string, OpenApiOperation>>
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options'])

describe('platform', () => {
  let s: TestServer
  beforeAll(async () => {
    s = await createTestServer('sqlite')
  })
  afterAll(async () => {
    await s?.close()
  })

  describe('health and metrics', () => {
    it('/healthz answers 200 without a key', async () => {
      const res = await s.call('GET', '/healthz')
      expect(res.statusCode).toBe(200)
      expect(res.json()).toEqual({ ok: true })
    })

    it('/readyz answers 200 when the store answers', async () => {
      const res = await s.call('GET', '/readyz')
      expect(res.statusCode).toBe(200)
      expect(res.json()).toEqual({ ok: true })
    })

    it('/metrics is Prometheus text with candor_http_requests_total counting API calls', async () => {
      await s.call('GET', '/v1/persons/metrics-nobody?purpose=essential', { key: s.keys.server.outdoor })
      const res = await s.call('GET', '/metrics')
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toMatch(/^text\/plain/)
      expect(res.body).toContain('# TYPE candor_http_requests_total counter')
      expect(res.body).toMatch(
        /candor_http_requests_total\{[^}]*route="\/v1\/persons\/:ref"[^}]*status="404"[^}]*\} [1-9]/,
      )
      expect(res.body).toContain('candor_http_request_duration_seconds')
      // The person ref never becomes a label.
      expect(res.body).not.toContain('metrics-nobody')
    })
  })

  describe('OpenAPI document', () => {
    let doc: OpenApiDoc
    let text = ''
    beforeAll(async () => {
      const res = await s.call('GET', '/docs/json')
      expect(res.statusCode).toBe(200)
      text = res.body
      doc = res.json() as OpenApiDoc
    })

    const operations = (): { where: string; op: OpenApiOperation }[] =>
      Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
        Object.entries(item)
          .filter(([method]) => HTTP_METHODS.has(method))
          .map(([method, op]) => ({ where: `${method.toUpperCase()} ${path}`, op })),
      )

    it('is an OpenAPI 3 document listing the API routes', () => {
      expect(doc.openapi).toMatch(/^3\./)
      const wheres = operations().map((o) => o.where)
      expect(wheres).toEqual(
        expect.arrayContaining([
          'POST /v1/persons/{ref}/data-items',
          'POST /v1/persons/{ref}/data-items/{itemId}/rejection',
          'GET /v1/persons/{ref}',
          'GET /v1/persons/{ref}/export',
          'POST /v1/persons/{ref}/consent',
          'GET /v1/persons/{ref}/consent',
          'DELETE /v1/persons/{ref}',
          'POST /v1/brands',
          'GET /v1/brands',
          'GET /v1/audit',
          'GET /v1/audit/verify',
        ]),
      )
    })

    it('every operation has an operationId, a tag and (but the operational routes) a 4xx response', () => {
      const ops = operations()
      expect(ops.length).toBeGreaterThanOrEqual(11)
      const problems: string[] = []
      const ids = new Set<string>()
      for (const { where, op } of ops) {
        if (typeof op.operationId !== 'string' || op.operationId === '')
          problems.push(`${where}: no operationId`)
        else if (ids.has(op.operationId)) problems.push(`${where}: duplicate operationId ${op.operationId}`)
        else ids.add(op.operationId)
        if (!Array.isArray(op.tags) || op.tags.length === 0) problems.push(`${where}: no tags`)
        // The keyless operational routes (/, /healthz, /readyz, /metrics) refuse nothing, nor does
        // the control center's page at /me (the calls it makes to /v1/me do).
        if (
          !op.tags?.includes('operations') &&
          op.operationId !== 'controlCenterPage' &&
          !Object.keys(op.responses ?? {}).some((status) => /^4\d\d$/.test(status))
        )
          problems.push(`${where}: no 4xx response`)
      }
      expect(problems).toEqual([])
    })

    it('every error code of the catalogue appears in the document', () => {
      const missing = ERROR_CODES.filter((code) => !text.includes(code))
      expect(missing).toEqual([])
      expect(ERROR_CODES.length).toBeGreaterThan(10)
    })

    it('every exclusion reason appears in the document', () => {
      const missing = EXCLUSION_REASONS.filter((reason) => !text.includes(reason))
      expect(missing).toEqual([])
    })
  })

  describe('HTTP hygiene', () => {
    it('security headers are set on API answers, errors and health', async () => {
      const answers = [
        await s.call('GET', '/healthz'),
        await s.call('GET', '/v1/brands', { key: s.keys.admin }),
        await s.call('GET', '/v1/brands'),
        await s.call('GET', '/no/such/route'),
      ]
      for (const res of answers) {
        expect(res.headers['x-content-type-options']).toBe('nosniff')
        expect(res.headers['x-frame-options']).toBe('SAMEORIGIN')
        expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/)
        expect(res.headers['x-powered-by']).toBeUndefined()
      }
    })

    it('an unknown route → 404 not-found as JSON with a request id', async () => {
      for (const url of ['/no/such/route', '/v1/nothing-here', '/v1/persons/u1/whatever']) {
        const res = await s.call('GET', url, { key: s.keys.server.outdoor })
        expect(res.statusCode).toBe(404)
        expect(res.headers['content-type']).toMatch(/^application\/json/)
        expect(errorOf(res).code).toBe('not-found')
        expect((res.json() as { requestId?: string }).requestId).toMatch(/\S/)
      }
    })

    it('an unsupported method on a known path → 404 not-found JSON, never 500', async () => {
      const res = await s.call('PUT', '/v1/brands', { key: s.keys.admin, body: {} })
      expect(res.statusCode).toBe(404)
      expect(errorOf(res).code).toBe('not-found')
    })

    it('every error answer carries the request id and the catalogued shape', async () => {
      const res = await s.call('GET', '/v1/persons/nobody-here?purpose=essential', {
        key: s.keys.server.outdoor,
      })
      expect(res.statusCode).toBe(404)
      const body = res.json() as { error: ApiError; requestId: string }
      expect(Object.keys(body).sort()).toEqual(['error', 'requestId'])
      expect(body.error).toEqual({ code: 'person-not-found', message: expect.any(String), field: 'ref' })
      expect(body.requestId).toMatch(/^req_/)
    })
  })
})

describe('rate limiting', () => {
  let s: TestServer
  beforeAll(async () => {
    s = await createTestServer('sqlite', { rateLimit: 3 })
  })
  afterAll(async () => {
    await s?.close()
  })

  it('the 4th quick request with one key → 429 rate-limited with retry-after; another key still passes', async () => {
    const url = '/v1/persons/rl-nobody?purpose=essential'
    const statuses: number[] = []
    let last: LightMyRequestResponse | undefined
    for (let i = 0; i < 4; i++) {
      last = await s.call('GET', url, { key: s.keys.server.outdoor })
      statuses.push(last.statusCode)
    }
    expect(statuses).toEqual([404, 404, 404, 429])
    if (!last) throw new Error('no answer')
    expect(errorOf(last).code).toBe('rate-limited')
    expect(last.headers['retry-after']).toMatch(/^\d+$/)
    const other = await s.call('GET', url, { key: s.keys.server.baby })
    expect(other.statusCode).toBe(404)
    expect(errorOf(other).code).toBe('person-not-found')
    const admin = await s.call('GET', '/v1/audit/verify', { key: s.keys.admin })
    expect(admin.statusCode).toBe(200)
  })
})

describe('log capture: no person data in the log', () => {
  let s: TestServer
  const tag = randomUUID().replace(/-/g, '').slice(0, 12)
  const userId = `uid${tag}marker`
  const anonId = `anon${tag}marker`
  const email = `marker-${tag}@example.com`
  const name = `Zyx${tag}`
  const street = `Qwv${tag} Street 1`
  const evidence = `evidence${tag}`
  const markers = [tag, userId, anonId, email, name, street, evidence]

  beforeAll(async () => {
    s = await createTestServer('sqlite')
  })
  afterAll(async () => {
    await s?.close()
  })

  it('writes, views, exports, consent, erasure and errors carrying person data leave no trace in the log', async () => {
    const key = s.keys.server.outdoor
    const ok = (res: LightMyRequestResponse, status = 200) => expect(res.statusCode, res.body).toBe(status)
    ok(
      await s.call('POST', `/v1/persons/${userId}/data-items`, {
        key,
        headers: { 'idempotency-key': `idem-${tag}` },
        body: {
          items: [
            { key: 'email', value: email, category: 'user.contact.email', source: 'stated', verified: true },
            { key: 'name', value: name, category: 'user.name', source: 'stated' },
            { key: 'street', value: street, category: 'user.contact.address', source: 'stated' },
            { key: 'gender', value: name, category: 'user.demographic.gender', source: 'stated' },
          ],
        },
      }),
    )
    ok(
      await s.call('POST', `/v1/persons/${userId}/consent`, {
        key,
        body: { purpose: 'personalization', state: 'granted', evidence },
      }),
    )
    ok(await s.call('GET', `/v1/persons/${userId}?purpose=personalization`, { key }))
    ok(await s.call('GET', `/v1/persons/${userId}?purpose=essential&note=${tag}`, { key }))
    ok(await s.call('GET', `/v1/persons/${userId}/consent`, { key }))
    const exported = await s.call('GET', `/v1/persons/${userId}/export`, { key })
    ok(exported)
    // The data really went through the server: the answer has it, the log must not.
    expect(exported.body).toContain(email)
    expect(exported.body).toContain(name)
    ok(
      await s.call('POST', `/v1/persons/anonymousId:${anonId}/data-items`, {
        key,
        body: { items: [{ key: 'n', value: name, category: 'user.name', source: 'stated' }] },
      }),
    )
    ok(await s.call('GET', `/v1/persons/anonymousId:${anonId}/export`, { key }))

    // Errors carrying person data: unknown category, bad source, invalid JSON, wrong content type,
    // unknown person, a rejection of a missing item, a 404 route.
    ok(
      await s.call('POST', `/v1/persons/${userId}/data-items`, {
        key,
        body: { items: [{ key: 'x', value: email, category: `user.${tag}`, source: 'stated' }] },
      }),
      400,
    )
    ok(
      await s.call('POST', `/v1/persons/${userId}/data-items`, {
        key,
        body: { items: [{ key: 'x', value: name, category: 'user.name', source: name }] },
      }),
      400,
    )
    ok(
      await s.call('POST', `/v1/persons/${userId}/data-items`, {
        key,
        body: `{"items":[{"key":"x","value":"${email}"`,
        headers: { 'content-type': 'application/json' },
      }),
      400,
    )
    const wrongType = await s.call('POST', `/v1/persons/${userId}/data-items`, {
      key,
      body: `email=${email}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(wrongType.statusCode).toBeGreaterThanOrEqual(400)
    expect(wrongType.statusCode).toBeLessThan(500)
    ok(await s.call('GET', `/v1/persons/${name}?purpose=essential`, { key }), 404)
    ok(await s.call('POST', `/v1/persons/${userId}/data-items/itm_doesnotexist/rejection`, { key }), 404)
    ok(await s.call('GET', `/v1/persons/${userId}/nothing-here?email=${email}`, { key }), 404)
    ok(await s.call('GET', `/v1/persons/${userId}?purpose=${tag}`, { key }), 400)

    const erased = await s.call('DELETE', `/v1/persons/${userId}?suppress=true`, { key })
    ok(erased)
    ok(
      await s.call('POST', `/v1/persons/${userId}/data-items`, {
        key,
        body: { items: [{ key: 'name', value: name, category: 'user.name', source: 'stated' }] },
      }),
      409,
    )
    await s.candor.audit.flush()

    expect(s.logs.length).toBeGreaterThan(10)
    // The log did record these requests (masked).
    expect(s.logs.some((l) => l.includes('/v1/persons/:ref'))).toBe(true)
    const leaks = s.logs.filter((line) => markers.some((m) => line.includes(m)))
    expect(leaks).toEqual([])
    // No ERROR-level line in a healthy run (pino level 50 and above).
    const errors = s.logs.filter((l) => {
      const level = (JSON.parse(l) as { level?: number }).level
      return level !== undefined && level >= 50
    })
    expect(errors).toEqual([])
  })
})
