/**
 * What differs between the two databases, as a small interface instead of `if` statements
 * scattered through the stores (Kysely's DialectAdapter shape).
 */
export interface DialectHelpers {
  /** Which database this is. */
  readonly kind: 'sqlite' | 'postgres'
  /**
   * Whether `SELECT … FOR UPDATE` exists. SQLite (false) serializes writers on the database
   * file, so a plain read inside a write transaction is already exclusive.
   */
  readonly supportsForUpdate: boolean
  /**
   * True when an error means the store is unreachable or overloaded (connection refused,
   * database locked past the busy timeout), so the request should be answered 503 and retried.
   * Default for unknown errors: false.
   */
  isUnavailable(error: unknown): boolean
  /**
   * True when the database gave up on a transaction because it conflicted with another one
   * (PostgreSQL: deadlock, serialization failure): run again, it will most likely pass.
   */
  isConflict(error: unknown): boolean
}
