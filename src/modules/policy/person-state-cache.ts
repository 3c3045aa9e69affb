import { remember } from '../../kernel/bounded-map.js'
import type { PersonRef } from '../../kernel/person-ref.js'
import type { ConsentState } from '../consent/index.js'

/** Who a reference is at a brand, and their consent ledger: what every decision reads first. */
export interface PersonState {
  readonly personId: string
  readonly consent: ConsentState
}

/** The reads behind a person state (the policy service's read connection). */
export interface PersonStateSource {
  /** The person holding the reference and their version, read in one statement (so they agree). */
  resolve(
    brandId: string,
    ref: PersonRef,
  ): Promise<{ personId: string; version: number | undefined } | undefined>
  versionOf(personId: string): Promise<number | undefined>
  consentOf(personId: string): Promise<ConsentState>
}

interface Entry extends PersonState {
  readonly version: number
  readonly at: number
}

/** Entries older than this are dropped: a person erased through another process leaves no ledger here for long. */
const MAX_AGE_MS = 5 * 60_000

/**
 * Person states kept between decisions, each used only while the person's version in the
 * database (bumped by triggers whenever their consent ledger or identities change, and gone with
 * the person) is still the version read with the identity, before the ledger: a withdrawal
 * committed by any process or node is seen on the next use, at the cost of one small read
 * instead of the identity and ledger reads. A miss costs what no cache would: identity (with the
 * version, one statement) and ledger.
 */
export class PersonStateCache {
  /** By brand and reference, oldest first (insertion order). */
  private readonly entries = new Map<string, Entry>()

  constructor(
    private readonly max: number,
    private readonly now: () => number,
  ) {}

  async get(source: PersonStateSource, brandId: string, ref: PersonRef): Promise<PersonState | undefined> {
    const now = this.now()
    this.expire(now)
    const key = `${brandId}\u0000${ref.kind}\u0000${ref.value}`
    const hit = this.entries.get(key)
    if (hit) {
      if ((await source.versionOf(hit.personId)) === hit.version) return hit
      this.entries.delete(key)
    }
    const found = await source.resolve(brandId, ref)
    if (found === undefined) return undefined
    const { personId, version } = found
    // The version comes with the identity, before the ledger: a merge that moves the reference
    // or a ledger change committed after that read bumps the version past the one kept, so the
    // next use only reads again. A kept state is never older than its version.
    const consent = await source.consentOf(personId)
    if (this.max > 0 && version !== undefined) {
      this.entries.delete(key)
      remember(this.entries, key, { personId, consent, version, at: now }, this.max)
    }
    return { personId, consent }
  }

  /** Forgets a person (erased or merged in this process). */
  forget(personId: string): void {
    for (const [key, e] of this.entries) if (e.personId === personId) this.entries.delete(key)
  }

  private expire(now: number): void {
    for (const [key, e] of this.entries) {
      if (now - e.at < MAX_AGE_MS) return
      this.entries.delete(key)
    }
  }
}
