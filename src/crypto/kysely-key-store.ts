import type { Kysely } from 'kysely'
import type { KeyDatabase } from '../storage/database.js'
import { inBrands } from '../storage/scope.js'
import { dataKeyAad, type KeyStore, secretAad, type WrappedDataKey } from './key-store.js'

export class KyselyKeyStore implements KeyStore {
  constructor(private readonly db: Kysely<KeyDatabase>) {}

  async findDataKey(personId: string, brandId: string): Promise<WrappedDataKey | undefined> {
    const row = await this.db
      .selectFrom('data_keys')
      .selectAll()
      .where('person_id', '=', personId)
      .where('brand_id', '=', brandId)
      .orderBy('created_at')
      .orderBy('key_id')
      .limit(1)
      .executeTakeFirst()
    return row && toKey(row)
  }

  async getDataKey(keyId: string): Promise<WrappedDataKey | undefined> {
    const row = await this.db
      .selectFrom('data_keys')
      .selectAll()
      .where('key_id', '=', keyId)
      .executeTakeFirst()
    return row && toKey(row)
  }

  async insertDataKeys(keys: readonly WrappedDataKey[]): Promise<void> {
    if (keys.length === 0) return
    await this.db.transaction().execute(async (trx) => {
      for (let i = 0; i < keys.length; i += 500)
        await trx
          .insertInto('data_keys')
          .values(
            keys.slice(i, i + 500).map((key) => ({
              key_id: key.keyId,
              person_id: key.personId,
              brand_id: key.brandId,
              wrapped: key.wrapped,
              created_at: key.createdAt,
            })),
          )
          .execute()
    })
  }

  async deleteDataKeys(personId: string, brandIds: readonly string[] | undefined): Promise<string[]> {
    const q = this.db.deleteFrom('data_keys').where('person_id', '=', personId).where(inBrands(brandIds))
    const rows = await q.returning('key_id').execute()
    return rows.map((r) => r.key_id)
  }

  async deleteDataKeysById(keyIds: readonly string[]): Promise<string[]> {
    if (keyIds.length === 0) return []
    const rows = await this.db
      .deleteFrom('data_keys')
      .where('key_id', 'in', keyIds)
      .returning('key_id')
      .execute()
    return rows.map((r) => r.key_id)
  }

  async reassignDataKeys(fromPersonId: string, toPersonId: string): Promise<void> {
    await this.db
      .updateTable('data_keys')
      .set({ person_id: toPersonId })
      .where('person_id', '=', fromPersonId)
      .execute()
  }

  async getSecret(name: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('secrets')
      .select('wrapped')
      .where('name', '=', name)
      .executeTakeFirst()
    return row?.wrapped
  }

  async putSecretIfAbsent(name: string, wrapped: string, createdAt: number): Promise<string> {
    await this.db
      .insertInto('secrets')
      .values({ name, wrapped, created_at: createdAt })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute()
    const stored = await this.getSecret(name)
    if (stored === undefined) throw new Error(`secret ${name} vanished`)
    return stored
  }

  async rewrapAll(
    rewrap: (wrapped: string, aad: string) => string,
  ): Promise<{ dataKeys: number; secrets: number }> {
    return this.db.transaction().execute(async (trx) => {
      const keys = await trx.selectFrom('data_keys').select(['key_id', 'brand_id', 'wrapped']).execute()
      for (const k of keys) {
        await trx
          .updateTable('data_keys')
          .set({ wrapped: rewrap(k.wrapped, dataKeyAad(k.key_id, k.brand_id)) })
          .where('key_id', '=', k.key_id)
          .execute()
      }
      const secrets = await trx.selectFrom('secrets').select(['name', 'wrapped']).execute()
      for (const s of secrets) {
        await trx
          .updateTable('secrets')
          .set({ wrapped: rewrap(s.wrapped, secretAad(s.name)) })
          .where('name', '=', s.name)
          .execute()
      }
      return { dataKeys: keys.length, secrets: secrets.length }
    })
  }
}

function toKey(row: {
  key_id: string
  person_id: string
  brand_id: string
  wrapped: string
  created_at: number
}): WrappedDataKey {
  return {
    keyId: row.key_id,
    personId: row.person_id,
    brandId: row.brand_id,
    wrapped: row.wrapped,
    createdAt: row.created_at,
  }
}
