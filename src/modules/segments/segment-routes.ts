import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { principalOf } from '../../http/auth.js'
import { decodeCursor, encodeCursor, errorResponses, pageQuery } from '../../http/error-schemas.js'
import type { Review } from './review.js'
import type { HistoryEntry, Segment } from './segment.js'
import {
  activateBody,
  createSegmentBody,
  historySchema,
  membersQuery,
  membersSchema,
  segmentBody,
  segmentIdParam,
  segmentSchema,
} from './segment-schemas.js'
import type { SegmentActor, SegmentService } from './segment-service.js'

export interface SegmentRouteDeps {
  readonly segments: SegmentService
  /** The label of a key, for the history and the audit log of overrides. */
  readonly keyLabel: (keyId: string) => Promise<string>
}

const iso = (t: number) => new Date(t).toISOString()

export const reviewOut = (r: Review) => ({
  ...r,
  reviewedAt: iso(r.reviewedAt),
  findings: r.findings.map((f) => ({ ...f, details: f.details ? { ...f.details } : undefined })),
  fairness: r.fairness.map((x) => ({ ...x })),
  suggestions: r.suggestions.map((s) => ({ ...s })),
})

const out = (s: Segment) => ({
  ...s,
  createdAt: iso(s.createdAt),
  updatedAt: iso(s.updatedAt),
  review: s.review ? reviewOut(s.review) : null,
})

const historyOut = (h: HistoryEntry) => ({ ...h, at: iso(h.at), details: { ...h.details } })

async function actorOfRequest(
  request: FastifyRequest,
  keyLabel: SegmentRouteDeps['keyLabel'],
): Promise<SegmentActor> {
  const p = principalOf(request)
  const kind = p.kind === 'admin' || p.kind === 'reviewer' || p.kind === 'server' ? p.kind : 'server'
  return { actor: `key:${p.keyId}`, kind, label: await keyLabel(p.keyId) }
}

/** Segment definitions, reviews and members: admin keys. */
export const segmentRoutes =
  (deps: SegmentRouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const who = (r: FastifyRequest) => actorOfRequest(r, deps.keyLabel)
    app.post(
      '/segments',
      {
        schema: {
          operationId: 'createSegment',
          summary: 'Create a segment',
          description:
            'Creates an inactive segment and reviews it at once: the response carries the findings, the reach before and after consent and the fairness table.',
          tags: ['segments'],
          body: createSegmentBody,
          response: { 201: segmentSchema, ...errorResponses(400, 401, 403, 404, 409, 413, 415, 429, 503) },
        },
      },
      async (request, reply) => {
        const { id, ...b } = request.body
        return reply.code(201).send(out(await deps.segments.create({ ...b, id }, await who(request))))
      },
    )
    app.put(
      '/segments/:id',
      {
        schema: {
          operationId: 'replaceSegment',
          summary: 'Replace a segment',
          description:
            'A new version of the segment: reviewed again, and inactive until activated again (an active segment goes back to review).',
          tags: ['segments'],
          params: segmentIdParam,
          body: segmentBody,
          response: { 200: segmentSchema, ...errorResponses(400, 401, 403, 404, 413, 415, 429, 503) },
        },
      },
      async (request) =>
        out(await deps.segments.update({ ...request.body, id: request.params.id }, await who(request))),
    )
    app.get(
      '/segments',
      {
        schema: {
          operationId: 'listSegments',
          summary: 'List segments',
          tags: ['segments'],
          querystring: z.object({
            brand: z.string().max(64).optional().describe('Only this brand'),
            ...pageQuery,
          }),
          response: {
            200: z.object({
              segments: z.array(segmentSchema).describe('One page'),
              nextCursor: z.string().nullable().describe('Cursor of the next page, or null'),
            }),
            ...errorResponses(400, 401, 403, 429),
          },
        },
      },
      async (request) => {
        const after = decodeCursor(request.query.cursor, z.object({ id: z.string() }))?.id
        const list = await deps.segments.list(request.query.brand, request.query.limit, after)
        const last = list[list.length - 1]
        return {
          segments: list.map(out),
          nextCursor: last && list.length === request.query.limit ? encodeCursor({ id: last.id }) : null,
        }
      },
    )
    app.delete(
      '/segments/:id',
      {
        schema: {
          operationId: 'deleteSegment',
          summary: 'Delete a segment',
          description: 'Deletes the segment; its history stays. Offers naming it are shown to no one.',
          tags: ['segments'],
          params: segmentIdParam,
          response: { 204: z.null().describe('Deleted'), ...errorResponses(400, 401, 403, 404, 429) },
        },
      },
      async (request, reply) => {
        await deps.segments.delete(request.params.id, await who(request))
        return reply.code(204).send(null)
      },
    )
    app.post(
      '/segments/:id/review',
      {
        schema: {
          operationId: 'reviewSegment',
          summary: 'Review a segment again',
          description:
            'Runs the review on the current data and consents: findings (sensitive-category, proxy-attribute, demographic-only, single-event, gift-signal, purpose-mismatch, cross-brand-data, beneficial-exclusion, stale-data, low-confidence-inference), reach and the fairness table. Audited once, in aggregate.',
          tags: ['segments'],
          params: segmentIdParam,
          response: { 200: segmentSchema, ...errorResponses(400, 401, 403, 404, 429) },
        },
      },
      async (request) => out(await deps.segments.reviewAgain(request.params.id, await who(request))),
    )
    app.get(
      '/segments/:id/members',
      {
        schema: {
          operationId: 'listSegmentMembers',
          summary: "An active segment's members",
          description:
            "The brand's pseudonyms and its own userIds of the people in an active segment, evaluated through the policy for the segment's purpose (no consent, no member). One aggregate audit entry per call.",
          tags: ['segments'],
          params: segmentIdParam,
          querystring: membersQuery,
          response: { 200: membersSchema, ...errorResponses(400, 401, 403, 404, 409, 429) },
        },
      },
      async (request) => {
        const offset = decodeCursor(request.query.cursor, z.object({ o: z.number().int().min(0) }))?.o ?? 0
        const page = await deps.segments.members(
          request.params.id,
          request.query.limit,
          offset,
          await who(request),
        )
        return {
          members: page.members.map((m) => ({ personId: m.personId, userIds: [...m.userIds] })),
          nextCursor: page.next === undefined ? null : encodeCursor({ o: page.next }),
        }
      },
    )
  }

