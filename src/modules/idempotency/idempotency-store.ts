export interface StoredResponse {
  readonly requestHash: string
  readonly personId: string | null
  readonly statusCode: number
  readonly body: string
  readonly createdAt: number
}

export interface IdempotencyStore {
  get(brandId: string, key: string): Promise<StoredResponse | undefined>
  /** Stores unless present (the first result wins). */
  put(brandId: string, key: string, response: StoredResponse): Promise<void>
  /** Drops the stored answers about a person at these brands (all when undefined); returns the count. */
  purgePerson(personId: string, brandIds: readonly string[] | undefined): Promise<number>
  /** Drops entries older than `before`; returns the count. */
  expire(before: number): Promise<number>
}
