import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { decodeCursor, encodeCursor, errorResponses, pageQuery } from '../../http/error-schemas.js'
import type { VerifyResult } from './audit-entry.js'
import type { AuditService } from './audit-service.js'

const entrySchema = z
  .object({
    chainId: z.string().describe('The chain (one per process)'),
    seq: z.number().describe('Position in the chain'),
    at: z.string().describe('ISO time'),
    actor: z.string().describe('Who: key:<id>, cli, system'),
    action: z.string().describe('What, e.g. policy.view'),
    brand: z.string().nullable().describe('Brand'),
    purpose: z.string().nullable().describe('Purpose of a read'),
    subject: z.string().nullable().describe('The person, pseudonymously'),
    itemIds: z.array(z.string()).describe('Data items used'),
    details: z.record(z.string(), z.unknown()).describe('Non-personal details'),
    hash: z.string().describe('Hash of this entry, chained to the previous one'),
  })
  .describe('An audit entry')

const cursorSchema = z.object({ at: z.number(), chainId: z.string(), seq: z.number() })

export const auditRoutes =
  (deps: {
    audit: AuditService
    resolveSubject(personId: string): Promise<string | undefined>
  }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/audit',
      {
        schema: {
          operationId: 'listAuditEntries',
          summary: 'Audit entries, newest first',
          description:
            '`personId` is the pseudonym a brand received (resolved while the person exists); `subject` is the pseudonymous subject from an erasure receipt.',
          tags: ['audit'],
          querystring: z.object({
            personId: z.string().max(64).optional().describe("A person's brand pseudonym"),
            subject: z.string().max(64).optional().describe('An audit subject'),
            brand: z.string().max(64).optional().describe('Only entries of this brand'),
            ...pageQuery,
          }),
          response: {
            200: z.object({
              entries: z.array(entrySchema).describe('One page'),
              nextCursor: z.string().nullable().describe('Cursor of the next page, or null'),
            }),
            ...errorResponses(400, 401, 403, 429, 503),
          },
        },
      },
      async (request) => {
        const q = request.query
        let subject = q.subject
        if (q.personId !== undefined) {
          subject = await deps.resolveSubject(q.personId)
          if (subject === undefined) return { entries: [], nextCursor: null }
        }
        const entries = await deps.audit.query({
          limit: q.limit,
          ...(subject === undefined ? {} : { subject }),
          ...(q.brand === undefined ? {} : { brandId: q.brand }),
          ...(q.cursor === undefined
            ? {}
            : { cursor: decodeCursor(q.cursor, cursorSchema) ?? { at: 0, chainId: '', seq: 0 } }),
        })
        const last = entries[entries.length - 1]
        return {
          entries: entries.map((e) => ({
            chainId: e.chainId,
            seq: e.seq,
            at: new Date(e.at).toISOString(),
            actor: e.actor,
            action: e.action,
            brand: e.brandId,
            purpose: e.purpose,
            subject: e.subject,
            itemIds: [...e.itemIds],
            details: { ...e.details },
            hash: e.hash,
          })),
          nextCursor:
            last && entries.length === q.limit
              ? encodeCursor({ at: last.at, chainId: last.chainId, seq: last.seq })
              : null,
        }
      },
    )

    app.get(
      '/audit/verify',
      {
        schema: {
          operationId: 'verifyAudit',
          summary: 'Recompute every audit chain',
          description:
            'Checks each entry hash, the links, the head in the database and the anchor kept outside it, and that every chain the registry outside the database names still exists (a chain dropped with its anchor is `missing-chain`); names the first broken entry. With `auditAnchorUrl`, reports when the endpoint last accepted a head.',
          tags: ['audit'],
          response: {
            200: z.object({
              ok: z.boolean().describe('Whether every chain is intact'),
              entries: z.number().describe('Entries checked'),
              chains: z.number().describe('Chains checked'),
              head: z.string().describe('Digest of all chain heads'),
              firstBroken: z
                .object({
                  chainId: z.string().describe('Chain'),
                  seq: z.number().describe('Entry'),
                  reason: z.string().describe('What is wrong'),
                })
                .optional()
                .describe('The first broken entry'),
              anchorEndpoint: z
                .object({
                  lastSuccessAt: z
                    .string()
                    .nullable()
                    .describe('When it last accepted a head (ISO), or null'),
                  lastSuccessAgeSeconds: z.number().nullable().describe('Seconds since then, or null'),
                  failuresSinceSuccess: z.number().describe('POSTs failed since the last accepted one'),
                  lastFailureCode: z.string().nullable().describe('http-<status> or the error name'),
                })
                .optional()
                .describe('The anchor endpoint (auditAnchorUrl), when one is configured'),
            }),
            ...errorResponses(401, 403, 429, 503),
          },
        },
      },
      async () => {
        const r = await deps.audit.verify()
        return {
          ok: r.ok,
          entries: r.entries,
          chains: r.chains,
          head: r.head,
          ...(r.firstBroken ? { firstBroken: { ...r.firstBroken } } : {}),
          ...(r.anchorEndpoint ? { anchorEndpoint: endpointOut(r.anchorEndpoint) } : {}),
        }
      },
    )
  }

/** The anchor endpoint's record as the API shows it. */
export function endpointOut(e: NonNullable<VerifyResult['anchorEndpoint']>) {
  return {
    lastSuccessAt: e.lastSuccessAt === null ? null : new Date(e.lastSuccessAt).toISOString(),
    lastSuccessAgeSeconds:
      e.lastSuccessAt === null ? null : Math.max(0, (e.checkedAt - e.lastSuccessAt) / 1000),
    failuresSinceSuccess: e.failuresSinceSuccess,
    lastFailureCode: e.lastFailureCode,
  }
}
