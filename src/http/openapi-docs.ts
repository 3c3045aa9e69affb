import type { FastifyInstance } from 'fastify'
import { jsonSchemaTransform } from 'fastify-type-provider-zod'
import { OPERATION_EXAMPLES } from './openapi-examples.js'

/**
 * The route-schema key for OpenAPI that only the document shows: request bodies Fastify must not
 * parse or validate (the tracking routes take raw bytes) and answers it must not serialize
 * (Prometheus text). Plain JSON Schemas, each with an example.
 */
export const DOC_ONLY = 'x-candor-doc'

export interface DocOnly {
  readonly body?: {
    readonly contentTypes: readonly string[]
    readonly schema: Record<string, unknown>
    readonly example: unknown
  }
  readonly responses: Readonly<
    Record<
      number,
      {
        readonly description: string
        readonly contentType?: string
        readonly schema?: Record<string, unknown>
        readonly example?: unknown
      }
    >
  >
}

/** `jsonSchemaTransform`, then the {@link DOC_ONLY} schemas of the routes that have them. */
export const openApiTransform: typeof jsonSchemaTransform = (document) => {
  const out = withExamples(jsonSchemaTransform(document))
  const schema = out.schema as Record<string, unknown> | undefined
  const doc = schema?.[DOC_ONLY] as DocOnly | undefined
  if (!schema || !doc) return out
  const { [DOC_ONLY]: _doc, ...rest } = schema
  const transformed: Record<string, unknown> = { ...rest }
  if (doc.body) {
    transformed.body = { ...doc.body.schema, examples: [doc.body.example] }
    transformed.consumes = [...doc.body.contentTypes]
  }
  transformed.response = Object.fromEntries(
    Object.entries(doc.responses).map(([status, r]) => [
      status,
      r.schema
        ? {
            description: r.description,
            content: {
              [r.contentType ?? 'application/json']: {
                schema: r.schema,
                ...(r.example === undefined ? {} : { example: r.example }),
              },
            },
          }
        : { description: r.description },
    ]),
  )
  return { ...out, schema: transformed } as typeof out
}

/** The operation's {@link OPERATION_EXAMPLES} set as `examples` of its body and response schemas. */
function withExamples<T extends { schema?: unknown }>(out: T): T {
  const schema = out.schema as Record<string, unknown> | undefined
  const id = schema?.operationId
  if (!schema || typeof id !== 'string' || !Object.hasOwn(OPERATION_EXAMPLES, id)) return out
  const examples = OPERATION_EXAMPLES[id] as (typeof OPERATION_EXAMPLES)[string]
  const next: Record<string, unknown> = { ...schema }
  if (examples.request !== undefined && schema.body && typeof schema.body === 'object')
    next.body = { ...schema.body, examples: [examples.request] }
  const response = schema.response as Record<string, unknown> | undefined
  if (examples.responses && response) {
    next.response = Object.fromEntries(
      Object.entries(response).map(([status, r]) =>
        Object.hasOwn(examples.responses ?? {}, status) && r && typeof r === 'object'
          ? [status, { ...r, examples: [examples.responses?.[status]] }]
          : [status, r],
      ),
    )
  }
  return { ...out, schema: next }
}

const routes = new WeakMap<FastifyInstance, { method: string; url: string }[]>()

/** Records every route added to `app` from now on (the OpenAPI test compares them with the document). */
export function recordRoutes(app: FastifyInstance): void {
  const list: { method: string; url: string }[] = []
  routes.set(app, list)
  app.addHook('onRoute', (r) => {
    for (const method of Array.isArray(r.method) ? r.method : [r.method]) list.push({ method, url: r.url })
  })
}

/** The routes recorded by {@link recordRoutes}. */
export function routesOf(app: FastifyInstance): readonly { method: string; url: string }[] {
  return routes.get(app) ?? []
}

const ok = { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] }

/** The routes outside /v1: no key. */
export const OPERATIONS_DOCS = {
  root: {
    operationId: 'root',
    summary: 'Where the reference is',
    description:
      'Points to the API reference (`/docs`, for a browser) and its OpenAPI document (`/docs/json`).',
    tags: ['operations'],
    security: [],
    [DOC_ONLY]: {
      responses: {
        200: {
          description: 'Links',
          schema: {
            type: 'object',
            properties: {
              name: { type: 'string' },
              version: { type: 'string' },
              docs: { type: 'string' },
              openapi: { type: 'string' },
            },
          },
          example: { name: 'candor', version: '0.1.0', docs: '/docs', openapi: '/docs/json' },
        },
      },
    } satisfies DocOnly,
  },
  healthz: {
    operationId: 'healthz',
    summary: 'Liveness: the process answers',
    description: 'No key; does not touch the store. For a liveness probe.',
    tags: ['operations'],
    security: [],
    [DOC_ONLY]: {
      responses: { 200: { description: 'Alive', schema: ok, example: { ok: true } } },
    } satisfies DocOnly,
  },
  readyz: {
    operationId: 'readyz',
    summary: 'Readiness: the store answers and the audit chain is whole',
    description:
      'No key. 503 while the database does not answer (with `Retry-After`) or when this process found its audit chain broken (`reason`). For a readiness probe. With `auditAnchorUrl` set, `auditAnchorEndpoint` reports the endpoint (seconds since it last accepted a head, failures since): best effort, so still 200.',
    tags: ['operations'],
    security: [],
    [DOC_ONLY]: {
      responses: {
        200: {
          description: 'Ready',
          schema: {
            type: 'object',
            properties: {
              ok: { type: 'boolean' },
              auditAnchorEndpoint: {
                type: 'object',
                properties: {
                  ok: { type: 'boolean' },
                  lastSuccessAgeSeconds: { type: ['number', 'null'] },
                  failuresSinceSuccess: { type: 'number' },
                  lastFailureCode: { type: ['string', 'null'] },
                },
              },
            },
            required: ['ok'],
          },
          example: { ok: true },
        },
        503: {
          description: 'Not ready',
          schema: {
            type: 'object',
            properties: { ok: { type: 'boolean' }, reason: { type: 'string' }, detail: {} },
          },
          example: { ok: false },
        },
      },
    } satisfies DocOnly,
  },
} as const
