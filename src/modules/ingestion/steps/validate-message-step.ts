import { createHash } from 'node:crypto'
import { DROP_REASONS, type DropReason, drop, ok, type StepResult } from './results.js'
import {
  isJsonObject,
  SEGMENT_MESSAGE_TYPES,
  type SegmentMessage,
  type SegmentMessageType,
} from './segment-message.js'
import { type ParsedSegmentMessage, segmentMessageSchemas } from './segment-message-schemas.js'

/** What validation needs to know besides the message itself. */
export interface ValidateContext {
  /** Server time the request arrived, epoch ms. Becomes `receivedAt` (see `trustClientReceivedAt`). */
  readonly receivedAt: number
  /**
   * The type implied by the endpoint (`/v1/track` → `track`). When set, a message without `type`
   * takes it, and a message whose `type` differs is dropped (`invalid-type`). Unset for batch
   * items, which must carry their own `type`.
   */
  readonly expectedType?: SegmentMessageType
  /**
   * Imports only: use the message's own `receivedAt` when it has a valid one (Segment exports
   * carry it), so historical events keep their original arrival time. Never set for live traffic:
   * the server's clock is the only trustworthy one there. Default false.
   */
  readonly trustClientReceivedAt?: boolean
  /**
   * Batch-level fields of the `/v1/batch` body the message came in (see `split-batch-step.ts`):
   * `context` / `integrations` keys apply unless the message sets the same key (shallow merge,
   * message wins); `sentAt` applies when the message has none. Absent for single messages.
   */
  readonly batch?: BatchDefaults
}

/** Batch-level fields that apply to every message of a batch. */
export interface BatchDefaults {
  /** The batch's `context`; `{}` when absent. */
  readonly context: Readonly<Record<string, unknown>>
  /** The batch's `integrations`; `{}` when absent. */
  readonly integrations: Readonly<Record<string, unknown>>
  /** The batch's `sentAt`, epoch ms (analytics-node sends it only here). */
  readonly sentAt?: number
}

function mergeDefaults(
  defaults: Readonly<Record<string, unknown>>,
  own: Record<string, unknown>,
): Record<string, unknown> {
  // Spread, not Object.assign: an own "__proto__" key must stay a plain key.
  return Object.keys(defaults).length === 0 ? own : { ...defaults, ...own }
}

/**
 * Field names a drop may report. Drops name fields only from this list, never anything taken
 * from the input, so a drop can be logged and stored as is.
 */
export const REPORTABLE_FIELDS = [
  'type',
  'messageId',
  'userId',
  'anonymousId',
  'event',
  'name',
  'category',
  'properties',
  'traits',
  'context',
  'integrations',
  'previousId',
  'groupId',
  'timestamp',
  'originalTimestamp',
  'sentAt',
  'receivedAt',
  'batch',
  'content-type',
] as const

/** A field name a drop may report. */
export type ReportableField = (typeof REPORTABLE_FIELDS)[number]

const REPORTABLE = new Set<string>(REPORTABLE_FIELDS)
const REASONS = new Set<string>(DROP_REASONS)
const TYPES = new Set<string>(SEGMENT_MESSAGE_TYPES)

/** Maps the first zod issue to a drop: its message is our reason code, its path our field name. */
export function dropFromIssues(issues: readonly { message: string; path: readonly PropertyKey[] }[]) {
  const first = issues[0]
  if (first === undefined) return drop('invalid-field')
  const reason: DropReason = REASONS.has(first.message) ? (first.message as DropReason) : 'invalid-field'
  const head = first.path[0]
  const field = typeof head === 'string' && REPORTABLE.has(head) ? head : undefined
  return drop(reason, field)
}

/**
 * Derives a `messageId` for a message that arrived without one. Segment assigns a random id
 * server-side; Candor derives one deterministically instead so that a client retrying the same
 * payload is deduplicated:
 *
 * - `derived-` + the first 32 hex digits of SHA-256 over the message type and the message's JSON
 *   without `messageId`, `sentAt`, `receivedAt` and `writeKey` (which change between retries or
 *   are secrets);
 * - when the message has no client time (`timestamp` / `originalTimestamp`), the server's
 *   `receivedAt` is hashed too: two identical untimed events are then two events, as in Segment,
 *   and only timed messages deduplicate on content.
 */
