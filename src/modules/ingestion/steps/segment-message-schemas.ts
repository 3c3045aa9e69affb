/**
 * zod schemas for Segment messages as SDKs send them: `@segment/analytics-node`, analytics.js
 * (including the browser short-path bodies that carry `writeKey`), and RudderStack SDKs.
 *
 * - **Permissive** on unknown fields: SDKs add `_metadata`, `version`, `channel`, `rudderId`,
 *   `writeKey`, `options`… They pass through untouched (loose objects) and are ignored later.
 * - **Strict** on what Candor needs: identifiers, the type-specific required fields, times,
 *   and the object-ness of `properties` / `traits` / `context` / `integrations`.
 * - Every issue's `message` is a {@link DropReason} code, so a failed parse maps to
 *   `drop(reason, field)` without reading any input value (see `validate-message-step.ts`).
 *
 * This is the only file in the ingestion steps that imports zod.
 */
import { z } from 'zod'
import { identifierProblem, MAX_IDENTIFIER_LENGTH } from '../../../kernel/identifier.js'
import { parseIsoTimestamp } from './parse-timestamp.js'
import type { DropReason } from './results.js'
import { isJsonObject } from './segment-message.js'

/** Longest accepted identifier (`userId`, `anonymousId`, `messageId`, `groupId`, `previousId`). */
export const MAX_ID_LENGTH = MAX_IDENTIFIER_LENGTH

const INVALID: DropReason = 'invalid-field'

function issue(message: DropReason): { code: 'custom'; message: DropReason; input: undefined } {
  // `input` is deliberately not recorded: issues must not carry values.
  return { code: 'custom', message, input: undefined }
}

/**
 * An identifier: a string, or a number coerced to its decimal string (some server SDKs send
 * numeric user ids). `null`, `""` and blank strings count as absent. One that breaks the
 * identifier rule shared with every `{ref}` (`identifierProblem`: longer than
 * {@link MAX_ID_LENGTH}, a control character such as tab, newline or NUL, an unpaired
 * surrogate) → `invalid-field`, so every identity stored can be addressed for access and erasure.
 */
export const segmentIdSchema = z
  .union([z.string(), z.number()], { error: INVALID })
  .nullish()
  .transform((value, ctx): string | undefined => {
    if (value === null || value === undefined) return undefined
    const id = typeof value === 'number' ? String(value) : value
    if (id.trim() === '') return undefined
    if (identifierProblem(id) !== undefined) {
      ctx.issues.push(issue(INVALID))
      return z.NEVER
    }
    return id
  })

/** An identifier that must be present; absent → `missingReason`. */
function requiredId(missingReason: DropReason) {
  return segmentIdSchema.transform((value, ctx): string => {
    if (value === undefined) {
      ctx.issues.push(issue(missingReason))
      return z.NEVER
    }
    return value
  })
}

/**
 * An ISO-8601 time (see `parseIsoTimestamp`) → epoch milliseconds. `null` counts as absent.
 * Numbers are refused: Segment's spec and every SDK send strings, and a bare number is
 * ambiguous between seconds and milliseconds.
 */
export const segmentTimestampSchema = z
  .string({ error: INVALID })
  .nullish()
  .transform((value, ctx): number | undefined => {
    if (value === null || value === undefined) return undefined
    const time = parseIsoTimestamp(value)
    if (time === undefined) {
      ctx.issues.push(issue(INVALID))
      return z.NEVER
    }
    return time
  })

/**
 * A JSON object whose contents are not inspected (properties, traits, context, integrations).
 * `null` or absent → `{}`. Not deep-copied, so large property bags cost nothing here.
 */
export const segmentObjectSchema = z
  .custom<Record<string, unknown> | null | undefined>(
    (value) => value === null || value === undefined || isJsonObject(value),
    { error: INVALID },
  )
  .optional()
  .transform((value): Record<string, unknown> => value ?? {})

/** An optional free-text string such as a page name; `null` counts as absent. */
const optionalTextSchema = z
  .string({ error: INVALID })
  .nullish()
  .transform((value): string | undefined => (value === null || value === undefined ? undefined : value))

