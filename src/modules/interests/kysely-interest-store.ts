import type { Kysely } from 'kysely'
import type { DataDatabase, InterestsTable } from '../../storage/database.js'
import type { Interest, InterestState } from './interest.js'
import type { InterestStore } from './interest-store.js'

export class KyselyInterestStore implements InterestStore {
  constructor(private readonly db: Kysely<DataDatabase>) {}

  async forPersonBrand(personId: string, brandId: string, topics?: readonly string[]): Promise<Interest[]> {
    let q = this.db
      .selectFrom('interests')
      .selectAll()
      .where('person_id', '=', personId)
      .where('brand_id', '=', brandId)
    if (topics) {
      if (topics.length === 0) return []
      q = q.where('topic', 'in', topics)
    }
    return (await q.orderBy('topic').execute()).map(fromRow)
  }

  async forPerson(personId: string): Promise<Interest[]> {
    const rows = await this.db
      .selectFrom('interests')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('brand_id')
      .orderBy('topic')
      .execute()
    return rows.map(fromRow)
  }

  async upsert(interests: readonly Interest[]): Promise<void> {
    for (const i of interests) {
      const row = toRow(i)
      await this.db
        .insertInto('interests')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['person_id', 'brand_id', 'topic']).doUpdateSet({
            state: row.state,
            score: row.score,
            score_at: row.score_at,
            signals: row.signals,
            days: row.days,
            first_seen: row.first_seen,
            last_seen: row.last_seen,
            sample_event_ids: row.sample_event_ids,
            updated_at: row.updated_at,
          }),
        )
        .execute()
    }
  }

  async deleteInferred(personId: string, brandId: string): Promise<number> {
    const r = await this.db
      .deleteFrom('interests')
      .where('person_id', '=', personId)
      .where('brand_id', '=', brandId)
      .where('state', '=', 'inferred')
      .executeTakeFirst()
    return Number(r.numDeletedRows)
  }

  async activity(brandId: string, since: number): Promise<{ personId: string; topic: string }[]> {
    const rows = await this.db
      .selectFrom('interests')
      .select(['person_id', 'topic'])
      .where('brand_id', '=', brandId)
      .where('state', '=', 'inferred')
      .where('last_seen', '>=', since)
      .execute()
    return rows.map((r) => ({ personId: r.person_id, topic: r.topic }))
  }

  async reassignPerson(from: string, to: string): Promise<void> {
    const moving = await this.db
      .selectFrom('interests')
      .select(['brand_id', 'topic'])
      .where('person_id', '=', from)
      .execute()
    for (const m of moving) {
      const clash = await this.db
        .selectFrom('interests')
        .select('topic')
        .where('person_id', '=', to)
        .where('brand_id', '=', m.brand_id)
        .where('topic', '=', m.topic)
        .executeTakeFirst()
      // The survivor keeps its own row; events move too, so a recompute restores the evidence.
      if (clash)
        await this.db
          .deleteFrom('interests')
          .where('person_id', '=', from)
          .where('brand_id', '=', m.brand_id)
          .where('topic', '=', m.topic)
          .execute()
    }
    await this.db.updateTable('interests').set({ person_id: to }).where('person_id', '=', from).execute()
  }

  async purge(personId: string, brandIds: readonly string[] | undefined): Promise<number> {
    let q = this.db.deleteFrom('interests').where('person_id', '=', personId)
    if (brandIds) {
      if (brandIds.length === 0) return 0
      q = q.where('brand_id', 'in', brandIds)
    }
    return Number((await q.executeTakeFirst()).numDeletedRows)
  }
}

function toRow(i: Interest): InterestsTable {
  return {
    person_id: i.personId,
    brand_id: i.brandId,
    topic: i.topic,
    state: i.state,
    score: i.score,
    score_at: i.scoreAt,
    signals: JSON.stringify(i.signals),
    days: JSON.stringify(i.days),
    first_seen: i.firstSeen,
    last_seen: i.lastSeen,
    sample_event_ids: JSON.stringify(i.sampleEventIds),
    updated_at: i.updatedAt,
  }
}

function fromRow(r: InterestsTable): Interest {
  return {
    personId: r.person_id,
    brandId: r.brand_id,
    topic: r.topic,
    state: r.state as InterestState,
    score: r.score,
    scoreAt: r.score_at,
    signals: JSON.parse(r.signals) as Interest['signals'],
    days: JSON.parse(r.days) as number[],
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
    sampleEventIds: JSON.parse(r.sample_event_ids) as string[],
    updatedAt: r.updated_at,
  }
}
