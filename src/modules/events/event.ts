import { randomUUID } from 'node:crypto'
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

/** What the interest model reads of a stored event: its kind and time, and the sealed payload. */
export type SignalEvent = Pick<
  StoredEvent,
  'brandId' | 'messageId' | 'kind' | 'eventTime' | 'gift' | 'keyId' | 'payloadCt'
>

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

/**
 * A new event id, shaped like `newId('evt')` (`evt_` and 32 hex digits) but time-ordered: the
 * first 12 digits are `now` in ms, the other 20 random. Ids of one request then land next to each
 * other in the primary-key index, so inserting 100 events dirties a page or two of it instead of
 * one random page per event (SQLite writes every dirtied page to the WAL at commit).
 *
 * @example newEventId(Date.UTC(2026, 10, 29)) // 'evt_01a22499f800' and 20 random hex digits
 */
export function newEventId(now: number): string {
  const time = Math.max(0, Math.floor(now)).toString(16).padStart(12, '0').slice(-12)
  // A v4 UUID reads xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx: take 20 of its random hex digits
  // (not the version digit 4, nor y, whose variant bits are fixed).
  const u = randomUUID()
  return `evt_${time}${u.slice(0, 8)}${u.slice(9, 13)}${u.slice(15, 18)}${u.slice(24, 29)}`
}

export const eventContext = (brandId: string, messageId: string): string => `event|${brandId}|${messageId}`

/**
 * The decrypted payload of a stored event, or undefined when its key was destroyed (the person
 * was erased meanwhile: the event is unreadable by design).
 */
export async function openEventPayload(
  keys: Pick<KeyRing, 'dataKey' | 'decrypt'>,
  e: Pick<StoredEvent, 'brandId' | 'messageId' | 'keyId' | 'payloadCt'>,
): Promise<EventPayload | undefined> {
  const dk = await keys.dataKey(e.keyId)
  return dk
    ? (JSON.parse(keys.decrypt(dk, e.payloadCt, eventContext(e.brandId, e.messageId))) as EventPayload)
    : undefined
}

/** What the interest model reads of an event's sealed payload: its topics, gift lines and properties (for gift signals). */
export type SignalPayload = Pick<EventPayload, 'properties' | 'topics' | 'giftTopics'>

/**
 * The interest model's narrow opening of a signal event (see `InterestSignalSource`): only what
 * the model reads, or undefined when the key was destroyed.
 */
export async function openSignalPayload(
  keys: Pick<KeyRing, 'dataKey' | 'decrypt'>,
  e: SignalEvent,
): Promise<SignalPayload | undefined> {
  const p = await openEventPayload(keys, e)
  return p ? { properties: p.properties, topics: p.topics, giftTopics: p.giftTopics } : undefined
}
