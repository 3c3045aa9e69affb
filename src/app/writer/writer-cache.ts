import { type Kysely, sql } from 'kysely'
import type { ConsentRecord, ConsentStore } from '../../modules/consent/index.js'
import type { Interest } from '../../modules/interests/index.js'
import type { InterestStore } from '../../modules/interests/person-data.js'
import type { DataDatabase } from '../../storage/database.js'

/** Past this many entries a map is emptied (and refilled by the next reads). */
const MAX_ENTRIES = 200_000

/**
 * What the writer thread (SQLite) remembers between its transactions: ledger entries of people
 * at a brand, and interest rows by (brand, person, topic). Ingestion reads both for every
 * request, and the same people come back request after request.
 *
 * It is right only while it holds what the database holds. Three rules keep it so:
 * - another connection (the request thread, a CLI command, another process) committed: SQLite's
 *   `data_version` changed, seen at the start of the next transaction, and everything is forgotten;
 * - this thread writes: interest rows it upserts are written through; any other write to the
 *   ledger or the interests (merge, deletion, erasure) forgets that whole map;
 * - a transaction failed: everything is forgotten (it may hold rows that were rolled back).
 *
 * Reads outside a transaction pass through (their freshness was never checked). Entries are
 * frozen (shallowly: their arrays are not), so a caller that tried to set a field of one would fail
 * instead of changing the next caller's; the interest model makes new objects anyway.
 */
export class WriterCache {
  private version: number | undefined
  private readonly ledgers = new Map<string, readonly ConsentRecord[]>()
  private readonly interests = new Map<string, Interest | null>()

  /** At the start of every transaction, after it took the write lock. */
  async begin(trx: Kysely<DataDatabase>): Promise<void> {
    const { rows } = await sql<{ data_version: number }>`pragma data_version`.execute(trx)
    const version = Number(rows[0]?.data_version)
    if (version !== this.version) {
      this.clear()
      this.version = version
    }
  }

  /** Forgets everything (a transaction failed or rolled back). */
  clear(): void {
    this.ledgers.clear()
    this.interests.clear()
  }

  /** The ledger store, remembering `forPersons` inside transactions (`cached`) and forgetting on writes. */
  consentStore(inner: ConsentStore, cached: boolean): ConsentStore {
    const ledgers = this.ledgers
    const forget = () => ledgers.clear()
    return {
      async forPersons(personIds, brandId) {
        if (!cached) return inner.forPersons(personIds, brandId)
        const key = (p: string) => `${brandId ?? '*'}\u0000${p}`
        const out: ConsentRecord[] = []
        const missing: string[] = []
        for (const p of new Set(personIds)) {
          const hit = ledgers.get(key(p))
          if (hit) out.push(...hit)
          else missing.push(p)
        }
        if (missing.length === 0) return out
        const found = new Map<string, ConsentRecord[]>(missing.map((p) => [p, []]))
        for (const r of await inner.forPersons(missing, brandId))
          found.get(r.personId)?.push(Object.freeze(r))
        if (ledgers.size + found.size > MAX_ENTRIES) ledgers.clear()
        for (const [p, records] of found) {
          ledgers.set(key(p), Object.freeze(records))
          out.push(...records)
        }
        return out
      },
      forPerson: (personId) => inner.forPerson(personId),
      append: (records) => forgetting(forget, () => inner.append(records)),
      reassignPerson: (from, to) => forgetting(forget, () => inner.reassignPerson(from, to)),
      purge: (personId, brandIds) => forgetting(forget, () => inner.purge(personId, brandIds)),
    }
  }

  /** The interest store, remembering `forPairsAtBrand` inside transactions, writing upserts through. */
  interestStore(inner: InterestStore, cached: boolean): InterestStore {
    const rows = this.interests
    const forget = () => rows.clear()
    const key = (brandId: string, personId: string, topic: string) =>
      `${brandId}\u0000${personId}\u0000${topic}`
    return {
      async forPairsAtBrand(brandId, pairs) {
        if (!cached) return inner.forPairsAtBrand(brandId, pairs)
        const out: Interest[] = []
        const missing: { personId: string; topic: string }[] = []
        const asked = new Set<string>()
        for (const p of pairs) {
          const k = key(brandId, p.personId, p.topic)
          if (asked.has(k)) continue
          asked.add(k)
          const hit = rows.get(k)
          if (hit === undefined) missing.push(p)
          else if (hit !== null) out.push(hit)
        }
        if (missing.length === 0) return out
        const found = await inner.forPairsAtBrand(brandId, missing)
        if (rows.size + missing.length > MAX_ENTRIES) rows.clear()
        // Pairs without a row are remembered as absent (most pairs of new signals have none yet).
        for (const p of missing) rows.set(key(brandId, p.personId, p.topic), null)
        for (const i of found) {
          rows.set(key(brandId, i.personId, i.topic), Object.freeze(i))
          out.push(i)
        }
        return out
      },
      async upsert(interests) {
        try {
          await inner.upsert(interests)
        } catch (error) {
          forget()
          throw error
        }
        if (rows.size + interests.length > MAX_ENTRIES) rows.clear()
        // Every column but the key takes the new value: the row is now exactly this object.
        for (const i of interests) rows.set(key(i.brandId, i.personId, i.topic), Object.freeze(i))
      },
      forPersonBrand: (personId, brandId, topics) => inner.forPersonBrand(personId, brandId, topics),
      rejectedTopics: (personId, brandId) => inner.rejectedTopics(personId, brandId),
      forPerson: (personId) => inner.forPerson(personId),
      activity: (brandId, since) => inner.activity(brandId, since),
      deleteInferred: (personId, brandId) =>
        forgetting(forget, () => inner.deleteInferred(personId, brandId)),
      reassignPerson: (from, to) => forgetting(forget, () => inner.reassignPerson(from, to)),
      purge: (personId, brandIds) => forgetting(forget, () => inner.purge(personId, brandIds)),
    }
  }
}

/** A write the maps cannot follow: forgotten before it (a read meanwhile) and after it. */
async function forgetting<T>(forget: () => void, write: () => Promise<T>): Promise<T> {
  forget()
  try {
    return await write()
  } finally {
    forget()
  }
}
