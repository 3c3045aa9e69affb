import cors from '@fastify/cors'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { presentedKey } from '../../http/auth.js'
import { decodeBody } from '../../http/body-encoding.js'
import type { EdgeGuard } from '../../http/edge-guard.js'
import { DOC_ONLY, type DocOnly } from '../../http/openapi-docs.js'
import type { Clock } from '../../kernel/clock.js'
import { CandorError } from '../../kernel/errors.js'
import type { BrandService } from '../brands/index.js'
import type { CollectionPlan, Violation } from '../collection-plan/index.js'
import { type ApiKeyService, actorOf, type Principal } from '../keys/index.js'
import type { IngestionService, PipelineRejection, PlanViolationCount } from './ingestion-service.js'
import {
  applyCollectionPlan,
  countViolations,
  DROP_REASON_DESCRIPTIONS,
  type IngestionPipeline,
  isDropReason,
  type ProcessedMessage,
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
  /** The brand's collection plan in force, if any (see `modules/collection-plan`). */
  readonly plans?: { activePlan(brandId: string): Promise<CollectionPlan | undefined> }
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
    const token = presentedKey(request) ?? queryWriteKey(request)
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
    // What the browser SDKs send: analytics.js (X-Retry-Count) and RudderStack's analytics-js
    // (AnonymousId, SentAt, and its RSA-* retry headers); a header missing here fails the preflight.
    allowedHeaders: [
      'Content-Type',
      'Content-Encoding',
      'Authorization',
      'X-Retry-Count',
      'Sec-GPC',
      'AnonymousId',
      'SentAt',
      'RSA-Retry-Attempt',
      'RSA-Retry-Reason',
      'RSA-Since-First-Attempt',
      'RSA-Since-Last-Attempt',
    ],
    maxAge: 600,
  })

  // RudderStack's JavaScript SDK reads its source configuration before it sends anything.
  app.get('/sourceConfig', { schema: sourceConfigDocs }, (request) => sourceConfig(request, deps))

  // analytics.js (`@segment/analytics-next`) reads its settings from `cdnURL` before it sends:
  // pointed at Candor, it learns to send here, and nothing else (no remote plugins, no metrics).
  app.get('/v1/projects/:writeKey/settings', { schema: segmentSettingsDocs }, (request) =>
    segmentSettings(request, deps),
  )

  for (const [path, endpoint] of Object.entries(SEGMENT_PATHS)) {
    app.post(path, { schema: trackingDocs(path, endpoint) }, (request, reply) =>
      handle(request, reply, endpoint, deps),
    )
  }
  // RudderStack's JavaScript SDK with `useBeacon`: navigator.sendBeacon, text/plain, the write key
  // in the query (a beacon cannot carry an Authorization header).
  app.post(
    '/beacon/v1/batch',
    {
      schema: {
        ...trackingDocs('/beacon/v1/batch', 'batch'),
        operationId: 'rudderstackBeaconBatch',
        summary: "RudderStack's beacon batch (navigator.sendBeacon, write key in the query)",
        description:
          'What `@rudderstack/analytics-js` sends with `useBeacon: true`: a text/plain `{ batch, sentAt }` body, the write key as the `writeKey` query parameter. Otherwise the same as /v1/batch.',
      },
    },
    (request, reply) => handle(request, reply, 'batch', deps),
  )
}

/** The `writeKey` query parameter (RudderStack's beacon and source configuration), if any. */
function queryWriteKey(request: FastifyRequest): string | undefined {
  const query = request.query as Record<string, unknown> | undefined
  const value = query && Object.hasOwn(query, 'writeKey') ? query.writeKey : undefined
  return typeof value === 'string' && value !== '' ? value : undefined
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
  let messages = processed.kind === 'message' ? [processed.message] : processed.accepted
  let rejected: PipelineRejection[] = processed.kind === 'message' ? [] : processed.rejected
  let violations: PlanViolationCount[] | undefined
  const plan = await deps.plans?.activePlan(brandId)
  if (plan) ({ messages, rejected, violations } = enforcePlan(plan, processed.kind, messages, rejected))
  const outcome = await deps.ingestion.ingest({
    brandId,
    actor: actorOf(principal),
    endpoint,
    receivedAt,
    messages,
    rejected,
    gpc: request.headers['sec-gpc'] === '1',
    ...(violations && violations.length > 0 ? { violations } : {}),
    ...(plan ? { traitRetention: traitRetentionOf(plan) } : {}),
  })
  deps.counted?.('accepted', outcome.accepted)
  deps.counted?.('duplicate', outcome.duplicates)
  deps.counted?.('rejected', outcome.rejected)
  // A single message the plan rejects is refused like any invalid message (its rejection is stored).
  const refused = processed.kind === 'message' ? rejected[0] : undefined
  if (refused) throw dropError(refused.reason, refused.field)
  // A single message refused after identity checks (suppressed) is still a 200: Segment SDKs drop on 400 anyway.
  return reply.code(200).send({ success: true })
}

