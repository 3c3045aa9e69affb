/** The chain heads kept outside the database, so that truncating the newest entries is detected. */
export interface AnchorStore {
  write(chainId: string, head: { seq: number; hash: string }): void
  read(chainId: string): { seq: number; hash: string } | undefined
  /** Every chain that has an anchor. */
  list(): string[]
}
