import type { KeyRing } from '../../crypto/key-ring.js'

/** An event as stored: identity, time and kind in the clear, everything else encrypted. */
export interface StoredEvent {
  readonly id: string
  readonly brandId: string
  readonly messageId: string
  readonly personId: string
  readonly type: string
  /** search, view, add_to_cart, purchase or none. */
  readonly kind: string
  /** Skew-corrected event time. */
  readonly eventTime: number
  readonly receivedAt: number
  readonly gift: boolean
  /** Marked as a gift by the person afterwards ("that was a gift"). */
  readonly giftByPerson: boolean
  readonly keyId: string
  readonly payloadCt: string
}

/** The encrypted part of an event. */
export interface EventPayload {
  readonly event?: string
  readonly name?: string
  readonly properties: Readonly<Record<string, unknown>>
  readonly traits: Readonly<Record<string, unknown>>
  readonly context: Readonly<Record<string, unknown>>
  /** Interest topics the event signals (gift lines and sensitive-topic lines included; the model filters). */
  readonly topics: readonly string[]
  /** Topics of the lines that are gifts on their own. */
  readonly giftTopics: readonly string[]
  /** Which gift rules fired (names, never values). */
  readonly giftRules: readonly string[]
  readonly timestamp?: number
  readonly sentAt?: number
}

/** A message refused at ingestion: field names and reason only, never values. */
export interface IngestRejection {
  readonly id: string
  readonly brandId: string
  readonly receivedAt: number
  readonly endpoint: string
  readonly reason: string
  readonly field: string | null
  readonly batchIndex: number | null
}

export const eventContext = (brandId: string, messageId: string): string => `event|${brandId}|${messageId}`

/**
 * The decrypted payload of a stored event, or undefined when its key was destroyed (the person
 * was erased meanwhile: the event is unreadable by design).
 */
export async function openEventPayload(
  keys: Pick<KeyRing, 'dataKey' | 'decrypt'>,
  e: StoredEvent,
): Promise<EventPayload | undefined> {
  const dk = await keys.dataKey(e.keyId)
  return dk
    ? (JSON.parse(keys.decrypt(dk, e.payloadCt, eventContext(e.brandId, e.messageId))) as EventPayload)
    : undefined
}
