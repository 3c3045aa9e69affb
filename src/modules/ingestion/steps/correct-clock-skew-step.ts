import type { SegmentMessage } from './segment-message.js'

/**
 * Default bound on how far past the server's `receivedAt` a (corrected) event time may lie:
 * one hour. Later than that is not a fast clock nor network latency but a broken clock or a
 * time-zone bug (local time sent as UTC is off by up to 14 h), and would put the event on the
 * wrong calendar day for the interest model. Such times are replaced by `receivedAt`, the best
 * estimate left. Times in the past are never clamped: historical imports are legitimate.
 */
export const DEFAULT_MAX_FUTURE_MS = 60 * 60 * 1000

/** How the event time was obtained. */
export type EventTimeSource =
  /** `receivedAt − (sentAt − timestamp)`: both client times were present. */
  | 'corrected'
  /** The client's `timestamp` as is (no `sentAt` to measure the skew with). */
  | 'timestamp'
  /** The server's `receivedAt` (no client time at all). */
  | 'received'
  /** The computed time lay beyond the future bound and was replaced by `receivedAt`. */
  | 'clamped'

/** What the clock-skew step adds to a message. */
export interface EventTiming {
  /** The best estimate of when the event happened, epoch ms (server clock). */
  readonly eventTime: number
  /** How {@link EventTiming.eventTime} was obtained. */
  readonly eventTimeSource: EventTimeSource
  /**
   * The client clock's measured offset, `sentAt − receivedAt` in ms (positive: the client's
   * clock runs ahead), subtracted from `timestamp` for a `corrected` time. 0 when it could not be
   * measured (no `timestamp` or no `sentAt`). Kept when the result was `clamped`, for diagnosis.
   */
  readonly clockSkewMs: number
}

/** Dependencies of {@link createCorrectClockSkewStep}. */
export interface CorrectClockSkewDeps {
  /** Bound on event times past `receivedAt`, ms. Default {@link DEFAULT_MAX_FUTURE_MS}. */
  readonly maxFutureMs?: number
}

/** The time fields the step reads. */
export type ClockFields = Pick<SegmentMessage, 'timestamp' | 'sentAt' | 'receivedAt'>

/**
 * Segment's clock-skew correction. A client's clock may be wrong, but the interval it measures
 * between the event (`timestamp`) and the send (`sentAt`) is right; anchored at the server's
 * `receivedAt`, it gives the event's time on the server clock:
 *
 * - `timestamp` and `sentAt` present → `receivedAt − (sentAt − timestamp)` (`corrected`);
 * - only `timestamp` → `timestamp` (`timestamp`);
 * - neither → `receivedAt` (`received`);
 * - the result later than `receivedAt + maxFutureMs` → `receivedAt` (`clamped`).
 *
 * Rejects nothing. Network latency is ignored, as Segment does (it makes events look at most
 * one transit younger). Returns only the timing (the pipeline assembles the message once; copying
 * a message per step is measurably slow on the ingestion hot path).
 *
 * @example
 * ```ts
 * const correct = createCorrectClockSkewStep()
 * // client clock 1 h ahead: event at 10:00 client = 09:00 server
 * correct({ timestamp: H(10), sentAt: H(10) + 5_000, receivedAt: H(9) + 5_000 })
 * // → { eventTime: H(9), eventTimeSource: 'corrected', clockSkewMs: 3_600_000 }
 * ```
 */
export function createCorrectClockSkewStep(
  deps: CorrectClockSkewDeps = {},
): (message: ClockFields) => EventTiming {
  const maxFutureMs = deps.maxFutureMs ?? DEFAULT_MAX_FUTURE_MS
  return (message) => {
    const { timestamp, sentAt, receivedAt } = message
    let eventTime = receivedAt
    let eventTimeSource: EventTimeSource = 'received'
    let clockSkewMs = 0
    if (timestamp !== undefined && sentAt !== undefined) {
      clockSkewMs = sentAt - receivedAt
      eventTime = timestamp - clockSkewMs
      eventTimeSource = 'corrected'
    } else if (timestamp !== undefined) {
      eventTime = timestamp
      eventTimeSource = 'timestamp'
    }
    if (eventTime > receivedAt + maxFutureMs) {
      eventTime = receivedAt
      eventTimeSource = 'clamped'
    }
    return { eventTime, eventTimeSource, clockSkewMs }
  }
}
