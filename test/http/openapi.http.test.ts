import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { routesOf } from '../../src/http/openapi-docs.js'
import { createTestServer, type TestServer } from '../support/http.js'

interface Operation {
  summary?: string
  description?: string
  requestBody?: { content: Record<string, { schema?: unknown; example?: unknown; examples?: unknown }> }
  responses?: Record<string, { content?: Record<string, { schema?: unknown; example?: unknown }> }>
}

describe('the OpenAPI document', () => {
  let s: TestServer
  let paths: Record<string, Record<string, Operation>>
  beforeAll(async () => {
    s = await createTestServer('sqlite')
    const r = await s.call('GET', '/docs/json')
    paths = r.json().paths
  })
  afterAll(() => s.close())

  /** Every route the server answers, but the reference pages themselves and CORS preflights. */
  const served = () =>
    routesOf(s.app)
      .filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS')
      .filter((r) => !r.url.startsWith('/docs'))
      .map((r) => `${r.method} ${r.url.replace(/:([A-Za-z]+)/g, '{$1}')}`)

  it('covers every route the server answers', () => {
    const documented = new Set(
      Object.entries(paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
      ),
    )
    const routes = served()
    expect(routes.length).toBeGreaterThan(40)
    expect(routes.filter((r) => !documented.has(r))).toEqual([])
  })

  it('describes every operation in a sentence or more', () => {
    const missing = Object.entries(paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => !op.summary)
        .map(([m]) => `${m.toUpperCase()} ${path}`),
    )
    expect(missing).toEqual([])
  })

  it('shows the tracking routes with their body and an example, and the health and metrics routes', () => {
    const track = paths['/v1/track']?.post
    expect(track?.requestBody?.content['application/json']).toBeDefined()
    expect(JSON.stringify(track?.requestBody)).toContain('Product Viewed')
    expect(paths['/v1/t']?.post?.requestBody?.content['text/plain']).toBeDefined()
    expect(paths['/v1/batch']?.post).toBeDefined()
    expect(paths['/healthz']?.get).toBeDefined()
    expect(paths['/readyz']?.get?.responses?.['503']).toBeDefined()
    expect(paths['/metrics']?.get?.responses?.['200']?.content?.['text/plain']).toBeDefined()
  })

  it('GET / points to the reference', async () => {
    const r = await s.call('GET', '/')
    expect(r.statusCode).toBe(200)
    expect(r.json()).toMatchObject({ docs: '/docs', openapi: '/docs/json' })
  })
})
