import type { FastifyInstance } from 'fastify'
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import { DOC_ONLY, type DocOnly } from './openapi-docs.js'

/** Prometheus metrics of one server instance (a registry per instance, so tests can run several). */
export interface ServerMetrics {
  readonly registry: Registry
  /** Counts ingested messages by result. */
  ingested(result: 'accepted' | 'duplicate' | 'rejected', n: number): void
}

export function registerMetrics(
  app: FastifyInstance,
  sources: {
    decisionsDropped?: () => number
    /** The audit anchor endpoint's record (`auditAnchorUrl`), with the time now. */
    anchorEndpoint?: () =>
      | { lastSuccessAt: number | null; failuresSinceSuccess: number; now: number }
      | undefined
  } = {},
): ServerMetrics {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const endpoint = sources.anchorEndpoint
  if (endpoint) {
    new Gauge({
      name: 'candor_audit_anchor_endpoint_failures',
      help: 'POSTs of audit chain heads to auditAnchorUrl that failed since the last accepted one (0 when none is configured)',
      registers: [registry],
      collect() {
        this.set(endpoint()?.failuresSinceSuccess ?? 0)
      },
    })
    new Gauge({
      name: 'candor_audit_anchor_endpoint_last_success_age_seconds',
      help: 'Seconds since auditAnchorUrl last accepted a chain head (-1: never, or none configured)',
      registers: [registry],
      collect() {
        const s = endpoint()
        this.set(s && s.lastSuccessAt !== null ? Math.max(0, (s.now - s.lastSuccessAt) / 1000) : -1)
      },
    })
  }
  const dropped = sources.decisionsDropped
  if (dropped)
    new Counter({
      name: 'candor_decision_log_dropped_total',
      help: 'Decisions and impressions dropped because their commits kept failing and the retry buffer was full',
      registers: [registry],
      collect() {
        this.reset()
        this.inc(dropped())
      },
    })
  const requests = new Counter({
    name: 'candor_http_requests_total',
    help: 'HTTP requests by route, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [registry],
  })
  const duration = new Histogram({
    name: 'candor_http_request_duration_seconds',
    help: 'HTTP request duration by route',
    labelNames: ['route', 'method'] as const,
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  })
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unknown'
    requests.inc({ route, method: request.method, status: String(reply.statusCode) })
    duration.observe({ route, method: request.method }, reply.elapsedTime / 1000)
  })
  const ingest = new Counter({
    name: 'candor_ingest_messages_total',
    help: 'Tracking messages by result: accepted (stored), duplicate (messageId seen) or rejected',
    labelNames: ['result'] as const,
    registers: [registry],
  })
  app.get('/metrics', { schema: METRICS_DOCS }, async (_request, reply) => {
    reply.header('content-type', registry.contentType)
    return registry.metrics()
  })
  return {
    registry,
    ingested: (result, n) => {
      if (n > 0) ingest.inc({ result }, n)
    },
  }
}

const METRICS_DOCS = {
  operationId: 'metrics',
  summary: 'Prometheus metrics',
  description:
    'No key, like /healthz: the figures carry no person data and no key ids (route templates, methods, status codes, counts, durations). Where that is too much, bind Candor to an interface only the monitoring network reaches (`--host`) or keep the route behind the proxy. Metrics: candor_http_requests_total, candor_http_request_duration_seconds, candor_ingest_messages_total, candor_decision_log_dropped_total, candor_audit_anchor_endpoint_failures, candor_audit_anchor_endpoint_last_success_age_seconds, and the Node.js process metrics.',
  tags: ['operations'],
  security: [],
  [DOC_ONLY]: {
    responses: {
      200: {
        description: 'Prometheus text exposition format',
        contentType: 'text/plain',
        schema: { type: 'string' },
        example:
          '# TYPE candor_http_requests_total counter\ncandor_http_requests_total{route="/v1/decide",method="POST",status="200"} 42\n',
      },
    },
  } satisfies DocOnly,
}
