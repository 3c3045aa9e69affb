import type { StoredDataItem } from './data-item.js'

export interface DataItemStore {
  /** Inserts or replaces by (person, brand, key); an existing item keeps its id and collection time. Returns ids in input order. */
  upsert(items: readonly StoredDataItem[]): Promise<string[]>
  /** Every item of the person at every brand, ciphertext included. Never decrypts; only the policy engine calls this. */
  forPerson(personId: string): Promise<StoredDataItem[]>
  /** Marks an item as rejected by the person; returns false when no such item at that brand. */
  reject(personId: string, brandId: string, itemId: string, at: number): Promise<boolean>
  reassignPerson(from: string, to: string): Promise<void>
  /** Key ids referenced by the person's items at these brands (all when undefined). */
  keyIds(personId: string, brandIds: readonly string[] | undefined): Promise<string[]>
  /** Deletes every item whose expiry is before `before`; returns the count per brand. */
  purgeExpired(before: number): Promise<Map<string, number>>
  /** Deletes the person's items at these brands (all when undefined); returns the count. */
  purge(personId: string, brandIds: readonly string[] | undefined): Promise<number>
}
