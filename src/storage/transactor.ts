import type { Kysely } from 'kysely'
import type { Transactor } from '../kernel/transactor.js'
import type { DataDatabase } from './database.js'
import type { DialectHelpers } from './dialects/dialect-helpers.js'

/**
 * A Transactor over the data database. `bind` makes the stores for a connection or transaction.
 * On SQLite every transaction first takes the write lock, so concurrent processes queue on the
 * busy timeout instead of failing on a stale snapshot.
 */
export function createTransactor<S>(
  db: Kysely<DataDatabase>,
  read: Kysely<DataDatabase>,
  helpers: DialectHelpers,
  bind: (db: Kysely<DataDatabase>) => S,
): Transactor<S> {
  const stores = bind(db)
  return {
    stores,
    reads: read === db ? stores : bind(read),
    transaction: (fn) =>
      db.transaction().execute(async (trx) => {
        if (helpers.kind === 'sqlite')
          await trx
            .updateTable('write_lock')
            .set((eb) => ({ n: eb('n', '+', 1) }))
            .where('id', '=', 1)
            .execute()
        return fn(bind(trx))
      }),
  }
}
