import type { Kysely } from 'kysely'
import type { ApiKeysTable, DataDatabase } from '../../storage/database.js'
import type { ApiKey, KeyKind } from './api-key.js'
import type { ApiKeyStore } from './api-key-store.js'

export class KyselyApiKeyStore implements ApiKeyStore {
  constructor(private readonly db: Kysely<DataDatabase>) {}

  async insert(key: ApiKey): Promise<void> {
    await this.db
      .insertInto('api_keys')
      .values({
        id: key.id,
        kind: key.kind,
        brand_id: key.brandId,
        secret_hash: key.secretHash,
        label: key.label,
        created_at: key.createdAt,
        revoked_at: key.revokedAt,
      })
      .execute()
  }

  async get(id: string): Promise<ApiKey | undefined> {
    const row = await this.db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst()
    return row && toKey(row)
  }

  async findByPrefix(prefix: string, limit: number): Promise<ApiKey[]> {
    const rows = await this.db
      .selectFrom('api_keys')
      .selectAll()
      .where('id', '>=', prefix)
      .orderBy('id')
      .limit(limit + 50)
      .execute()
    return rows
      .filter((r) => r.id.startsWith(prefix))
      .slice(0, limit)
      .map(toKey)
  }

  async list(limit: number, cursor?: string): Promise<ApiKey[]> {
    let q = this.db.selectFrom('api_keys').selectAll().orderBy('id').limit(limit)
    if (cursor !== undefined) q = q.where('id', '>', cursor)
    return (await q.execute()).map(toKey)
  }

  async revoke(id: string, at: number): Promise<boolean> {
    const r = await this.db
      .updateTable('api_keys')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst()
    return Number(r.numUpdatedRows) > 0
  }
}

function toKey(row: ApiKeysTable): ApiKey {
  return {
    id: row.id,
    kind: row.kind as KeyKind,
    brandId: row.brand_id,
    secretHash: row.secret_hash,
    label: row.label,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  }
}
