import cors from '@fastify/cors'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { presentedKey } from '../../http/auth.js'
import { decodeBody } from '../../http/body-encoding.js'
import type { EdgeGuard } from '../../http/edge-guard.js'
import { DOC_ONLY, type DocOnly } from '../../http/openapi-docs.js'
import type { Clock } from '../../kernel/clock.js'
import { CandorError } from '../../kernel/errors.js'
import type { BrandService } from '../brands/index.js'
import { type ApiKeyService, actorOf, type Principal } from '../keys/index.js'
import type { IngestionService } from './ingestion-service.js'
import {
  DROP_REASON_DESCRIPTIONS,
  type IngestionPipeline,
  isDropReason,
  SEGMENT_PATHS,
  type SegmentEndpoint,
} from './steps/index.js'
import { trackingDocs } from './tracking-schemas.js'

/**
 * Bodies above this (counted after decompression) are refused with 413; between 500 KB and this,
 * the pipeline answers 400 `batch-too-large`.
 */
const TRACKING_BODY_LIMIT = 4 * 1024 * 1024

export interface TrackingDeps {
  readonly pipeline: IngestionPipeline
  /** The service, or its stand-in on the writer thread. */
  readonly ingestion: Pick<IngestionService, 'ingest' | 'recordRejections'>
  readonly apiKeys: ApiKeyService
  readonly brands: BrandService
  readonly clock: Clock
  readonly counted?: (result: 'accepted' | 'duplicate' | 'rejected', n: number) => void
  /** Rate limits per address (before authentication) and per key (see `http/edge-guard.ts`). */
  readonly guard: EdgeGuard
}

/**
 * The Segment tracking API: `/v1/{track,identify,page,screen,group,alias,batch}` and analytics.js'
 * short paths `/v1/{t,i,p,s,g,a,b}`, with the write key as HTTP Basic user name, Bearer, or the
 * body's `writeKey`. Answers `200 {"success":true}` only after the commit.
 */
export async function trackingRoutes(app: FastifyInstance, deps: TrackingDeps): Promise<void> {
  app.decorateRequest('principal', undefined)
  // A key in the headers is checked before the body is read: a request with a wrong key never
  // holds the server while it trickles its body in. Keyless requests (the key in the body) are
  // only admitted while their address is within its budget of unauthenticated requests.
  app.addHook('onRequest', async (request) => {
    if (request.method !== 'POST') return
    deps.guard.beforeAuth(request)
    const token = presentedKey(request)
    if (token) request.principal = await authenticateWrite(request, token, deps)
  })
  // gzip and deflate bodies (RudderStack's SDKs compress by default) are decompressed while they
  // stream in; the body limit counts decompressed bytes, so a compression bomb stops at the limit.
  app.addHook('preParsing', async (request, _reply, payload) => {
    const encoding = request.headers['content-encoding']
    return decodeBody(payload, Array.isArray(encoding) ? encoding.join(',') : encoding, TRACKING_BODY_LIMIT)
  })
  app.removeAllContentTypeParsers()
  // Raw bytes: the pipeline measures sizes in bytes and accepts application/json and text/plain.
  app.addContentTypeParser(
    '*',
    { parseAs: 'buffer', bodyLimit: TRACKING_BODY_LIMIT },
    (_request, body, done) => done(null, body),
  )
  await app.register(cors, {
    origin: async (origin: string | undefined) => {
      if (!origin) return false
      const brands = await deps.brands.list(500)
      return brands.some((b) => b.allowedOrigins.includes(origin))
    },
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['Content-Type', 'Content-Encoding', 'Authorization', 'X-Retry-Count', 'Sec-GPC'],
    maxAge: 600,
  })

  // RudderStack's JavaScript SDK reads its source configuration before it sends anything.
  app.get('/sourceConfig', { schema: sourceConfigDocs }, (request) => sourceConfig(request, deps))

  for (const [path, endpoint] of Object.entries(SEGMENT_PATHS)) {
    app.post(path, { schema: trackingDocs(path, endpoint) }, (request, reply) =>
      handle(request, reply, endpoint, deps),
    )
  }
}

