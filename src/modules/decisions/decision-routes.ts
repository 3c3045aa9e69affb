import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { asciiJson } from '../../http/ascii-json.js'
import { brandOf, principalOf } from '../../http/auth.js'
import { decodeCursor, encodeCursor, errorResponses, pageQuery } from '../../http/error-schemas.js'
import { CandorError } from '../../kernel/errors.js'
import { anonymousRef, parsePersonRef, userRef } from '../../kernel/person-ref.js'
import { personRefParams } from '../data-items/data-item-schemas.js'
import { actorOf } from '../keys/index.js'
import { decisionOut, decisionSchema } from './decision-schemas.js'
import type { DecisionService } from './decision-service.js'

export const decisionRoutes =
  (deps: { decisions: DecisionService }): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/decide',
      {
        // The hot path: `decisionOut()` builds the response field by field (that is its whitelist), so it is
        // serialized with JSON.stringify instead of re-validating it through zod (≈ 2 ms a request),
        // as ASCII like every other response.
        serializerCompiler: () => (data) => asciiJson(JSON.stringify(data)),
        schema: {
          operationId: 'decide',
          summary: 'Ranked offers for a person and a placement, each with an honest explanation',
          description:
            "Reads only the policy view for `personalization` at this brand. Without consent or evidence it answers a non-personalized ranking (editorial priority, then popularity) and says why. Honours the person's rejections, frequency caps and GPC (`gpc: true` or `Sec-GPC: 1`) in every answer. Each item returned counts as an impression.",
          tags: ['decisions'],
          body: z
            .object({
              userId: z.string().min(1).max(256).optional().describe("The brand's userId"),
              anonymousId: z.string().min(1).max(256).optional().describe('Or the anonymousId'),
              placement: z.string().min(1).max(64).describe('The placement, e.g. home_hero'),
              limit: z.number().int().min(1).max(50).default(3).describe('Items (1-50, default 3)'),
              candidates: z
                .array(z.string().max(100))
                .max(500)
                .optional()
                .describe('Only among these offer ids'),
              gpc: z
                .boolean()
                .optional()
                .describe("The browser's Global Privacy Control, relayed by a server-to-server caller"),
            })
            .strict(),
          response: { 200: decisionSchema, ...errorResponses(400, 401, 403, 413, 415, 429, 503) },
        },
      },
      async (request) => {
        const b = request.body
        if (b.userId !== undefined && b.anonymousId !== undefined)
          throw new CandorError('invalid-request', 'give userId or anonymousId, not both', 'anonymousId')
        const ref =
          b.userId !== undefined
            ? userRef(b.userId)
            : b.anonymousId !== undefined
              ? anonymousRef(b.anonymousId)
              : undefined
        const decision = await deps.decisions.decide({
          brandId: brandOf(request),
          ref: ref?.kind === 'anonymous' ? { kind: 'anonymous', value: ref.value } : ref,
          placement: b.placement,
          limit: b.limit,
          ...(b.candidates ? { candidates: b.candidates } : {}),
          gpc: b.gpc === true || request.headers['sec-gpc'] === '1',
          actor: actorOf(principalOf(request)),
        })
        return decisionOut(decision)
      },
    )

    app.get(
      '/persons/:ref/decisions',
      {
        schema: {
          operationId: 'listDecisions',
          summary: 'The decisions made for a person, with their explanations',
          description: 'Newest first; kept for the configured retention.',
          tags: ['decisions'],
          params: personRefParams,
          querystring: z.object(pageQuery),
          response: {
            200: z.object({
              decisions: z.array(decisionSchema).describe('One page'),
              nextCursor: z.string().nullable().describe('Cursor of the next page, or null'),
            }),
            ...errorResponses(400, 401, 403, 404, 429, 503),
          },
        },
      },
      async (request) => {
        const cursor = decodeCursor(request.query.cursor, z.object({ createdAt: z.number(), id: z.string() }))
        const page = await deps.decisions.history({
          brandId: brandOf(request),
          ref: parsePersonRef(request.params.ref),
          actor: actorOf(principalOf(request)),
          limit: request.query.limit,
          ...(cursor ? { cursor } : {}),
        })
        return {
          decisions: page.decisions.map(decisionOut),
          nextCursor: page.next ? encodeCursor(page.next) : null,
        }
      },
    )
  }
