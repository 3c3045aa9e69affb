import { type Expression, type SqlBool, sql } from 'kysely'

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
