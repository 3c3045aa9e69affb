import type { Review } from './review.js'

/** Whether a segment's audience may be used: only an active segment has members. */
export const SEGMENT_STATUSES = ['inactive', 'active'] as const
export type SegmentStatus = (typeof SEGMENT_STATUSES)[number]

/** What the history of a segment records. Stable API codes, never reused. */
export const HISTORY_KINDS = [
  'version',
  'review',
  'activation',
  'override',
  'deactivation',
  'deletion',
] as const
export type HistoryKind = (typeof HISTORY_KINDS)[number]

/** An audience of one brand for one purpose, defined by a rule tree (its public JSON form). */
export interface Segment {
  readonly id: string
  readonly brand: string
  readonly name: string
  readonly purpose: string
  /** The rule in its public JSON form (validated by `parseRule`). */
  readonly rule: unknown
  readonly description: string | null
  /** 1 on creation, +1 on every edit. */
  readonly version: number
  readonly status: SegmentStatus
  /** The key (`key:<id>`) or `cli` that created it / made the current version. */
  readonly createdBy: string
  readonly updatedBy: string
  readonly createdAt: number
  readonly updatedAt: number
  /** The review of the current version (run on every create and update). */
  readonly review: Review | null
}

/** One line of a segment's history: who did what, when, and why. */
export interface HistoryEntry {
  readonly seq: number
  readonly kind: HistoryKind
  readonly version: number
  readonly actor: string
  readonly at: number
  readonly details: Readonly<Record<string, unknown>>
}
