import { z } from 'zod'
import type { Decision } from './decision-service.js'
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
    brand: z.string().optional().describe('The brand whose data the interest rests on'),
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

export const decisionSchema = z
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
              audience: z
                .object({
                  segment: z.string().describe('The segment the offer names'),
                  name: z.string().describe('Its name'),
                  purpose: z.string().describe('The purpose its evaluation used'),
                  criteria: z.array(z.string()).describe('The criteria that matched, in words'),
                })
                .optional()
                .describe("Why the person is in the audience of the offer's segment"),
            })
            .describe('Why this item'),
        }),
      )
      .describe('Ranked items'),
    fallbackReason: z
      .enum(FALLBACK_REASONS)
      .optional()
      .describe(
        'Why the answer is not personalized; `unknown-placement`: no offer of the brand uses the placement (see `placements`)',
      ),
    placements: z
      .array(z.string())
      .optional()
      .describe("With fallbackReason unknown-placement: the placements the brand's offers use"),
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
    ...(f.brand !== undefined ? { brand: f.brand } : {}),
    dataItemIds: [...f.dataItemIds],
    categories: [...f.categories],
    purpose: f.purpose,
    consentIds: [...f.consentIds],
    sourceEvents: [...f.sourceEvents],
    contribution: f.contribution,
    change: { ...f.change },
  }
}

/** A decision as the API returns it. */
export function decisionOut(d: Decision) {
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
        ...(i.explanation.audience
          ? { audience: { ...i.explanation.audience, criteria: [...i.explanation.audience.criteria] } }
          : {}),
      },
    })),
    ...(d.fallbackReason ? { fallbackReason: d.fallbackReason } : {}),
    ...(d.placements ? { placements: [...d.placements] } : {}),
    createdAt: new Date(d.createdAt).toISOString(),
  }
}
