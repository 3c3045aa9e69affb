/**
 * End-of-transaction work (the audit log chains a transaction's entries there): it runs once per
 * key, after the caller's work and inside the transaction, never after a rollback, and a unit of
 * no open transaction says so.
 */

import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestEnv, DIALECTS, type TestEnv } from '../../test/support/dialects.js'
import { createStorage, type Storage } from './create-db.js'
import type { DataDatabase } from './database.js'
import { createTransactor } from './transactor.js'

for (const dialect of DIALECTS) {
  describe(`transactor on ${dialect}`, () => {
    let env: TestEnv
    let storage: Storage
    beforeAll(async () => {
      env = createTestEnv(dialect)
      storage = await createStorage(env.config)
    })
    afterAll(async () => {
      await storage.close()
      await env.cleanup()
    })
    const transactor = () =>
      createTransactor(storage.data, storage.read, storage.helpers, (db: Kysely<DataDatabase>) => ({ db }))
    const brandCount = async (db: Kysely<DataDatabase>) =>
      Number(
        (
          await db
            .selectFrom('brands')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )

    it('runs the work once per key, after the caller and inside its transaction', async () => {
      const tx = transactor()
      const order: string[] = []
      const key = {}
      await tx.transaction(async (unit) => {
        expect(tx.atCommit(unit, key, async () => void order.push('first'))).toBe(true)
        expect(tx.atCommit(unit, key, async () => void order.push('again'))).toBe(true)
        tx.atCommit(unit, {}, async () => {
          order.push('second')
          // Inside the transaction: its writes commit with it.
          await unit.db
            .insertInto('brands')
            .values({
              id: 'at-commit',
              name: 'At commit',
              allowed_origins: '[]',
              created_at: 0,
              updated_at: 0,
            })
            .execute()
        })
        order.push('caller')
      })
      expect(order).toEqual(['caller', 'first', 'second'])
      expect(await brandCount(storage.data)).toBe(1)
    })

    it('work that fails rolls the transaction back and tells the hooks', async () => {
      let failed = 0
      const tx = createTransactor(storage.data, storage.read, storage.helpers, (db) => ({ db }), {
        failed: () => void failed++,
      })
      await expect(
        tx.transaction(async (unit) => {
          await unit.db
            .insertInto('brands')
            .values({
              id: 'rolled-back',
              name: 'Rolled back',
              allowed_origins: '[]',
              created_at: 0,
              updated_at: 0,
            })
            .execute()
          tx.atCommit(unit, {}, async () => {
            throw new Error('work failed')
          })
        }),
      ).rejects.toThrow('work failed')
      expect(failed).toBeGreaterThan(0)
      expect(await brandCount(storage.data)).toBe(1)
    })

    it('runs a transaction the database gave up on again, when asked to (PostgreSQL conflicts only)', async () => {
      const tx = transactor()
      let runs = 0
      const deadlockOnce = () =>
        tx.transaction(
          async () => {
            runs++
            if (runs === 1) throw Object.assign(new Error('deadlock detected'), { code: '40P01' })
            return 'done'
          },
          { retryConflicts: 2 },
        )
      if (dialect === 'postgres') {
        await expect(deadlockOnce()).resolves.toBe('done')
        expect(runs).toBe(2)
      } else {
        // SQLite has one writer at a time: no conflict to run again.
        await expect(deadlockOnce()).rejects.toThrow('deadlock detected')
        expect(runs).toBe(1)
      }
      runs = 0
      // Other errors are never run again.
      await expect(
        tx.transaction(
          async () => {
            runs++
            throw new Error('bad input')
          },
          { retryConflicts: 2 },
        ),
      ).rejects.toThrow('bad input')
      expect(runs).toBe(1)
    })

    it('never runs the work of a transaction that rolled back; outside a transaction it declines', async () => {
      const tx = transactor()
      let ran = false
      await expect(
        tx.transaction(async (unit) => {
          tx.atCommit(unit, {}, async () => {
            ran = true
          })
          throw new Error('rollback')
        }),
      ).rejects.toThrow('rollback')
      expect(ran).toBe(false)
      expect(tx.atCommit(tx.stores, {}, async () => {})).toBe(false)
    })
  })
}
