import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { errorResponses } from '../../http/error-schemas.js'
import { clearSessionCookie, sessionOf } from '../../http/session-auth.js'
import type { PersonRef } from '../../kernel/person-ref.js'
import type { ConsentService } from '../consent/index.js'
import type { DataItemService } from '../data-items/index.js'
import type { DecisionService } from '../decisions/index.js'
import { erasureReceipt } from '../erasure/erasure-routes.js'
import type { ErasureService } from '../erasure/index.js'
import type { InterestService, TopicTaxonomy } from '../interests/index.js'
import type { PolicyService } from '../policy/index.js'
import { exportBody } from '../policy/policy-routes.js'
import { exportResponse } from '../policy/policy-schemas.js'

/** The actor the audit log names for the person acting in their own control center. */
export const PERSON_ACTOR = 'person:control-center'

const TAGS = ['control-center']

/**
 * The person's own API, in a `requireSession` context: the page is a client of these, and each
 * one calls the same service the brand API calls (export through the policy engine, consent with
 * source `control_center`, interests, gifts, erasure) for the session's person at its brand.
 */
export const meDataRoutes =
  (deps: {
    policy: Pick<PolicyService, 'exportForBrand'>
    decisions: Pick<DecisionService, 'logForExport'>
    interests: Pick<InterestService, 'model' | 'setState' | 'markGift'>
    topics: Pick<TopicTaxonomy, 'get'>
    consent: Pick<ConsentService, 'record' | 'currentAt'>
    erasure: Pick<ErasureService, 'erase'>
    dataItems: Pick<DataItemService, 'write' | 'reject'>
    purposes: Readonly<Record<string, { readonly description: string }>>
    /** The identity the session's person holds at the brand (how the brand's services name them). */
    refAt(personId: string, brandId: string): Promise<PersonRef>
  }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/me/export',
      {
        schema: {
          operationId: 'exportMyData',
          summary: 'Everything the brand holds about me',
          description:
            "The same export as `GET /v1/persons/{ref}/export` (identities, data items, consent history, interests with evidence, events, decisions), for the session's person at the brand that opened the session. The page's sections show parts of it.",
          tags: TAGS,
          security: [],
          response: { 200: exportResponse, ...errorResponses(401, 429, 503) },
        },
      },
      async (request) => {
        const s = sessionOf(request)
        return exportBody(deps, s.personId, s.brandId, PERSON_ACTOR)
      },
    )

    app.get(
      '/me/consent',
      {
        schema: {
          operationId: 'getMyConsent',
          summary: 'My choices per purpose at the brand',
          description: 'The current state of every purpose at the brand, as the policy engine decides it.',
          tags: TAGS,
          security: [],
          response: {
            200: z
              .object({
                purposes: z
                  .array(
                    z.object({
                      purpose: z.string().describe('Purpose id'),
                      description: z.string().describe('What the purpose means'),
                      granted: z.boolean().describe('Whether the brand may use my data for it now'),
                      state: z.string().describe('granted, denied, withdrawn, or default (never chosen)'),
                      source: z
                        .string()
                        .nullable()
                        .describe('Where the choice came from; null when never chosen'),
                    }),
                  )
                  .describe('One entry per configured purpose'),
              })
              .describe('My consent at the brand'),
            ...errorResponses(401, 429, 503),
          },
        },
      },
      async (request) => {
        const s = sessionOf(request)
        const c = await deps.consent.currentAt(
          s.brandId,
          await deps.refAt(s.personId, s.brandId),
          PERSON_ACTOR,
        )
        return {
          purposes: c.current.map((x) => ({
            purpose: x.purpose,
            description: Object.hasOwn(deps.purposes, x.purpose)
              ? (deps.purposes[x.purpose]?.description ?? '')
              : '',
            granted: x.granted,
            state: x.record ? x.state : 'default',
            source: x.record?.source ?? null,
          })),
        }
      },
    )

    app.post(
      '/me/consent',
      {
        schema: {
          operationId: 'recordMyConsent',
          summary: 'Change my choice for a purpose at the brand',
          description:
            'Appends to the consent ledger with source `control_center`; the next decision and read follow it at once.',
          tags: TAGS,
          security: [],
          body: z
            .object({
              purpose: z.string().min(1).max(64).describe('A configured purpose (GET /v1/purposes)'),
              state: z.enum(['granted', 'withdrawn']).describe('granted, or withdrawn'),
            })
            .strict(),
          response: { 204: z.null().describe('Recorded'), ...errorResponses(400, 401, 403, 429, 503) },
        },
      },
      async (request, reply) => {
        const s = sessionOf(request)
        await deps.consent.record({
          brandId: s.brandId,
          ref: await deps.refAt(s.personId, s.brandId),
          actor: PERSON_ACTOR,
          choices: [{ purpose: request.body.purpose, state: request.body.state, source: 'control_center' }],
        })
        return reply.code(204).send(null)
      },
    )

    app.post(
      '/me/interests',
      {
        schema: {
          operationId: 'setMyInterest',
          summary: 'State an interest, or remove one ("not interested")',
          description:
            'The same as `POST /v1/persons/{ref}/interests`: a stated interest outranks inferred ones; a rejected one stays removed.',
          tags: TAGS,
          security: [],
          body: z
            .object({
              topic: z.string().min(1).max(128).describe('A topic id (GET /v1/taxonomy/topics)'),
              state: z
                .enum(['stated', 'rejected'])
                .describe('stated (I like it) or rejected (not interested)'),
            })
            .strict(),
          response: { 204: z.null().describe('Recorded'), ...errorResponses(400, 401, 403, 429, 503) },
        },
      },
      async (request, reply) => {
        const s = sessionOf(request)
        await deps.interests.setState({
          brandId: s.brandId,
          ref: await deps.refAt(s.personId, s.brandId),
          topic: request.body.topic,
          state: request.body.state,
          actor: PERSON_ACTOR,
        })
        return reply.code(204).send(null)
      },
    )

    app.post(
      '/me/events/:messageId/gift',
      {
        schema: {
          operationId: 'markMyEventAsGift',
          summary: '"This was a gift"',
          description:
            'The same as `POST /v1/persons/{ref}/events/{messageId}/gift` marked by the person: the event and the journey that led to it stop counting toward my interests.',
          tags: TAGS,
          security: [],
          params: z.object({ messageId: z.string().min(1).max(256).describe('The event messageId') }),
          response: { 204: z.null().describe('Marked'), ...errorResponses(400, 401, 403, 404, 429, 503) },
        },
      },
      async (request, reply) => {
        const s = sessionOf(request)
        await deps.interests.markGift({
          brandId: s.brandId,
          ref: await deps.refAt(s.personId, s.brandId),
          messageId: request.params.messageId,
          actor: PERSON_ACTOR,
          markedBy: 'person',
        })
        return reply.code(204).send(null)
      },
    )

    app.put(
      '/me/data-items',
      {
        schema: {
          operationId: 'correctMyDataItem',
          summary: 'Correct something I told the brand',
          description:
            'Writes the item again as stated by me (source `stated`), the same write as `POST /v1/persons/{ref}/data-items`: the new value replaces the old one for this key.',
          tags: TAGS,
          security: [],
          body: z
            .object({
              key: z.string().min(1).max(128).describe('The data item key'),
              value: z.union([z.string().max(1000), z.number(), z.boolean()]).describe('The corrected value'),
              category: z.string().min(1).max(128).describe('Its data category (GET /v1/categories)'),
            })
            .strict(),
          response: { 204: z.null().describe('Corrected'), ...errorResponses(400, 401, 403, 429, 503) },
        },
      },
      async (request, reply) => {
        const s = sessionOf(request)
        await deps.dataItems.write({
          brandId: s.brandId,
          ref: await deps.refAt(s.personId, s.brandId),
          actor: PERSON_ACTOR,
          items: [{ ...request.body, source: 'stated' }],
        })
        return reply.code(204).send(null)
      },
    )

    app.post(
      '/me/data-items/:itemId/rejection',
      {
        schema: {
          operationId: 'rejectMyDataItem',
          summary: 'Remove a data item, or flag an inference as wrong',
          description:
            'The same as `POST /v1/persons/{ref}/data-items/{itemId}/rejection`: the item is excluded from every use (reason `rejected-by-person`) and stays away until it is written again.',
          tags: TAGS,
          security: [],
          params: z.object({ itemId: z.string().min(1).max(64).describe('A data item id') }),
          response: { 204: z.null().describe('Removed'), ...errorResponses(400, 401, 403, 404, 429, 503) },
        },
      },
      async (request, reply) => {
        const s = sessionOf(request)
        await deps.dataItems.reject({
          brandId: s.brandId,
          ref: await deps.refAt(s.personId, s.brandId),
          actor: PERSON_ACTOR,
          itemId: request.params.itemId,
        })
        return reply.code(204).send(null)
      },
    )

    app.delete(
      '/me',
      {
        schema: {
          operationId: 'eraseMe',
          summary: 'Erase me at the brand',
          description:
            'The same erasure as `DELETE /v1/persons/{ref}`: keys destroyed, rows purged, a pseudonymous audit record; answers the receipt. The session and every link for me end with it.',
          tags: TAGS,
          security: [],
          response: { 200: erasureReceipt, ...errorResponses(401, 403, 429, 503) },
        },
      },
      async (request, reply) => {
        const s = sessionOf(request)
        const receipt = await deps.erasure.erase({
          personId: s.personId,
          brandId: s.brandId,
          allBrands: false,
          suppress: false,
          actor: PERSON_ACTOR,
        })
        clearSessionCookie(request, reply)
        return { ...receipt, brands: [...receipt.brands], removed: receipt.removed.map((r) => ({ ...r })) }
      },
    )
  }
