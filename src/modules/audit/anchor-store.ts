/** The chain heads kept outside the database, so that truncating the newest entries is detected. */
export interface AnchorStore {
  write(chainId: string, head: { seq: number; hash: string }): void
  read(chainId: string): { seq: number; hash: string } | undefined
  /** Every chain that has an anchor. */
  list(): string[]
  /**
   * Adds chains to the registry of every chain ever started (append-only, outside the database),
   * so that a chain dropped from the database together with its anchor is still missed.
   */
  register(chainIds: readonly string[]): void
  /** Every registered chain; `undefined` when there is no registry (yet). */
  registered(): string[] | undefined
  /** Whether anchors written by a version that keeps the registry exist (so it must exist too). */
  registryExpected(): boolean
  /** How the anchor endpoint (`auditAnchorUrl`) fares; `undefined` when none is configured. */
  endpointStatus(): AnchorEndpointStatus | undefined
}

/** The anchor endpoint's record, shared by every thread and process using the anchor directory. */
export interface AnchorEndpointStatus {
  /** When a head was last accepted (2xx), epoch ms; null if never. */
  readonly lastSuccessAt: number | null
  /** When a POST last failed, epoch ms; null if never. */
  readonly lastFailureAt: number | null
  /** `http-<status>` or the error's name (`TimeoutError`, `TypeError` for a refused connection…). */
  readonly lastFailureCode: string | null
  /** POSTs failed since the last success. */
  readonly failuresSinceSuccess: number
}
