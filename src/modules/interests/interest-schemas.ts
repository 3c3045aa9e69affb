import { z } from 'zod'
import type { InterestView } from '../policy/index.js'
import { EMPTY_INTERESTS_REASONS, EXCLUSION_REASONS } from '../policy/index.js'
import { INTEREST_STATES, type InterestModelConfig } from './interest.js'
import { describeJourney, describeSetAside, isPurchaseSpike, whyInterest } from './journeys.js'
import type { TopicTaxonomy } from './taxonomy/index.js'

const iso = z.string().describe('ISO 8601 time')

export const interestSchema = z
  .object({
    topic: z.string().describe('Topic id, e.g. outdoors.hiking'),
    label: z.string().describe('Topic label'),
    brand: z.string().describe('The brand whose events it rests on'),
    score: z.number().describe('Time-decayed, signal-weighted score now'),
    confidence: z.number().describe('0-1; grows with the number of distinct days'),
    established: z
      .boolean()
      .describe('True when the signals fall on enough distinct days (or the person stated it)'),
    source: z.enum(['inferred', 'stated']).describe('inferred from behaviour, or stated by the person'),
    state: z.enum(INTEREST_STATES).optional().describe('inferred, stated or rejected'),
    evidence: z
      .object({
        signals: z.record(z.string(), z.number()).describe('Signal counts by kind'),
        distinctDays: z.number().describe('Distinct UTC days with signals'),
        firstSeen: iso.nullable(),
        lastSeen: iso.nullable(),
        sampleEventIds: z.array(z.string()).describe('Recent event messageIds'),
        why: z
          .string()
          .describe('"Why do you think I like X?" in a sentence: the journeys, then what was set aside'),
        journeys: z
          .array(
            z.object({
              from: iso,
              to: iso,
              signals: z.record(z.string(), z.number()).describe('Signal counts by kind'),
              purchasedAt: iso.nullable().describe('The own purchase that ended it, if any'),
              reducedWeightSignals: z
                .number()
                .describe('Signals counted at a reduced weight (a purchase that may be a gift)'),
              text: z.string().describe('The journey in words'),
            }),
          )
          .describe('The shopping journeys that fed the interest, oldest first'),
        setAside: z
          .array(
            z.object({
              reason: z.enum(['gift-journey']).describe('Why they were not counted'),
              giftAt: iso.describe('The gift purchase they led up to'),
              giftMessageId: z.string().describe('Its messageId'),
              signals: z.record(z.string(), z.number()).describe('Signal counts by kind'),
              days: z.number().describe('Distinct UTC days'),
              text: z
                .string()
                .describe('e.g. "3 views on 2 days before a gift purchase on 14 Oct: not counted"'),
            }),
          )
          .describe('Signals in this topic that were not counted, and why'),
        purchaseJourney: z
          .boolean()
          .describe(
            'A short burst of research that ended in a purchase: decays fast unless the person comes back',
          ),
        heldBackUntil: iso
          .nullable()
          .describe('A durable purchase satisfied the need: offers in this topic are held back until then'),
      })
      .describe('What the interest rests on'),
  })
  .describe('An interest')

export const interestsResponse = z
  .object({
    personId: z.string().describe("The person's pseudonym at this brand"),
    purpose: z.string().describe('The purpose asked for'),
    interests: z
      .array(interestSchema)
      .describe('Usable interests first (stated, then by score), then emerging ones'),
    excluded: z
      .array(
        z.object({
          topic: z.string().describe('Topic'),
          brand: z.string().describe('Brand'),
          reason: z.enum(EXCLUSION_REASONS).describe('Why'),
        }),
      )
      .describe('Interests this brand may know exist but may not use'),
    reason: z
      .enum(EMPTY_INTERESTS_REASONS)
      .nullable()
      .describe(
        'Why no interest is usable, null when one is: `no-consent` (the purpose is not granted at this brand; for personalization nothing is learned either), `all-excluded` (each is in `excluded` with its reason), `nothing-learned` (none recurs yet)',
      ),
    why: z
      .string()
      .nullable()
      .describe('The reason in a sentence, with how to change it; null with `reason`'),
  })
  .describe('Interests')

