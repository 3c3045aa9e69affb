import type { Kysely } from 'kysely'
import type { DataDatabase } from '../../storage/database.js'
import { inBrands } from '../../storage/scope.js'
import type { IdempotencyStore, StoredResponse } from './idempotency-store.js'

export class KyselyIdempotencyStore implements IdempotencyStore {
  constructor(private readonly db: Kysely<DataDatabase>) {}

  async get(brandId: string, key: string): Promise<StoredResponse | undefined> {
    const row = await this.db
      .selectFrom('idempotency')
      .selectAll()
      .where('brand_id', '=', brandId)
      .where('key', '=', key)
      .executeTakeFirst()
    return (
      row && {
        requestHash: row.request_hash,
        personId: row.person_id,
        statusCode: row.status_code,
        body: row.response,
        createdAt: row.created_at,
      }
    )
  }

  async put(brandId: string, key: string, r: StoredResponse): Promise<void> {
    await this.db
      .insertInto('idempotency')
      .values({
        brand_id: brandId,
        key,
        request_hash: r.requestHash,
        person_id: r.personId,
        status_code: r.statusCode,
        response: r.body,
        created_at: r.createdAt,
      })
      .onConflict((oc) =>
        oc.columns(['brand_id', 'key']).doUpdateSet({
          request_hash: r.requestHash,
          person_id: r.personId,
          status_code: r.statusCode,
          response: r.body,
          created_at: r.createdAt,
        }),
      )
      .execute()
  }

  async purgePerson(personId: string, brandIds: readonly string[] | undefined): Promise<number> {
    const q = this.db.deleteFrom('idempotency').where('person_id', '=', personId).where(inBrands(brandIds))
    return Number((await q.executeTakeFirst()).numDeletedRows)
  }

  async expire(before: number): Promise<number> {
    return Number(
      (await this.db.deleteFrom('idempotency').where('created_at', '<', before).executeTakeFirst())
        .numDeletedRows,
    )
  }
}
