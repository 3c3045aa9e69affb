import { type Kysely, sql } from 'kysely'
import type {
  CollectionPlansTable,
  CollectionPlanViolationsTable,
  DataDatabase,
} from '../../storage/database.js'
import type {
  CollectedField,
  CollectionPlanStore,
  PlanVersion,
  ViolationCount,
} from './collection-plan-store.js'
import type { FieldTally } from './plan-check.js'

export class KyselyCollectionPlanStore implements CollectionPlanStore {
  constructor(private readonly db: Kysely<DataDatabase>) {}

  async insertVersion(v: PlanVersion): Promise<boolean> {
    const r = await this.db
      .insertInto('collection_plans')
      .values({
        brand_id: v.brandId,
        version: v.version,
        document: JSON.stringify(v.document),
        actor: v.actor,
        reason: v.reason,
        findings: JSON.stringify(v.findings),
        created_at: v.createdAt,
      })
      .onConflict((oc) => oc.columns(['brand_id', 'version']).doNothing())
      .executeTakeFirst()
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0
  }

  async latest(brandId: string): Promise<PlanVersion | undefined> {
    const row = await this.db
      .selectFrom('collection_plans')
      .selectAll()
      .where('brand_id', '=', brandId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst()
    return row && fromRow(row)
  }

  async latestNumber(brandId: string): Promise<number> {
    const row = await this.db
      .selectFrom('collection_plans')
      .select('version')
      .where('brand_id', '=', brandId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst()
    return row?.version ?? 0
  }

  async versions(brandId: string, limit: number, before?: number): Promise<PlanVersion[]> {
    let q = this.db.selectFrom('collection_plans').selectAll().where('brand_id', '=', brandId)
    if (before !== undefined) q = q.where('version', '<', before)
    return (await q.orderBy('version', 'desc').limit(limit).execute()).map(fromRow)
  }

  async countViolations(
    brandId: string,
    counts: readonly Pick<ViolationCount, 'event' | 'field' | 'kind' | 'count'>[],
    at: number,
  ): Promise<void> {
    if (counts.length === 0) return
    await this.db
      .insertInto('collection_plan_violations')
      .values(
        counts.map((c) => ({
          brand_id: brandId,
          event: c.event ?? '',
          field: c.field,
          kind: c.kind,
          seen: c.count,
          first_seen_at: at,
          last_seen_at: at,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['brand_id', 'event', 'field', 'kind']).doUpdateSet({
          seen: sql<number>`collection_plan_violations.seen + excluded.seen`,
          last_seen_at: sql<number>`excluded.last_seen_at`,
        }),
      )
      .execute()
  }

  async countFields(brandId: string, day: number, tallies: readonly FieldTally[], at: number): Promise<void> {
    if (tallies.length === 0) return
    await this.db
      .insertInto('collected_fields')
      .values(
        tallies.map((t) => ({
          brand_id: brandId,
          day,
          event: t.event ?? '',
          field: t.field,
          type: t.type,
          seen: t.count,
          last_seen_at: at,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['brand_id', 'day', 'event', 'field', 'type']).doUpdateSet({
          seen: sql<number>`collected_fields.seen + excluded.seen`,
          last_seen_at: sql<number>`excluded.last_seen_at`,
        }),
      )
      .execute()
  }

  async collectedFields(brandId: string, sinceDay: number): Promise<CollectedField[]> {
    const rows = await this.db
      .selectFrom('collected_fields')
      .select([
        'event',
        'field',
        'type',
        sql<number>`sum(seen)`.as('seen'),
        sql<number>`max(last_seen_at)`.as('last'),
      ])
      .where('brand_id', '=', brandId)
      .where('day', '>=', sinceDay)
      .groupBy(['event', 'field', 'type'])
      .orderBy(sql`sum(seen)`, 'desc')
      .orderBy('event')
      .orderBy('field')
      .execute()
    return rows.map((r) => ({
      event: r.event === '' ? null : r.event,
      field: r.field,
      type: r.type,
      count: Number(r.seen),
      lastSeenAt: Number(r.last),
    }))
  }

  async violationRows(brandId: string): Promise<number> {
    const row = await this.db
      .selectFrom('collection_plan_violations')
      .select(sql<number>`count(*)`.as('n'))
      .where('brand_id', '=', brandId)
      .executeTakeFirst()
    return Number(row?.n ?? 0)
  }

  async violations(brandId: string, limit: number): Promise<ViolationCount[]> {
    const rows = await this.db
      .selectFrom('collection_plan_violations')
      .selectAll()
      .where('brand_id', '=', brandId)
      .orderBy('seen', 'desc')
      .orderBy('event')
      .orderBy('field')
      .limit(limit)
      .execute()
    return rows.map(violationFromRow)
  }
}

function fromRow(r: CollectionPlansTable): PlanVersion {
  return {
    brandId: r.brand_id,
    version: Number(r.version),
    document: JSON.parse(r.document),
    actor: r.actor,
    reason: r.reason,
    findings: JSON.parse(r.findings),
    createdAt: Number(r.created_at),
  }
}

function violationFromRow(r: CollectionPlanViolationsTable): ViolationCount {
  return {
    event: r.event === '' ? null : r.event,
    field: r.field,
    kind: r.kind === 'missing' ? 'missing' : 'undeclared',
    count: Number(r.seen),
    firstSeenAt: Number(r.first_seen_at),
    lastSeenAt: Number(r.last_seen_at),
  }
}
