import type { Clock } from '../../kernel/clock.js'
import { CandorError } from '../../kernel/errors.js'
import type { IdempotencyStore } from './idempotency-store.js'

/**
 * `Idempotency-Key` for writes: a repeat of the same request within the TTL returns the first
 * result without running it again; the same key with a different request is refused. Requests
 * are compared by a keyed hash (their values are never stored), and each stored answer names
 * the person it concerns, so erasure removes it.
 */
export class IdempotencyService {
  constructor(
    private readonly store: IdempotencyStore,
    /** A keyed hash (HMAC under an organization secret): low-entropy values cannot be guessed from it. */
    private readonly hash: (value: string) => Promise<string>,
    private readonly ttlMs: number,
    private readonly clock: Clock,
  ) {}

  async run(
    brandId: string,
    key: string | undefined,
    request: readonly unknown[],
    fn: () => Promise<{ statusCode: number; body: unknown; personId: string }>,
  ): Promise<{ statusCode: number; body: unknown; replayed: boolean }> {
    if (key === undefined) {
      const { statusCode, body } = await fn()
      return { statusCode, body, replayed: false }
    }
    if (key.length === 0 || key.length > 255) {
      throw new CandorError('invalid-request', 'Idempotency-Key must be 1-255 characters', 'Idempotency-Key')
    }
    const requestHash = await this.hash(JSON.stringify(request))
    const now = this.clock.now()
    const found = await this.store.get(brandId, key)
    if (found && found.createdAt > now - this.ttlMs) {
      if (found.requestHash !== requestHash) {
        throw new CandorError(
          'idempotency-key-reused',
          'this Idempotency-Key was used with a different request',
          'Idempotency-Key',
        )
      }
      return { statusCode: found.statusCode, body: JSON.parse(found.body), replayed: true }
    }
    const result = await fn()
    await this.store.put(brandId, key, {
      requestHash,
      personId: result.personId,
      statusCode: result.statusCode,
      body: JSON.stringify(result.body),
      createdAt: now,
    })
    return { statusCode: result.statusCode, body: result.body, replayed: false }
  }

  /** Erasure: drops the stored answers about a person. */
  purgePerson(personId: string, brandIds: readonly string[] | undefined): Promise<number> {
    return this.store.purgePerson(personId, brandIds)
  }

  expire(): Promise<number> {
    return this.store.expire(this.clock.now() - this.ttlMs)
  }
}
