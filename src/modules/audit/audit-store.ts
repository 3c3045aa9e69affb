import type { AuditEntry } from './audit-entry.js'

export interface AuditChain {
  readonly id: string
  readonly node: string
  readonly startedAt: number
  readonly headSeq: number
  readonly headHash: string
}

export interface AuditQuery {
  readonly subject?: string
  readonly brandId?: string
  readonly limit: number
  /** Opaque cursor from a previous page. */
  readonly cursor?: { at: number; chainId: string; seq: number }
}

export interface AuditStore {
  /** Creates the chain unless it exists. */
  createChain(chain: AuditChain): Promise<void>
  /** The chain head, or undefined when the chain has no row yet; on PostgreSQL the row is locked until the transaction ends. */
  lockHead(chainId: string): Promise<{ seq: number; hash: string } | undefined>
  /** Inserts entries and moves the head to the last one. Call inside the transaction that locked it. */
  append(entries: readonly AuditEntry[]): Promise<void>
  /** The hash of one entry, or undefined when there is none at `seq`. */
  hashAt(chainId: string, seq: number): Promise<string | undefined>
  listChains(): Promise<AuditChain[]>
  /** Entries of one chain in seq order, streamed in pages. */
  iterateChain(chainId: string, pageSize?: number): AsyncIterable<AuditEntry>
  /** Newest first. */
  query(q: AuditQuery): Promise<AuditEntry[]>
}
