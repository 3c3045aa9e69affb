import type { Kysely } from 'kysely'
import type { DataDatabase } from '../../storage/database.js'
import { inBrands } from '../../storage/scope.js'
import type { ControlSession, ControlSessionStore } from './control-session-store.js'

export class KyselyControlSessionStore implements ControlSessionStore {
  constructor(private readonly db: Kysely<DataDatabase>) {}

  async spendLink(tokenId: string, usedAt: number, expiresAt: number): Promise<boolean> {
    const r = await this.db
      .insertInto('control_link_uses')
      .values({ token_id: tokenId, used_at: usedAt, expires_at: expiresAt })
      .onConflict((oc) => oc.column('token_id').doNothing())
      .executeTakeFirst()
    return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1
  }

  async create(s: ControlSession): Promise<void> {
    await this.db
      .insertInto('control_sessions')
      .values({
        secret_hash: s.secretHash,
        person_id: s.personId,
        brand_id: s.brandId,
        csrf_token: s.csrfToken,
        created_at: s.createdAt,
        expires_at: s.expiresAt,
        stepped_up_at: s.steppedUpAt ?? null,
      })
      .execute()
  }

  async find(secretHash: string): Promise<ControlSession | undefined> {
    const row = await this.db
      .selectFrom('control_sessions')
      .selectAll()
      .where('secret_hash', '=', secretHash)
      .executeTakeFirst()
    return (
      row && {
        secretHash: row.secret_hash,
        personId: row.person_id,
        brandId: row.brand_id,
        csrfToken: row.csrf_token,
        createdAt: Number(row.created_at),
        expiresAt: Number(row.expires_at),
        steppedUpAt: row.stepped_up_at === null ? undefined : Number(row.stepped_up_at),
      }
    )
  }

  async delete(secretHash: string): Promise<boolean> {
    const r = await this.db
      .deleteFrom('control_sessions')
      .where('secret_hash', '=', secretHash)
      .executeTakeFirst()
    return Number(r.numDeletedRows) > 0
  }

  async purge(personId: string, brandIds: readonly string[] | undefined): Promise<number> {
    const r = await this.db
      .deleteFrom('control_sessions')
      .where('person_id', '=', personId)
      .where(inBrands(brandIds))
      .executeTakeFirst()
    return Number(r.numDeletedRows)
  }

  async reassignPerson(from: string, to: string): Promise<void> {
    await this.db
      .updateTable('control_sessions')
      .set({ person_id: to })
      .where('person_id', '=', from)
      .execute()
  }

  async expire(now: number): Promise<number> {
    const a = await this.db.deleteFrom('control_sessions').where('expires_at', '<=', now).executeTakeFirst()
    const b = await this.db.deleteFrom('control_link_uses').where('expires_at', '<=', now).executeTakeFirst()
    return Number(a.numDeletedRows) + Number(b.numDeletedRows)
  }
}