/** A required non-blank string such as a track event name; absent, null or blank → `missingReason`. */
function requiredText(missingReason: DropReason) {
  return z
    .string({ error: INVALID })
    .nullish()
    .transform((value, ctx): string => {
      if (value === null || value === undefined || value.trim() === '') {
        ctx.issues.push(issue(missingReason))
        return z.NEVER
      }
      return value
    })
}

/** Fields common to every message type (Segment spec "Common fields"). */
const commonShape = {
  messageId: segmentIdSchema,
  userId: segmentIdSchema,
  anonymousId: segmentIdSchema,
  timestamp: segmentTimestampSchema,
  originalTimestamp: segmentTimestampSchema,
  sentAt: segmentTimestampSchema,
  receivedAt: segmentTimestampSchema,
  context: segmentObjectSchema,
  integrations: segmentObjectSchema,
  properties: segmentObjectSchema,
  traits: segmentObjectSchema,
}

/** Every message needs a `userId` or an `anonymousId` (alias counts its `userId`). */
function requireIdentity(
  value: { userId?: string | undefined; anonymousId?: string | undefined },
  ctx: z.RefinementCtx,
) {
  if (value.userId === undefined && value.anonymousId === undefined) {
    ctx.addIssue({ code: 'custom', message: 'missing-identity' satisfies DropReason, path: ['userId'] })
  }
}

/** `track`: an action the user performed. Requires `event`. */
export const trackMessageSchema = z
  .looseObject({ ...commonShape, type: z.literal('track'), event: requiredText('missing-event') })
  .superRefine(requireIdentity)

/** `identify`: who the user is, with `traits`. */
export const identifyMessageSchema = z
  .looseObject({ ...commonShape, type: z.literal('identify') })
  .superRefine(requireIdentity)

/** `page`: a web page view, with optional `name` and `category`. */
export const pageMessageSchema = z
  .looseObject({
    ...commonShape,
    type: z.literal('page'),
    name: optionalTextSchema,
    category: optionalTextSchema,
  })
  .superRefine(requireIdentity)

/** `screen`: a mobile screen view, with optional `name` and `category`. */
export const screenMessageSchema = z
  .looseObject({
    ...commonShape,
    type: z.literal('screen'),
    name: optionalTextSchema,
    category: optionalTextSchema,
  })
  .superRefine(requireIdentity)

/** `group`: associates the user with a group (account). Requires `groupId`. */
export const groupMessageSchema = z
  .looseObject({ ...commonShape, type: z.literal('group'), groupId: requiredId('missing-group-id') })
  .superRefine(requireIdentity)

/** `alias`: merges a previous identity into `userId`. Requires `previousId`. */
export const aliasMessageSchema = z
  .looseObject({ ...commonShape, type: z.literal('alias'), previousId: requiredId('missing-previous-id') })
  .superRefine(requireIdentity)

/** The schema for each message type. */
export const segmentMessageSchemas = {
  track: trackMessageSchema,
  identify: identifyMessageSchema,
  page: pageMessageSchema,
  screen: screenMessageSchema,
  group: groupMessageSchema,
  alias: aliasMessageSchema,
} as const

/** A message of any type, as parsed by its schema (before normalization). */
export type ParsedSegmentMessage = z.output<
  (typeof segmentMessageSchemas)[keyof typeof segmentMessageSchemas]
>

/**
 * A `/v1/batch` (or `/v1/b`, `/v1/import`) body: `{ batch: [...], context?, integrations?, sentAt?,
 * writeKey? }`. `batch` must be a non-empty array (`invalid-batch` / `empty-batch`); its items are
 * validated one by one later. A body that is not an object at all is an `invalid-batch` too.
 */
export const segmentBatchBodySchema = z.looseObject(
  {
    batch: z.array(z.unknown(), { error: 'invalid-batch' satisfies DropReason }).min(1, {
      error: 'empty-batch' satisfies DropReason,
    }),
    context: segmentObjectSchema,
    integrations: segmentObjectSchema,
    sentAt: segmentTimestampSchema,
  },
  { error: 'invalid-batch' satisfies DropReason },
)

/** A batch body as parsed by {@link segmentBatchBodySchema}. */
export type ParsedSegmentBatchBody = z.output<typeof segmentBatchBodySchema>
