/**
 * A unit of work: runs `fn` with stores bound to one database transaction, commits when `fn`
 * resolves and rolls back when it throws. Services receive this port instead of a database so
 * that domain code never imports the SQL layer.
 */
export interface Transactor<S> {
  transaction<T>(fn: (stores: S) => Promise<T>, options?: TransactionOptions): Promise<T>
  /** The same stores outside any transaction, for single statements (reads and writes). */
  readonly stores: S
  /**
   * Stores on a read-only connection, for the hot read paths (policy views, decisions). On SQLite
   * a second connection: WAL readers never wait for a writer, so reads stay fast while ingestion
   * commits. Never use for writes. Same as `stores` on PostgreSQL.
   */
  readonly reads: S
  /**
   * Runs `fn` at the end of the transaction whose stores are `stores`: after the caller's work,
   * before the commit (in it), once per `key`. False when `stores` belong to no open transaction;
   * the caller then does the work at once.
   */
  atCommit(stores: S, key: object, fn: () => Promise<void>): boolean
}

export interface TransactionOptions {
  /**
   * Runs `fn` again, up to this many more times, when the database gave up on the transaction
   * because of another one (a PostgreSQL deadlock or serialization failure). Only for work that
   * may run twice: everything it does outside the transaction must be harmless to repeat.
   */
  readonly retryConflicts?: number
}
