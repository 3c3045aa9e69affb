import { randomBytes, randomUUID } from 'node:crypto'

/** A new random id with a readable prefix, e.g. `newId('per')` → `per_0f3c…`. */
export function newId(prefix: string): string {
  return `${prefix}_${randomUUID().replaceAll('-', '')}`
}

/** `bytes` random bytes as base64url, for secrets such as API keys. */
export function randomToken(bytes: number): string {
  return randomBytes(bytes).toString('base64url')
}
