import { drop, ok, type StepResult } from './results.js'

/** Segment's limit for one message: 32 KB, measured in bytes of UTF-8 JSON. */
export const MAX_MESSAGE_BYTES = 32_768

/** Segment's limit for one `/v1/batch` request body: 500 KB in bytes. */
export const MAX_BATCH_BYTES = 512_000

/** What the size steps pass on. */
export interface MeasuredSize {
  /** Size in bytes (UTF-8). */
  readonly bytes: number
}

/**
 * Byte length of a body: a string's UTF-8 encoding, or a byte array's length. Characters count
 * by their encoded size ("é" is 2 bytes, "😀" is 4), never by `string.length`.
 *
 * @example
 * ```ts
 * byteLength('héllo') // 6
 * ```
 */
export function byteLength(body: string | Uint8Array): number {
  return typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.byteLength
}

/**
 * Checks the raw body of a single-message request (`/v1/track`, `/v1/t`, …) against
 * {@link MAX_MESSAGE_BYTES}: larger → `message-too-large`.
 *
 * @example
 * ```ts
 * checkMessageBodySize('{"type":"track"}') // ok({ bytes: 16 })
 * ```
 */
export function checkMessageBodySize(
  body: string | Uint8Array,
  maxBytes: number = MAX_MESSAGE_BYTES,
): StepResult<MeasuredSize> {
  const bytes = byteLength(body)
  return bytes > maxBytes ? drop('message-too-large') : ok({ bytes })
}

/**
 * Checks the raw body of a batch request against {@link MAX_BATCH_BYTES}: larger →
 * `batch-too-large`.
 *
 * @example
 * ```ts
 * checkBatchBodySize('{"batch":[]}') // ok({ bytes: 12 })
 * ```
 */
export function checkBatchBodySize(
  body: string | Uint8Array,
  maxBytes: number = MAX_BATCH_BYTES,
): StepResult<MeasuredSize> {
  const bytes = byteLength(body)
  return bytes > maxBytes ? drop('batch-too-large') : ok({ bytes })
}

/**
 * Checks one parsed message (e.g. an item of a batch, a line of an import file) against
 * {@link MAX_MESSAGE_BYTES}, measured as the UTF-8 bytes of its JSON serialization. The value
 * must have passed `checkNesting` first (serialization is recursive). A value that serializes
 * to nothing (`undefined`) measures 0 bytes.
 *
 * @example
 * ```ts
 * checkMessageSize({ type: 'track', properties: { note: 'x'.repeat(40_000) } }) // drop('message-too-large')
 * ```
 */
export function checkMessageSize(
  message: unknown,
  maxBytes: number = MAX_MESSAGE_BYTES,
): StepResult<MeasuredSize> {
  const json = JSON.stringify(message)
  const bytes = json === undefined ? 0 : byteLength(json)
  return bytes > maxBytes ? drop('message-too-large') : ok({ bytes })
}
