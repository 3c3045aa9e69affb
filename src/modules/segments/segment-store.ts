import type { HistoryEntry, Segment } from './segment.js'

/** Segments and their history (no person data). */
export interface SegmentStore {
  /** Inserts or replaces the live segment with this id (a deleted id is reused by a new one). */
  put(segment: Segment): Promise<void>
  /** The live segment; undefined when there is none (or it was deleted). */
  get(id: string): Promise<Segment | undefined>
  /** Whether the id was ever used, deleted or not (ids are never reused across brands). */
  brandOfAny(id: string): Promise<string | undefined>
  /** Live segments of a brand (all brands when undefined), by id, after `cursor`. */
  list(brandId: string | undefined, limit: number, cursor?: string): Promise<Segment[]>
  /** Soft-deletes; returns whether a live segment was deleted. */
  delete(id: string, at: number): Promise<boolean>
  /** Appends a line to the history (its `seq` is the next one) and returns it. */
  appendHistory(segmentId: string, entry: Omit<HistoryEntry, 'seq'>): Promise<HistoryEntry>
  /** The history, oldest first; empty for an unknown id. */
  history(segmentId: string): Promise<HistoryEntry[]>
}
