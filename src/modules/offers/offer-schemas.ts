import { z } from 'zod'
import { OFFER_PURPOSES, type Offer } from './offer.js'
import type { OfferInput } from './offer-service.js'

const iso = z.iso.datetime({ offset: true })

export const OFFER_ID = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,100}$/, '1-100 of A-Z, a-z, 0-9 and _ . : -')
  .describe('Offer id')

/** An offer as an API body or a CLI file gives it (without the id, which PUT takes from the path). */
export const offerBody = z
  .object({
    brand: z.string().min(1).max(64).describe('The brand whose placements show it'),
    title: z.string().min(1).max(300).describe('Title'),
    placements: z.array(z.string().min(1).max(64)).min(1).max(50).describe('Placements, e.g. home_hero'),
    topics: z
      .record(z.string(), z.number())
      .describe('Topic id → weight in (0, 1]; topics from GET /v1/taxonomy/topics'),
    beneficial: z.boolean().optional().describe('A discount or deal (audited for exclusion of groups)'),
    priority: z.number().int().min(-1000).max(1000).optional().describe('Editorial order (default 0)'),
    purpose: z
      .enum(OFFER_PURPOSES)
      .optional()
      .describe('personalization (default) or advertising (never shown with GPC)'),
    segment: z.string().max(64).optional().describe('Segment id (evaluated once segments exist)'),
    startsAt: iso.optional().describe('Runs from'),
    endsAt: iso.optional().describe('Runs until'),
    frequencyCap: z
      .object({
        count: z.number().int().min(1).describe('Impressions'),
        perDays: z
          .number()
          .min(1 / 24)
          .max(365)
          .describe('Window in days'),
      })
      .strict()
      .optional()
      .describe('At most `count` impressions per person per `perDays`'),
  })
  .strict()

const EXAMPLE_BODY = {
  brand: 'outdoor',
  title: 'Trail boots: 15% off this week',
  placements: ['home_hero'],
  topics: { 'outdoors.hiking.footwear': 1 },
  beneficial: true,
  priority: 10,
  endsAt: '2026-12-31T23:00:00.000Z',
  frequencyCap: { count: 3, perDays: 7 },
}

export const EXAMPLE_OFFER = {
  id: 'outdoor-boots-deal',
  ...EXAMPLE_BODY,
  purpose: 'personalization',
  segment: null,
  startsAt: null,
  createdAt: '2026-12-01T09:00:00.000Z',
  updatedAt: '2026-12-01T09:00:00.000Z',
}

/** `POST /v1/offers`, and each offer of a `candor offers add` file. */
export const newOfferBody = offerBody
  .extend({ id: OFFER_ID })
  .meta({ examples: [{ id: 'outdoor-boots-deal', ...EXAMPLE_BODY }] })

/** `PUT /v1/offers/{id}`. */
export const replaceOfferBody = offerBody.meta({ examples: [EXAMPLE_BODY] })

export const offerSchema = offerBody
  .extend({
    id: z.string().describe('Offer id'),
    beneficial: z.boolean().describe('Deal'),
    priority: z.number().describe('Editorial order'),
    purpose: z.enum(OFFER_PURPOSES).describe('Purpose'),
    segment: z.string().nullable().describe('Segment'),
    startsAt: z.string().nullable().describe('Runs from'),
    endsAt: z.string().nullable().describe('Runs until'),
    frequencyCap: z
      .object({ count: z.number().describe('Impressions'), perDays: z.number().describe('Days') })
      .nullable()
      .describe('Cap'),
    createdAt: z.string().describe('ISO time'),
    updatedAt: z.string().describe('ISO time'),
  })
  .describe('An offer')
  .meta({ examples: [EXAMPLE_OFFER] })

/** The service's input from a validated body. */
export function offerInput(id: string, b: z.infer<typeof offerBody>): OfferInput {
  return {
    ...b,
    id,
    startsAt: b.startsAt === undefined ? undefined : Date.parse(b.startsAt),
    endsAt: b.endsAt === undefined ? undefined : Date.parse(b.endsAt),
  }
}

/** An offer as the API (and `candor offers list --json`) shows it. */
export function offerOut(o: Offer) {
  return {
    id: o.id,
    brand: o.brand,
    title: o.title,
    placements: [...o.placements],
    topics: { ...o.topics },
    beneficial: o.beneficial,
    priority: o.priority,
    purpose: o.purpose,
    segment: o.segment,
    startsAt: o.startsAt === null ? null : new Date(o.startsAt).toISOString(),
    endsAt: o.endsAt === null ? null : new Date(o.endsAt).toISOString(),
    frequencyCap: o.frequencyCap ? { ...o.frequencyCap } : null,
    createdAt: new Date(o.createdAt).toISOString(),
    updatedAt: new Date(o.updatedAt).toISOString(),
  }
}
