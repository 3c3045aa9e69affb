import type { Kysely } from 'kysely'
import type { ConsentRecordsTable, DataDatabase } from '../../storage/database.js'
import { inBrands } from '../../storage/scope.js'
import type {
  ConsentBasis,
  ConsentRecord,
  ConsentScope,
  ConsentSource,
  ConsentStateValue,
} from './consent.js'
import type { ConsentStore } from './consent-store.js'

export class KyselyConsentStore implements ConsentStore {
  constructor(private readonly db: Kysely<DataDatabase>) {}

  async append(records: readonly ConsentRecord[]): Promise<void> {
    if (records.length === 0) return
    await this.db
      .insertInto('consent_records')
      .values(
        records.map((r) => ({
          id: r.id,
          person_id: r.personId,
          scope: r.scope,
          brand_id: r.brandId,
          captured_by: r.capturedBy,
          purpose: r.purpose,
          state: r.state,
          sensitive_category: r.sensitiveCategory,
          sensitive_topic: r.sensitiveTopic,
          source: r.source,
          basis: r.basis,
          evidence: r.evidence,
          policy_version: r.policyVersion,
          recorded_at: r.recordedAt,
          recorded_seq: r.recordedSeq,
        })),
      )
      .execute()
  }

  async forPerson(personId: string): Promise<ConsentRecord[]> {
    const rows = await this.db
      .selectFrom('consent_records')
      .selectAll()
      .where('person_id', '=', personId)
      .execute()
    return rows.map(fromRow)
  }

  async forPersons(personIds: readonly string[], brandId?: string): Promise<ConsentRecord[]> {
    const out: ConsentRecord[] = []
    for (let i = 0; i < personIds.length; i += 500) {
      let q = this.db
        .selectFrom('consent_records')
        .selectAll()
        .where('person_id', 'in', personIds.slice(i, i + 500))
      if (brandId !== undefined)
        q = q.where((eb) => eb.or([eb('scope', '=', 'all_brands'), eb('brand_id', '=', brandId)]))
      const rows = await q.execute()
      for (const r of rows) out.push(fromRow(r))
    }
    return out
  }

  async reassignPerson(from: string, to: string): Promise<void> {
    await this.db
      .updateTable('consent_records')
      .set({ person_id: to })
      .where('person_id', '=', from)
      .execute()
  }

  async purge(personId: string, brandIds: readonly string[] | undefined): Promise<number> {
    let q = this.db.deleteFrom('consent_records').where('person_id', '=', personId)
    // The person's all-brands choices still govern the other brands: only those brands' own records go.
    if (brandIds) q = q.where('scope', '=', 'brand').where(inBrands(brandIds))
    return Number((await q.executeTakeFirst()).numDeletedRows)
  }
}

function fromRow(r: ConsentRecordsTable): ConsentRecord {
  return {
    id: r.id,
    personId: r.person_id,
    scope: r.scope as ConsentScope,
    brandId: r.brand_id,
    capturedBy: r.captured_by,
    purpose: r.purpose,
    state: r.state as ConsentStateValue,
    sensitiveCategory: r.sensitive_category,
    sensitiveTopic: r.sensitive_topic,
    source: r.source as ConsentSource,
    basis: r.basis as ConsentBasis,
    evidence: r.evidence,
    policyVersion: r.policy_version,
    recordedAt: r.recorded_at,
    recordedSeq: r.recorded_seq,
  }
}
