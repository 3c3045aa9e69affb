/**
 * The domain shape of a Segment message once it has been validated and normalized. Nothing in
 * here depends on zod or on HTTP: it is what the rest of Candor (storage, the interest model)
 * receives from the ingestion steps.
 */

/** The six Segment message types, in the spec's order. */
export const SEGMENT_MESSAGE_TYPES = ['track', 'identify', 'page', 'screen', 'group', 'alias'] as const

/** One of the six Segment message types. */
export type SegmentMessageType = (typeof SEGMENT_MESSAGE_TYPES)[number]

/** A JSON object as received (already parsed); its values are not inspected by validation. */
export type JsonObject = Readonly<Record<string, unknown>>

/** Where a message's `messageId` came from. */
export type MessageIdSource =
  /** The SDK sent it (the normal case: every Segment and RudderStack SDK does). */
  | 'client'
  /** Absent from the message; derived by Candor from a hash of the content (see README). */
  | 'derived'

/**
 * A validated, normalized Segment message. Times are epoch milliseconds. Absent optional fields
 * are absent keys (never `undefined` values). Identifiers are strings (numbers are coerced).
 *
 * @example
 * ```ts
 * const m: SegmentMessage = {
 *   type: 'track', messageId: 'm-1', messageIdSource: 'client', userId: 'u1', event: 'Product Viewed',
 *   properties: { category: 'Outdoors > Hiking' }, traits: {}, context: {}, integrations: {},
 *   receivedAt: 1_700_000_000_000,
 * }
 * ```
 */
export interface SegmentMessage {
  /** The message type. */
  readonly type: SegmentMessageType
  /** Deduplication key (scoped per brand by storage). */
  readonly messageId: string
  /** Whether {@link SegmentMessage.messageId} was sent or derived. */
  readonly messageIdSource: MessageIdSource
  /** The known user's id; at least one of `userId` / `anonymousId` is present. */
  readonly userId?: string
  /** The device or browser id; at least one of `userId` / `anonymousId` is present. */
  readonly anonymousId?: string
  /** Track: the event name, e.g. `Order Completed`. Always present on track messages. */
  readonly event?: string
  /** Page / screen: the page or screen name. */
  readonly name?: string
  /** Page / screen: the top-level page category (analytics.js also copies it into properties). */
  readonly category?: string
  /** Track / page / screen properties; `{}` when absent. */
  readonly properties: JsonObject
  /** Identify / group traits (top-level `traits`); `{}` when absent. */
  readonly traits: JsonObject
  /** The message context (library, page, ip, consent, traits…); `{}` when absent. */
  readonly context: JsonObject
  /** Destination switches; `{}` when absent. Kept for fidelity, not used by Candor. */
  readonly integrations: JsonObject
  /** Alias: the previous id. Always present on alias messages. */
  readonly previousId?: string
  /** Group: the group (account) id. Always present on group messages. */
  readonly groupId?: string
  /**
   * The client's clock time of the event: `originalTimestamp` when sent (RudderStack, Segment
   * exports), else `timestamp`. Not yet corrected for clock skew.
   */
  readonly timestamp?: number
  /** The client's clock time when the message (or its batch) was sent. */
  readonly sentAt?: number
  /** The server's clock time when the request arrived. */
  readonly receivedAt: number
}

/**
 * A parsed JSON value is a plain object (not null, not an array).
 *
 * @example
 * ```ts
 * isJsonObject({}) // true
 * isJsonObject([]) // false
 * ```
 */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
