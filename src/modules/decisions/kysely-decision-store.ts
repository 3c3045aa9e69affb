import type { Kysely } from 'kysely'
import type { DataDatabase, DecisionsTable } from '../../storage/database.js'
import { olderThan, personKeyIds, purgePersonRows } from '../../storage/scope.js'
import type { DecisionStore, Impression, StoredDecision } from './decision-store.js'

export class KyselyDecisionStore implements DecisionStore {
  constructor(private readonly db: Kysely<DataDatabase>) {}

  async insertDecisions(rows: readonly StoredDecision[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 200) {
      await this.db
        .insertInto('decisions')
        .values(
          rows.slice(i, i + 200).map((d) => ({
            id: d.id,
            person_id: d.personId,
            brand_id: d.brandId,
            placement: d.placement,
            personalized: d.personalized ? 1 : 0,
            fallback_reason: d.fallbackReason,
            key_id: d.keyId,
            payload_ct: d.payloadCt,
            created_at: d.createdAt,
          })),
        )
        .execute()
    }
  }

  async insertImpressions(rows: readonly Impression[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) {
      await this.db
        .insertInto('impressions')
        .values(
          rows.slice(i, i + 500).map((r) => ({
            person_id: r.personId,
            brand_id: r.brandId,
            offer_id: r.offerId,
            decision_id: r.decisionId,
            at: r.at,
          })),
        )
        .execute()
    }
  }

  async impressions(
    personId: string,
    brandId: string,
    since: number,
    offerIds: readonly string[],
  ): Promise<Impression[]> {
    if (offerIds.length === 0) return []
    const wanted = new Set(offerIds)
    // Through the covering index (person, brand, at, offer, decision); filtered here, so the SQL
    // text stays one prepared statement whatever the number of capped offers.
    const rows = await this.db
      .selectFrom('impressions')
      .select(['offer_id', 'decision_id', 'at'])
      .where('person_id', '=', personId)
      .where('brand_id', '=', brandId)
      .where('at', '>=', since)
      .execute()
    const out: Impression[] = []
    for (const r of rows)
      if (wanted.has(r.offer_id))
        out.push({ personId, brandId, offerId: r.offer_id, decisionId: r.decision_id, at: Number(r.at) })
    return out
  }

  async page(
    personId: string,
    brandId: string,
    limit: number,
    cursor?: { createdAt: number; id: string },
  ): Promise<StoredDecision[]> {
    let q = this.db
      .selectFrom('decisions')
      .selectAll()
      .where('person_id', '=', personId)
      .where('brand_id', '=', brandId)
    q = q.where(olderThan('created_at', 'id', cursor && { time: cursor.createdAt, id: cursor.id }))
    return (await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute()).map(fromRow)
  }

  async expire(before: number, impressionsBefore: number): Promise<number> {
    await this.db.deleteFrom('impressions').where('at', '<', impressionsBefore).execute()
    return Number(
      (await this.db.deleteFrom('decisions').where('created_at', '<', before).executeTakeFirst())
        .numDeletedRows,
    )
  }

  async reassignPerson(from: string, to: string): Promise<void> {
    await this.db.updateTable('decisions').set({ person_id: to }).where('person_id', '=', from).execute()
    await this.db.updateTable('impressions').set({ person_id: to }).where('person_id', '=', from).execute()
  }

  keyIds(personId: string, brandIds: readonly string[] | undefined): Promise<string[]> {
    return personKeyIds(this.db, 'decisions', personId, brandIds)
  }

  async purge(personId: string, brandIds: readonly string[] | undefined): Promise<number> {
    return (
      (await purgePersonRows(this.db, 'decisions', personId, brandIds)) +
      (await purgePersonRows(this.db, 'impressions', personId, brandIds))
    )
  }
}

function fromRow(r: DecisionsTable): StoredDecision {
  return {
    id: r.id,
    personId: r.person_id,
    brandId: r.brand_id,
    placement: r.placement,
    personalized: r.personalized === 1,
    fallbackReason: r.fallback_reason,
    keyId: r.key_id,
    payloadCt: r.payload_ct,
    createdAt: r.created_at,
  }
}
