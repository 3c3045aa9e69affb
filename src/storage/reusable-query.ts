import type { Compilable, CompiledQuery, Kysely } from 'kysely'

/**
 * A query of a fixed shape, compiled once and then run with other parameter values (in the
 * order the built query had them). Kysely builds and compiles every query anew — immutable nodes,
 * a visitor pass — which on the hot reads of a decision cost more than running the small indexed
 * statement itself. Only for queries whose SQL does not depend on the values (no `in` lists).
 */
export function reusableQuery<R, P extends readonly unknown[]>(
  // biome-ignore lint/suspicious/noExplicitAny: any database: the query is built by the caller
  db: Kysely<any>,
  build: () => Compilable<R>,
): (...params: P) => Promise<R[]> {
  let compiled: CompiledQuery<R> | undefined
  return async (...params) => {
    compiled ??= build().compile()
    if (compiled.parameters.length !== params.length)
      throw new Error(`this query takes ${compiled.parameters.length} values, not ${params.length}`)
    return (await db.executeQuery<R>({ ...compiled, parameters: params })).rows
  }
}
