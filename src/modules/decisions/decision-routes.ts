import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { asciiJson } from '../../http/ascii-json.js'
import { brandOf, principalOf } from '../../http/auth.js'
import { decodeCursor, encodeCursor, errorResponses, pageQuery } from '../../http/error-schemas.js'
import { CandorError } from '../../kernel/errors.js'
import { anonymousRef, parsePersonRef, userRef } from '../../kernel/person-ref.js'
import { personRefParams } from '../data-items/data-item-schemas.js'
import { actorOf } from '../keys/index.js'
import type { Decision, DecisionService } from './decision-service.js'
import { FALLBACK_REASONS } from './explanation.js'
import { FACTOR_KINDS, type Factor } from './factor.js'

const change = z
  .object({
    action: z
      .string()
      .describe(
        'The control-center action: reject-interest, remove-stated-interest, withdraw-consent, allow-personalization or none',
      ),
    topic: z.string().optional().describe('The topic it applies to'),
    purpose: z.string().optional().describe('The purpose it applies to'),
    text: z.string().describe('What the person can do, in words'),
  })
  .describe('How the person can change this')

const factor = z
  .object({
    kind: z.enum(FACTOR_KINDS).describe('interest, stated, popularity or editorial'),
    topic: z.string().optional().describe('The topic'),
    label: z.string().optional().describe('Its label'),
    offerTopic: z.string().optional().describe('The offer topic it matched'),
    source: z.string().optional().describe('inferred or stated'),
    evidence: z
      .object({
        signals: z.record(z.string(), z.number()).describe('Signal counts by kind'),
        distinctDays: z.number().describe('Distinct days'),
        firstSeen: z.string().nullable().describe('ISO time'),
        lastSeen: z.string().nullable().describe('ISO time'),
      })
      .optional()
      .describe('What the interest rests on'),
    dataItemIds: z.array(z.string()).optional().describe('The data items used'),
    categories: z.array(z.string()).optional().describe('Their data categories'),
    purpose: z.string().optional().describe('The purpose of the use'),
    consentIds: z.array(z.string()).optional().describe('The consent records relied on'),
    sourceEvents: z.array(z.string()).optional().describe('Source events (messageIds)'),
    contribution: z.number().optional().describe('Contribution to the score'),
    people: z.number().optional().describe('Popularity: distinct people'),
    windowDays: z.number().optional().describe('Popularity window'),
    priority: z.number().optional().describe('Editorial priority'),
    change: change,
  })
  .describe('A factor')

const decisionSchema = z
  .object({
    decisionId: z.string().describe("Id of this decision (in the person's decision log)"),
    personalized: z.boolean().describe('Whether personal data shaped the ranking'),
    purpose: z.literal('personalization').describe('The purpose of the policy view used'),
    placement: z.string().describe('The placement'),
    items: z
      .array(
        z.object({
          offerId: z.string().describe('Offer id'),
          title: z.string().describe('Offer title'),
          score: z.number().describe('Personal match (0 without a personal factor)'),
          explanation: z
            .object({
              text: z.string().describe('Why, in words; generated from the factors only'),
              factors: z.array(factor).describe('What the item rests on'),
              howToChange: z.array(change).describe('How the person can change it'),
            })
            .describe('Why this item'),
        }),
      )
      .describe('Ranked items'),
    fallbackReason: z.enum(FALLBACK_REASONS).optional().describe('Why the answer is not personalized'),
    createdAt: z.string().describe('ISO time'),
  })
  .describe('A decision')

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString())

function factorOut(f: Factor): z.infer<typeof factor> {
  if (f.kind === 'popularity' || f.kind === 'editorial') return { ...f, change: { ...f.change } }
  return {
    kind: f.kind,
    topic: f.topic,
    label: f.label,
    offerTopic: f.offerTopic,
    source: f.source,
    evidence: {
      signals: Object.fromEntries(
        Object.entries(f.evidence.signals).filter((e): e is [string, number] => e[1] !== undefined),
      ),
      distinctDays: f.evidence.distinctDays,
      firstSeen: iso(f.evidence.firstSeen),
      lastSeen: iso(f.evidence.lastSeen),
    },
    dataItemIds: [...f.dataItemIds],
    categories: [...f.categories],
    purpose: f.purpose,
    consentIds: [...f.consentIds],
    sourceEvents: [...f.sourceEvents],
    contribution: f.contribution,
    change: { ...f.change },
  }
}

