import { randomBytes } from 'node:crypto'
import type { Socket } from 'node:net'
import helmet from '@fastify/helmet'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
  LogController,
} from 'fastify'
import {
  hasZodFastifySchemaValidationErrors,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod'
import type { Candor } from '../app/create-candor.js'
import { didYouMean } from '../kernel/did-you-mean.js'
import { CandorError, ERROR_CATALOGUE, type ErrorCode, isCandorError } from '../kernel/errors.js'
import { CANDOR_VERSION } from '../kernel/version.js'
import { auditRoutes } from '../modules/audit/audit-routes.js'
import { brandRoutes } from '../modules/brands/brand-routes.js'
import { collectionPlanRoutes } from '../modules/collection-plan/collection-plan-routes.js'
import { consentRoutes } from '../modules/consent/consent-routes.js'
import { purposeRoutes } from '../modules/consent/purpose-routes.js'
import { controlLinkRoutes, meRoutes } from '../modules/control-center/control-center-routes.js'
import { meDataRoutes } from '../modules/control-center/me-routes.js'
import { categoryRoutes } from '../modules/data-items/category-routes.js'
import { dataItemRoutes } from '../modules/data-items/data-item-routes.js'
import { decisionRoutes } from '../modules/decisions/decision-routes.js'
import { erasureRoutes } from '../modules/erasure/erasure-routes.js'
import { trackingRoutes } from '../modules/ingestion/ingestion-routes.js'
import { rejectionRoutes } from '../modules/ingestion/rejection-routes.js'
import { interestRoutes } from '../modules/interests/interest-routes.js'
import { taxonomyRoutes } from '../modules/interests/taxonomy-routes.js'
import { modelCardRoutes, modelCardSummaryRoutes } from '../modules/model-card/model-card-routes.js'
import { offerRoutes } from '../modules/offers/offer-routes.js'
import { EXCLUSION_REASONS } from '../modules/policy/index.js'
import { policyRoutes } from '../modules/policy/policy-routes.js'
import { segmentApprovalRoutes, segmentRoutes } from '../modules/segments/segment-routes.js'
import { asciiSerializerCompiler } from './ascii-json.js'
import { requireKey } from './auth.js'
import { controlCenterPage } from './control-center-page.js'
import { EdgeGuard } from './edge-guard.js'
import { checkInputText, strictJsonBodies } from './input-guard.js'
import { maskUrl, REDACT_PATHS } from './log-redaction.js'
import { registerMetrics } from './metrics.js'
import { OPERATIONS_DOCS, openApiTransform, recordRoutes } from './openapi-docs.js'

/** One log line per request, when it completes (with the request's fields), instead of Fastify's two. */
class OneLineRequestLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null, request: FastifyRequest, reply: FastifyReply): void {
    const line = { req: request, res: { statusCode: reply.statusCode }, responseTime: reply.elapsedTime }
    if (error) reply.log.error({ ...line, err: error }, 'request errored')
    else reply.log.info(line, 'request completed')
  }
}

export interface ServerOptions {
  /** Where logs go (tests capture them); default stdout. */
  readonly logStream?: NodeJS.WritableStream
  /** Where the built control-center page is (tests build their own); default: found next to dist/. */
  readonly controlCenterRoot?: string
}

/**
 * Builds the HTTP server (without listening): root plugins, then one encapsulated context per
 * audience, each with its own key-kind check and rate limit.
 */
