import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { decodeCursor, encodeCursor, errorResponses, pageQuery } from '../../http/error-schemas.js'
import type { BrandService } from './brand-service.js'

const brandSchema = z
  .object({
    id: z.string().describe('Brand id'),
    name: z.string().describe('Display name'),
    allowedOrigins: z.array(z.string()).describe('Origins allowed for browser tracking'),
    createdAt: z.string().describe('ISO time'),
  })
  .describe('A brand')

const out = (b: { id: string; name: string; allowedOrigins: readonly string[]; createdAt: number }) => ({
  id: b.id,
  name: b.name,
  allowedOrigins: [...b.allowedOrigins],
  createdAt: new Date(b.createdAt).toISOString(),
})

export const brandRoutes =
  (deps: { brands: BrandService }): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/brands',
      {
        schema: {
          operationId: 'createBrand',
          summary: 'Add a brand',
          tags: ['brands'],
          body: z
            .object({
              id: z.string().min(1).max(63).describe('Lower-case id: a-z, 0-9, _ and -'),
              name: z.string().min(1).max(200).describe('Display name'),
              allowedOrigins: z
                .array(z.url().max(300))
                .max(50)
                .optional()
                .describe('Origins allowed for browser tracking (CORS)'),
            })
            .strict(),
          response: { 201: brandSchema, ...errorResponses(400, 401, 403, 409, 413, 415, 429, 503) },
        },
      },
      async (request, reply) => reply.code(201).send(out(await deps.brands.add(request.body))),
    )

    app.get(
      '/brands',
      {
        schema: {
          operationId: 'listBrands',
          summary: 'List brands',
          tags: ['brands'],
          querystring: z.object(pageQuery),
          response: {
            200: z.object({
              brands: z.array(brandSchema).describe('One page of brands'),
              nextCursor: z.string().nullable().describe('Cursor of the next page, or null'),
            }),
            ...errorResponses(400, 401, 403, 429, 503),
          },
        },
      },
      async (request) => {
        const after = decodeCursor(request.query.cursor, z.object({ id: z.string() }))?.id
        const brands = await deps.brands.list(request.query.limit, after)
        const last = brands[brands.length - 1]
        return {
          brands: brands.map(out),
          nextCursor: last && brands.length === request.query.limit ? encodeCursor({ id: last.id }) : null,
        }
      },
    )
  }