function out(d: Decision) {
  return {
    decisionId: d.decisionId,
    personalized: d.personalized,
    purpose: d.purpose,
    placement: d.placement,
    items: d.items.map((i) => ({
      offerId: i.offerId,
      title: i.title,
      score: i.score,
      explanation: {
        text: i.explanation.text,
        factors: i.explanation.factors.map(factorOut),
        howToChange: i.explanation.howToChange.map((c) => ({ ...c })),
      },
    })),
    ...(d.fallbackReason ? { fallbackReason: d.fallbackReason } : {}),
    createdAt: new Date(d.createdAt).toISOString(),
  }
}

export const decisionRoutes =
  (deps: { decisions: DecisionService }): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/decide',
      {
        // The hot path: `out()` builds the response field by field (that is its whitelist), so it is
        // serialized with JSON.stringify instead of re-validating it through zod (≈ 2 ms a request),
        // as ASCII like every other response.
        serializerCompiler: () => (data) => asciiJson(JSON.stringify(data)),
        schema: {
          operationId: 'decide',
          summary: 'Ranked offers for a person and a placement, each with an honest explanation',
          description:
            "Reads only the policy view for `personalization` at this brand. Without consent or evidence it answers a non-personalized ranking (editorial priority, then popularity) and says why. Honours the person's rejections, frequency caps and GPC (`gpc: true` or `Sec-GPC: 1`) in every answer. Each item returned counts as an impression.",
          tags: ['decisions'],
          body: z
            .object({
              userId: z.string().min(1).max(256).optional().describe("The brand's userId"),
              anonymousId: z.string().min(1).max(256).optional().describe('Or the anonymousId'),
              placement: z.string().min(1).max(64).describe('The placement, e.g. home_hero'),
              limit: z.number().int().min(1).max(50).default(3).describe('Items (1-50, default 3)'),
              candidates: z
                .array(z.string().max(100))
                .max(500)
                .optional()
                .describe('Only among these offer ids'),
              gpc: z
                .boolean()
                .optional()
                .describe("The browser's Global Privacy Control, relayed by a server-to-server caller"),
            })
            .strict(),
          response: { 200: decisionSchema, ...errorResponses(400, 401, 403, 413, 415, 429, 503) },
        },
      },
      async (request) => {
        const b = request.body
        if (b.userId !== undefined && b.anonymousId !== undefined)
          throw new CandorError('invalid-request', 'give userId or anonymousId, not both', 'anonymousId')
        const ref =
          b.userId !== undefined
            ? userRef(b.userId)
            : b.anonymousId !== undefined
              ? anonymousRef(b.anonymousId)
              : undefined
        const decision = await deps.decisions.decide({
          brandId: brandOf(request),
          ref: ref?.kind === 'anonymous' ? { kind: 'anonymous', value: ref.value } : ref,
          placement: b.placement,
          limit: b.limit,
          ...(b.candidates ? { candidates: b.candidates } : {}),
          gpc: b.gpc === true || request.headers['sec-gpc'] === '1',
          actor: actorOf(principalOf(request)),
        })
        return out(decision)
      },
    )

    app.get(
      '/persons/:ref/decisions',
      {
        schema: {
          operationId: 'listDecisions',
          summary: 'The decisions made for a person, with their explanations',
          description: 'Newest first; kept for the configured retention.',
          tags: ['decisions'],
          params: personRefParams,
          querystring: z.object(pageQuery),
          response: {
            200: z.object({
              decisions: z.array(decisionSchema).describe('One page'),
              nextCursor: z.string().nullable().describe('Cursor of the next page, or null'),
            }),
            ...errorResponses(400, 401, 403, 404, 429, 503),
          },
        },
      },
      async (request) => {
        const cursor = decodeCursor(request.query.cursor, z.object({ createdAt: z.number(), id: z.string() }))
        const page = await deps.decisions.history({
          brandId: brandOf(request),
          ref: parsePersonRef(request.params.ref),
          actor: actorOf(principalOf(request)),
          limit: request.query.limit,
          ...(cursor ? { cursor } : {}),
        })
        return { decisions: page.decisions.map(out), nextCursor: page.next ? encodeCursor(page.next) : null }
      },
    )
  }
