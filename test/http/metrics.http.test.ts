import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestServer, type TestServer } from '../support/http.js'

/** The README's metrics table: name → type. */
function documented(): Map<string, string> {
  const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8')
  const section = readme.slice(
    readme.indexOf('## Metrics'),
    readme.indexOf('\n## ', readme.indexOf('## Metrics') + 1),
  )
  const rows = [...section.matchAll(/^\| `([a-z_:]+)` \| (counter|gauge|histogram|summary) \|/gm)]
  return new Map(rows.map((m) => [m[1] as string, m[2] as string]))
}

describe('the metrics the README lists', () => {
  let s: TestServer
  let served: Map<string, string>
  beforeAll(async () => {
    s = await createTestServer('sqlite', { auditAnchorUrl: 'http://127.0.0.1:9/anchor' })
    await s.call('GET', '/healthz')
    const r = await s.call('GET', '/metrics')
    expect(r.statusCode).toBe(200)
    served = new Map(
      [...r.body.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1] as string, m[2] as string]),
    )
  })
  afterAll(() => s.close())

  it('lists every candor_ metric /metrics serves, with its type', () => {
    const readme = documented()
    const ours = [...served].filter(([name]) => name.startsWith('candor_'))
    expect(ours.length).toBeGreaterThanOrEqual(6)
    expect(ours.filter(([name, type]) => readme.get(name) !== type)).toEqual([])
  })

  it('lists only metrics /metrics serves', () => {
    expect([...documented()].filter(([name, type]) => served.get(name) !== type)).toEqual([])
  })

  it('answers without a key, as the README says', async () => {
    const r = await s.app.inject({ method: 'GET', url: '/metrics' })
    expect(r.statusCode).toBe(200)
    expect(r.body).toMatch(/candor_http_requests_total\{route="\/healthz",method="GET",status="200"\} 1/)
  })
})