export function deriveMessageId(
  type: SegmentMessageType,
  raw: Readonly<Record<string, unknown>>,
  hasClientTime: boolean,
  receivedAt: number,
): string {
  const { messageId: _m, sentAt: _s, receivedAt: _r, writeKey: _w, ...content } = raw
  const hash = createHash('sha256').update(type).update('\n').update(JSON.stringify(content))
  if (!hasClientTime) hash.update('\n').update(String(receivedAt))
  return `derived-${hash.digest('hex').slice(0, 32)}`
}

function resolveType(raw: Readonly<Record<string, unknown>>, expected: SegmentMessageType | undefined) {
  const declared = raw.type
  if (declared === undefined || declared === null) return expected
  if (typeof declared !== 'string') return undefined
  const type = declared.trim().toLowerCase()
  if (!TYPES.has(type)) return undefined
  if (expected !== undefined && type !== expected) return undefined
  return type as SegmentMessageType
}

function normalize(
  parsed: ParsedSegmentMessage,
  raw: Readonly<Record<string, unknown>>,
  ctx: ValidateContext,
): SegmentMessage {
  const timestamp = parsed.originalTimestamp ?? parsed.timestamp
  const receivedAt =
    ctx.trustClientReceivedAt === true && parsed.receivedAt !== undefined ? parsed.receivedAt : ctx.receivedAt
  const messageId = parsed.messageId ?? deriveMessageId(parsed.type, raw, timestamp !== undefined, receivedAt)
  const message: { -readonly [K in keyof SegmentMessage]: SegmentMessage[K] } = {
    type: parsed.type,
    messageId,
    messageIdSource: parsed.messageId === undefined ? 'derived' : 'client',
    properties: parsed.properties,
    traits: parsed.traits,
    context: ctx.batch === undefined ? parsed.context : mergeDefaults(ctx.batch.context, parsed.context),
    integrations:
      ctx.batch === undefined
        ? parsed.integrations
        : mergeDefaults(ctx.batch.integrations, parsed.integrations),
    receivedAt,
  }
  if (parsed.userId !== undefined) message.userId = parsed.userId
  if (parsed.anonymousId !== undefined) message.anonymousId = parsed.anonymousId
  switch (parsed.type) {
    case 'track':
      message.event = parsed.event
      break
    case 'page':
    case 'screen':
      if (parsed.name !== undefined) message.name = parsed.name
      if (parsed.category !== undefined) message.category = parsed.category
      break
    case 'group':
      message.groupId = parsed.groupId
      break
    case 'alias':
      message.previousId = parsed.previousId
      break
    case 'identify':
      break
  }
  if (timestamp !== undefined) message.timestamp = timestamp
  const sentAt = parsed.sentAt ?? ctx.batch?.sentAt
  if (sentAt !== undefined) message.sentAt = sentAt
  return message
}

/**
 * Validates one message against its type's schema and normalizes it to a {@link SegmentMessage}.
 * Never throws on any parsed JSON value (check nesting first: see `check-nesting-step.ts`).
 *
 * Drops:
 * - `invalid-message` — not a JSON object;
 * - `invalid-type` (field `type`) — no usable type, an unknown one, or one that contradicts the endpoint;
 * - `missing-identity` (field `userId`) — neither `userId` nor `anonymousId`;
 * - `missing-event` / `missing-previous-id` / `missing-group-id` — the type's required field;
 * - `invalid-field` (field named) — e.g. `userId: true`, `properties: []`, `timestamp: 'soon'`.
 *
 * Unknown fields (including a short-path body's `writeKey`) are ignored and not carried over.
 *
 * @example
 * ```ts
 * validateMessage({ type: 'track', userId: 'u1' }, { receivedAt: 0 }) // drop('missing-event', 'event')
 * ```
 */
export function validateMessage(raw: unknown, ctx: ValidateContext): StepResult<SegmentMessage> {
  if (!isJsonObject(raw)) return drop('invalid-message')
  const type = resolveType(raw, ctx.expectedType)
  if (type === undefined) return drop('invalid-type', 'type')
  const result = segmentMessageSchemas[type].safeParse(raw.type === type ? raw : { ...raw, type })
  if (!result.success) return dropFromIssues(result.error.issues)
  return ok(normalize(result.data, raw, ctx))
}
