import { z } from 'zod'
import { DATA_SOURCES } from './data-item.js'

const MAX_VALUE_BYTES = 8192

const itemValue = z
  .union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(z.unknown()),
    z.record(z.string(), z.unknown()),
  ])
  .refine(
    (v) => Buffer.byteLength(JSON.stringify(v)) <= MAX_VALUE_BYTES,
    `at most ${MAX_VALUE_BYTES} bytes of JSON`,
  )
  .describe('The value: any JSON, at most 8 KB; stored encrypted')

export const dataItemInput = z
  .object({
    key: z
      .string()
      .min(1)
      .max(128)
      .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and _ . : -')
      .describe("The item's name at this brand, e.g. `email`; one value per key"),
    value: itemValue,
    category: z
      .string()
      .min(1)
      .max(128)
      .describe('A data category from the taxonomy, e.g. `user.contact.email`'),
    source: z.enum(DATA_SOURCES).describe('stated (the person told us), observed, inferred or third_party'),
    expiresAt: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('After this time the item never appears in a view'),
    confidence: z.number().min(0).max(1).optional().describe('Confidence of an inferred item, 0-1'),
    verified: z
      .boolean()
      .optional()
      .describe('Verified contact data; a verified email links the person across brands'),
    purpose: z.string().max(64).optional().describe('The purpose it was collected for'),
  })
  .strict()

export const writeDataItemsRequest = z
  .object({ items: z.array(dataItemInput).min(1).max(100).describe('1-100 items, written all-or-nothing') })
  .strict()
  .describe('Data items to store')

export const writeDataItemsResponse = z
  .object({
    personId: z.string().describe("The person's pseudonym at this brand"),
    itemIds: z.array(z.string()).describe('Ids of the items, in request order'),
    created: z.boolean().describe('Whether the person was new at this brand'),
    linked: z
      .boolean()
      .describe(
        "Whether this write's verified email linked the person to the same person at another brand; true only when the person's cross-brand sharing covers both brands (otherwise a brand learns nothing about the person's other brands)",
      ),
  })
  .describe('What was stored')

export const personRefParams = z.object({
  ref: z
    .string()
    .min(1)
    .max(300)
    .describe(
      "The brand's userId, `userId:<id>` (for an id that starts with `userId:` or `anonymousId:`) or `anonymousId:<id>`",
    ),
})

export const rejectItemParams = personRefParams.extend({
  itemId: z.string().min(1).max(64).describe('A data item id'),
})
