import { createHash } from 'node:crypto'
import type { Clock } from '../../kernel/clock.js'
import { CandorError } from '../../kernel/errors.js'
import { newId } from '../../kernel/ids.js'
import type { Transactor } from '../../kernel/transactor.js'
import type { AnchorEndpointStatus, AnchorStore } from './anchor-store.js'

/** The `chainId` a missing registry is reported under. */
const REGISTRY = 'chains.log'

import {
  type AuditEntry,
  ChainVerifier,
  chainEntries,
  genesisHash,
  isKeyedChain,
  KEYED_CHAIN_PREFIX,
  type NewAuditEntry,
  type VerifyResult,
} from './audit-entry.js'
import type { AuditQuery, AuditStore } from './audit-store.js'

export interface AuditUnit {
  readonly audit: AuditStore
}

export interface AuditLogger {
  warn(obj: object, msg: string): void
}

/**
 * The audit log. Each process appends to its own hash chain (several server processes on one
 * database never contend for one head). Writes that change data append inside their own
 * transaction (`appendIn`); reads are group-committed (`record`) within `flushMs` (≤ 50 ms).
 */
export class AuditService {
  private buffer: NewAuditEntry[] = []
  private timer: NodeJS.Timeout | undefined
  private flushing: Promise<void> = Promise.resolve()
  private anchorTimer: NodeJS.Timeout | undefined
  private sink: ((entries: NewAuditEntry[]) => Promise<void>) | undefined
  readonly chainId: string
  private key: Buffer | undefined
  /** The last head this process anchored: the chain in the database must continue it. */
  private anchored: { seq: number; hash: string } | undefined
  /** A head known to continue `anchored` (checked, or written by this process after a check). */
  private verified: { seq: number; hash: string } | undefined
  /** Why this chain refuses to grow, once it found it does not continue its anchor. */
  private broken: string | undefined

  constructor(
    private readonly tx: Transactor<AuditUnit>,
    private readonly anchors: AnchorStore,
    private readonly clock: Clock,
    private readonly flushMs: number,
    private readonly node: string,
    private readonly log: AuditLogger,
    /** The organization's audit-chain secret; without it (tests of old data) chains are unkeyed. */
    private readonly chainKey?: () => Promise<Buffer>,
  ) {
    this.chainId = newId(chainKey ? KEYED_CHAIN_PREFIX : 'chain')
  }

  /** The key of a chain: keyed chains need the organization's audit-chain secret. */
  private async keyOf(chainId: string): Promise<Buffer | undefined> {
    if (!isKeyedChain(chainId)) return undefined
    if (!this.chainKey) throw new Error(`chain ${chainId} is keyed and this process has no audit-chain key`)
    this.key ??= await this.chainKey()
    return this.key
  }

  /**
   * Creates this process's chain now, in a transaction of its own. PostgreSQL servers call it at
   * start: created inside the first transactions that append, its uncommitted row made each of
   * them wait for the others while they held locks the others wanted (deadlocks), and creating
   * it apart from inside one of them would take a second pooled connection per transaction.
   */
  async startChain(): Promise<void> {
    await this.registerChain(this.tx.stores)
    const chain = this.genesisChain(await this.keyOf(this.chainId))
    await this.tx.transaction((s) => s.audit.createChain(chain))
  }

  private genesisChain(key: Buffer | undefined) {
    return {
      id: this.chainId,
      node: this.node,
      startedAt: this.clock.now(),
      headSeq: 0,
      headHash: genesisHash(this.chainId, key),
    }
  }

  /**
   * The head of this process's chain inside the given transaction, creating the chain on its
   * first entry unless `startChain` did (a process that never audits leaves no empty chain).
   */
  private async head(stores: AuditUnit): Promise<{ seq: number; hash: string }> {
    const head = await stores.audit.lockHead(this.chainId)
    if (head) {
      await this.requireContinuation(stores, head)
      return head
    }
    await this.registerChain(stores)
    const chain = this.genesisChain(await this.keyOf(this.chainId))
    await stores.audit.createChain(chain)
    return (await stores.audit.lockHead(this.chainId)) ?? { seq: chain.headSeq, hash: chain.headHash }
  }

  private chainRegistered = false

  /**
   * Registers this process's chain outside the database before it is created (a chain that then
   * never commits is reported missing: fail closed). The first process of a version that keeps
   * the registry registers the chains already in the database as they are; once anchors say a
   * registry is kept, a missing registry is never silently re-created from the database.
   */
  private async registerChain(stores: AuditUnit): Promise<void> {
    if (this.chainRegistered) return
    if (this.anchors.registered() === undefined && !this.anchors.registryExpected())
      this.anchors.register((await stores.audit.listChains()).map((c) => c.id))
    this.anchors.register([this.chainId])
    this.chainRegistered = true
  }

