import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { brandOf, principalOf } from '../../http/auth.js'
import { decodeCursor, encodeCursor, errorResponses, pageQuery } from '../../http/error-schemas.js'
import { parsePersonRef } from '../../kernel/person-ref.js'
import { personRefParams } from '../data-items/data-item-schemas.js'
import type { IdempotencyService } from '../idempotency/index.js'
import { actorOf } from '../keys/index.js'
import { consentRecordView } from '../policy/index.js'
import {
  consentSignalRequest,
  consentSignalResponse,
  consentStateResponse,
  recordConsentRequest,
  recordConsentResponse,
} from './consent-schemas.js'
import type { ConsentService } from './consent-service.js'
import type { ConsentSignalService } from './consent-signal-service.js'

const iso = (t: number): string => new Date(t).toISOString()

export const consentRoutes =
  (deps: {
    consent: ConsentService
    consentSignals: ConsentSignalService
    idempotency: IdempotencyService
    persons: { pseudonym(p: string, b: string): Promise<string> }
  }): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/persons/:ref/consent',
      {
        schema: {
          operationId: 'recordConsent',
          summary: "Record a person's consent choice",
          description:
            'Appends to the consent ledger (history is never rewritten). Consent may arrive before any other data: the person is created. The ledger records which brand captured the choice.',
          tags: ['consent'],
          params: personRefParams,
          headers: z.object({
            'idempotency-key': z.string().max(255).optional().describe('Makes a retry safe'),
          }),
          body: recordConsentRequest,
          response: {
            200: recordConsentResponse,
            ...errorResponses(400, 401, 403, 409, 413, 415, 422, 429, 503),
          },
        },
      },
      async (request, reply) => {
        const brandId = brandOf(request)
        const ref = parsePersonRef(request.params.ref)
        const b = request.body
        const result = await deps.idempotency.run(
          brandId,
          request.headers['idempotency-key'],
          ['recordConsent', request.params.ref, b],
          async () => {
            const { personId, records } = await deps.consent.record({
              brandId,
              ref,
              actor: actorOf(principalOf(request)),
              choices: [
                {
                  purpose: b.purpose,
                  state: b.state,
                  scope: b.scope,
                  source: b.source,
                  evidence: b.evidence ?? null,
                  ...(b.sensitiveCategory === undefined ? {} : { sensitiveCategory: b.sensitiveCategory }),
                  ...(b.sensitiveTopic === undefined ? {} : { sensitiveTopic: b.sensitiveTopic }),
                },
              ],
            })
            const rec = records[0]
            if (!rec) throw new Error('no record written')
            const view = consentRecordView(rec, brandId)
            return {
              statusCode: 200,
              personId,
              body: {
                personId: await deps.persons.pseudonym(personId, brandId),
                recorded: { ...view, recordedAt: iso(view.recordedAt) },
              },
            }
          },
        )
        if (result.replayed) reply.header('idempotent-replayed', 'true')
        return reply.code(200).send(result.body as z.infer<typeof recordConsentResponse>)
      },
    )

    app.post(
      '/persons/:ref/consent-signal',
      {
        schema: {
          operationId: 'recordConsentSignal',
          summary: 'Record a TC string or GPP string from a consent-management platform',
          description:
            "Decoded with the IAB's own libraries. A signal is a complete statement of the person's choices when it was made: purposes it does not consent to are recorded as denied. Each entry has source `tcf` or `gpp` and the raw string, CMP id and policy version as evidence. A GPC opt-out is never overridden by an older signal. Malformed or unsupported strings → 400 and nothing recorded.",
          tags: ['consent'],
          params: personRefParams,
          body: consentSignalRequest,
          response: { 200: consentSignalResponse, ...errorResponses(400, 401, 403, 409, 413, 415, 429, 503) },
        },
      },
      async (request) => {
        const brandId = brandOf(request)
        const outcome = await deps.consentSignals.record({
          brandId,
          ref: parsePersonRef(request.params.ref),
          actor: actorOf(principalOf(request)),
          ...(request.body.tcString === undefined ? {} : { tcString: request.body.tcString }),
          ...(request.body.gppString === undefined ? {} : { gppString: request.body.gppString }),
        })
        const details = outcome.signal.kind === 'tcf' ? outcome.signal : outcome.signal.tcf
        return {
          personId: await deps.persons.pseudonym(outcome.personId, brandId),
          kind: outcome.signal.kind,
          cmpId: details?.cmpId ?? null,
          policyVersion: details?.policyVersion ?? null,
          vendorConsent: details?.vendorConsent ?? null,
          recorded: outcome.records.map((r) => {
            const v = consentRecordView(r, brandId)
            return { ...v, recordedAt: iso(v.recordedAt) }
          }),
          skipped: outcome.skipped.map((x) => ({ ...x })),
        }
      },
    )

    app.get(
      '/persons/:ref/consent',
      {
        schema: {
          operationId: 'getConsent',
          summary: "A person's consent at this brand",
          description:
            'Current state per purpose (with the entry that decided it), current sensitive opt-ins, and the ledger history that applies to this brand, each entry with source, evidence, capturing brand and time.',
          tags: ['consent'],
          params: personRefParams,
          querystring: z.object(pageQuery),
          response: { 200: consentStateResponse, ...errorResponses(400, 401, 403, 404, 429, 503) },
        },
      },
      async (request) => {
        const brandId = brandOf(request)
        const c = await deps.consent.currentAt(
          brandId,
          parsePersonRef(request.params.ref),
          actorOf(principalOf(request)),
        )
        const sharing = c.state.isGranted(brandId, 'cross_brand_sharing')
        const offset = decodeCursor(request.query.cursor, z.object({ o: z.number().int().min(0) }))?.o ?? 0
        const page = c.history.slice(offset, offset + request.query.limit)
        const out = (r: Parameters<typeof consentRecordView>[0]) => {
          const v = consentRecordView(r, brandId, sharing)
          return { ...v, recordedAt: iso(v.recordedAt) }
        }
        return {
          personId: await deps.persons.pseudonym(c.personId, brandId),
          brand: brandId,
          current: c.current.map((x) => ({
            purpose: x.purpose,
            granted: x.granted,
            state: x.state,
            consentId: x.record?.id ?? null,
            source: x.record?.source ?? null,
            recordedAt: x.record ? iso(x.record.recordedAt) : null,
          })),
          sensitive: c.sensitive.map(out),
          history: page.map(out),
          nextCursor:
            offset + page.length < c.history.length ? encodeCursor({ o: offset + page.length }) : null,
        }
      },
    )
  }
