import { createHmac } from 'node:crypto'
import { remember } from '../kernel/bounded-map.js'
import type { Clock } from '../kernel/clock.js'
import { newId } from '../kernel/ids.js'
import { DecryptionError, newDataKey, open, openString, seal, sealString } from './envelope.js'
import { dataKeyAad, type KeyStore, secretAad, type WrappedDataKey } from './key-store.js'
import type { MasterKeySource } from './master-key-source.js'

const MASTER_CHECK = 'master-check'
const MASTER_CHECK_PLAINTEXT = 'candor master key check v1'

/** A data key in memory, ready to encrypt or decrypt values of one person at one brand. */
export interface DataKey {
  readonly keyId: string
  readonly key: Buffer
}

/** Names of the organization-wide HMAC secrets; each is generated once and kept wrapped. */
export type SecretName =
  | 'pseudonym'
  | 'email-hash'
  | 'audit-subject'
  | 'suppression'
  | 'idempotency'
  | 'audit-chain'
  | 'control-link'

/** Unwrapped data keys kept in memory, per map (about 100 bytes each). */
const MAX_CACHED_KEYS = 100_000

/**
 * Data keys created for one unit of work (an ingestion request) and not yet stored: the key ring
 * stores them together with `commitKeys`, one write to the key store instead of one per new
 * person. Until then they are used only through this object, never handed to anyone else.
 */
export class PendingKeys {
  /** (person, brand) → the new key and its wrapped form. */
  readonly created = new Map<string, { dk: DataKey; row: WrappedDataKey }>()
  /** Person versions read in this unit of work (one read per person, not per message). */
  readonly versions = new Map<string, number | undefined>()
}

/**
 * Envelope encryption: data keys per (person, collecting brand), wrapped by the master key and
 * kept in the key store; organization secrets for keyed hashes; crypto-shredding.
 */
export class KeyRing {
  private readonly cache = new Map<string, DataKey>()
  /**
   * (person, brand) → the key for new values and the person's version when it was read; dropped
   * on shred and reassign here, and re-read when the version moved (another process erased).
   */
  private readonly current = new Map<string, { dk: DataKey; version: number | undefined }>()
  private readonly secrets = new Map<SecretName, Buffer>()

  private constructor(
    private readonly store: KeyStore,
    private master: Buffer,
    private readonly clock: Clock,
  ) {}

  /**
   * Finds the master key that opens this key store (the current one, or a pending rotation's)
   * and writes the check value on first start. Throws when no candidate opens it.
   */
  static async open(store: KeyStore, source: MasterKeySource, clock: Clock): Promise<KeyRing> {
    const candidates = source.candidates()
    const first = candidates[0]
    if (!first) throw new Error('no master key')
    const stored = await store.putSecretIfAbsent(
      MASTER_CHECK,
      sealString(first, MASTER_CHECK_PLAINTEXT, secretAad(MASTER_CHECK)),
      clock.now(),
    )
    for (const candidate of candidates) {
      try {
        if (openString(candidate, stored, secretAad(MASTER_CHECK)) === MASTER_CHECK_PLAINTEXT) {
          if (candidate !== first) source.promote(candidate)
          return new KeyRing(store, candidate, clock)
        }
      } catch (error) {
        if (!(error instanceof DecryptionError)) throw error
      }
    }
    throw new Error(
      'the master key does not open this key store (wrong CANDOR_MASTER_KEY or master.key file?)',
    )
  }

  /**
   * The data key for new values of (person, brand), created on first use. With `pending`, a key
   * that has to be created is only recorded there: the caller stores it with `commitKeys` before
   * it commits the values it encrypted.
   *
   * With `versionOf` (the person's version, read through the caller's unit of work: the database
   * bumps it when their identities or consent change and drops it with the person), a cached key
   * is used only while the version is the one read with it: an erasure in another process is
   * seen before this one uses that person's key again.
   */
  async dataKeyFor(
    personId: string,
    brandId: string,
    pending?: PendingKeys,
    versionOf?: (personId: string) => Promise<number | undefined>,
  ): Promise<DataKey> {
    const slot = `${personId}|${brandId}`
    const mine = pending?.created.get(slot)
    if (mine) return mine.dk
    const version = await this.personVersion(personId, pending, versionOf)
    const known = this.current.get(slot)
    if (known && known.version === version) return known.dk
    const found = await this.store.findDataKey(personId, brandId)
    if (found) {
      const dk = this.unwrap(found.keyId, found.brandId, found.wrapped)
      remember(this.current, slot, { dk, version }, MAX_CACHED_KEYS)
      return dk
    }
    this.current.delete(slot)
    const keyId = newId('dk')
    const key = newDataKey()
    const dk = { keyId, key }
    const row = {
      keyId,
      personId,
      brandId,
      wrapped: seal(this.master, key, dataKeyAad(keyId, brandId)),
      createdAt: this.clock.now(),
    }
    if (pending) {
      pending.created.set(slot, { dk, row })
      return dk
    }
    // Two writers may race to create the first key; every row records the key it used, so both work.
    await this.store.insertDataKeys([row])
    remember(this.cache, keyId, dk, MAX_CACHED_KEYS)
    remember(this.current, slot, { dk, version }, MAX_CACHED_KEYS)
    return dk
  }

