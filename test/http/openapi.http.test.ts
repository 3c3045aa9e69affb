import { Ajv } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { routesOf } from '../../src/http/openapi-docs.js'
import { createTestServer, type TestServer } from '../support/http.js'

// ajv-formats is CommonJS: its default export is the function.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => void

interface Media {
  schema?: Record<string, unknown>
  example?: unknown
  examples?: unknown
}

interface Operation {
  operationId?: string
  tags?: string[]
  summary?: string
  description?: string
  requestBody?: { content: Record<string, Media> }
  responses?: Record<string, { content?: Record<string, Media> }>
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

  /** The examples a body or answer shows: on the media type or on its schema. */
  const examplesOf = (media: Media): unknown[] => {
    if (media.example !== undefined) return [media.example]
    if (media.examples && typeof media.examples === 'object')
      return Array.isArray(media.examples)
        ? media.examples
        : Object.values(media.examples as Record<string, { value?: unknown }>).map((e) => e.value)
    const onSchema =
      media.schema?.examples ?? (media.schema?.example === undefined ? undefined : [media.schema.example])
    return Array.isArray(onSchema) ? onSchema : []
  }

  it('shows an example of every request body and every answer with a body, and each example fits its schema', () => {
    const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: true })
    addFormats(ajv)
    const toJsonSchema = (schema: unknown): unknown => {
      if (Array.isArray(schema)) return schema.map(toJsonSchema)
      if (!schema || typeof schema !== 'object') return schema
      const out: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(schema))
        if (k !== 'examples' && k !== 'example') out[k] = toJsonSchema(v)
      if (out.nullable === true) {
        const { nullable: _n, ...rest } = out
        return { anyOf: [rest, { type: 'null' }] }
      }
      return out
    }
    const missing: string[] = []
    const wrong: string[] = []
    let checked = 0
    for (const [path, ops] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(ops)) {
        // The control center's own routes (issue 16) document theirs as they land.
        if (op.tags?.includes('control-center')) continue
        const name = `${method.toUpperCase()} ${path}`
        const media: [string, Media][] = [
          ...Object.entries(op.requestBody?.content ?? {}).map(
            ([ct, m]) => [`${name} request ${ct}`, m] as [string, Media],
          ),
          ...Object.entries(op.responses ?? {})
            .filter(([status]) => /^2\d\d$/.test(status) && status !== '204')
            .flatMap(([status, r]) =>
              Object.entries(r.content ?? {}).map(
                ([ct, m]) => [`${name} ${status} ${ct}`, m] as [string, Media],
              ),
            ),
        ]
        for (const [where, m] of media) {
          const examples = examplesOf(m)
          if (examples.length === 0) {
            missing.push(where)
            continue
          }
          if (!m.schema || where.includes('text/plain')) continue
          const validate = ajv.compile(toJsonSchema(m.schema) as object)
          for (const example of examples) {
            checked++
            if (!validate(example)) wrong.push(`${where}: ${ajv.errorsText(validate.errors)}`)
          }
        }
      }
    }
    expect(missing).toEqual([])
    expect(wrong).toEqual([])
    expect(checked).toBeGreaterThan(30)
  })

  it('GET / points to the reference', async () => {
    const r = await s.call('GET', '/')
    expect(r.statusCode).toBe(200)
    expect(r.json()).toMatchObject({ docs: '/docs', openapi: '/docs/json' })
  })
})
