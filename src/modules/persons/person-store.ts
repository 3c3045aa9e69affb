import type { Identity, PersonPurgeCounts } from './person.js'

export interface PersonStore {
  /**
   * Makes concurrent transactions that will write any of these identities (brand, kind, value)
   * take turns in one global order, until they end: two requests that create or update the same
   * people in other orders never deadlock. PostgreSQL: transaction advisory locks, in key order;
   * SQLite: nothing to do (one writer at a time).
   */
  lockIdentities(brandId: string, refs: readonly { kind: string; value: string }[]): Promise<void>
  /** The person holding this identity at the brand, or undefined. */
  findByIdentity(brandId: string, kind: string, value: string): Promise<string | undefined>
  /** value → person for the brand's identities of one kind among `values` (one query). */
  findManyByIdentity(brandId: string, kind: string, values: readonly string[]): Promise<Map<string, string>>
  findByPseudonym(pseudonym: string): Promise<{ personId: string; brandId: string } | undefined>
  /**
   * The person's version: the database bumps it whenever their consent ledger or identities
   * change (triggers). Undefined when the person does not exist.
   */
  versionOf(personId: string): Promise<number | undefined>
  /**
   * The person holding this identity at the brand and their version, read together (one
   * statement, so the two agree); version undefined for a person without one.
   */
  findVersionedByIdentity(
    brandId: string,
    kind: string,
    value: string,
  ): Promise<{ personId: string; version: number | undefined } | undefined>
  createPerson(id: string, at: number): Promise<void>
  personExists(id: string): Promise<boolean>
  /** Deletes a person row that holds nothing (lost a creation race). */
  deletePerson(id: string): Promise<void>
  /** Adds the identity unless (brand, kind, value) exists; returns the person that holds it now. */
  addIdentity(identity: Identity): Promise<string>
  identities(personId: string): Promise<Identity[]>
  /** Ids of the people holding an identity at the brand, in id order, after `after`; empty at the end. */
  peopleAtBrand(brandId: string, limit: number, after?: string): Promise<string[]>
  /** Persons linked to this email hash (at any brand). */
  findByEmailHash(emailHash: string): Promise<string[]>
  addEmailLink(emailHash: string, brandId: string, personId: string, at: number): Promise<void>
  /** The pseudonym of the person's oldest identity at the brand, or undefined. */
  pseudonymAt(personId: string, brandId: string): Promise<string | undefined>
  /** Moves identities (keeping their pseudonyms) and email links of `from` to `to` and deletes `from`. */
  reassign(from: string, to: string): Promise<void>
  isSuppressed(brandId: string, idHashes: readonly string[]): Promise<boolean>
  /** Which of these identifier hashes are suppressed at the brand (one query per 500). Empty when none. */
  suppressedAmong(brandId: string, idHashes: readonly string[]): Promise<Set<string>>
  addSuppressions(brandId: string, idHashes: readonly string[], at: number): Promise<void>
  /** Deletes the person's identities and email links at these brands, and the person when nothing is left. */
  purge(personId: string, brandIds: readonly string[]): Promise<PersonPurgeCounts>
}
