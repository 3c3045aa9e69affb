import { type Kysely, sql } from 'kysely'
import type { DataDatabase } from '../../storage/database.js'
import type { DialectHelpers } from '../../storage/dialects/dialect-helpers.js'
import { reusableQuery } from '../../storage/reusable-query.js'
import type { Identity, PersonPurgeCounts } from './person.js'
import type { PersonStore } from './person-store.js'

export class KyselyPersonStore implements PersonStore {
  // Read on every decision: compiled once.
  private readonly versionQuery: (personId: string) => Promise<{ version: number }[]>
  private readonly versionedIdentityQuery: (
    brandId: string,
    kind: string,
    value: string,
  ) => Promise<{ person_id: string; version: number | null }[]>

  constructor(
    private readonly db: Kysely<DataDatabase>,
    private readonly helpers: DialectHelpers,
  ) {
    this.versionQuery = reusableQuery(db, () =>
      db.selectFrom('person_versions').select('version').where('person_id', '=', ''),
    )
    this.versionedIdentityQuery = reusableQuery(db, () =>
      db
        .selectFrom('identities as i')
        .leftJoin('person_versions as v', 'v.person_id', 'i.person_id')
        .select(['i.person_id', 'v.version'])
        .where('i.brand_id', '=', '')
        .where('i.kind', '=', '')
        .where('i.value', '=', ''),
    )
  }

  async lockIdentities(brandId: string, refs: readonly { kind: string; value: string }[]): Promise<void> {
    if (this.helpers.kind !== 'postgres' || refs.length === 0) return
    const keys = [...new Set(refs.map((r) => `${brandId}|${r.kind}|${r.value}`))]
    // One statement; the locks are taken in the order of their 64-bit keys.
    await sql`select pg_advisory_xact_lock(k) from (select distinct hashtextextended(t, 0) as k from unnest(${keys}::text[]) as t order by k) as ordered`.execute(
      this.db,
    )
  }

  /**
   * PostgreSQL text never holds NUL (SQLite could, before intake refused it): such an id, given
   * in the escaped `{ref}` form, is simply not found there instead of failing the query.
   */
  private unstorable(value: string): boolean {
    return this.helpers.kind === 'postgres' && value.includes('\u0000')
  }

  async findByIdentity(brandId: string, kind: string, value: string): Promise<string | undefined> {
    if (this.unstorable(value)) return undefined
    const row = await this.db
      .selectFrom('identities')
      .select('person_id')
      .where('brand_id', '=', brandId)
      .where('kind', '=', kind)
      .where('value', '=', value)
      .executeTakeFirst()
    return row?.person_id
  }

  async versionOf(personId: string): Promise<number | undefined> {
    return (await this.versionQuery(personId))[0]?.version
  }

  async findVersionedByIdentity(
    brandId: string,
    kind: string,
    value: string,
  ): Promise<{ personId: string; version: number | undefined } | undefined> {
    if (this.unstorable(value)) return undefined
    const row = (await this.versionedIdentityQuery(brandId, kind, value))[0]
    return row && { personId: row.person_id, version: row.version ?? undefined }
  }

  async findManyByIdentity(
    brandId: string,
    kind: string,
    values: readonly string[],
  ): Promise<Map<string, string>> {
    const out = new Map<string, string>()
    values = values.filter((v) => !this.unstorable(v))
    for (let i = 0; i < values.length; i += 500) {
      const rows = await this.db
        .selectFrom('identities')
        .select(['value', 'person_id'])
        .where('brand_id', '=', brandId)
        .where('kind', '=', kind)
        .where('value', 'in', values.slice(i, i + 500))
        .execute()
      for (const r of rows) out.set(r.value, r.person_id)
    }
    return out
  }

  async findByPseudonym(pseudonym: string): Promise<{ personId: string; brandId: string } | undefined> {
    const row = await this.db
      .selectFrom('identities')
      .select(['person_id', 'brand_id'])
      .where('pseudonym', '=', pseudonym)
      .executeTakeFirst()
    return row && { personId: row.person_id, brandId: row.brand_id }
  }

  async createPerson(id: string, at: number): Promise<void> {
    await this.db.insertInto('persons').values({ id, created_at: at }).execute()
  }

  async deletePerson(id: string): Promise<void> {
    await this.db.deleteFrom('persons').where('id', '=', id).execute()
  }

  async personExists(id: string): Promise<boolean> {
    return (
      (await this.db.selectFrom('persons').select('id').where('id', '=', id).executeTakeFirst()) !== undefined
    )
  }

