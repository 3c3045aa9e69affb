import { createHash } from 'node:crypto'
import type { Clock } from '../../kernel/clock.js'
import { CandorError } from '../../kernel/errors.js'
import type { IdempotencyStore } from './idempotency-store.js'

/**
 * `Idempotency-Key` for writes: a repeat of the same request within the TTL returns the first
 * result without running it again; the same key with a different request is refused.
 */
export class IdempotencyService {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly ttlMs: number,
    private readonly clock: Clock,
  ) {}

  static hashRequest(parts: readonly unknown[]): string {
    return createHash('sha256').update(JSON.stringify(parts)).digest('hex')
  }

  async run(
    brandId: string,
    key: string | undefined,
    requestHash: string,
    fn: () => Promise<{ statusCode: number; body: unknown }>,
  ): Promise<{ statusCode: number; body: unknown; replayed: boolean }> {
    if (key === undefined) return { ...(await fn()), replayed: false }
    if (key.length === 0 || key.length > 255)
      throw new CandorError('invalid-request', 'Idempotency-Key must be 1-255 characters', 'Idempotency-Key')
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
      statusCode: result.statusCode,
      body: JSON.stringify(result.body),
      createdAt: now,
    })
    return { ...result, replayed: false }
  }

  expire(): Promise<number> {
    return this.store.expire(this.clock.now() - this.ttlMs)
  }
}