async function handle(
  request: FastifyRequest,
  reply: FastifyReply,
  endpoint: SegmentEndpoint,
  deps: TrackingDeps,
) {
  const receivedAt = deps.clock.now()
  const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0)
  const result = deps.pipeline.processRequest({
    endpoint,
    body,
    receivedAt,
    headers: request.headers,
    ...(request.headers['content-type'] === undefined
      ? {}
      : { contentType: request.headers['content-type'] }),
  })
  let principal = request.principal
  if (!principal) {
    const token = result.type === 'ok' ? result.value.writeKey : undefined
    if (!token) {
      deps.guard.authFailed(request)
      if (result.type === 'drop') throw dropError(result.reason, result.field)
      throw new CandorError(
        'unauthorized',
        'send the write key as the Basic user name, a Bearer token or the body writeKey',
        'Authorization',
      )
    }
    principal = await authenticateWrite(request, token, deps)
  }
  const brandId = principal.brandId as string
  const origin = request.headers.origin
  if (origin) {
    const brand = await deps.brands.get(brandId)
    if (!brand?.allowedOrigins.includes(origin))
      throw new CandorError('forbidden', 'this origin is not allowed for the brand', 'Origin')
  }
  if (result.type === 'drop') {
    await deps.ingestion.recordRejections(brandId, endpoint, receivedAt, [
      { index: -1, reason: result.reason, ...(result.field ? { field: result.field } : {}) },
    ])
    deps.counted?.('rejected', 1)
    throw dropError(result.reason, result.field)
  }
  const processed = result.value
  const messages = processed.kind === 'message' ? [processed.message] : processed.accepted
  const rejected = processed.kind === 'message' ? [] : processed.rejected
  const outcome = await deps.ingestion.ingest({
    brandId,
    actor: actorOf(principal),
    endpoint,
    receivedAt,
    messages,
    rejected,
    gpc: request.headers['sec-gpc'] === '1',
  })
  deps.counted?.('accepted', outcome.accepted)
  deps.counted?.('duplicate', outcome.duplicates)
  deps.counted?.('rejected', outcome.rejected)
  // A single message refused after identity checks (suppressed) is still a 200: Segment SDKs drop on 400 anyway.
  return reply.code(200).send({ success: true })
}

const sourceConfigDocs = {
  operationId: 'getSourceConfig',
  tags: ['ingestion'],
  summary: 'The source configuration RudderStack SDKs read (enabled, no device-mode destinations)',
  description:
    'For `@rudderstack/analytics-js` with `configUrl` pointed at Candor. The write key is the Basic user name (as the SDK sends it) or the `writeKey` query parameter; an unknown key is a 401. The source is the brand, enabled, with no destinations: events go to the data plane (Candor) only.',
  [DOC_ONLY]: {
    responses: {
      200: {
        description: 'The source: the brand, enabled, with no destinations',
        schema: { type: 'object' },
        example: {
          isHosted: false,
          source: { id: 'outdoor', name: 'Outdoor', enabled: true, destinations: [] },
        },
      },
      401: { description: 'No write key, or an unknown or revoked one', schema: { type: 'object' } },
      403: { description: 'Not a write key', schema: { type: 'object' } },
      429: { description: 'Too many requests for this key or address', schema: { type: 'object' } },
    },
  } satisfies DocOnly,
} as const

/** RudderStack's source configuration for a valid write key: the brand, enabled, no destinations. */
async function sourceConfig(request: FastifyRequest, deps: TrackingDeps) {
  deps.guard.beforeAuth(request)
  const query = request.query as Record<string, unknown> | undefined
  const fromQuery = query && Object.hasOwn(query, 'writeKey') ? query.writeKey : undefined
  const token = presentedKey(request) ?? (typeof fromQuery === 'string' ? fromQuery : undefined)
  if (!token) {
    deps.guard.authFailed(request)
    throw new CandorError(
      'unauthorized',
      'send the write key as the Basic user name or the writeKey query parameter',
      'Authorization',
    )
  }
  const principal = await authenticateWrite(request, token, deps)
  const brandId = principal.brandId as string
  const brand = await deps.brands.get(brandId)
  return {
    isHosted: false,
    source: {
      id: brandId,
      name: brand?.name ?? brandId,
      workspaceId: 'candor',
      enabled: true,
      config: {},
      destinations: [],
    },
    updatedAt: new Date(deps.clock.now()).toISOString(),
  }
}

/** A live write key, counted against its budget; 401/403 (counted against the address) otherwise. */
async function authenticateWrite(
  request: FastifyRequest,
  token: string,
  deps: TrackingDeps,
): Promise<Principal> {
  const principal = await deps.apiKeys.authenticate(token)
  if (!principal) {
    deps.guard.authFailed(request)
    throw new CandorError('unauthorized', 'unknown or revoked write key', 'Authorization')
  }
  deps.guard.authenticated(principal)
  if (principal.kind !== 'write' || !principal.brandId)
    throw new CandorError('forbidden', 'tracking needs a write key', 'Authorization')
  return principal
}

function dropError(reason: string, field: string | undefined): CandorError {
  if (reason === 'invalid-json') return new CandorError('invalid-json', 'the body is not valid JSON', 'body')
  if (reason === 'unsupported-content-type')
    return new CandorError(
      'unsupported-media-type',
      'send application/json or text/plain (a JSON body)',
      'Content-Type',
    )
  const description = isDropReason(reason) ? DROP_REASON_DESCRIPTIONS[reason] : reason
  return new CandorError('message-rejected', `${reason}: ${description}`, field ?? reason)
}