export async function buildServer(candor: Candor, options: ServerOptions = {}): Promise<FastifyInstance> {
  const { config } = candor
  const requestIdPrefix = randomBytes(5).toString('hex')
  let requestCount = 0
  const logger: FastifyServerOptions['logger'] = {
    level: config.logLevel,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({
        method: req.method,
        url: maskUrl(req.url),
        id: req.id,
      }),
    },
    ...(options.logStream ? { stream: options.logStream } : {}),
  }
  const guard = new EdgeGuard(config)
  const timeout = config.requestTimeoutMs
  const app = Fastify({
    logger,
    bodyLimit: config.bodyLimit,
    // A request's headers and body must arrive within requestTimeoutMs (Node answers 408 and
    // closes the connection), checked every quarter of it: slow bodies cannot hold sockets.
    requestTimeout: timeout,
    http: {
      requestTimeout: timeout,
      headersTimeout: timeout,
      connectionsCheckingInterval: Math.max(100, Math.min(5000, Math.floor(timeout / 4))),
    },
    trustProxy: config.trustProxy.length > 0 ? [...config.trustProxy] : false,
    // Unique, not secret: a random prefix per server and a counter (no hashing on the hot path).
    genReqId: () => `req_${requestIdPrefix}${(++requestCount).toString(36).padStart(6, '0')}`,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 512 },
    logController: new OneLineRequestLog(),
  }).withTypeProvider<ZodTypeProvider>()
  // JSON only (the tracking context registers its own parsers for Segment's text/plain bodies).
  app.server.on('connection', (socket: Socket) => guard.admit(socket))
  app.removeContentTypeParser('text/plain')
  strictJsonBodies(app)
  checkInputText(app)
  recordRoutes(app)
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(asciiSerializerCompiler)

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { status, code, message, field } = toApiError(
      error,
      candor,
      request.routeOptions.schema as Record<string, unknown> | undefined,
    )
    if (status >= 500 && code !== 'storage-unavailable')
      request.log.error({ err: { type: error.name, code: error.code, stack: error.stack } }, 'request failed')
    else request.log.info({ code, field }, 'request refused')
    if (status === 503) reply.header('retry-after', '1')
    if (status === 429) reply.header('retry-after', '1')
    // Refused before its body was read (authentication, rate limit): do not wait for the rest.
    if (!request.raw.complete) reply.header('connection', 'close')
    return reply
      .code(status)
      .send({ error: { code, message, ...(field ? { field } : {}) }, requestId: request.id })
  })
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: { code: 'not-found', message: 'no such route' }, requestId: request.id }),
  )

  await app.register(helmet, { contentSecurityPolicy: false, global: true })
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Candor',
        version: CANDOR_VERSION,
        description: openApiDescription(),
      },
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'A Candor key: server, admin, reviewer or write',
          },
          basic: {
            type: 'http',
            scheme: 'basic',
            description:
              'Tracking only: the write key as the user name, no password (what Segment SDKs send)',
          },
        },
      },
      security: [{ bearer: [] }],
      tags: [
        { name: 'data-items', description: 'Facts about a person' },
        { name: 'policy', description: 'The policy view: the only way person data is read' },
        { name: 'consent', description: 'The consent ledger' },
        { name: 'erasure', description: 'Right to erasure' },
        { name: 'brands', description: 'Brands (admin)' },
        { name: 'audit', description: 'The hash-chained audit log (admin)' },
        {
          name: 'interests',
          description: 'Interests from recurring patterns; stated and rejected interests',
        },
        { name: 'events', description: "A person's events at a brand; marking gifts" },
        { name: 'taxonomy', description: 'Interest topics and how category paths map to them' },
        { name: 'ingestion', description: 'Segment-compatible tracking and its rejections' },
        { name: 'offers', description: 'Offers and content (admin)' },
        {
          name: 'segments',
          description: 'Audiences, reviewed before they go live (admin; reviewers approve overrides)',
        },
        {
          name: 'collection-plan',
          description:
            'What each brand collects, why, and for how long; violations at intake (admin, reviewer)',
        },
        { name: 'decisions', description: 'Ranked offers with explanations, and the decision log' },
        {
          name: 'control-center',
          description: "The person's control center: links a brand issues, and the person's own session",
        },
        {
          name: 'model-card',
          description:
            "What personalization uses, excludes and achieves, measured on the organization's data",
        },
        { name: 'operations', description: 'Where the reference is; health, readiness and metrics (no key)' },
      ],
    },
    transform: openApiTransform,
  })
  await app.register(swaggerUi, { routePrefix: '/docs' })

  const metrics = registerMetrics(app, {
    decisionsDropped: () => candor.decisions.dropped(),
    anchorEndpoint: () => {
      const status = candor.audit.anchorEndpoint()
      return status && { ...status, now: candor.clock.now() }
    },
  })
  app.get('/', { schema: OPERATIONS_DOCS.root }, async () => ({
    name: 'candor',
    version: CANDOR_VERSION,
    docs: '/docs',
    openapi: '/docs/json',
  }))
  app.get('/healthz', { schema: OPERATIONS_DOCS.healthz }, async () => ({ ok: true }))
  app.get('/readyz', { schema: OPERATIONS_DOCS.readyz }, async (_request, reply) => {
    try {
      await candor.stores.brands.list(1)
      const audit = candor.auditProblem()
      if (audit !== undefined)
        return reply.code(503).send({ ok: false, reason: 'audit-chain-broken', detail: audit })
      // The anchor endpoint is best effort (a head it misses stays anchored in the directory):
      // its failures are reported here and in /metrics, never a reason to stop serving.
      const endpoint = candor.audit.anchorEndpoint()
      if (endpoint === undefined) return { ok: true }
      const now = candor.clock.now()
      return {
        ok: true,
        auditAnchorEndpoint: {
          ok: endpoint.failuresSinceSuccess === 0 && endpoint.lastSuccessAt !== null,
          lastSuccessAgeSeconds:
            endpoint.lastSuccessAt === null ? null : Math.max(0, (now - endpoint.lastSuccessAt) / 1000),
          failuresSinceSuccess: endpoint.failuresSinceSuccess,
          lastFailureCode: endpoint.lastFailureCode,
        },
      }
    } catch {
      return reply.code(503).header('retry-after', '1').send({ ok: false })
    }
  })

  // Brand server API: server keys (and admin keys on the routes that accept them).
  await app.register(
    async (ctx) => {
      requireKey(ctx, candor.apiKeys, guard, ['server'])
      await ctx.register(dataItemRoutes(candor))
      await ctx.register(policyRoutes(candor))
      await ctx.register(consentRoutes(candor))
      await ctx.register(interestRoutes(candor))
      await ctx.register(decisionRoutes(candor))
      await ctx.register(modelCardSummaryRoutes(candor))
      await ctx.register(controlLinkRoutes(candor))
    },
    { prefix: '/v1' },
  )
  // Server or admin keys: inspection endpoints that carry no person data.
  await app.register(
    async (ctx) => {
      requireKey(ctx, candor.apiKeys, guard, ['server', 'admin'])
      await ctx.register(taxonomyRoutes(candor))
      await ctx.register(rejectionRoutes(candor))
      await ctx.register(purposeRoutes({ purposes: candor.config.purposes }))
      await ctx.register(categoryRoutes(candor))
    },
    { prefix: '/v1' },
  )
  // Segment-compatible tracking: write keys (Basic, Bearer or body writeKey), raw bodies.
  await app.register(async (ctx) => {
    await trackingRoutes(ctx, {
      pipeline: candor.pipeline,
      ingestion: {
        ingest: candor.ingest,
        recordRejections: (...args) => candor.ingestion.recordRejections(...args),
      },
      apiKeys: candor.apiKeys,
      brands: candor.brands,
      clock: candor.clock,
      counted: metrics.ingested,
      guard,
      plans: candor.collectionPlans,
    })
  })
  await app.register(
    async (ctx) => {
      requireKey(ctx, candor.apiKeys, guard, ['server', 'admin'])
      await ctx.register(erasureRoutes(candor))
    },
    { prefix: '/v1' },
  )
  // The control center's page (static, built by scripts/build-web.mjs).
  await app.register(controlCenterPage, {
    ...(options.controlCenterRoot ? { root: options.controlCenterRoot } : {}),
  })
  // The person's own control center: a session cookie opened with a control link.
  await app.register(
    meRoutes({
      controlAccess: candor.controlAccess,
      brands: candor.brands,
      persons: candor.persons,
      guard,
      config: candor.config,
      data: meDataRoutes({
        ...candor,
        purposes: candor.config.purposes,
        refAt: async (personId, brandId) => {
          const identity = (await candor.persons.identities(candor.stores, personId)).find(
            (i) => i.brandId === brandId,
          )
          if (!identity)
            throw new CandorError('session-required', 'no such person at this brand any more', 'cookie')
          return { kind: identity.kind, value: identity.value }
        },
      }),
    }),
    { prefix: '/v1' },
  )
  // Segments: reading, activation and overrides (admin or reviewer keys).
  const segmentDeps = {
    segments: candor.segments,
    keyLabel: async (keyId: string) => (await candor.stores.apiKeys.get(keyId))?.label ?? '',
  }
  await app.register(
    async (ctx) => {
      requireKey(ctx, candor.apiKeys, guard, ['admin', 'reviewer'])
      await ctx.register(segmentApprovalRoutes(segmentDeps))
    },
    { prefix: '/v1' },
  )
  // The model card: admin and reviewer keys (it reads every brand's signals, in aggregate).
  await app.register(
    async (ctx) => {
      requireKey(ctx, candor.apiKeys, guard, ['admin', 'reviewer'])
      await ctx.register(modelCardRoutes(candor))
    },
    { prefix: '/v1' },
  )
  // Collection plans: admin keys; a reviewer key may save a version with sensitive fields.
  await app.register(
    async (ctx) => {
      requireKey(ctx, candor.apiKeys, guard, ['admin', 'reviewer'])
      await ctx.register(collectionPlanRoutes(candor))
    },
    { prefix: '/v1' },
  )
  // Organization admin.
  await app.register(
    async (ctx) => {
      requireKey(ctx, candor.apiKeys, guard, ['admin'])
      await ctx.register(brandRoutes(candor))
      await ctx.register(offerRoutes(candor))
      await ctx.register(segmentRoutes(segmentDeps))
      await ctx.register(
        auditRoutes({
          audit: candor.audit,
          resolveSubject: async (pseudonym) => {
            const found = await candor.stores.persons.findByPseudonym(pseudonym)
            return found ? candor.persons.auditSubject(found.personId) : undefined
          },
        }),
      )
    },
    { prefix: '/v1' },
  )
  return app
}