  async addIdentity(i: Identity): Promise<string> {
    const added = await this.db
      .insertInto('identities')
      .values({
        id: i.id,
        person_id: i.personId,
        brand_id: i.brandId,
        kind: i.kind,
        value: i.value,
        pseudonym: i.pseudonym,
        created_at: i.createdAt,
      })
      .onConflict((oc) => oc.columns(['brand_id', 'kind', 'value']).doNothing())
      .returning('person_id')
      .executeTakeFirst()
    // Nothing returned: another person holds the identity already.
    return added?.person_id ?? (await this.findByIdentity(i.brandId, i.kind, i.value)) ?? i.personId
  }

  async peopleAtBrand(brandId: string, limit: number, after?: string): Promise<string[]> {
    let q = this.db.selectFrom('identities').select('person_id').distinct().where('brand_id', '=', brandId)
    if (after !== undefined) q = q.where('person_id', '>', after)
    return (await q.orderBy('person_id').limit(limit).execute()).map((r) => r.person_id)
  }

  async identities(personId: string): Promise<Identity[]> {
    const rows = await this.db
      .selectFrom('identities')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('created_at')
      .orderBy('id')
      .execute()
    return rows.map((r) => ({
      id: r.id,
      personId: r.person_id,
      brandId: r.brand_id,
      kind: r.kind as Identity['kind'],
      value: r.value,
      pseudonym: r.pseudonym,
      createdAt: r.created_at,
    }))
  }

  async findByEmailHash(emailHash: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('email_links')
      .select('person_id')
      .where('email_hash', '=', emailHash)
      .orderBy('created_at')
      .execute()
    return [...new Set(rows.map((r) => r.person_id))]
  }

  async addEmailLink(emailHash: string, brandId: string, personId: string, at: number): Promise<void> {
    await this.db
      .insertInto('email_links')
      .values({ email_hash: emailHash, brand_id: brandId, person_id: personId, created_at: at })
      .onConflict((oc) => oc.columns(['email_hash', 'brand_id']).doUpdateSet({ person_id: personId }))
      .execute()
  }

  async pseudonymAt(personId: string, brandId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('identities')
      .select('pseudonym')
      .where('person_id', '=', personId)
      .where('brand_id', '=', brandId)
      .orderBy('created_at')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst()
    return row?.pseudonym
  }

  async reassign(from: string, to: string): Promise<void> {
    await this.db.updateTable('identities').set({ person_id: to }).where('person_id', '=', from).execute()
    await this.db.updateTable('email_links').set({ person_id: to }).where('person_id', '=', from).execute()
    await this.db.deleteFrom('persons').where('id', '=', from).execute()
  }

  async isSuppressed(brandId: string, idHashes: readonly string[]): Promise<boolean> {
    if (idHashes.length === 0) return false
    const row = await this.db
      .selectFrom('suppressions')
      .select('id_hash')
      .where('brand_id', '=', brandId)
      .where('id_hash', 'in', idHashes)
      .executeTakeFirst()
    return row !== undefined
  }

  async suppressedAmong(brandId: string, idHashes: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>()
    for (let i = 0; i < idHashes.length; i += 500) {
      const rows = await this.db
        .selectFrom('suppressions')
        .select('id_hash')
        .where('brand_id', '=', brandId)
        .where('id_hash', 'in', idHashes.slice(i, i + 500))
        .execute()
      for (const r of rows) out.add(r.id_hash)
    }
    return out
  }

  async addSuppressions(brandId: string, idHashes: readonly string[], at: number): Promise<void> {
    if (idHashes.length === 0) return
    await this.db
      .insertInto('suppressions')
      .values(idHashes.map((h) => ({ brand_id: brandId, id_hash: h, created_at: at })))
      .onConflict((oc) => oc.columns(['brand_id', 'id_hash']).doNothing())
      .execute()
  }

  async purge(personId: string, brandIds: readonly string[]): Promise<PersonPurgeCounts> {
    if (brandIds.length === 0) return { identities: 0, emailLinks: 0, persons: 0 }
    const ids = await this.db
      .deleteFrom('identities')
      .where('person_id', '=', personId)
      .where('brand_id', 'in', brandIds)
      .executeTakeFirst()
    const links = await this.db
      .deleteFrom('email_links')
      .where('person_id', '=', personId)
      .where('brand_id', 'in', brandIds)
      .executeTakeFirst()
    const left = await this.db
      .selectFrom('identities')
      .select('id')
      .where('person_id', '=', personId)
      .executeTakeFirst()
    let persons = 0
    if (!left) {
      await this.db.deleteFrom('email_links').where('person_id', '=', personId).execute()
      const p = await this.db.deleteFrom('persons').where('id', '=', personId).executeTakeFirst()
      persons = Number(p.numDeletedRows)
    }
    return { identities: Number(ids.numDeletedRows), emailLinks: Number(links.numDeletedRows), persons }
  }
}
