import type { ConsentRecord } from './consent.js'

export interface ConsentStore {
  append(records: readonly ConsentRecord[]): Promise<void>
  /** Every ledger entry of the person, in any order. Empty when none. */
  forPerson(personId: string): Promise<ConsentRecord[]>
  /**
   * Ledger entries of several people (one query); with `brandId`, only the entries that apply at
   * that brand (its own and all-brands choices).
   */
  forPersons(personIds: readonly string[], brandId?: string): Promise<ConsentRecord[]>
  reassignPerson(from: string, to: string): Promise<void>
  /** Deletes entries that apply to or were captured by these brands (erasure only). Returns the count. */
  purge(personId: string, brandIds: readonly string[] | undefined): Promise<number>
}