  private async personVersion(
    personId: string,
    pending: PendingKeys | undefined,
    versionOf: ((personId: string) => Promise<number | undefined>) | undefined,
  ): Promise<number | undefined> {
    if (!versionOf) return undefined
    if (pending?.versions.has(personId)) return pending.versions.get(personId)
    const v = await versionOf(personId)
    pending?.versions.set(personId, v)
    return v
  }

  /**
   * Stores the keys created for a unit of work in one write, filed under `ownerOf(person)` (the
   * survivor, when the person was merged meanwhile); from then on they serve everyone.
   */
  async commitKeys(pending: PendingKeys, ownerOf: (personId: string) => string = (p) => p): Promise<void> {
    const entries = [...pending.created.values()]
    if (entries.length === 0) return
    await this.store.insertDataKeys(entries.map((e) => ({ ...e.row, personId: ownerOf(e.row.personId) })))
    pending.created.clear()
    for (const e of entries) {
      remember(this.cache, e.dk.keyId, e.dk, MAX_CACHED_KEYS)
      // A new person has no committed version yet: the next use reads it and the key again.
      const owner = ownerOf(e.row.personId)
      remember(
        this.current,
        `${owner}|${e.row.brandId}`,
        { dk: e.dk, version: pending.versions.get(owner) },
        MAX_CACHED_KEYS,
      )
    }
  }

  /** The data key with this id, or undefined when it was destroyed (the value is unreadable: shredded). */
  async dataKey(keyId: string): Promise<DataKey | undefined> {
    const cached = this.cache.get(keyId)
    if (cached) return cached
    const found = await this.store.getDataKey(keyId)
    return found ? this.unwrap(found.keyId, found.brandId, found.wrapped) : undefined
  }

  /** Encrypts text, or bytes (UTF-8 text already encoded). */
  encrypt(dk: DataKey, plaintext: string | Uint8Array, context: string): string {
    const aad = `${dk.keyId}|${context}`
    return typeof plaintext === 'string' ? sealString(dk.key, plaintext, aad) : seal(dk.key, plaintext, aad)
  }

  decrypt(dk: DataKey, sealed: string, context: string): string {
    return openString(dk.key, sealed, `${dk.keyId}|${context}`)
  }

  /** Destroys the person's data keys at the given brands (all when undefined). Returns the destroyed key ids. */
  async shred(personId: string, brandIds: readonly string[] | undefined): Promise<string[]> {
    const ids = await this.store.deleteDataKeys(personId, brandIds)
    for (const id of ids) this.cache.delete(id)
    this.forgetCurrent(personId)
    return ids
  }

  /** Destroys keys by id (keys referenced by rows, whoever they are filed under now). */
  async shredById(keyIds: readonly string[]): Promise<string[]> {
    const ids = await this.store.deleteDataKeysById(keyIds)
    for (const id of keyIds) this.cache.delete(id)
    for (const [slot, c] of [...this.current]) if (keyIds.includes(c.dk.keyId)) this.current.delete(slot)
    return ids
  }

  async reassign(fromPersonId: string, toPersonId: string): Promise<void> {
    await this.store.reassignDataKeys(fromPersonId, toPersonId)
    this.forgetCurrent(fromPersonId)
  }

  private forgetCurrent(personId: string): void {
    for (const slot of [...this.current.keys()])
      if (slot.startsWith(`${personId}|`)) this.current.delete(slot)
  }

  /** HMAC-SHA256 of `value` under the named organization secret, hex. */
  async keyedHash(name: SecretName, value: string): Promise<string> {
    const secret = await this.secret(name)
    return createHmac('sha256', secret).update(value, 'utf8').digest('hex')
  }

  /**
   * The named secret itself, for a caller that computes many HMACs with it (the audit chain).
   * Wrapped under the master key in the key store like every secret: rotation rewraps it and its
   * value never changes.
   */
  secretKey(name: SecretName): Promise<Buffer> {
    return this.secret(name)
  }

  /** Rewraps every data key and secret under `next`; the caller then makes `next` current. */
  async rotate(next: Buffer): Promise<{ dataKeys: number; secrets: number }> {
    const current = this.master
    const counts = await this.store.rewrapAll((wrapped, aad) => seal(next, open(current, wrapped, aad), aad))
    this.master = next
    this.cache.clear()
    this.current.clear()
    return counts
  }

  private unwrap(keyId: string, brandId: string, wrapped: string): DataKey {
    const dk = { keyId, key: open(this.master, wrapped, dataKeyAad(keyId, brandId)) }
    remember(this.cache, keyId, dk, MAX_CACHED_KEYS)
    return dk
  }

  private async secret(name: SecretName): Promise<Buffer> {
    const cached = this.secrets.get(name)
    if (cached) return cached
    const aad = secretAad(name)
    const stored = await this.store.putSecretIfAbsent(
      name,
      seal(this.master, newDataKey(), aad),
      this.clock.now(),
    )
    const value = open(this.master, stored, aad)
    this.secrets.set(name, value)
    return value
  }
}
