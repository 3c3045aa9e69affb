/**
 * A unit of work: runs `fn` with stores bound to one database transaction, commits when `fn`
 * resolves and rolls back when it throws. Services receive this port instead of a database so
 * that domain code never imports the SQL layer.
 */
export interface Transactor<S> {
  transaction<T>(fn: (stores: S) => Promise<T>): Promise<T>
  /** The same stores outside any transaction, for single reads. */
  readonly stores: S
}
