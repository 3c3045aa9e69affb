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
  bind: (db: Kysely<DataDatabase>, inTransaction: boolean) => S,
  hooks: TransactionHooks = {},
): Transactor<S> {
  const stores = bind(db, false)
  /** The end-of-transaction work of each open transaction, by its stores. */
  const open = new WeakMap<object, Map<object, () => Promise<void>>>()
  return {
    stores,
    reads: read === db ? stores : bind(read, false),
    transaction: async (fn, options) => {
      for (let retries = options?.retryConflicts ?? 0; ; retries--) {
        try {
          return await once(fn)
        } catch (error) {
          if (retries <= 0 || !helpers.isConflict(error)) throw error
        }
      }
    },
    atCommit(unit, key, fn) {
      const atEnd = open.get(unit as object)
      if (!atEnd) return false
      if (!atEnd.has(key)) atEnd.set(key, fn)
      return true
    },
  }

  async function once<T>(fn: (stores: S) => Promise<T>): Promise<T> {
    try {
      return await db.transaction().execute(async (trx) => {
        if (helpers.kind === 'sqlite')
          await trx
            .updateTable('write_lock')
            .set((eb) => ({ n: eb('n', '+', 1) }))
            .where('id', '=', 1)
            .execute()
        await hooks.begin?.(trx)
        const unit = bind(trx, true)
        const atEnd = new Map<object, () => Promise<void>>()
        open.set(unit as object, atEnd)
        try {
          const result = await fn(unit)
          // In registration order, also work registered meanwhile; a key whose work ran may
          // register again (and runs again).
          for (let next = first(atEnd); next; next = first(atEnd)) {
            atEnd.delete(next[0])
            await next[1]()
          }
          return result
        } catch (error) {
          // Before the connection is released: nothing may read what this transaction wrote.
          hooks.failed?.()
          throw error
        } finally {
          open.delete(unit as object)
        }
      })
    } catch (error) {
      hooks.failed?.()
      throw error
    }
  }
}

function first<K, V>(map: Map<K, V>): [K, V] | undefined {
  return map.entries().next().value
}

/** Told about every transaction of a Transactor (the writer thread's cache listens). */
export interface TransactionHooks {
  /** Inside the transaction, after it took the write lock, before the caller's work. */
  readonly begin?: (trx: Kysely<DataDatabase>) => Promise<void>
  /** The transaction failed and rolled back (or never began). */
  readonly failed?: () => void
}