  /** Buffers an entry of a read; it is committed within `flushMs`. */
  record(entry: NewAuditEntry): void {
    this.buffer.push({ ...entry, at: entry.at ?? this.clock.now() })
    if (this.flushMs === 0) {
      void this.flush()
      return
    }
    this.timer ??= setTimeout(() => {
      this.timer = undefined
      void this.flush()
    }, this.flushMs)
  }

  /**
   * Appends inside the caller's transaction, so the entries commit or roll back with the change.
   * They are chained at the end of that transaction, all at once: locking the chain head is the
   * last thing a transaction does, so on PostgreSQL two transactions never wait for each other
   * through the head (one held it while waiting for a row the other had written: a deadlock).
   */
  async appendIn(stores: AuditUnit, entries: readonly NewAuditEntry[]): Promise<void> {
    const now = this.clock.now()
    const stamped = entries.map((e) => ({ ...e, at: e.at ?? now }))
    const queued = this.queued.get(stores)
    if (queued) {
      queued.push(...stamped)
      return
    }
    const queue = [...stamped]
    const deferred = this.tx.atCommit(stores, this, async () => {
      this.queued.delete(stores)
      await this.appendNow(stores, queue)
    })
    if (deferred) this.queued.set(stores, queue)
    else await this.appendNow(stores, queue)
  }

  private readonly queued = new WeakMap<AuditUnit, NewAuditEntry[]>()

  /**
   * Refuses to extend a chain whose stored head does not continue the head this process last
   * anchored: entries were deleted or rewritten under it (a truncation that fixed the head row).
   * Without this check the next anchor would record the truncated head and `audit verify` would
   * pass. Once refused, every later write refuses too, `/readyz` says so, and the log has it.
   */
  private async requireContinuation(stores: AuditUnit, head: { seq: number; hash: string }): Promise<void> {
    if (this.broken) throw this.brokenError()
    if (await this.continuesAnchor(stores, head)) return
    this.broken = `the stored head (seq ${head.seq}) does not continue the anchored head (seq ${this.anchored?.seq})`
    this.log.warn(
      {
        code: 'audit-chain-broken',
        chainId: this.chainId,
        headSeq: head.seq,
        anchoredSeq: this.anchored?.seq,
      },
      'audit chain does not continue its anchor; refusing to extend it',
    )
    throw this.brokenError()
  }

  private async continuesAnchor(stores: AuditUnit, head: { seq: number; hash: string }): Promise<boolean> {
    const a = this.anchored
    if (a === undefined) return true
    const v = this.verified
    if (v && v.seq === head.seq && v.hash === head.hash) return true
    let ok: boolean
    if (head.seq < a.seq) ok = false
    else if (head.seq === a.seq) ok = head.hash === a.hash
    else ok = (await stores.audit.hashAt(this.chainId, a.seq)) === a.hash
    if (ok) this.verified = head
    return ok
  }

  private brokenError(): CandorError {
    return new CandorError(
      'audit-chain-broken',
      'the audit chain of this process no longer continues its anchored head; writes are refused',
    )
  }

  /** Undefined while the chain is sound; else why this process refuses to write. */
  problem(): string | undefined {
    return this.broken
  }

  private anchor(head: { seq: number; hash: string }): void {
    if (this.anchored && this.anchored.seq >= head.seq) return
    this.anchors.write(this.chainId, head)
    this.anchored = head
  }

  private async appendNow(stores: AuditUnit, entries: readonly NewAuditEntry[]): Promise<void> {
    if (entries.length === 0) return
    const head = await this.head(stores)
    const sealed = chainEntries(this.chainId, head, entries, this.clock.now(), await this.keyOf(this.chainId))
    await stores.audit.append(sealed)
    const last = sealed[sealed.length - 1]
    if (last) this.verified = { seq: last.seq, hash: last.hash }
    // Anchor once the caller's transaction has committed: read the committed head shortly after.
    this.scheduleAnchor()
  }

