/**
 * What the browser SDKs read and send besides the tracking paths (issue 15): analytics.js'
 * settings document (`GET /v1/projects/{writeKey}/settings`, for `cdnURL` pointed at Candor) and
 * RudderStack's beacon batch (`POST /beacon/v1/batch?writeKey=…`). Both only for a valid write
 * key, with CORS for the brand's origins; the key in the path never reaches the log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestServer, type TestServer } from '../support/http.js'

describe('SDK settings and beacon routes', () => {
  let s: TestServer
  beforeAll(async () => {
    s = await createTestServer('sqlite')
  })
  afterAll(() => s.close())

  it('analytics.js settings: Segment.io pointed back at this Candor, nothing else enabled; only for a write key', async () => {
    const key = s.keys.write.outdoor as string
    const res = await s.call('GET', `/v1/projects/${key}/settings`, {
      headers: { host: 'candor.example:8443', origin: 'https://outdoor.example' },
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.headers['access-control-allow-origin']).toBe('https://outdoor.example')
    const body = res.json() as {
      integrations: Record<string, { apiKey: string; apiHost: string; protocol: string }>
      metrics: { sampleRate: number }
      remotePlugins: unknown[]
    }
    expect(Object.keys(body.integrations)).toEqual(['Segment.io'])
    expect(body.integrations['Segment.io']).toMatchObject({
      apiKey: key,
      apiHost: 'candor.example:8443/v1',
      protocol: 'http',
    })
    // No remote metrics to api.segment.io (or anywhere), no remote plugins.
    expect(body.metrics.sampleRate).toBe(0)
    expect(body.remotePlugins).toEqual([])
    for (const [bad, status] of [
      ['wk_not-a-key', 401],
      [s.keys.server.outdoor as string, 403],
    ] as const) {
      const refused = await s.call('GET', `/v1/projects/${encodeURIComponent(bad)}/settings`)
      expect(refused.statusCode, bad).toBe(status)
      expect(refused.body).not.toContain('integrations')
    }
    // The write key in the path is masked in the request log.
    expect(s.logs.join('\n')).not.toContain(key)
    expect(s.logs.join('\n')).toContain('/v1/projects/:writeKey/settings')
  })

  it('analytics.js settings behind a trusted proxy name the forwarded host and scheme', async () => {
    const behind = await createTestServer('sqlite', { trustProxy: ['127.0.0.1'] }, ['outdoor'])
    try {
      const res = await behind.call('GET', `/v1/projects/${behind.keys.write.outdoor}/settings`, {
        headers: { 'x-forwarded-host': 'track.example.com', 'x-forwarded-proto': 'https' },
      })
      expect(res.statusCode, res.body).toBe(200)
      expect(
        (res.json() as { integrations: Record<string, unknown> }).integrations['Segment.io'],
      ).toMatchObject({ apiHost: 'track.example.com/v1', protocol: 'https' })
    } finally {
      await behind.close()
    }
  })

  it('RudderStack beacon: text/plain batch with the write key in the query; a wrong key stores nothing', async () => {
    const key = s.keys.write.outdoor as string
    const batch = (userId: string, messageId: string) =>
      JSON.stringify({
        batch: [{ type: 'track', event: 'Checkout Started', userId, messageId, channel: 'web' }],
        sentAt: new Date().toISOString(),
      })
    const ok = await s.app.inject({
      method: 'POST',
      url: `/beacon/v1/batch?writeKey=${encodeURIComponent(key)}`,
      headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'https://outdoor.example' },
      payload: batch('beacon-1', 'b-m-1'),
    })
    expect(ok.statusCode, ok.body).toBe(200)
    const wrong = await s.app.inject({
      method: 'POST',
      url: '/beacon/v1/batch?writeKey=wk_not-a-key',
      headers: { 'content-type': 'text/plain' },
      payload: batch('beacon-2', 'b-m-2'),
    })
    expect(wrong.statusCode).toBe(401)
    const otherOrigin = await s.app.inject({
      method: 'POST',
      url: `/beacon/v1/batch?writeKey=${encodeURIComponent(key)}`,
      headers: { 'content-type': 'text/plain', origin: 'https://evil.example' },
      payload: batch('beacon-3', 'b-m-3'),
    })
    expect(otherOrigin.statusCode).toBe(403)
    const server = s.keys.server.outdoor as string
    const read = async (ref: string) =>
      s.call('GET', `/v1/persons/${ref}/events?purpose=analytics`, { key: server })
    expect(((await read('beacon-1')).json() as { events: unknown[] }).events).toHaveLength(1)
    expect((await read('beacon-2')).statusCode).toBe(404)
    expect((await read('beacon-3')).statusCode).toBe(404)
    expect(s.logs.join('\n')).not.toContain(key)
  })
})
