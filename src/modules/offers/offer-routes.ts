import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { decodeCursor, encodeCursor, errorResponses, pageQuery } from '../../http/error-schemas.js'
import {
  EXAMPLE_OFFER,
  newOfferBody,
  OFFER_ID,
  offerInput,
  offerSchema,
  offerOut as out,
  replaceOfferBody,
} from './offer-schemas.js'
import type { OfferService } from './offer-service.js'

const idParam = z.object({ id: OFFER_ID })

export const offerRoutes =
  (deps: { offers: OfferService }): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/offers',
      {
        schema: {
          operationId: 'createOffer',
          summary: 'Create an offer',
          tags: ['offers'],
          body: newOfferBody,
          response: { 201: offerSchema, ...errorResponses(400, 401, 403, 404, 409, 413, 415, 429, 503) },
        },
      },
      async (request, reply) =>
        reply.code(201).send(out(await deps.offers.put(offerInput(request.body.id, request.body), 'create'))),
    )
    app.put(
      '/offers/:id',
      {
        schema: {
          operationId: 'replaceOffer',
          summary: 'Replace an offer',
          tags: ['offers'],
          params: idParam,
          body: replaceOfferBody,
          response: { 200: offerSchema, ...errorResponses(400, 401, 403, 404, 413, 415, 429, 503) },
        },
      },
      async (request) => out(await deps.offers.put(offerInput(request.params.id, request.body), 'replace')),
    )
    app.get(
      '/offers/:id',
      {
        schema: {
          operationId: 'getOffer',
          summary: 'An offer',
          tags: ['offers'],
          params: idParam,
          response: { 200: offerSchema, ...errorResponses(400, 401, 403, 404, 429) },
        },
      },
      async (request) => out(await deps.offers.get(request.params.id)),
    )
    app.get(
      '/offers',
      {
        schema: {
          operationId: 'listOffers',
          summary: 'List offers',
          tags: ['offers'],
          querystring: z.object({
            brand: z.string().max(64).optional().describe('Only this brand'),
            ...pageQuery,
          }),
          response: {
            200: z
              .object({
                offers: z.array(offerSchema).describe('One page'),
                nextCursor: z.string().nullable().describe('Cursor of the next page, or null'),
              })
              .meta({ examples: [{ offers: [EXAMPLE_OFFER], nextCursor: null }] }),
            ...errorResponses(400, 401, 403, 429),
          },
        },
      },
      async (request) => {
        const after = decodeCursor(request.query.cursor, z.object({ id: z.string() }))?.id
        const offers = await deps.offers.list(request.query.brand, request.query.limit, after)
        const last = offers[offers.length - 1]
        return {
          offers: offers.map(out),
          nextCursor: last && offers.length === request.query.limit ? encodeCursor({ id: last.id }) : null,
        }
      },
    )
    app.delete(
      '/offers/:id',
      {
        schema: {
          operationId: 'deleteOffer',
          summary: 'Delete an offer',
          tags: ['offers'],
          params: idParam,
          response: { 204: z.null().describe('Deleted'), ...errorResponses(400, 401, 403, 404, 429) },
        },
      },
      async (request, reply) => {
        await deps.offers.delete(request.params.id)
        return reply.code(204).send(null)
      },
    )
  }