/** Maps anything thrown to a catalogued error; unknown errors become `internal-error`. */
/** Where the valid values of a field are listed, for fields whose values are configured names. */
function fieldHint(name: string, candor: Candor): string {
  if (name === 'purpose')
    return `. The purposes: ${Object.keys(candor.config.purposes).join(', ')} (GET /v1/purposes describes them)`
  if (name === 'category' || name === 'sensitiveCategory')
    return '. GET /v1/categories lists the data categories'
  if (name === 'topic' || name === 'sensitiveTopic') return '. GET /v1/taxonomy/topics lists the topics'
  return ''
}

function toApiError(
  error: FastifyError,
  candor: Candor,
  schema?: Record<string, unknown>,
): { status: number; code: ErrorCode; message: string; field?: string | undefined } {
  if (isCandorError(error))
    return { status: error.status, code: error.code, message: error.message, field: error.field }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issue = error.validation[0]
    const segments: (string | number)[] = (issue?.instancePath ?? '')
      .split('/')
      .filter((p) => p !== '')
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p))
    const keys = (issue?.params as { keys?: unknown } | undefined)?.keys
    if (issue?.keyword === 'unrecognized_keys' && Array.isArray(keys) && typeof keys[0] === 'string')
      segments.push(keys[0])
    const context = error.validationContext ?? 'body'
    const path = formatPath(segments)
    const field = context === 'body' ? path || 'body' : path ? `${context}.${path}` : context
    const what =
      issue?.keyword === 'unrecognized_keys'
        ? `unknown property${knownKeysHint(schema?.[context === 'body' ? 'body' : context === 'querystring' ? 'querystring' : context], segments)}`
        : /received undefined$/.test(issue?.message ?? '')
          ? 'missing'
          : (issue?.message ?? 'invalid')
    const last = segments[segments.length - 1]
    const hint = typeof last === 'string' ? fieldHint(last, candor) : ''
    return { status: 400, code: 'invalid-request', message: `${field}: ${what}${hint}`, field }
  }
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return { status: 415, code: 'unsupported-media-type', message: 'send application/json' }
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return {
      status: 413,
      code: 'payload-too-large',
      message: `the body exceeds ${candor.config.bodyLimit} bytes`,
    }
  if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY')
    return { status: 400, code: 'invalid-json', message: 'the body is empty', field: 'body' }
  if (error.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH')
    return { status: 400, code: 'invalid-request', message: 'bad Content-Length' }
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY')
    return { status: 400, code: 'invalid-json', message: 'the body is not valid JSON', field: 'body' }
  if (error.statusCode === 429)
    return { status: 429, code: 'rate-limited', message: 'too many requests for this key' }
  if (candor.storage.helpers.isUnavailable(error))
    return {
      status: 503,
      code: 'storage-unavailable',
      message: 'the store is unavailable; nothing was written',
    }
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return { status: 400, code: 'invalid-request', message: 'the request is malformed' }
  }
  return {
    status: 500,
    code: 'internal-error',
    message: 'internal error; see the server log for this request id',
  }
}

