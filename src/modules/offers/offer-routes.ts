import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { decodeCursor, encodeCursor, errorResponses, pageQuery } from '../../http/error-schemas.js'
import { OFFER_PURPOSES, type Offer } from './offer.js'
import type { OfferService } from './offer-service.js'

const iso = z.iso.datetime({ offset: true })

const offerBody = z
  .object({
    brand: z.string().min(1).max(64).describe('The brand whose placements show it'),
    title: z.string().min(1).max(300).describe('Title'),
    placements: z.array(z.string().min(1).max(64)).min(1).max(50).describe('Placements, e.g. home_hero'),
    topics: z
      .record(z.string(), z.number())
      .describe('Topic id → weight in (0, 1]; topics from GET /v1/taxonomy/topics'),
    beneficial: z.boolean().optional().describe('A discount or deal (audited for exclusion of groups)'),
    priority: z.number().int().min(-1000).max(1000).optional().describe('Editorial order (default 0)'),
    purpose: z
      .enum(OFFER_PURPOSES)
      .optional()
      .describe('personalization (default) or advertising (never shown with GPC)'),
    segment: z.string().max(64).optional().describe('Segment id (evaluated once segments exist)'),
    startsAt: iso.optional().describe('Runs from'),
    endsAt: iso.optional().describe('Runs until'),
    frequencyCap: z
      .object({
        count: z.number().int().min(1).describe('Impressions'),
        perDays: z
          .number()
          .min(1 / 24)
          .max(365)
          .describe('Window in days'),
      })
      .strict()
      .optional()
      .describe('At most `count` impressions per person per `perDays`'),
  })
  .strict()

const offerSchema = offerBody
  .extend({
    id: z.string().describe('Offer id'),
    beneficial: z.boolean().describe('Deal'),
    priority: z.number().describe('Editorial order'),
    purpose: z.enum(OFFER_PURPOSES).describe('Purpose'),
    segment: z.string().nullable().describe('Segment'),
    startsAt: z.string().nullable().describe('Runs from'),
    endsAt: z.string().nullable().describe('Runs until'),
    frequencyCap: z
      .object({ count: z.number().describe('Impressions'), perDays: z.number().describe('Days') })
      .nullable()
      .describe('Cap'),
    createdAt: z.string().describe('ISO time'),
    updatedAt: z.string().describe('ISO time'),
  })
  .describe('An offer')

const out = (o: Offer) => ({
  id: o.id,
  brand: o.brand,
  title: o.title,
  placements: [...o.placements],
  topics: { ...o.topics },
  beneficial: o.beneficial,
  priority: o.priority,
  purpose: o.purpose,
  segment: o.segment,
  startsAt: o.startsAt === null ? null : new Date(o.startsAt).toISOString(),
  endsAt: o.endsAt === null ? null : new Date(o.endsAt).toISOString(),
  frequencyCap: o.frequencyCap ? { ...o.frequencyCap } : null,
  createdAt: new Date(o.createdAt).toISOString(),
  updatedAt: new Date(o.updatedAt).toISOString(),
})

const idParam = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,100}$/)
    .describe('Offer id'),
})

export const offerRoutes =
  (deps: { offers: OfferService }): FastifyPluginAsyncZod =>
  async (app) => {
    const toInput = (id: string, b: z.infer<typeof offerBody>) => ({
      ...b,
      id,
      startsAt: b.startsAt === undefined ? undefined : Date.parse(b.startsAt),
      endsAt: b.endsAt === undefined ? undefined : Date.parse(b.endsAt),
    })
    app.post(
      '/offers',
      {
        schema: {
          operationId: 'createOffer',
          summary: 'Create an offer',
          tags: ['offers'],
          body: offerBody.extend({ id: idParam.shape.id }),
          response: { 201: offerSchema, ...errorResponses(400, 401, 403, 404, 409, 413, 415, 429, 503) },
        },
      },
      async (request, reply) =>
        reply.code(201).send(out(await deps.offers.put(toInput(request.body.id, request.body), 'create'))),
    )
    app.put(
      '/offers/:id',
      {
        schema: {
          operationId: 'replaceOffer',
          summary: 'Replace an offer',
          tags: ['offers'],
          params: idParam,
          body: offerBody,
          response: { 200: offerSchema, ...errorResponses(400, 401, 403, 404, 413, 415, 429, 503) },
        },
      },
      async (request) => out(await deps.offers.put(toInput(request.params.id, request.body), 'replace')),
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
            200: z.object({
              offers: z.array(offerSchema).describe('One page'),
              nextCursor: z.string().nullable().describe('Cursor of the next page, or null'),
            }),
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
