export { IdempotencyService } from './idempotency-service.js'
export type { IdempotencyStore, StoredResponse } from './idempotency-store.js'
