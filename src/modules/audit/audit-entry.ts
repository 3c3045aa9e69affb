import { createHash, createHmac } from 'node:crypto'

/**
 * Chains whose id starts with this are keyed: every hash is an HMAC-SHA256 under the
 * organization's audit-chain secret (kept wrapped under the master key), so someone with only
 * the database cannot recompute a chain they edited. Older chains (`chain_…`) use plain SHA-256
 * and still verify. The kind is in the id, which every entry hash and the anchor file cover, so a
 * keyed chain cannot be passed off as an unkeyed one.
 */
export const KEYED_CHAIN_PREFIX = 'chaink'

export function isKeyedChain(chainId: string): boolean {
  return chainId.startsWith(`${KEYED_CHAIN_PREFIX}_`)
}

function digest(text: string, key: Buffer | undefined): string {
  return key
    ? createHmac('sha256', key).update(text).digest('hex')
    : createHash('sha256').update(text).digest('hex')
}

/**
 * One audit entry. Every field is non-personal: the person appears only as `subject`, a keyed
 * hash that cannot be linked back once the person is erased, so erasure never touches the chain.
 */
export interface AuditEntry {
  readonly chainId: string
  readonly seq: number
  readonly at: number
  /** `key:<id>`, `cli`, `system`. */
  readonly actor: string
  /** What happened, e.g. `policy.view`, `consent.record`, `person.erase`. */
  readonly action: string
  readonly brandId: string | null
  readonly purpose: string | null
  readonly subject: string | null
  /** Ids of the data items the action used or touched. */
  readonly itemIds: readonly string[]
  /** Non-personal details: counts, reason codes, table names. */
  readonly details: Readonly<Record<string, unknown>>
  readonly prevHash: string
  readonly hash: string
}

export type NewAuditEntry = Omit<AuditEntry, 'chainId' | 'seq' | 'prevHash' | 'hash' | 'at'> & {
  readonly at?: number
}

export function genesisHash(chainId: string, key?: Buffer): string {
  return digest(`candor-audit-genesis:${chainId}`, key)
}

/** The hash of an entry over its fields in a fixed order, chained to the previous hash. */
export function entryHash(e: Omit<AuditEntry, 'hash'>, key?: Buffer): string {
  const canonical = JSON.stringify([
    e.chainId,
    e.seq,
    e.at,
    e.actor,
    e.action,
    e.brandId,
    e.purpose,
    e.subject,
    e.itemIds,
    canonicalize(e.details),
    e.prevHash,
  ])
  return digest(canonical, key)
}

function canonicalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalize)
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonicalize((value as Record<string, unknown>)[k])]),
    )
  }
  return value
}

/** Appends `entries` after (seq, hash), returning the sealed entries. */
export function chainEntries(
  chainId: string,
  head: { seq: number; hash: string },
  entries: readonly NewAuditEntry[],
  now: number,
  key?: Buffer,
): AuditEntry[] {
  const out: AuditEntry[] = []
  let prev = head
  for (const e of entries) {
    const unsealed = {
      chainId,
      seq: prev.seq + 1,
      at: e.at ?? now,
      actor: e.actor,
      action: e.action,
      brandId: e.brandId,
      purpose: e.purpose,
      subject: e.subject,
      itemIds: [...e.itemIds],
      details: e.details,
      prevHash: prev.hash,
    }
    const sealed = { ...unsealed, hash: entryHash(unsealed, key) }
    out.push(sealed)
    prev = { seq: sealed.seq, hash: sealed.hash }
  }
  return out
}

/** Where `verify` found the first break. */
export interface ChainBreak {
  readonly chainId: string
  readonly seq: number
  readonly reason:
    | 'hash-mismatch'
    | 'prev-hash-mismatch'
    | 'sequence-gap'
    | 'truncated'
    | 'missing-chain'
    | 'missing-anchor'
    | 'missing-registry'
    | 'head-mismatch'
}

export interface VerifyResult {
  readonly ok: boolean
  readonly entries: number
  readonly chains: number
  /** Hash of the chain heads (sorted by chain id), one value to compare over time. */
  readonly head: string
  readonly firstBroken?: ChainBreak
  /**
   * The anchor endpoint's record, when `auditAnchorUrl` is set: when it last accepted a head and
   * how many POSTs failed since (the heads it missed are anchored only in the directory).
   */
  readonly anchorEndpoint?: {
    readonly lastSuccessAt: number | null
    readonly lastFailureAt: number | null
    readonly lastFailureCode: string | null
    readonly failuresSinceSuccess: number
    readonly checkedAt: number
  }
}

/**
 * Checks one chain incrementally: feed its entries in seq order with `push`, then `finish` with
 * the head recorded in the database and the anchor kept outside it. Stops at the first break.
 */
export class ChainVerifier {
  private prev: { seq: number; hash: string }
  private anchorSeen: boolean
  count = 0
  broken: ChainBreak | undefined

  constructor(
    private readonly chainId: string,
    private readonly anchor: { seq: number; hash: string } | undefined,
    private readonly key?: Buffer,
  ) {
    this.prev = { seq: 0, hash: genesisHash(chainId, key) }
    this.anchorSeen = anchor === undefined || anchor.seq === 0
  }

  /** Returns false once a break was found (stop feeding). */
  push(e: AuditEntry): boolean {
    if (this.broken) return false
    this.count++
    const chainId = this.chainId
    if (e.seq !== this.prev.seq + 1)
      return this.fail({ chainId, seq: this.prev.seq + 1, reason: 'sequence-gap' })
    if (e.prevHash !== this.prev.hash) return this.fail({ chainId, seq: e.seq, reason: 'prev-hash-mismatch' })
    const { hash, ...rest } = e
    if (entryHash(rest, this.key) !== hash) return this.fail({ chainId, seq: e.seq, reason: 'hash-mismatch' })
    if (this.anchor && e.seq === this.anchor.seq) {
      if (this.anchor.hash !== e.hash) return this.fail({ chainId, seq: e.seq, reason: 'head-mismatch' })
      this.anchorSeen = true
    }
    this.prev = { seq: e.seq, hash: e.hash }
    return true
  }

  /** The last good head. */
  get last(): { seq: number; hash: string } {
    return this.prev
  }

  finish(recordedHead: { seq: number; hash: string } | undefined): ChainBreak | undefined {
    if (this.broken) return this.broken
    const chainId = this.chainId
    // Deleting the anchor must not disable truncation detection: a chain with entries has one.
    if (this.anchor === undefined && this.count > 0) return { chainId, seq: 1, reason: 'missing-anchor' }
    if (!this.anchorSeen) return { chainId, seq: this.prev.seq + 1, reason: 'truncated' }
    if (recordedHead && (recordedHead.seq !== this.prev.seq || recordedHead.hash !== this.prev.hash)) {
      const reason = recordedHead.seq > this.prev.seq ? 'truncated' : 'head-mismatch'
      return { chainId, seq: Math.min(recordedHead.seq, this.prev.seq) + 1, reason }
    }
    return undefined
  }

  private fail(b: ChainBreak): false {
    this.broken = b
    return false
  }
}
