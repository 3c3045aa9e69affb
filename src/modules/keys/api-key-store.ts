import type { ApiKey } from './api-key.js'

export interface ApiKeyStore {
  insert(key: ApiKey): Promise<void>
  get(id: string): Promise<ApiKey | undefined>
  /** Keys whose id starts with `prefix`, at most `limit`. */
  findByPrefix(prefix: string, limit: number): Promise<ApiKey[]>
  list(limit: number, cursor?: string): Promise<ApiKey[]>
  /** Sets revoked_at unless already revoked; returns whether a row changed. */
  revoke(id: string, at: number): Promise<boolean>
}
