/** One logged decision: identity in the clear, the items and their explanations encrypted. */
export interface StoredDecision {
  readonly id: string
  readonly personId: string
  readonly brandId: string
  readonly placement: string
  readonly personalized: boolean
  readonly fallbackReason: string | null
  readonly keyId: string
  readonly payloadCt: string
  readonly createdAt: number
}

export interface Impression {
  readonly personId: string
  readonly brandId: string
  readonly offerId: string
  readonly decisionId: string
  readonly at: number
}

export interface DecisionStore {
  insertDecisions(rows: readonly StoredDecision[]): Promise<void>
  insertImpressions(rows: readonly Impression[]): Promise<void>
  /** Impressions of the person at the brand since `since`. */
  /** The person's impressions at the brand since `since`, of these offers only. */
  impressions(
    personId: string,
    brandId: string,
    since: number,
    offerIds: readonly string[],
  ): Promise<Impression[]>
  /** Newest first. */
  page(
    personId: string,
    brandId: string,
    limit: number,
    cursor?: { createdAt: number; id: string },
  ): Promise<StoredDecision[]>
  /**
   * Deletes decisions older than `before` (retention) and impressions older than `impressionsBefore`
   * (past any frequency-cap window); returns the decisions deleted.
   */
  expire(before: number, impressionsBefore: number): Promise<number>
  reassignPerson(from: string, to: string): Promise<void>
  keyIds(personId: string, brandIds: readonly string[] | undefined): Promise<string[]>
  purge(personId: string, brandIds: readonly string[] | undefined): Promise<number>
}
