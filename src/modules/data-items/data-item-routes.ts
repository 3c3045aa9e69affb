import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { brandOf, principalOf } from '../../http/auth.js'
import { errorResponses } from '../../http/error-schemas.js'
import { parsePersonRef } from '../../kernel/person-ref.js'
import type { IdempotencyService } from '../idempotency/index.js'
import { actorOf } from '../keys/index.js'
import type { PersonService } from '../persons/index.js'
import type { ItemValue } from './data-item.js'
import {
  personRefParams,
  rejectItemParams,
  writeDataItemsRequest,
  writeDataItemsResponse,
} from './data-item-schemas.js'
import type { DataItemService } from './data-item-service.js'

export interface DataItemRoutesDeps {
  readonly dataItems: DataItemService
  readonly persons: PersonService
  readonly idempotency: IdempotencyService
  /** The policy's sharing question (structural: routes of this module do not import the policy). */
  readonly policy: { linkedUnderSharing(personId: string, brandId: string): Promise<boolean> }
}

export const dataItemRoutes =
  (deps: DataItemRoutesDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/persons/:ref/data-items',
      {
        schema: {
          operationId: 'writeDataItems',
          summary: 'Store data items about a person',
          description:
            "Creates the person at this brand when new. All items are written in one transaction, encrypted with the person's key for this brand. Accepts an `Idempotency-Key` header: a repeat within 24 h returns the first result.",
          tags: ['data-items'],
          params: personRefParams,
          headers: z.object({
            'idempotency-key': z.string().max(255).optional().describe('Makes a retry safe'),
          }),
          body: writeDataItemsRequest,
          response: {
            200: writeDataItemsResponse,
            ...errorResponses(400, 401, 403, 409, 413, 415, 422, 429, 503),
          },
        },
      },
      async (request, reply) => {
        const brandId = brandOf(request)
        const ref = parsePersonRef(request.params.ref)
        const result = await deps.idempotency.run(
          brandId,
          request.headers['idempotency-key'],
          ['writeDataItems', request.params.ref, request.body],
          async () => {
            const written = await deps.dataItems.write({
              brandId,
              ref,
              actor: actorOf(principalOf(request)),
              items: request.body.items.map((i) => ({
                ...i,
                // JSON from the parser: the schema checked its shape and size.
                value: i.value as ItemValue,
                expiresAt: i.expiresAt === undefined ? undefined : Date.parse(i.expiresAt),
              })),
            })
            return {
              statusCode: 200,
              personId: written.personId,
              body: {
                personId: await deps.persons.pseudonym(written.personId, brandId),
                itemIds: [...written.itemIds],
                created: written.created,
                // Another brand's existence is the person's to share: reported only under their sharing.
                linked: written.linked && (await deps.policy.linkedUnderSharing(written.personId, brandId)),
              },
            }
          },
        )
        if (result.replayed) reply.header('idempotent-replayed', 'true')
        return reply.code(200).send(result.body as z.infer<typeof writeDataItemsResponse>)
      },
    )

    app.post(
      '/persons/:ref/data-items/:itemId/rejection',
      {
        schema: {
          operationId: 'rejectDataItem',
          summary: "Record the person's rejection of a data item",
          description:
            'Relays the person\'s own "this is wrong / don\'t use this": the item is excluded from every view with reason `rejected-by-person` until it is written again.',
          tags: ['data-items'],
          params: rejectItemParams,
          response: { 204: z.null().describe('Recorded'), ...errorResponses(400, 401, 403, 404, 429, 503) },
        },
      },
      async (request, reply) => {
        await deps.dataItems.reject({
          brandId: brandOf(request),
          ref: parsePersonRef(request.params.ref),
          actor: actorOf(principalOf(request)),
          itemId: request.params.itemId,
        })
        return reply.code(204).send(null)
      },
    )
  }
