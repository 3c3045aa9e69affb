import { randomBytes } from 'node:crypto'
import { remember } from '../../kernel/bounded-map.js'
import type { Clock } from '../../kernel/clock.js'
import { CandorError } from '../../kernel/errors.js'
import { randomToken } from '../../kernel/ids.js'
import type { BrandService } from '../brands/index.js'
import {
  type ApiKey,
  BRAND_SCOPED_KINDS,
  formatKey,
  hashSecret,
  type KeyKind,
  type Principal,
  parseKey,
  sameHash,
} from './api-key.js'
import type { ApiKeyStore } from './api-key-store.js'

export interface CreatedKey {
  /** The key itself: shown once, never stored. */
  readonly key: string
  readonly id: string
  readonly kind: KeyKind
  readonly brandId: string | null
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'

const KEY_CACHE_MS = 1000
/** Keys that exist: as many as an organization issues. */
export const MAX_CACHED_KEYS = 10_000
/** Ids that do not exist: their own, smaller bound, so well-formed bogus ids never evict real keys. */
export const MAX_CACHED_UNKNOWN_KEYS = 1000

export class ApiKeyService {
  private readonly known = new Map<string, { key: ApiKey; at: number }>()
  private readonly unknown = new Map<string, number>()
  constructor(
    private readonly store: ApiKeyStore,
    private readonly brands: BrandService,
    private readonly clock: Clock,
  ) {}

  /** Issues a key. `write` and `server` keys need a brand; `admin` and `reviewer` keys belong to the organization. */
  async create(input: { kind: KeyKind; brandId?: string | undefined; label?: string }): Promise<CreatedKey> {
    const scoped = BRAND_SCOPED_KINDS.includes(input.kind)
    if (scoped && !input.brandId)
      throw new CandorError('invalid-request', `a ${input.kind} key needs a brand`, 'brand')
    if (!scoped && input.brandId)
      throw new CandorError(
        'invalid-request',
        `a ${input.kind} key belongs to the organization, not a brand`,
        'brand',
      )
    if (input.brandId) await this.brands.require(input.brandId)
    const id = newKeyId()
    const secret = randomToken(32)
    await this.store.insert({
      id,
      kind: input.kind,
      brandId: input.brandId ?? null,
      secretHash: hashSecret(secret),
      label: input.label ?? '',
      createdAt: this.clock.now(),
      revokedAt: null,
    })
    return { key: formatKey(input.kind, id, secret), id, kind: input.kind, brandId: input.brandId ?? null }
  }

  /**
   * The principal for a presented key, or undefined for a malformed, unknown or revoked key.
   * The secret is compared in constant time.
   */
  async authenticate(token: string): Promise<Principal | undefined> {
    const parsed = parseKey(token)
    if (!parsed) return undefined
    const key = await this.lookup(parsed.id)
    const presented = hashSecret(parsed.secret)
    if (!key) return undefined
    if (!sameHash(presented, key.secretHash) || key.kind !== parsed.kind || key.revokedAt !== null)
      return undefined
    return { keyId: key.id, kind: key.kind, brandId: key.brandId }
  }

  /**
   * The stored key, read at most once a second per key: a revocation takes effect at once in
   * the process that revoked it, and within a second in every other one.
   */
  private async lookup(id: string): Promise<ApiKey | undefined> {
    const now = this.clock.now()
    const hit = this.known.get(id)
    if (hit && now - hit.at < KEY_CACHE_MS) return hit.key
    const miss = this.unknown.get(id)
    if (miss !== undefined && now - miss < KEY_CACHE_MS) return undefined
    const key = await this.store.get(id)
    if (key) {
      this.unknown.delete(id)
      remember(this.known, id, { key, at: now }, MAX_CACHED_KEYS)
    } else {
      this.known.delete(id)
      remember(this.unknown, id, now, MAX_CACHED_UNKNOWN_KEYS)
    }
    return key
  }

  list(limit: number, cursor?: string): Promise<ApiKey[]> {
    return this.store.list(limit, cursor)
  }

  /** Revokes the one key whose id (or full `cnd_<kind>_<id>` prefix) starts with `prefix`. */
  async revoke(prefix: string): Promise<ApiKey> {
    const idPrefix = prefix.replace(/^cnd_(write|server|admin|reviewer)_/, '').split('_')[0] ?? ''
    if (idPrefix.length < 4)
      throw new CandorError('invalid-request', 'give at least 4 characters of the key id', 'prefix')
    const matches = await this.store.findByPrefix(idPrefix, 2)
    if (matches.length === 0) throw new CandorError('key-not-found', 'no key matches that prefix', 'prefix')
    if (matches.length > 1)
      throw new CandorError(
        'ambiguous-key-prefix',
        'more than one key matches; give more characters',
        'prefix',
      )
    const key = matches[0] as ApiKey
    await this.store.revoke(key.id, this.clock.now())
    this.known.delete(key.id)
    return { ...key, revokedAt: key.revokedAt ?? this.clock.now() }
  }
}

function newKeyId(): string {
  const bytes = randomBytes(10)
  let id = ''
  for (const b of bytes) id += ID_ALPHABET[b % ID_ALPHABET.length]
  return id
}
