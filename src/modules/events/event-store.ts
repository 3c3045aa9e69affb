import type { IngestRejection, SignalEvent, StoredEvent } from './event.js'

export interface EventCursor {
  readonly eventTime: number
  readonly id: string
}

/** The ingestion's port: writes events and rejections, and checks for duplicates — it reads no payload. */
export interface EventIntake {
  /** Inserts events, skipping any whose (brand, messageId) exists. Returns the message ids inserted. */
  insert(events: readonly StoredEvent[]): Promise<Set<string>>
  /** Which of these messageIds the brand already stored (deduplication). */
  existingMessageIds(brandId: string, messageIds: readonly string[]): Promise<Set<string>>
  insertRejections(rows: readonly IngestRejection[]): Promise<void>
  /** Rejections newest first, for one brand (or all when undefined). */
  rejections(
    brandId: string | undefined,
    limit: number,
    cursor?: { receivedAt: number; id: string },
  ): Promise<IngestRejection[]>
}

/** The interest model's port: the signals of a person at a brand, and marking one a gift. */
export interface InterestSignalSource {
  /**
   * The person's events at the brand of one of `kinds` (gifts included: the interest model sets
   * aside the journey before a gift), oldest first (by event time, then id), with only the fields
   * the interest model reads. Empty when none (for recomputing interests).
   */
  signalEventsOf(personId: string, brandId: string, kinds: readonly string[]): Promise<SignalEvent[]>
  /** Marks the event a gift; `byPerson` (default true) records that the person said so. False when no such event. */
  markGift(personId: string, brandId: string, messageId: string, byPerson?: boolean): Promise<boolean>
}

/**
 * The whole store. Only the events module, the policy engine, erasure and the composition root
 * import it (`person-data.ts`); ingestion and the interest model get their ports above.
 */
export interface EventStore extends EventIntake, InterestSignalSource {
  /**
   * Every person's events at the brand of one of `kinds`, with the person's id, ordered by person,
   * then event time, then id: the model card's evaluation reads them through the policy engine
   * (`ModelSignals`), which keeps only people who allow personalization. Empty when none.
   */
  signalEventsAtBrand(
    brandId: string,
    kinds: readonly string[],
  ): Promise<(SignalEvent & { readonly personId: string })[]>
  /** One page of the person's events at the brand, newest first. */
  page(personId: string, brandId: string, limit: number, cursor?: EventCursor): Promise<StoredEvent[]>
  /** The event with this messageId at the brand, if it belongs to the person. */
  find(personId: string, brandId: string, messageId: string): Promise<StoredEvent | undefined>
  /** Brands where the person has events. */
  brandsOf(personId: string): Promise<string[]>
  reassignPerson(from: string, to: string): Promise<void>
  keyIds(personId: string, brandIds: readonly string[] | undefined): Promise<string[]>
  purge(personId: string, brandIds: readonly string[] | undefined): Promise<number>
}
