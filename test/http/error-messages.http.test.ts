import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/dialects.js'
import { createTestServer, type TestServer } from '../support/http.js'

// Every refusal says how to fix it: the valid values, or where to find them.
for (const dialect of DIALECTS) {
  describe(`error messages on ${dialect}`, () => {
    let s: TestServer
    beforeAll(async () => {
      s = await createTestServer(dialect)
    })
    afterAll(() => s.close())
    const error = async (method: string, url: string, key: string, body?: unknown) => {
      const r = await s.call(method, url, { key, body })
      expect(r.statusCode, r.body).toBeGreaterThanOrEqual(400)
      expect(r.statusCode, r.body).toBeLessThan(500)
      return r.json().error as { code: string; message: string; field?: string }
    }

    it('an unknown purpose names the closest one, every one, and the endpoint describing them', async () => {
      const consent = await error('POST', '/v1/persons/ann/consent', s.keys.server.outdoor as string, {
        purpose: 'personalisation',
        state: 'granted',
      })
      expect(consent).toMatchObject({ code: 'unknown-purpose', field: 'purpose' })
      expect(consent.message).toContain('did you mean "personalization"?')
      expect(consent.message).toContain('essential, analytics, personalization')
      expect(consent.message).toContain('GET /v1/purposes')
      const missing = await error('GET', '/v1/persons/ann', s.keys.server.outdoor as string)
      expect(missing.field).toBe('querystring.purpose')
      expect(missing.message).toMatch(
        /^querystring\.purpose: missing\. The purposes: essential, .*GET \/v1\/purposes/,
      )
      const view = await error(
        'GET',
        '/v1/persons/ann?purpose=personalisation',
        s.keys.server.outdoor as string,
      )
      expect(view.message).toContain('did you mean "personalization"?')
      const listed = await s.call('GET', '/v1/purposes', { key: s.keys.server.outdoor })
      expect(listed.statusCode).toBe(200)
      expect(listed.json().purposes).toContainEqual(
        expect.objectContaining({ purpose: 'personalization', default: 'opt-in' }),
      )
    })

    it('an unknown data category names the closest one and the endpoint listing them', async () => {
      const e = await error('POST', '/v1/persons/ann/data-items', s.keys.server.outdoor as string, {
        items: [{ key: 'email', value: 'a@example.com', category: 'user.contact.emial', source: 'stated' }],
      })
      expect(e).toMatchObject({ code: 'unknown-category', field: 'items[0].category' })
      expect(e.message).toContain('did you mean "user.contact.email"?')
      expect(e.message).toContain('GET /v1/categories')
      const listed = await s.call('GET', '/v1/categories', { key: s.keys.admin })
      expect(listed.statusCode).toBe(200)
      expect(listed.json().categories).toContainEqual(
        expect.objectContaining({ name: 'user.demographic.gender', sensitive: true }),
      )
    })

    it('a sensitive topic that does not exist says so; a topic that is not sensitive says that', async () => {
      const missing = await error('POST', '/v1/persons/ann/consent', s.keys.server.outdoor as string, {
        purpose: 'personalization',
        state: 'granted',
        sensitiveTopic: 'health.no_such_topic',
      })
      expect(missing).toMatchObject({ code: 'unknown-topic', field: 'sensitiveTopic' })
      expect(missing.message).toContain('there is no interest topic "health.no_such_topic"')
      expect(missing.message).toContain('GET /v1/taxonomy/topics')
      const plain = await error('POST', '/v1/persons/ann/consent', s.keys.server.outdoor as string, {
        purpose: 'personalization',
        state: 'granted',
        sensitiveTopic: 'outdoors.hiking',
      })
      expect(plain.message).toContain('outdoors.hiking is not a sensitive topic')
    })

    it('a key of the wrong kind is told which kind the endpoint needs, in plain English', async () => {
      const e = await error('GET', '/v1/brands', s.keys.server.outdoor as string)
      expect(e.code).toBe('forbidden')
      expect(e.message).toBe('this endpoint needs an admin key, not a server key')
    })
  })
}
