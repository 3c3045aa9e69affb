import { type DropReason, drop, ok, type StepResult } from './results.js'
import { isJsonObject } from './segment-message.js'
import { segmentBatchBodySchema } from './segment-message-schemas.js'
import { type BatchDefaults, dropFromIssues } from './validate-message-step.js'

/** One batch item that was refused, by position. Field names only, never values. */
export interface BatchRejection {
  /** 0-based position of the item in `batch`. */
  readonly index: number
  /** Why it was refused. */
  readonly reason: DropReason
  /** The offending field's name, when one field is to blame. */
  readonly field?: string
}

/** A batch split into the items that passed and the ones that did not. */
export interface SplitBatch<T> {
  /** Items that passed, in batch order. */
  readonly accepted: T[]
  /** Items that were refused, in batch order. */
  readonly rejected: BatchRejection[]
}

/** Dependencies of {@link createSplitBatchStep}. */
export interface SplitBatchDeps<T> {
  /**
   * Processes one item (e.g. `validateMessage` or the whole per-message pipeline), given its
   * index and the batch-level fields to apply to it (pass them on as `ValidateContext.batch`).
   * Items are not copied or merged beforehand: merging happens during normalization, so a
   * batch costs no per-item object copies.
   */
  readonly processMessage: (message: unknown, index: number, batch: BatchDefaults) => StepResult<T>
}

/**
 * Builds the step that splits a `/v1/batch` body (`{ batch: [...], context?, integrations?,
 * sentAt?, writeKey? }`) into per-item results. The whole request is dropped only when the body
 * itself is unusable:
 * - not an object, or `batch` missing / not an array → `invalid-batch` (field `batch`);
 * - `batch: []` → `empty-batch` (field `batch`);
 * - batch-level `context` / `integrations` not objects, or `sentAt` not an ISO time →
 *   `invalid-field` (field named).
 * Otherwise every item goes to `processMessage` with the batch-level fields (Segment semantics:
 * `context` / `integrations` keys apply unless the item sets the same key; `sentAt` applies
 * when the item has none; `writeKey` is a credential and is never applied). Passing items land
 * in `accepted`, refused ones in `rejected` with their index — SDKs drop a whole batch on a
 * 400, so one bad item must not sink the others.
 *
 * @example
 * ```ts
 * const split = createSplitBatchStep({
 *   processMessage: (m, _i, batch) => validateMessage(m, { receivedAt: now, batch }),
 * })
 * split({ batch: [{ type: 'track', userId: 'u1', event: 'A' }, { type: 'track', userId: 'u1' }] })
 * // → ok({ accepted: [ …A… ], rejected: [{ index: 1, reason: 'missing-event', field: 'event' }] })
 * ```
 */
export function createSplitBatchStep<T>(
  deps: SplitBatchDeps<T>,
): (body: unknown) => StepResult<SplitBatch<T>> {
  return (body) => {
    if (!isJsonObject(body)) return drop('invalid-batch', 'batch')
    const parsed = segmentBatchBodySchema.safeParse(body)
    if (!parsed.success) return dropFromIssues(parsed.error.issues)
    const { batch: items, context, integrations, sentAt } = parsed.data
    const defaults: BatchDefaults =
      sentAt === undefined ? { context, integrations } : { context, integrations, sentAt }
    const accepted: T[] = []
    const rejected: BatchRejection[] = []
    for (let index = 0; index < items.length; index++) {
      const result = deps.processMessage(items[index], index, defaults)
      if (result.type === 'ok') accepted.push(result.value)
      else
        rejected.push(
          result.field === undefined
            ? { index, reason: result.reason }
            : { index, reason: result.reason, field: result.field },
        )
    }
    return ok({ accepted, rejected })
  }
}