/** Reading a segment and its history, activation and deactivation: admin or reviewer keys. */
export const segmentApprovalRoutes =
  (deps: SegmentRouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const who = (r: FastifyRequest) => actorOfRequest(r, deps.keyLabel)
    app.get(
      '/segments/:id',
      {
        schema: {
          operationId: 'getSegment',
          summary: 'A segment with its latest review',
          tags: ['segments'],
          params: segmentIdParam,
          response: { 200: segmentSchema, ...errorResponses(400, 401, 403, 404, 429) },
        },
      },
      async (request) => out(await deps.segments.get(request.params.id)),
    )
    app.get(
      '/segments/:id/history',
      {
        schema: {
          operationId: 'getSegmentHistory',
          summary: "A segment's history",
          description: 'Every version, review, activation, override and deactivation, with who and why.',
          tags: ['segments'],
          params: segmentIdParam,
          response: { 200: historySchema, ...errorResponses(400, 401, 403, 404, 429) },
        },
      },
      async (request) => ({ history: (await deps.segments.history(request.params.id)).map(historyOut) }),
    )
    app.post(
      '/segments/:id/activate',
      {
        schema: {
          operationId: 'activateSegment',
          summary: 'Activate a segment',
          description:
            'An admin key activates a segment whose review has no blocking finding. With blocking findings, a reviewer key with a `justification` of at least 20 characters overrides them (maker–checker: not the key that made the current version); the override is audited with the findings and the key label.',
          tags: ['segments'],
          params: segmentIdParam,
          body: activateBody.optional(),
          response: { 200: segmentSchema, ...errorResponses(400, 401, 403, 404, 409, 429) },
        },
      },
      async (request) =>
        out(await deps.segments.activate(request.params.id, await who(request), request.body?.justification)),
    )
    app.post(
      '/segments/:id/deactivate',
      {
        schema: {
          operationId: 'deactivateSegment',
          summary: 'Deactivate a segment',
          description: 'Stops the segment: no members, and offers naming it are shown to no one.',
          tags: ['segments'],
          params: segmentIdParam,
          response: { 200: segmentSchema, ...errorResponses(400, 401, 403, 404, 429) },
        },
      },
      async (request) => out(await deps.segments.deactivate(request.params.id, await who(request))),
    )
  }