/**
 * The brand's collection plan over the request's messages: stripped (`strip`), rejected with their
 * batch index (`reject`), and every violation counted by name.
 */
function enforcePlan(
  plan: CollectionPlan,
  kind: 'message' | 'batch',
  messages: readonly ProcessedMessage[],
  rejected: readonly PipelineRejection[],
): { messages: ProcessedMessage[]; rejected: PipelineRejection[]; violations: PlanViolationCount[] } {
  const kept: ProcessedMessage[] = []
  const refused: PipelineRejection[] = []
  const found: (readonly Violation[])[] = []
  // The batch index of each accepted message: the positions the pipeline did not reject, in order.
  const taken = new Set(rejected.map((r) => r.index))
  let index = 0
  for (const m of messages) {
    while (taken.has(index)) index++
    const { result, violations } = applyCollectionPlan(m, plan)
    if (violations.length > 0) found.push(violations)
    if (result.type === 'ok') kept.push(result.value)
    else
      refused.push({
        index: kind === 'batch' ? index : -1,
        reason: result.reason,
        ...(result.field === undefined ? {} : { field: result.field }),
      })
    index++
  }
  const all =
    refused.length === 0 ? [...rejected] : [...rejected, ...refused].sort((a, b) => a.index - b.index)
  return { messages: kept, rejected: all, violations: countViolations(found) }
}

/** The plan's declared trait retentions: trait name → days. */
function traitRetentionOf(plan: CollectionPlan): [string, number][] {
  const out: [string, number][] = []
  for (const [name, spec] of plan.traits)
    if (spec.retentionDays !== undefined) out.push([name, spec.retentionDays])
  return out
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
  const token = presentedKey(request) ?? queryWriteKey(request)
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

const segmentSettingsDocs = {
  operationId: 'getSegmentSettings',
  tags: ['ingestion'],
  summary: 'The settings analytics.js reads from its CDN, for `cdnURL` pointed at Candor',
  description:
    "For `@segment/analytics-next` loaded with `cdnURL` set to Candor (a self-hosted site cannot use Segment's CDN). Only for a valid write key (401 otherwise). The settings send every event to this Candor (`apiHost` is the host and scheme this request reached, so a proxy in front of Candor must pass them on), with no device-mode destinations, no remote plugins or middleware, and remote metrics off (`metrics.sampleRate: 0`), so the browser talks to Candor only.",
  params: z.object({ writeKey: z.string().describe("A brand's write key") }),
  [DOC_ONLY]: {
    responses: {
      200: {
        description: 'The settings document: one integration, Segment.io, pointed at Candor',
        schema: { type: 'object' },
        example: {
          integrations: {
            'Segment.io': { apiKey: '<write key>', apiHost: 'candor.example.com/v1', protocol: 'https' },
          },
          plan: { track: { __default: { enabled: true, integrations: {} } } },
          metrics: { sampleRate: 0 },
        },
      },
      401: { description: 'An unknown or revoked write key', schema: { type: 'object' } },
      403: { description: 'Not a write key', schema: { type: 'object' } },
      429: { description: 'Too many requests for this key or address', schema: { type: 'object' } },
    },
  } satisfies DocOnly,
} as const

/**
 * Segment's settings document for a valid write key, with the one integration analytics.js
 * needs (`Segment.io`) pointed back at the Candor the request reached.
 */
async function segmentSettings(request: FastifyRequest, deps: TrackingDeps) {
  deps.guard.beforeAuth(request)
  const params = request.params as Record<string, unknown>
  const token = Object.hasOwn(params, 'writeKey') ? params.writeKey : undefined
  if (typeof token !== 'string' || token === '') {
    deps.guard.authFailed(request)
    throw new CandorError('unauthorized', 'put a write key in the path', 'writeKey')
  }
  await authenticateWrite(request, token, deps)
  return {
    integrations: {
      'Segment.io': {
        apiKey: token,
        apiHost: `${request.host}/v1`,
        protocol: request.protocol,
        unbundledIntegrations: [],
        addBundledMetadata: true,
        maybeBundledConfigIds: {},
      },
    },
    plan: {
      track: { __default: { enabled: true, integrations: {} } },
      identify: { __default: { enabled: true } },
      group: { __default: { enabled: true } },
    },
    edgeFunction: {},
    analyticsNextEnabled: true,
    middlewareSettings: {},
    enabledMiddleware: {},
    remotePlugins: [],
    legacyVideoPluginsEnabled: false,
    metrics: { sampleRate: 0 },
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
