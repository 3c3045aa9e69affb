import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { decodeCursor, encodeCursor, errorResponses, pageQuery } from '../../http/error-schemas.js'
import type { Brand } from './brand.js'
import type { BrandService } from './brand-service.js'

const EXAMPLE_BRAND = {
  id: 'outdoor',
  name: 'Northwind Outdoor',
  allowedOrigins: ['https://shop.northwind.example', 'http://localhost:3000'],
  displayName: 'Northwind',
  primaryColor: '#1f6f4a',
  accentColor: '#f2a900',
  logoUrl: 'https://shop.northwind.example/logo.svg',
  privacyPolicyUrl: 'https://shop.northwind.example/privacy',
  createdAt: '2026-12-01T09:00:00.000Z',
  updatedAt: '2026-12-02T17:40:00.000Z',
}

const brandSchema = z
  .object({
    id: z.string().describe('Brand id'),
    name: z.string().describe('Name operators and the API see'),
    allowedOrigins: z
      .array(z.string())
      .describe('Origins allowed to send browser tracking calls (CORS), as browsers send them'),
    displayName: z
      .string()
      .nullable()
      .describe('What the person-facing pages (control center) call the brand; null: `name`'),
    primaryColor: z
      .string()
      .nullable()
      .describe('Main colour of the person-facing pages, `#rrggbb`; null: the default theme'),
    accentColor: z
      .string()
      .nullable()
      .describe('Second colour (links, highlights), `#rrggbb`; null: the default theme'),
    logoUrl: z.string().nullable().describe('Logo shown on the person-facing pages (https); null: none'),
    privacyPolicyUrl: z.string().nullable().describe('The brand privacy policy (https); null: none'),
    createdAt: z.string().describe('ISO time'),
    updatedAt: z.string().describe('ISO time of the last change'),
  })
  .describe('A brand')
  .meta({ examples: [EXAMPLE_BRAND] })

const out = (b: Brand) => ({
  id: b.id,
  name: b.name,
  allowedOrigins: [...b.allowedOrigins],
  displayName: b.displayName,
  primaryColor: b.primaryColor,
  accentColor: b.accentColor,
  logoUrl: b.logoUrl,
  privacyPolicyUrl: b.privacyPolicyUrl,
  createdAt: new Date(b.createdAt).toISOString(),
  updatedAt: new Date(b.updatedAt).toISOString(),
})

/** The display fields of a request body: a string sets one, null (or "") clears it. */
const displayFields = {
  displayName: z
    .string()
    .max(200)
    .nullable()
    .optional()
    .describe('What the person-facing pages call the brand (at most 200 characters); null clears it'),
  primaryColor: z
    .string()
    .max(20)
    .nullable()
    .optional()
    .describe('Main colour, `#rrggbb` (or `#rgb`); null clears it'),
  accentColor: z
    .string()
    .max(20)
    .nullable()
    .optional()
    .describe('Second colour, `#rrggbb` (or `#rgb`); null clears it'),
  logoUrl: z
    .string()
    .max(500)
    .nullable()
    .optional()
    .describe('Logo URL: https (http only on localhost); null clears it'),
  privacyPolicyUrl: z
    .string()
    .max(500)
    .nullable()
    .optional()
    .describe('Privacy-policy URL: https (http only on localhost); null clears it'),
}

const originsField = z
  .array(z.string().max(300))
  .max(50)
  .describe(
    'Origins allowed for browser tracking (CORS): scheme://host[:port], such as https://shop.example.com',
  )

export const brandRoutes =
  (deps: { brands: BrandService }): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/brands',
      {
        schema: {
          operationId: 'createBrand',
          summary: 'Add a brand',
          description:
            'A brand is an isolation boundary: its keys, people, data and consent are its own. The id is permanent; everything else can change later with `PATCH /v1/brands/{id}`.',
          tags: ['brands'],
          body: z
            .object({
              id: z.string().min(1).max(63).describe('Lower-case id: a-z, 0-9, _ and -'),
              name: z.string().min(1).max(200).describe('Name operators and the API see'),
              allowedOrigins: originsField.optional(),
              ...displayFields,
            })
            .strict()
            .meta({
              examples: [
                {
                  id: 'outdoor',
                  name: 'Northwind Outdoor',
                  allowedOrigins: ['https://shop.northwind.example'],
                  primaryColor: '#1f6f4a',
                },
              ],
            }),
          response: { 201: brandSchema, ...errorResponses(400, 401, 403, 409, 413, 415, 429, 503) },
        },
      },
      async (request, reply) => reply.code(201).send(out(await deps.brands.add(request.body))),
    )

    app.patch(
      '/brands/:id',
      {
        schema: {
          operationId: 'updateBrand',
          summary: 'Change a brand: name, allowed origins, display fields',
          description:
            'Only the fields given change. `allowedOrigins` replaces the list. A display field set to null (or "") is cleared. Every Candor process sees the change within a second. A bad value is a 400 naming the field and what a valid one looks like.',
          tags: ['brands'],
          params: z.object({ id: z.string().min(1).max(63).describe('Brand id') }),
          body: z
            .object({
              name: z.string().min(1).max(200).optional().describe('Name operators and the API see'),
              allowedOrigins: originsField.optional(),
              ...displayFields,
            })
            .strict()
            .meta({
              examples: [
                {
                  allowedOrigins: ['https://shop.northwind.example', 'http://localhost:3000'],
                  displayName: 'Northwind',
                  primaryColor: '#1f6f4a',
                  logoUrl: 'https://shop.northwind.example/logo.svg',
                },
              ],
            }),
          response: { 200: brandSchema, ...errorResponses(400, 401, 403, 404, 413, 415, 429, 503) },
        },
      },
      async (request) => out(await deps.brands.update(request.params.id, request.body)),
    )

    app.get(
      '/brands/:id',
      {
        schema: {
          operationId: 'getBrand',
          summary: 'One brand',
          description: 'The brand with its allowed origins and display fields.',
          tags: ['brands'],
          params: z.object({ id: z.string().min(1).max(63).describe('Brand id') }),
          response: { 200: brandSchema, ...errorResponses(400, 401, 403, 404, 429, 503) },
        },
      },
      async (request) => out(await deps.brands.require(request.params.id)),
    )

    app.get(
      '/brands',
      {
        schema: {
          operationId: 'listBrands',
          summary: 'List brands',
          description:
            'Every brand with its allowed origins and display fields, ordered by id, a page at a time.',
          tags: ['brands'],
          querystring: z.object(pageQuery),
          response: {
            200: z
              .object({
                brands: z.array(brandSchema).describe('One page of brands'),
                nextCursor: z.string().nullable().describe('Cursor of the next page, or null'),
              })
              .meta({ examples: [{ brands: [EXAMPLE_BRAND], nextCursor: null }] }),
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
