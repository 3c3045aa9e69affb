import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { errorResponses } from '../../http/error-schemas.js'
import type { DataCategoryTaxonomy } from './data-categories.js'

/** The data categories data items are stored under. */
export const categoryRoutes =
  (deps: { categories: DataCategoryTaxonomy }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/categories',
      {
        schema: {
          operationId: 'listCategories',
          summary: 'The data categories',
          description:
            'Every category a data item may have (`items[].category`): the built-in taxonomy and the `categories` setting. Sensitive ones need an explicit opt-in (`sensitiveCategory` in a consent choice) before any personalization or marketing use.',
          tags: ['data-items'],
          response: {
            200: z.object({
              categories: z.array(
                z.object({
                  name: z.string().describe('Dotted name, parents first'),
                  description: z.string().describe('What it holds'),
                  sensitive: z.boolean().describe('Used only with an explicit opt-in'),
                  essential: z.boolean().describe('Usable under the essential purpose'),
                }),
              ),
            }),
            ...errorResponses(401, 403, 429),
          },
        },
      },
      async () => ({ categories: deps.categories.list() }),
    )
  }
