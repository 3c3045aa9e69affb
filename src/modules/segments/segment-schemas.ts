import { z } from 'zod'
import { FINDING_CODES, SEVERITIES } from './review.js'
import { HISTORY_KINDS, SEGMENT_STATUSES } from './segment.js'

export const EXAMPLE_RULE = {
  all: [
    { interest: 'outdoors.hiking' },
    { event: 'Product Viewed', where: { category: 'outdoors.hiking' }, minDays: 2, withinDays: 30 },
  ],
}

const ruleSchema = z
  .unknown()
  .describe(
    'The rule tree (JSON): {"all": [rule…]}, {"any": [rule…]}, {"not": rule}; leaves {"interest": topic, "minConfidence"?}, {"data": key or category, "op": eq|neq|in|nin|gt|gte|lt|lte|between|exists, "value"?}, {"event": name, "where"?, "minCount"?, "minDays"?, "withinDays"?, "excludeGifts"?}. Errors name the path, e.g. rule.all[1].event. See docs/segments.md.',
  )
  .meta({ examples: [EXAMPLE_RULE] })

export const segmentIdParam = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,100}$/)
    .describe('Segment id'),
})

export const segmentBody = z
  .object({
    brand: z.string().min(1).max(64).describe('The brand whose people the segment selects'),
    name: z.string().min(1).max(200).describe('A name marketers recognize'),
    purpose: z
      .string()
      .min(1)
      .max(64)
      .describe('The purpose the audience is used for (consent is checked against it)'),
    rule: ruleSchema,
    description: z.string().max(2000).optional().describe('What the audience is for'),
  })
  .strict()

export const createSegmentBody = segmentBody.extend({ id: segmentIdParam.shape.id }).meta({
  examples: [
    {
      id: 'hikers',
      brand: 'outdoor',
      name: 'Committed hikers',
      purpose: 'personalization',
      rule: EXAMPLE_RULE,
    },
  ],
})

const findingSchema = z
  .object({
    code: z.enum(FINDING_CODES).describe('Stable finding code (docs/segment-review.md)'),
    severity: z.enum(SEVERITIES).describe('block: activation needs a reviewer override; warn; info'),
    message: z.string().describe('What is wrong, for a marketer'),
    fix: z.string().describe('What to change, concretely'),
    path: z.string().optional().describe('The rule leaf it is about, e.g. rule.all[1].data'),
    details: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('Figures behind it (counts, associations)'),
  })
  .describe('A review finding')

export const reviewSchema = z
  .object({
    version: z.number().describe('The segment version reviewed (0: a draft)'),
    reviewedAt: z.string().describe('ISO time'),
    people: z.number().describe('People of the brand the review looked at'),
    findings: z.array(findingSchema).describe('Block first, then warn, then info'),
    reach: z
      .object({
        matched: z.number().describe('People whose data matches, had everyone consented (aggregate)'),
        afterConsent: z.number().describe('People in the audience through the policy for the purpose'),
        lostToConsent: z.number().describe('matched − afterConsent'),
      })
      .describe('Audience size before and after consent'),
    fairness: z
      .array(
        z.object({
          attribute: z.string().describe('Audit attribute (gender, age, …) held under fairness_audit'),
          group: z.string().describe('Group; `other` merges groups below the minimum size'),
          members: z.number().describe('People of the group in the audience'),
          people: z.number().describe('People of the group with audit data'),
          selectionRate: z.number().describe('members / people'),
          ratioToMax: z.number().describe('Rate over the best group rate (four-fifths rule: ≥ 0.8)'),
        }),
      )
      .describe(
        'Selection rates per audit group, aggregate only (groups below the minimum size merged or suppressed)',
      ),
    suggestions: z
      .array(
        z.object({
          description: z.string().describe('What changes'),
          rule: z.unknown().describe('The rule without the problem'),
          afterConsent: z.number().describe('Its audience after consent'),
        }),
      )
      .describe('The audience without the problem criteria'),
  })
  .describe('A review of a segment')

export const segmentSchema = z
  .object({
    id: z.string().describe('Segment id'),
    brand: z.string().describe('Brand'),
    name: z.string().describe('Name'),
    purpose: z.string().describe('Purpose'),
    rule: z.unknown().describe('The rule tree'),
    description: z.string().nullable().describe('Description'),
    version: z.number().describe('Version (1 on creation, +1 per edit)'),
    status: z.enum(SEGMENT_STATUSES).describe('active: members can be listed and offers naming it are shown'),
    createdBy: z.string().describe('The key that created it'),
    updatedBy: z.string().describe('The key that made the current version'),
    createdAt: z.string().describe('ISO time'),
    updatedAt: z.string().describe('ISO time'),
    review: reviewSchema.nullable().describe('The review of the current version'),
  })
  .describe('A segment')

export const historySchema = z
  .object({
    history: z
      .array(
        z.object({
          seq: z.number().describe('Order'),
          kind: z.enum(HISTORY_KINDS).describe('What happened'),
          version: z.number().describe('The segment version it concerns'),
          actor: z.string().describe('key:<id> or cli'),
          at: z.string().describe('ISO time'),
          details: z
            .record(z.string(), z.unknown())
            .describe('The version, the findings, the justification, the key label'),
        }),
      )
      .describe('Oldest first'),
  })
  .describe('Every version, review, activation and override of a segment')

export const activateBody = z
  .object({
    justification: z
      .string()
      .max(2000)
      .optional()
      .describe('Why the blocking findings are acceptable (reviewer keys, at least 20 characters)'),
  })
  .strict()
  .meta({
    examples: [
      { justification: 'Medical-supplies recall notice: the audience is required by the regulator.' },
    ],
  })

export const membersQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100).describe('Page size'),
  cursor: z.string().max(40).optional().describe('From the previous page'),
})

export const membersSchema = z
  .object({
    members: z
      .array(
        z.object({
          personId: z.string().describe("The person's pseudonym at the brand"),
          userIds: z.array(z.string()).describe("The brand's own userIds of the person"),
        }),
      )
      .describe('One page'),
    nextCursor: z.string().nullable().describe('Cursor of the next page, or null'),
  })
  .describe('Members of an active segment')
