import type { Kysely } from 'kysely'
import type { AuditLogTable, DataDatabase } from '../../storage/database.js'
import type { DialectHelpers } from '../../storage/dialects/dialect-helpers.js'
import type { AuditEntry } from './audit-entry.js'
import type { AuditChain, AuditQuery, AuditStore } from './audit-store.js'

export class KyselyAuditStore implements AuditStore {
  constructor(
    private readonly db: Kysely<DataDatabase>,
    private readonly helpers: DialectHelpers,
  ) {}

  async createChain(chain: AuditChain): Promise<void> {
    await this.db
      .insertInto('audit_chains')
      .values({
        id: chain.id,
        node: chain.node,
        started_at: chain.startedAt,
        head_seq: chain.headSeq,
        head_hash: chain.headHash,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute()
  }

  async lockHead(chainId: string): Promise<{ seq: number; hash: string } | undefined> {
    let q = this.db.selectFrom('audit_chains').select(['head_seq', 'head_hash']).where('id', '=', chainId)
    if (this.helpers.supportsForUpdate) q = q.forUpdate()
    const row = await q.executeTakeFirst()
    return row && { seq: row.head_seq, hash: row.head_hash }
  }

  async append(entries: readonly AuditEntry[]): Promise<void> {
    const last = entries[entries.length - 1]
    if (!last) return
    for (let i = 0; i < entries.length; i += 200) {
      await this.db
        .insertInto('audit_log')
        .values(entries.slice(i, i + 200).map(toRow))
        .execute()
    }
    await this.db
      .updateTable('audit_chains')
      .set({ head_seq: last.seq, head_hash: last.hash })
      .where('id', '=', last.chainId)
      .execute()
  }

  async hashAt(chainId: string, seq: number): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('audit_log')
      .select('hash')
      .where('chain_id', '=', chainId)
      .where('seq', '=', seq)
      .executeTakeFirst()
    return row?.hash
  }

  async listChains(): Promise<AuditChain[]> {
    const rows = await this.db.selectFrom('audit_chains').selectAll().orderBy('id').execute()
    return rows.map((r) => ({
      id: r.id,
      node: r.node,
      startedAt: r.started_at,
      headSeq: r.head_seq,
      headHash: r.head_hash,
    }))
  }

  async *iterateChain(chainId: string, pageSize = 1000): AsyncIterable<AuditEntry> {
    let after = 0
    for (;;) {
      const rows = await this.db
        .selectFrom('audit_log')
        .selectAll()
        .where('chain_id', '=', chainId)
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(pageSize)
        .execute()
      for (const r of rows) yield fromRow(r)
      const last = rows[rows.length - 1]
      if (!last || rows.length < pageSize) return
      after = last.seq
    }
  }

  async query(q: AuditQuery): Promise<AuditEntry[]> {
    let sel = this.db.selectFrom('audit_log').selectAll()
    if (q.subject !== undefined) sel = sel.where('subject', '=', q.subject)
    if (q.brandId !== undefined) sel = sel.where('brand_id', '=', q.brandId)
    const c = q.cursor
    if (c) {
      sel = sel.where((eb) =>
        eb.or([
          eb('at', '<', c.at),
          eb.and([eb('at', '=', c.at), eb('chain_id', '<', c.chainId)]),
          eb.and([eb('at', '=', c.at), eb('chain_id', '=', c.chainId), eb('seq', '<', c.seq)]),
        ]),
      )
    }
    const rows = await sel
      .orderBy('at', 'desc')
      .orderBy('chain_id', 'desc')
      .orderBy('seq', 'desc')
      .limit(q.limit)
      .execute()
    return rows.map(fromRow)
  }
}

function toRow(e: AuditEntry): AuditLogTable {
  return {
    chain_id: e.chainId,
    seq: e.seq,
    at: e.at,
    actor: e.actor,
    action: e.action,
    brand_id: e.brandId,
    purpose: e.purpose,
    subject: e.subject,
    item_ids: JSON.stringify(e.itemIds),
    details: JSON.stringify(e.details),
    prev_hash: e.prevHash,
    hash: e.hash,
  }
}

function fromRow(r: AuditLogTable): AuditEntry {
  return {
    chainId: r.chain_id,
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    action: r.action,
    brandId: r.brand_id,
    purpose: r.purpose,
    subject: r.subject,
    itemIds: JSON.parse(r.item_ids) as string[],
    details: JSON.parse(r.details) as Record<string, unknown>,
    prevHash: r.prev_hash,
    hash: r.hash,
  }
}
