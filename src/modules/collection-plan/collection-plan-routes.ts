import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { principalOf } from '../../http/auth.js'
import {
  decodeCursor,
  encodeCursor,
  errorResponse,
  errorResponses,
  pageQuery,
} from '../../http/error-schemas.js'
import { CandorError } from '../../kernel/errors.js'
import { actorOf } from '../keys/index.js'
import { formatPlan, type PlanDocument, parsePlanDocument } from './collection-plan.js'
import {
  EXAMPLE_PLAN,
  findingSchema,
  planVersionSchema,
  savePlanBody,
  violationSchema,
} from './collection-plan-schemas.js'
import type { CollectionPlanService } from './collection-plan-service.js'
import type { PlanVersion } from './plan-version.js'

const brandParams = z.object({ id: z.string().min(1).max(63).describe('Brand id') })

const out = (v: PlanVersion) => ({
  brand: v.brandId,
  version: v.version,
  savedAt: new Date(v.createdAt).toISOString(),
  savedBy: v.actor,
  reason: v.reason,
  findings: v.findings.map((f) => ({ ...f })),
  plan: v.document as PlanDocument & { mode: 'observe' | 'strip' | 'reject' },
})

const EXAMPLE_VERSION = {
  brand: 'outdoor',
  version: 3,
  savedAt: '2026-12-02T18:00:00.000Z',
  savedBy: 'key:k8d2m4x9qa',
  reason: 'Stop collecting fax numbers',
  findings: [],
  plan: EXAMPLE_PLAN,
}

/** The collection plan of a brand (admin keys; reviewer keys may save sensitive fields). */
export const collectionPlanRoutes =
  (deps: { collectionPlans: CollectionPlanService }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/brands/:id/collection-plan',
      {
        schema: {
          operationId: 'getCollectionPlan',
          summary: "The brand's collection plan in force",
          description:
            'The newest version: every field the brand collects with its category, purposes, retention and justification. `format=yaml` exports the document alone as YAML.',
          tags: ['collection-plan'],
          params: brandParams,
          querystring: z.object({
            format: z
              .enum(['json', 'yaml'])
              .default('json')
              .describe('json (the version) or yaml (the document)'),
          }),
          response: {
            200: planVersionSchema.meta({ examples: [EXAMPLE_VERSION] }),
            ...errorResponses(400, 401, 403, 404, 429, 503),
          },
        },
      },
      async (request, reply) => {
        const v = await deps.collectionPlans.current(request.params.id)
        if (request.query.format === 'yaml') {
          const parsed = parsePlanDocument(v.document)
          // The document alone, as text: the JSON serializer of the 200 schema does not apply.
          if (parsed.ok)
            return reply
              .type('application/yaml; charset=utf-8')
              .serializer((text) => String(text))
              .send(formatPlan(parsed.value, 'yaml') as never)
        }
        return out(v)
      },
    )

    app.put(
      '/brands/:id/collection-plan',
      {
        schema: {
          operationId: 'putCollectionPlan',
          summary: 'Save a new version of the collection plan',
          description:
            'Checked field by field (a 400 names the path and the fix), then reviewed: a sensitive field needs a justification and a reviewer key, every field needs a purpose and a justification. Blocking findings answer 422 with the findings and save nothing. A saved version applies to every message received after the save, on every process within a second, and is recorded in the audit log with who and why.',
          tags: ['collection-plan'],
          params: brandParams,
          body: savePlanBody,
          response: {
            200: planVersionSchema.meta({ examples: [EXAMPLE_VERSION] }),
            422: errorResponse
              .extend({ findings: z.array(findingSchema).describe('The review findings, blocks first') })
              .describe('Blocked by review'),
            ...errorResponses(400, 401, 403, 404, 413, 415, 429, 503),
          },
        },
      },
      async (request, reply) => {
        const p = principalOf(request)
        const { reason, plan, document } = request.body
        if ((plan === undefined) === (document === undefined))
          throw new CandorError(
            'invalid-request',
            'send the plan as `plan` (JSON) or `document` (YAML or JSON text), one of the two',
            'plan',
          )
        const outcome = await deps.collectionPlans.save({
          brandId: request.params.id,
          ...(document === undefined ? { document: plan } : { text: document }),
          reason,
          actor: actorOf(p),
          reviewer: p.kind === 'reviewer',
        })
        if (!outcome.accepted)
          return reply.code(422).send({
            error: {
              code: 'plan-review-blocked',
              message: `review blocks this version: ${outcome.findings
                .filter((f) => f.severity === 'block')
                .map((f) => f.message)
                .join('; ')}`,
              field: outcome.findings[0]?.path ?? 'plan',
            },
            findings: outcome.findings.map((f) => ({ ...f })),
            requestId: request.id,
          })
        return out(outcome.version)
      },
    )

    app.get(
      '/brands/:id/collection-plan/versions',
      {
        schema: {
          operationId: 'listCollectionPlanVersions',
          summary: 'Every version of the collection plan, newest first',
          description: 'Each with who saved it, why, its findings and its document.',
          tags: ['collection-plan'],
          params: brandParams,
          querystring: z.object(pageQuery),
          response: {
            200: z
              .object({
                versions: z.array(planVersionSchema).describe('One page, newest first'),
                nextCursor: z.string().nullable().describe('Cursor of the next page, or null'),
              })
              .meta({ examples: [{ versions: [EXAMPLE_VERSION], nextCursor: null }] }),
            ...errorResponses(400, 401, 403, 404, 429, 503),
          },
        },
      },
      async (request) => {
        const before = decodeCursor(request.query.cursor, z.object({ v: z.number() }))?.v
        const versions = await deps.collectionPlans.versions(request.params.id, request.query.limit, before)
        const last = versions[versions.length - 1]
        return {
          versions: versions.map(out),
          nextCursor:
            last && versions.length === request.query.limit ? encodeCursor({ v: last.version }) : null,
        }
      },
    )

    app.get(
      '/brands/:id/collection-plan/violations',
      {
        schema: {
          operationId: 'listCollectionPlanViolations',
          summary: 'Fields received that the plan does not allow, counted',
          description:
            'Field names and counts only, never values: undeclared properties, traits and context fields, undeclared events, and required properties that were missing. Counted in every mode.',
          tags: ['collection-plan'],
          params: brandParams,
          querystring: z.object({
            limit: z.coerce
              .number()
              .int()
              .min(1)
              .max(1000)
              .default(200)
              .describe('Most rows (1-1000, default 200)'),
          }),
          response: {
            200: z.object({ violations: z.array(violationSchema).describe('Most frequent first') }).meta({
              examples: [
                {
                  violations: [
                    {
                      event: 'Product Viewed',
                      field: 'properties.color',
                      kind: 'undeclared',
                      count: 1204,
                      firstSeenAt: '2026-12-02T18:00:00.000Z',
                      lastSeenAt: '2026-12-02T18:30:00.000Z',
                    },
                  ],
                },
              ],
            }),
            ...errorResponses(400, 401, 403, 404, 429, 503),
          },
        },
      },
      async (request) => ({
        violations: (await deps.collectionPlans.violations(request.params.id, request.query.limit)).map(
          (v) => ({
            event: v.event,
            field: v.field,
            kind: v.kind,
            count: v.count,
            firstSeenAt: new Date(v.firstSeenAt).toISOString(),
            lastSeenAt: new Date(v.lastSeenAt).toISOString(),
          }),
        ),
      }),
    )
  }
