import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { brandOf, principalOf } from '../../http/auth.js'
import { decodeCursor, encodeCursor, errorResponses, pageQuery } from '../../http/error-schemas.js'
import type { Clock } from '../../kernel/clock.js'
import { parsePersonRef } from '../../kernel/person-ref.js'
import { personRefParams } from '../data-items/data-item-schemas.js'
import { actorOf } from '../keys/index.js'
import type { InterestView, PolicyService } from '../policy/index.js'
import { policyViewQuery } from '../policy/policy-schemas.js'
import { heldBackUntil, scoreAt } from './interest.js'
import {
  eventSchema,
  interestOut,
  interestSchema,
  interestsResponse,
  setInterestRequest,
} from './interest-schemas.js'
import type { InterestService } from './interest-service.js'
import type { TopicTaxonomy } from './taxonomy/index.js'

export const interestRoutes =
  (deps: {
    policy: PolicyService
    interests: InterestService
    topics: TopicTaxonomy
    clock: Clock
  }): FastifyPluginAsyncZod =>
  async (app) => {
    const out = (i: InterestView) => interestOut(i, deps.topics, deps.interests.model)

    app.get(
      '/persons/:ref/interests',
      {
        schema: {
          operationId: 'getInterests',
          summary: "A person's interests usable for a purpose",
          description:
            'Policy-gated like every read. Only established interests (signals on enough distinct days) or stated ones count for decisions and segments; emerging ones are listed after them with `established: false`.',
          tags: ['interests'],
          params: personRefParams,
          querystring: policyViewQuery,
          response: { 200: interestsResponse, ...errorResponses(400, 401, 403, 404, 429, 503) },
        },
      },
      async (request) => {
        const brandId = brandOf(request)
        const personId = await deps.policy.resolve(brandId, parsePersonRef(request.params.ref))
        const v = await deps.policy.interests(personId, {
          brandId,
          purpose: request.query.purpose,
          actor: actorOf(principalOf(request)),
        })
        return {
          personId: v.personId,
          purpose: v.purpose,
          interests: v.interests.map(out),
          excluded: v.excluded.map((e) => ({ ...e })),
          reason: v.reason,
          why: v.why,
        }
      },
    )

    app.post(
      '/persons/:ref/interests',
      {
        schema: {
          operationId: 'setInterest',
          summary: 'The person states an interest, or says "not interested"',
          description:
            'Stated interests outrank inferred ones. A rejected topic stays removed (new signals do not bring it back) until the person states it again.',
          tags: ['interests'],
          params: personRefParams,
          body: setInterestRequest,
          response: { 200: interestSchema, ...errorResponses(400, 401, 403, 404, 413, 415, 429, 503) },
        },
      },
      async (request) => {
        const brandId = brandOf(request)
        const i = await deps.interests.setState({
          brandId,
          ref: parsePersonRef(request.params.ref),
          topic: request.body.topic,
          state: request.body.state,
          actor: actorOf(principalOf(request)),
        })
        const now = deps.clock.now()
        return out({
          topic: i.topic,
          brand: i.brandId,
          score: scoreAt(i, now, deps.interests.model),
          confidence: i.state === 'stated' ? 1 : 0,
          established: i.state === 'stated',
          source: i.state === 'stated' ? 'stated' : 'inferred',
          state: i.state,
          evidence: {
            signals: i.signals,
            distinctDays: i.days.length,
            firstSeen: i.firstSeen,
            lastSeen: i.lastSeen,
            sampleEventIds: i.sampleEventIds,
            journeys: i.journeys,
            heldBackUntil: heldBackUntil(i, deps.interests.model, now),
          },
          basis: [],
        })
      },
    )

    app.get(
      '/persons/:ref/events',
      {
        schema: {
          operationId: 'listEvents',
          summary: "The brand's own events for a person, for a purpose, newest first",
          description:
            'Events are person data like any other: reading them names a purpose, and each field (event name, property, trait, context entry, topic) is released or withheld by its data category under the same policy as data items — withheld fields are listed in `excluded` with the reason, never their value. Audited as `events.read`. What a person\'s "that was a gift" points at.',
          tags: ['events'],
          params: personRefParams,
          querystring: z.object({ ...pageQuery, ...policyViewQuery.shape }),
          response: {
            200: z.object({
              personId: z.string().describe("The person's pseudonym at this brand"),
              purpose: z.string().describe('The purpose of the read'),
              events: z.array(eventSchema).describe('One page'),
              nextCursor: z.string().nullable().describe('Cursor of the next page, or null'),
            }),
            ...errorResponses(400, 401, 403, 404, 429, 503),
          },
        },
      },
      async (request) => {
        const brandId = brandOf(request)
        deps.policy.checkPurpose(request.query.purpose)
        const personId = await deps.policy.resolve(brandId, parsePersonRef(request.params.ref))
        const cursor = decodeCursor(request.query.cursor, z.object({ eventTime: z.number(), id: z.string() }))
        const page = await deps.policy.events(
          personId,
          { brandId, purpose: request.query.purpose, actor: actorOf(principalOf(request)) },
          request.query.limit,
          cursor,
        )
        return {
          personId: page.personId,
          purpose: request.query.purpose,
          events: page.events.map((e) => ({
            ...e,
            timestamp: new Date(e.timestamp).toISOString(),
            receivedAt: new Date(e.receivedAt).toISOString(),
            topics: [...e.topics],
            properties: { ...e.properties },
            context: { ...e.context },
            traits: { ...e.traits },
            excluded: [...e.excluded],
          })),
          nextCursor: page.next ? encodeCursor(page.next) : null,
        }
      },
    )

    app.post(
      '/persons/:ref/events/:messageId/gift',
      {
        schema: {
          operationId: 'markEventAsGift',
          summary: '"That was a gift"',
          description:
            'The event stops counting toward the person\'s interests, and so does the journey that led up to it (the views, searches and cart adds in its topics within the gift window before it); the interests are recomputed at once. `markedBy` says who knows it was a gift: the person (the default: their "that was a gift", relayed by the brand) or the brand (its order system learned it later).',
          tags: ['events'],
          params: personRefParams.extend({
            messageId: z.string().min(1).max(256).describe('The event messageId'),
          }),
          body: z
            .object({
              markedBy: z
                .enum(['person', 'brand'])
                .default('person')
                .describe('Who says it was a gift: the person (default) or the brand'),
            })
            .strict()
            .nullish(),
          response: { 204: z.null().describe('Marked'), ...errorResponses(400, 401, 403, 404, 429, 503) },
        },
      },
      async (request, reply) => {
        await deps.interests.markGift({
          brandId: brandOf(request),
          ref: parsePersonRef(request.params.ref),
          messageId: request.params.messageId,
          actor: actorOf(principalOf(request)),
          markedBy: request.body?.markedBy ?? 'person',
        })
        return reply.code(204).send(null)
      },
    )
  }
