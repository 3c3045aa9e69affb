import { z } from 'zod'
import { PLAN_MODES } from './collection-plan.js'
import { PLAN_FINDING_CODES } from './plan-review.js'

const fieldSchema = z
  .object({
    category: z.string().describe('A data category (GET /v1/categories)'),
    purposes: z.array(z.string()).describe('Purposes it may serve (GET /v1/purposes)'),
    retentionDays: z.number().int().optional().describe('Days a value is kept; absent: until erasure'),
    required: z.boolean().optional().describe('Every message of its kind must carry it'),
    justification: z.string().optional().describe('Why it is collected, for a person to read'),
  })
  .describe('A declared field')

const fieldsSchema = z.record(z.string(), fieldSchema).describe('Field name → declaration')

export const EXAMPLE_PLAN = {
  mode: 'strip',
  events: [
    {
      name: 'Product Viewed',
      properties: {
        category: {
          category: 'user.behavior.browsing',
          purposes: ['personalization', 'analytics'],
          retentionDays: 365,
          required: true,
          justification: 'Which aisles you browse, so offers match them',
        },
        price: {
          category: 'user.behavior.purchase',
          purposes: ['analytics'],
          retentionDays: 90,
          justification: 'Which price ranges sell, counted over everyone',
        },
      },
    },
  ],
  traits: {
    email: {
      category: 'user.contact.email',
      purposes: ['essential'],
      retentionDays: 730,
      justification: 'To send your receipts and answer your questions',
    },
  },
  context: {},
}

export const planDocumentSchema = z
  .object({
    mode: z
      .enum(PLAN_MODES)
      .describe('observe (record violations), strip (drop undeclared fields) or reject'),
    events: z
      .array(
        z
          .object({
            name: z.string().describe('A track event name; "page" or "screen" for those calls'),
            properties: fieldsSchema,
          })
          .describe('A declared event'),
      )
      .describe('Events and their properties'),
    traits: fieldsSchema,
    context: fieldsSchema,
  })
  .describe('The collection plan document (the same in YAML)')
  .meta({ examples: [EXAMPLE_PLAN] })

export const findingSchema = z
  .object({
    code: z.enum(PLAN_FINDING_CODES).describe('Finding code (docs/collection-plan.md)'),
    severity: z.enum(['block', 'warning', 'info']).describe('A block keeps the version from being saved'),
    message: z.string().describe('What to do about it'),
    path: z.string().optional().describe('Where in the plan'),
    details: z.record(z.string(), z.unknown()).optional().describe('Category and event'),
  })
  .describe('A review finding')

export const planVersionSchema = z
  .object({
    brand: z.string().describe('Brand id'),
    version: z.number().int().describe('1, 2, 3… per brand'),
    savedAt: z.string().describe('ISO time'),
    savedBy: z.string().describe('The key that saved it (`key:<id>`) or `cli`'),
    reason: z.string().describe('Why it changed'),
    findings: z.array(findingSchema).describe('Review findings it was saved with'),
    plan: planDocumentSchema,
  })
  .describe('A saved version of the plan')

export const savePlanBody = z
  .object({
    reason: z.string().min(1).max(500).describe('Why the plan changes (kept in the audit log)'),
    plan: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('The plan document as JSON (checked field by field; errors name the path)'),
    document: z
      .string()
      .max(1_000_000)
      .optional()
      .describe('Or the plan document as text: YAML or JSON (what `GET …?format=yaml` exports)'),
  })
  .strict()
  .describe('A new version of the plan')
  .meta({
    examples: [
      { reason: 'Stop collecting fax numbers', plan: EXAMPLE_PLAN },
      {
        reason: 'Imported from YAML',
        document:
          'mode: observe\ntraits:\n  email: { category: user.contact.email, purposes: [essential], retentionDays: 730, justification: "Receipts" }\n',
      },
    ],
  })

export const violationSchema = z
  .object({
    event: z
      .string()
      .nullable()
      .describe('The event (track name, page, screen), or null for traits and context'),
    field: z
      .string()
      .describe('properties.<name>, traits.<name>, context.<name>, or event for an undeclared event'),
    kind: z.enum(['undeclared', 'missing']).describe('Not in the plan, or a required property absent'),
    count: z.number().int().describe('Messages it was seen in'),
    firstSeenAt: z.string().describe('ISO time'),
    lastSeenAt: z.string().describe('ISO time'),
  })
  .describe('A violation count: names only, never values')