  /** Commits every buffered entry. Resolves when they are durable (or logged as failed and kept). */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.flushNow())
    return this.flushing
  }

  /**
   * Commits buffered entries somewhere else from now on (the writer thread's chain), so that no
   * commit of a read's audit entry runs on this thread.
   */
  delegateTo(sink: (entries: NewAuditEntry[]) => Promise<void>): void {
    this.sink = sink
  }

  /** Appends entries to this chain in their own transaction, then anchors the new head. */
  async commitBatch(entries: readonly NewAuditEntry[]): Promise<void> {
    const last = await this.tx.transaction(async (s) => {
      const head = await this.head(s)
      const sealed = chainEntries(
        this.chainId,
        head,
        entries,
        this.clock.now(),
        await this.keyOf(this.chainId),
      )
      await s.audit.append(sealed)
      const end = sealed[sealed.length - 1]
      if (end) this.verified = { seq: end.seq, hash: end.hash }
      return end
    })
    if (last) this.anchor({ seq: last.seq, hash: last.hash })
  }

  private async flushNow(): Promise<void> {
    if (this.buffer.length === 0) return
    const batch = this.buffer
    this.buffer = []
    try {
      if (this.sink) await this.sink(batch)
      else await this.commitBatch(batch)
    } catch (error) {
      // Keep the entries: they are retried with the next flush.
      this.buffer = [...batch, ...this.buffer]
      this.log.warn({ err: error, pending: this.buffer.length }, 'audit flush failed; will retry')
      this.timer ??= setTimeout(() => {
        this.timer = undefined
        void this.flush()
      }, 1000)
    }
  }

  private async refreshAnchor(): Promise<void> {
    if (this.broken) return
    try {
      const head = await this.tx.stores.audit.lockHead(this.chainId)
      if (!head) return
      // Never anchor a head that does not continue the last anchor (that would launder a truncation).
      await this.requireContinuation(this.tx.stores, head)
      this.anchor(head)
    } catch (error) {
      // The next commit anchors again; a broken chain was logged by requireContinuation.
      if (!this.broken)
        this.log.warn(
          { code: (error as { code?: unknown }).code ?? 'unknown' },
          'audit anchor refresh failed',
        )
    }
  }

  /** Anchors the committed head soon after a write transaction; many commits in a row anchor once. */
  private scheduleAnchor(): void {
    if (this.anchorTimer) return
    this.anchorTimer = setTimeout(() => {
      this.anchorTimer = undefined
      void this.refreshAnchor()
    }, 5)
  }

  /** Flushes and stops the timer; call before closing the database. */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    if (this.anchorTimer) clearTimeout(this.anchorTimer)
    this.timer = undefined
    this.anchorTimer = undefined
    await this.flush()
    await this.refreshAnchor()
  }

  query(q: AuditQuery): Promise<AuditEntry[]> {
    return this.tx.stores.audit.query(q)
  }

  /**
   * Recomputes every chain: each entry's hash, the links between entries, the head recorded in
   * the database, and the anchor kept outside it. Names the first broken entry.
   */
  async verify(): Promise<VerifyResult> {
    await this.flush()
    // This process's newest entries may not be anchored yet (anchoring follows the commit).
    await this.refreshAnchor()
    const chains = await this.tx.stores.audit.listChains()
    const known = new Set(chains.map((c) => c.id))
    let entries = 0
    const heads: string[] = []
    for (const chain of chains) {
      const verifier = new ChainVerifier(chain.id, this.anchors.read(chain.id), await this.keyOf(chain.id))
      for await (const e of this.tx.stores.audit.iterateChain(chain.id)) if (!verifier.push(e)) break
      const broken = verifier.finish({ seq: chain.headSeq, hash: chain.headHash })
      entries += verifier.count
      heads.push(`${chain.id}:${verifier.last.seq}:${verifier.last.hash}`)
      if (broken)
        return { ok: false, entries, chains: chains.length, head: digest(heads), firstBroken: broken }
    }
    const endpoint = this.anchors.endpointStatus()
    const result = {
      entries,
      chains: chains.length,
      head: digest(heads),
      ...(endpoint ? { anchorEndpoint: { ...endpoint, checkedAt: this.clock.now() } } : {}),
    }
    // A chain dropped from the database: its anchor, or (anchor deleted too) the registry names it.
    const registry = this.anchors.registered()
    if (registry === undefined && this.anchors.registryExpected())
      return { ok: false, ...result, firstBroken: { chainId: REGISTRY, seq: 0, reason: 'missing-registry' } }
    for (const id of [...this.anchors.list(), ...(registry ?? [])]) {
      if (!known.has(id))
        return { ok: false, ...result, firstBroken: { chainId: id, seq: 1, reason: 'missing-chain' } }
    }
    return { ok: true, ...result }
  }

  /** How the anchor endpoint fares (`auditAnchorUrl`); `undefined` when none is configured. */
  anchorEndpoint(): AnchorEndpointStatus | undefined {
    return this.anchors.endpointStatus()
  }
}

function digest(heads: string[]): string {
  return createHash('sha256').update(heads.sort().join('\n')).digest('hex')
}
