import type { Kysely } from 'kysely'
import type { DataDatabase, InterestsTable } from '../../storage/database.js'
import { reusableQuery } from '../../storage/reusable-query.js'
import { purgePersonRows } from '../../storage/scope.js'
import type { Interest, InterestState } from './interest.js'
import type { InterestStore } from './interest-store.js'
import type { InterestJourneys } from './journeys.js'

export class KyselyInterestStore implements InterestStore {
  // Read on every decision: compiled once.
  private readonly rejectedQuery: (
    personId: string,
    brandId: string,
    state: string,
  ) => Promise<{ topic: string }[]>
  private readonly personQuery: (personId: string) => Promise<InterestsTable[]>

  constructor(private readonly db: Kysely<DataDatabase>) {
    this.rejectedQuery = reusableQuery(db, () =>
      db
        .selectFrom('interests')
        .select('topic')
        .where('person_id', '=', '')
        .where('brand_id', '=', '')
        .where('state', '=', 'rejected'),
    )
    this.personQuery = reusableQuery(db, () =>
      db.selectFrom('interests').selectAll().where('person_id', '=', '').orderBy('brand_id').orderBy('topic'),
    )
  }

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

  async rejectedTopics(personId: string, brandId: string): Promise<string[]> {
    return (await this.rejectedQuery(personId, brandId, 'rejected')).map((r) => r.topic)
  }

  async forPerson(personId: string): Promise<Interest[]> {
    return (await this.personQuery(personId)).map(fromRow)
  }

  async forPairsAtBrand(
    brandId: string,
    pairs: readonly { personId: string; topic: string }[],
  ): Promise<Interest[]> {
    const out: Interest[] = []
    // 500 pairs = 1,001 bind parameters a statement, far below both dialects' limits.
    for (let i = 0; i < pairs.length; i += 500) {
      const chunk = pairs.slice(i, i + 500)
      const rows = await this.db
        .selectFrom('interests')
        .selectAll()
        .where('brand_id', '=', brandId)
        .where((eb) =>
          eb(
            eb.refTuple('person_id', 'topic'),
            'in',
            chunk.map((p) => eb.tuple(p.personId, p.topic)),
          ),
        )
        .execute()
      for (const r of rows) out.push(fromRow(r))
    }
    return out
  }

  async upsert(interests: readonly Interest[]): Promise<void> {
    // One statement per 200 rows: every column but the key takes the new value.
    for (let i = 0; i < interests.length; i += 200) {
      const rows = interests.slice(i, i + 200).map(toRow)
      await this.db
        .insertInto('interests')
        .values(rows)
        .onConflict((oc) =>
          oc.columns(['person_id', 'brand_id', 'topic']).doUpdateSet((eb) => ({
            state: eb.ref('excluded.state'),
            score: eb.ref('excluded.score'),
            score_at: eb.ref('excluded.score_at'),
            signals: eb.ref('excluded.signals'),
            days: eb.ref('excluded.days'),
            first_seen: eb.ref('excluded.first_seen'),
            last_seen: eb.ref('excluded.last_seen'),
            sample_event_ids: eb.ref('excluded.sample_event_ids'),
            journeys: eb.ref('excluded.journeys'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
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

  purge(personId: string, brandIds: readonly string[] | undefined): Promise<number> {
    return purgePersonRows(this.db, 'interests', personId, brandIds)
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
    journeys: JSON.stringify(i.journeys),
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
    journeys: JSON.parse(r.journeys) as InterestJourneys,
    updatedAt: r.updated_at,
  }
}
