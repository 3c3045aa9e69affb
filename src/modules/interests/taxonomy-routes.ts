import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { decodeCursor, encodeCursor, errorResponses, pageQuery } from '../../http/error-schemas.js'
import { CandorError } from '../../kernel/errors.js'
import type { CategoryResolver, TopicTaxonomy } from './taxonomy/index.js'

const topicSchema = z
  .object({
    id: z.string().describe('Topic id'),
    label: z.string().describe('Label'),
    parent: z.string().nullable().describe('Parent topic id'),
    sensitive: z.boolean().describe("Never inferred or targeted without the person's opt-in"),
  })
  .describe('A topic')

export const taxonomyRoutes =
  (deps: { topics: TopicTaxonomy; resolver: CategoryResolver }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/taxonomy/topics',
      {
        schema: {
          operationId: 'listTopics',
          summary: 'The interest taxonomy',
          tags: ['taxonomy'],
          querystring: z.object(pageQuery),
          response: {
            200: z.object({
              topics: z.array(topicSchema).describe('One page, parents before children'),
              nextCursor: z.string().nullable().describe('Cursor of the next page, or null'),
            }),
            ...errorResponses(400, 401, 403, 429),
          },
        },
      },
      async (request) => {
        const all = deps.topics.list()
        const offset = decodeCursor(request.query.cursor, z.object({ o: z.number().int().min(0) }))?.o ?? 0
        const page = all.slice(offset, offset + request.query.limit)
        return {
          topics: page.map((t) => ({ id: t.id, label: t.label, parent: t.parent, sensitive: t.sensitive })),
          nextCursor: offset + page.length < all.length ? encodeCursor({ o: offset + page.length }) : null,
        }
      },
    )

    app.get(
      '/taxonomy/resolve',
      {
        schema: {
          operationId: 'resolveCategory',
          summary: 'Where a product or content category lands',
          description:
            'Shows marketers how their category strings ("Outdoors > Hiking > Boots") map to topics. 404 when nothing maps.',
          tags: ['taxonomy'],
          querystring: z.object({
            category: z.string().min(1).max(500).describe('A category path as sent in events'),
          }),
          response: {
            200: z.object({
              topic: z.string().describe('Topic id'),
              label: z.string().describe('Label'),
              sensitive: z.boolean().describe('Sensitive topic'),
            }),
            ...errorResponses(400, 401, 403, 404, 429),
          },
        },
      },
      async (request) => {
        const r = deps.resolver.resolve(request.query.category)
        if (!r) throw new CandorError('not-found', 'no topic matches this category', 'category')
        return { topic: r.topic, label: r.label, sensitive: r.sensitive }
      },
    )
  }
