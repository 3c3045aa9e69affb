import { CandorError, ERROR_CATALOGUE, type ErrorCode } from '../../kernel/errors.js'
import type { NewAuditEntry } from '../../modules/audit/index.js'
import type { DecisionBatch } from '../../modules/decisions/index.js'
import type { IngestOutcome, PreparedInput } from '../../modules/ingestion/index.js'
import type { PopularityCounts } from '../../modules/policy/index.js'

/**
 * What the writer thread does for the request thread: writes that would otherwise block the
 * event loop while SQLite commits (fsync), and one long read (popularity).
 */
export interface WriterOps {
  /** Prepared on the request thread (topics, payload text): little to copy across. */
  readonly ingest: { readonly input: PreparedInput; readonly output: IngestOutcome }
  readonly decisions: { readonly input: DecisionBatch; readonly output: undefined }
  readonly audit: { readonly input: NewAuditEntry[]; readonly output: undefined }
  /** A read, not a write: a scan that grows with the number of people, kept off the event loop. */
  readonly popularity: {
    readonly input: { readonly brandId: string; readonly since: number }
    readonly output: PopularityCounts
  }
  readonly close: { readonly input: undefined; readonly output: undefined }
}

export type WriterOp = keyof WriterOps

export interface WriterRequest {
  readonly id: number
  readonly op: WriterOp
  readonly input: unknown
}

/** An error as it crosses the thread boundary: enough to rebuild a CandorError or a driver error. */
export interface SerializedError {
  readonly name: string
  readonly message: string
  readonly code?: string
  readonly field?: string
}

export type WriterMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'failed'; readonly error: SerializedError }
  | { readonly type: 'reply'; readonly id: number; readonly value: unknown }
  | { readonly type: 'error'; readonly id: number; readonly error: SerializedError }
  | { readonly type: 'log'; readonly level: 'warn' | 'info'; readonly obj: object; readonly msg: string }

/** The master keys and config the thread opens its own connections with. */
export interface WriterThreadData {
  readonly config: unknown
  readonly masterKeys: readonly Uint8Array[]
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof CandorError)
    return {
      name: error.name,
      message: error.message,
      code: error.code,
      ...(error.field ? { field: error.field } : {}),
    }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code
    return { name: error.name, message: error.message, ...(typeof code === 'string' ? { code } : {}) }
  }
  return { name: 'Error', message: String(error) }
}

/** Rebuilds a CandorError (same code and field) or an Error carrying the driver's code. */
export function deserializeError(e: SerializedError): Error {
  if (e.name === 'CandorError' && e.code !== undefined && Object.hasOwn(ERROR_CATALOGUE, e.code))
    return new CandorError(e.code as ErrorCode, e.message, e.field)
  const error = new Error(e.message) as Error & { code?: string }
  error.name = e.name
  if (e.code !== undefined) error.code = e.code
  return error
}
