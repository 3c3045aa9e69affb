import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { brandOf, principalOf } from '../../http/auth.js'
import { errorResponses } from '../../http/error-schemas.js'
import { DOC_ONLY, type DocOnly } from '../../http/openapi-docs.js'
import { actorOf } from '../keys/index.js'
import { modelCardQuery, modelCardSummaryResponse } from './model-card-schemas.js'
import { formatModelCard, type ModelCardService } from './model-card-service.js'

const errorDoc = (description: string) => ({ description })

/** `GET /v1/model-card`: the whole card, for admin and reviewer keys. */
export const modelCardRoutes =
  (deps: { modelCard: ModelCardService }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/model-card',
      {
        schema: {
          operationId: 'getModelCard',
          summary:
            "The model card: what personalization uses, excludes and achieves on the organization's data",
          description:
            "Generated from the live configuration and the brands' events, read through the policy engine (only people who allow personalization, only what the policy releases for it): model details (the version is a hash of the settings that shape decisions), uses, inputs used and excluded by design, the observation window and volumes, settings, the quality of the interest model against a popularity baseline on a time split (precision@3, recall@3, nDCG@3, coverage; per brand), and considerations. `format=json` is a Model Card Toolkit document (a metric's `type` names what it measures, `slice` whose it is), `md` Markdown, `html` a self-contained page with charts rendered on the server (no script, no network). Reads every signal of the brands: seconds on a large organization.",
          tags: ['model-card'],
          querystring: modelCardQuery,
          [DOC_ONLY]: {
            responses: {
              200: {
                description:
                  'The card: application/json (format=json), text/markdown (format=md) or text/html (format=html)',
                schema: {
                  type: 'object',
                  description: 'A Model Card Toolkit document (schema v0.0.2)',
                  properties: {
                    schema_version: { type: 'string', description: 'The Model Card Toolkit schema version' },
                    model_details: { type: 'object', description: 'Name, overview, owners, version' },
                    model_parameters: {
                      type: 'object',
                      description: 'Architecture, data, inputs and settings',
                    },
                    quantitative_analysis: {
                      type: 'object',
                      description: 'performance_metrics: type, value, slice',
                    },
                    considerations: {
                      type: 'object',
                      description: 'Users, use cases, limitations, trade-offs, risks',
                    },
                  },
                },
                example: {
                  schema_version: '0.0.2',
                  quantitative_analysis: {
                    performance_metrics: [{ type: 'precision@3', value: '0.7133', slice: 'interest model' }],
                  },
                },
              },
              400: errorDoc('A bad `format` or `brand` (the message names the field)'),
              401: errorDoc('No key, or an unknown or revoked one'),
              403: errorDoc('A key that is neither an admin nor a reviewer key'),
              404: errorDoc('No such brand (`brand-not-found`)'),
              429: errorDoc('Over the rate limit'),
            },
          } satisfies DocOnly,
        },
      },
      async (request, reply) => {
        const card = await deps.modelCard.generate({
          brandId: request.query.brand,
          actor: actorOf(principalOf(request)),
        })
        const { contentType, body } = await formatModelCard(card, request.query.format)
        return reply.type(contentType).send(body)
      },
    )
  }

/** `GET /v1/model-card/summary`: the plain-language card for the people of the key's brand (any server key). */
export const modelCardSummaryRoutes =
  (deps: { modelCard: ModelCardService }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/model-card/summary',
      {
        schema: {
          operationId: 'getModelCardSummary',
          summary: 'The model card for the person, in plain language',
          description:
            "What Candor uses to personalize at the key's brand, what it never uses, and how a person changes it: the same facts as the model card, from the same configuration, for the brand's own pages. Reads no person data.",
          tags: ['model-card'],
          response: { 200: modelCardSummaryResponse, ...errorResponses(401, 403, 429) },
        },
      },
      async (request) => {
        const s = await deps.modelCard.summary(brandOf(request))
        return {
          version: s.version,
          brand: { ...s.brand },
          uses: [...s.uses],
          neverUses: [...s.neverUses],
          howToChange: [...s.howToChange],
        }
      },
    )
  }
