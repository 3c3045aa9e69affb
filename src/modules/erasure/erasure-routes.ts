import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { brandOf, principalOf } from '../../http/auth.js'
import { errorResponses } from '../../http/error-schemas.js'
import { CandorError } from '../../kernel/errors.js'
import { parsePersonRef } from '../../kernel/person-ref.js'
import { personRefParams } from '../data-items/data-item-schemas.js'
import { actorOf } from '../keys/index.js'
import type { PolicyService } from '../policy/index.js'
import type { ErasureService } from './erasure-service.js'

const flag = z
  .enum(['true', 'false', '1', '0'])
  .default('false')
  .transform((v) => v === 'true' || v === '1')

export const erasureReceipt = z
  .object({
    erasureId: z.string().describe('Id of this erasure, also in the audit log'),
    subject: z.string().describe('The pseudonymous subject the audit log keeps'),
    scope: z.enum(['brand', 'all_brands']).describe('Where the person was erased'),
    brands: z.array(z.string()).describe('Brands erased'),
    requestedAt: z.string().describe('ISO time the erasure started'),
    keysDestroyedAt: z.string().describe('ISO time the data keys were destroyed (crypto-shredding)'),
    completedAt: z.string().describe('ISO time the rows were purged'),
    keysDestroyed: z.number().describe('Data keys destroyed'),
    removed: z
      .array(z.object({ table: z.string().describe('Table'), count: z.number().describe('Rows removed') }))
      .describe('Rows removed per table'),
    suppressed: z
      .boolean()
      .describe('Whether keyed hashes of the identifiers are kept so later data for them is dropped'),
  })
  .describe('Erasure receipt')

export const erasureRoutes =
  (deps: { erasure: ErasureService; policy: PolicyService }): FastifyPluginAsyncZod =>
  async (app) => {
    app.delete(
      '/persons/:ref',
      {
        schema: {
          operationId: 'erasePerson',
          summary: 'Erase a person',
          description:
            'Crypto-shreds first (destroys the data keys), then purges rows; the audit log keeps a pseudonymous record. A server key erases at its brand; an admin key with `scope=all_brands` (and `brand` naming where `ref` is known) erases everywhere. `suppress=true` keeps keyed hashes of the identifiers so later data for them is refused.',
          tags: ['erasure'],
          params: personRefParams,
          querystring: z.object({
            scope: z
              .enum(['brand', 'all_brands'])
              .default('brand')
              .describe('brand (default) or all_brands (admin key)'),
            suppress: flag.describe(
              'Keep keyed hashes of the identifiers (Segment\'s "suppress with delete")',
            ),
            brand: z.string().max(64).optional().describe('The brand where `ref` is known (admin key only)'),
          }),
          response: { 200: erasureReceipt, ...errorResponses(400, 401, 403, 404, 429, 503) },
        },
      },
      async (request) => {
        const principal = principalOf(request)
        const brandId = brandOf(request, request.query.brand)
        if (request.query.scope === 'all_brands' && principal.kind !== 'admin') {
          throw new CandorError('forbidden', 'erasure at all brands needs an admin key', 'scope')
        }
        const personId = await deps.policy.resolve(brandId, parsePersonRef(request.params.ref))
        const receipt = await deps.erasure.erase({
          personId,
          brandId,
          allBrands: request.query.scope === 'all_brands',
          suppress: request.query.suppress,
          actor: actorOf(principal),
        })
        return { ...receipt, brands: [...receipt.brands], removed: receipt.removed.map((r) => ({ ...r })) }
      },
    )
  }