/**
 * `; did you mean "x"?` when the object at `segments` (minus the unknown key, the last one) in the
 * route's zod schema has a property close to that key; `.` otherwise. `the known properties: …`
 * for an object of at most 12 properties when none is close.
 */
function knownKeysHint(schema: unknown, segments: readonly (string | number)[]): string {
  const unknownKey = segments[segments.length - 1]
  if (typeof unknownKey !== 'string') return ''
  let node = schema as ZodNode | undefined
  for (const seg of segments.slice(0, -1)) {
    node = unwrap(node)
    if (typeof seg === 'number') node = node?.element
    else node = node?.shape && Object.hasOwn(node.shape, seg) ? node.shape[seg] : undefined
  }
  const shape = unwrap(node)?.shape
  if (!shape) return ''
  const known = Object.keys(shape)
  const close = didYouMean(unknownKey, known)
  if (close !== '.') return close
  return known.length <= 12 ? `; the properties: ${known.join(', ')}` : ''
}

interface ZodNode {
  shape?: Record<string, ZodNode>
  element?: ZodNode
  unwrap?: () => ZodNode
}

function unwrap(node: ZodNode | undefined): ZodNode | undefined {
  let n = node
  for (let i = 0; i < 8 && n && !n.shape && !n.element && typeof n.unwrap === 'function'; i++) n = n.unwrap()
  return n
}

function formatPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('')
}

function openApiDescription(): string {
  const codes = Object.entries(ERROR_CATALOGUE)
    .map(([code, v]) => `| \`${code}\` | ${v.status} | ${v.description} |`)
    .join('\n')
  const reasons = EXCLUSION_REASONS.map((r) => `\`${r}\``).join(', ')
  return [
    'Responsible personalization: consent, purpose limitation, transparency and consumer control enforced by code.',
    '',
    '## Error codes',
    'Every error answers `{ "error": { "code", "message", "field"? }, "requestId" }`. Codes are stable and never reused.',
    '',
    '| code | status | meaning |',
    '|---|---|---|',
    codes,
    '',
    '## Exclusion reasons',
    `A policy view excludes items with one of: ${reasons}.`,
  ].join('\n')
}
