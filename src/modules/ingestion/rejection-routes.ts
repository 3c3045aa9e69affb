import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { principalOf } from '../../http/auth.js'
import { decodeCursor, encodeCursor, errorResponses, pageQuery } from '../../http/error-schemas.js'
import type { IngestionService } from './ingestion-service.js'

export const rejectionRoutes =
  (deps: { ingestion: IngestionService }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/ingest/rejections',
      {
        schema: {
          operationId: 'listIngestRejections',
          summary: 'Tracking messages refused, newest first',
          description:
            'Reason codes and field names only, never values. A server key sees its brand; an admin key all brands (or `brand`).',
          tags: ['ingestion'],
          querystring: z.object({
            brand: z.string().max(64).optional().describe('Admin key: only this brand'),
            ...pageQuery,
          }),
          response: {
            200: z.object({
              rejections: z
                .array(
                  z.object({
                    brand: z.string().describe('Brand'),
                    receivedAt: z.string().describe('ISO time'),
                    endpoint: z.string().describe('track, batch, …'),
                    reason: z.string().describe('Drop reason code'),
                    field: z.string().nullable().describe('The field at fault'),
                    batchIndex: z.number().nullable().describe('Position in the batch'),
                  }),
                )
                .describe('One page'),
              nextCursor: z.string().nullable().describe('Cursor of the next page, or null'),
            }),
            ...errorResponses(400, 401, 403, 429, 503),
          },
        },
      },
      async (request) => {
        const p = principalOf(request)
        const brand = p.brandId ?? request.query.brand
        const cursor = decodeCursor(
          request.query.cursor,
          z.object({ receivedAt: z.number(), id: z.string() }),
        )
        const rows = await deps.ingestion.rejections(brand, request.query.limit, cursor)
        const last = rows[rows.length - 1]
        return {
          rejections: rows.map((r) => ({
            brand: r.brandId,
            receivedAt: new Date(r.receivedAt).toISOString(),
            endpoint: r.endpoint,
            reason: r.reason,
            field: r.field,
            batchIndex: r.batchIndex,
          })),
          nextCursor:
            last && rows.length === request.query.limit
              ? encodeCursor({ receivedAt: last.receivedAt, id: last.id })
              : null,
        }
      },
    )
  }
