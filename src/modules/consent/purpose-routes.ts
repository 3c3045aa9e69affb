import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { errorResponses } from '../../http/error-schemas.js'

/** The purposes the organization configured, with their defaults and descriptions. */
export const purposeRoutes =
  (deps: {
    purposes: Readonly<
      Record<string, { readonly default: 'opt-in' | 'opt-out'; readonly description: string }>
    >
  }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/purposes',
      {
        schema: {
          operationId: 'listPurposes',
          summary: 'The purposes consent is recorded for',
          description:
            'Every purpose this Candor knows: the built-in ones and those of the organization (`purposes` setting). `opt-in`: not granted until the person agrees; `opt-out`: granted until they object.',
          tags: ['consent'],
          response: {
            200: z.object({
              purposes: z.array(
                z.object({
                  purpose: z.string().describe('Purpose name, as the API takes it'),
                  default: z.enum(['opt-in', 'opt-out']).describe('State when the person has not chosen'),
                  description: z.string().describe('What the purpose covers'),
                }),
              ),
            }),
            ...errorResponses(401, 403, 429),
          },
        },
      },
      async () => ({
        purposes: Object.entries(deps.purposes).map(([purpose, p]) => ({
          purpose,
          default: p.default,
          description: p.description,
        })),
      }),
    )
  }
