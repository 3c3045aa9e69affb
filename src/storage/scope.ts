import { type Expression, type Kysely, type SqlBool, sql } from 'kysely'
import type { DataDatabase } from './database.js'

/**
 * The brands an erasure or shred applies to, as a WHERE condition: `undefined` means every brand,
 * an empty list matches nothing. One definition for every person-data store.
 */
export function inBrands(brandIds: readonly string[] | undefined, column = 'brand_id'): Expression<SqlBool> {
  if (brandIds === undefined) return sql<SqlBool>`1 = 1`
  if (brandIds.length === 0) return sql<SqlBool>`1 = 0`
  return sql<SqlBool>`${sql.ref(column)} in (${sql.join(brandIds)})`
}

/**
 * Keyset pagination, newest first: rows strictly before the cursor's (time, id), so a page never
 * repeats or skips a row that shares a timestamp. Without a cursor, every row.
 */
export function olderThan(
  timeColumn: string,
  idColumn: string,
  cursor: { readonly time: number; readonly id: string } | undefined,
): Expression<SqlBool> {
  if (!cursor) return sql<SqlBool>`1 = 1`
  const t = sql.ref(timeColumn)
  return sql<SqlBool>`(${t} < ${cursor.time} or (${t} = ${cursor.time} and ${sql.ref(idColumn)} < ${cursor.id}))`
}

/** Tables of a person's values, each row with `person_id` and `brand_id`. */
type PersonTable = 'data_items' | 'events' | 'decisions' | 'impressions' | 'interests'

/** The data keys the person's sealed rows of `table` at these brands use (erasure shreds them). */
export async function personKeyIds(
  db: Kysely<DataDatabase>,
  table: 'data_items' | 'events' | 'decisions',
  personId: string,
  brandIds: readonly string[] | undefined,
): Promise<string[]> {
  const { rows } = await sql<{ key_id: string }>`select distinct key_id from ${sql.table(table)}
    where person_id = ${personId} and ${inBrands(brandIds)}`.execute(db)
  return rows.map((r) => r.key_id)
}

/** Deletes the person's rows of `table` at these brands (every brand when undefined); returns the count. */
export async function purgePersonRows(
  db: Kysely<DataDatabase>,
  table: PersonTable,
  personId: string,
  brandIds: readonly string[] | undefined,
): Promise<number> {
  const r =
    await sql`delete from ${sql.table(table)} where person_id = ${personId} and ${inBrands(brandIds)}`.execute(
      db,
    )
  return Number(r.numAffectedRows ?? 0)
}
