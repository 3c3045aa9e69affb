/**
 * Step results: every ingestion step that can refuse a message returns a value, never throws.
 *
 * `ok(value)` carries the step's output to the next step; `drop(reason, field?)` ends the
 * message's journey with a stable, catalogued reason and, where one field is to blame, that
 * field's NAME. A drop never carries an input value: reasons are codes from {@link DROP_REASONS}
 * and fields are names chosen by Candor's own code, so a drop is safe to log, store and return.
 *
 * @example
 * ```ts
 * const result = validateMessage({ type: 'track', userId: 'u1' }, { receivedAt: 0 })
 * if (isDrop(result)) console.log(result.reason, result.field) // 'missing-event' 'event'
 * ```
 */

/**
 * Every reason a message or request can be dropped for, in one list. Codes are API: once shipped
 * a code keeps its meaning and is never reused for something else; new codes are appended.
 */
export const DROP_REASONS = [
  'invalid-json',
  'unsupported-content-type',
  'invalid-message',
  'nesting-too-deep',
  'message-too-large',
  'batch-too-large',
  'invalid-batch',
  'empty-batch',
  'invalid-type',
  'missing-identity',
  'missing-event',
  'missing-previous-id',
  'missing-group-id',
  'invalid-field',
  'duplicate-message-id',
  'suppressed',
  'storage-failed',
  'undeclared-field',
  'missing-required-field',
] as const

/** A stable kebab-case code saying why a message or request was dropped. */
export type DropReason = (typeof DROP_REASONS)[number]

/** One line per {@link DropReason}, for `docs/`, the OpenAPI document and rejection listings. */
export const DROP_REASON_DESCRIPTIONS = {
  'invalid-json': 'The body is not valid UTF-8 JSON.',
  'unsupported-content-type':
    'The Content-Type is none of application/json, text/plain and application/x-www-form-urlencoded (with a JSON body).',
  'invalid-message': 'A message is not a JSON object.',
  'nesting-too-deep': 'A message nests objects or arrays deeper than the limit (64 levels).',
  'message-too-large': 'A message is larger than 32 KB (32768 bytes of UTF-8 JSON).',
  'batch-too-large': 'A batch body is larger than 500 KB (512000 bytes).',
  'invalid-batch': 'A batch body has no `batch` array.',
  'empty-batch': 'A batch body has an empty `batch` array.',
  'invalid-type': 'The message `type` is missing or is not track, identify, page, screen, group or alias.',
  'missing-identity': 'The message has neither a `userId` nor an `anonymousId`.',
  'missing-event': 'A track message has no `event` name.',
  'missing-previous-id': 'An alias message has no `previousId`.',
  'missing-group-id': 'A group message has no `groupId`.',
  'invalid-field': 'A field has the wrong type or format; `field` names it.',
  'duplicate-message-id': 'A message with this `messageId` was already stored for this brand.',
  suppressed: 'The identifiers belong to a person erased with suppression.',
  'storage-failed':
    'The store could not take this message (the other messages of the batch were stored); the server log has the error code.',
  'undeclared-field':
    "The brand's collection plan is in `reject` mode and the message has a field (or event) the plan does not declare; `field` names the first, e.g. `properties.color`.",
  'missing-required-field':
    "The brand's collection plan is in `reject` mode and the message lacks a property the plan marks required; `field` names it.",
} as const satisfies Record<DropReason, string>

/** A step's successful output, handed to the next step. */
export interface StepOk<T> {
  /** Discriminant. */
  readonly type: 'ok'
  /** The step's output. */
  readonly value: T
}

/** A refusal: the message (or request) goes no further. Contains no input values. */
export interface StepDrop {
  /** Discriminant. */
  readonly type: 'drop'
  /** Why, as a catalogued code. */
  readonly reason: DropReason
  /** The name of the offending field (e.g. `event`, `userId`), when one field is to blame. */
  readonly field?: string
}

/** What a fallible step returns. */
export type StepResult<T> = StepOk<T> | StepDrop

/**
 * A successful result.
 *
 * @example
 * ```ts
 * const r: StepResult<number> = ok(42)
 * ```
 */
export function ok<T>(value: T): StepOk<T> {
  return { type: 'ok', value }
}

/**
 * A refusal with a catalogued reason and, optionally, the offending field's name. The `field`
 * key is absent (not `undefined`) when no field is given, so results compare with `toEqual`.
 *
 * @example
 * ```ts
 * const r = drop('missing-event', 'event')
 * ```
 */
export function drop(reason: DropReason, field?: string): StepDrop {
  return field === undefined ? { type: 'drop', reason } : { type: 'drop', reason, field }
}

/** True when `result` is an {@link StepOk}. */
export function isOk<T>(result: StepResult<T>): result is StepOk<T> {
  return result.type === 'ok'
}

/** True when `result` is a {@link StepDrop}. */
export function isDrop<T>(result: StepResult<T>): result is StepDrop {
  return result.type === 'drop'
}

/** True when `value` is one of the catalogued {@link DropReason} codes. */
export function isDropReason(value: unknown): value is DropReason {
  return typeof value === 'string' && (DROP_REASONS as readonly string[]).includes(value)
}