export const setInterestRequest = z
  .object({
    topic: z.string().min(1).max(128).describe('Topic id from GET /v1/taxonomy/topics'),
    state: z
      .enum(['stated', 'rejected'])
      .describe('stated: "I\'m into this"; rejected: "not interested" (stays until stated again)'),
  })
  .strict()

export const eventSchema = z
  .object({
    messageId: z.string().describe('The message id'),
    type: z.string().describe('track, identify, page, screen, group or alias'),
    kind: z.string().describe('Signal kind: search, view, add_to_cart, purchase or none'),
    event: z.string().nullable().describe('Track event name'),
    name: z.string().nullable().describe('Page or screen name'),
    timestamp: iso.describe('Skew-corrected event time'),
    receivedAt: iso,
    gift: z.boolean().describe('A gift: does not count toward interests'),
    giftMarkedByPerson: z.boolean().describe('The person marked it as a gift'),
    topics: z.array(z.string()).describe('Interest topics it signals (those the policy releases)'),
    properties: z
      .record(z.string(), z.unknown())
      .describe('Event properties the policy releases (decrypted)'),
    context: z.record(z.string(), z.unknown()).describe('Context entries the policy releases (decrypted)'),
    traits: z.record(z.string(), z.unknown()).describe('Traits the policy releases (decrypted)'),
    excluded: z
      .array(
        z.object({
          field: z
            .string()
            .describe(
              '`event`, `name`, `properties.<name>`, `traits.<name>`, `context.<name>` or `topics[<i>]`',
            ),
          category: z.string().describe('Its data category'),
          reason: z.enum(EXCLUSION_REASONS).describe('Why it is withheld'),
        }),
      )
      .describe('Fields withheld for this purpose, with the reason (never their value)'),
  })
  .describe('An event')

const isoOrNull = (t: number | null) => (t === null ? null : new Date(t).toISOString())

/** An interest as the API returns it: its evidence, the journeys that fed it and what was set aside, in words. */
export function interestOut(
  i: InterestView,
  topics: Pick<TopicTaxonomy, 'get'>,
  model: Pick<InterestModelConfig, 'journeys'>,
): z.infer<typeof interestSchema> {
  const label = topics.get(i.topic)?.label ?? i.topic
  return {
    topic: i.topic,
    label,
    brand: i.brand,
    score: Math.round(i.score * 1000) / 1000,
    confidence: Math.round(i.confidence * 1000) / 1000,
    established: i.established,
    source: i.source,
    state: i.state,
    evidence: {
      signals: { ...i.evidence.signals } as Record<string, number>,
      distinctDays: i.evidence.distinctDays,
      firstSeen: isoOrNull(i.evidence.firstSeen),
      lastSeen: isoOrNull(i.evidence.lastSeen),
      sampleEventIds: [...i.evidence.sampleEventIds],
      why: whyInterest(label, i.evidence.journeys, i.state),
      journeys: i.evidence.journeys.fed.map((j) => ({
        from: new Date(j.from).toISOString(),
        to: new Date(j.to).toISOString(),
        signals: { ...j.signals } as Record<string, number>,
        purchasedAt: isoOrNull(j.purchaseAt),
        reducedWeightSignals: j.reduced,
        text: describeJourney(j),
      })),
      setAside: i.evidence.journeys.setAside.map((a) => ({
        reason: a.reason,
        giftAt: new Date(a.giftAt).toISOString(),
        giftMessageId: a.giftMessageId,
        signals: { ...a.signals } as Record<string, number>,
        days: a.days,
        text: describeSetAside(a),
      })),
      purchaseJourney: isPurchaseSpike(i.evidence.journeys, model.journeys),
      heldBackUntil: isoOrNull(i.evidence.heldBackUntil),
    },
  }
}
