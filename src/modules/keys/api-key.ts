import { createHash, timingSafeEqual } from 'node:crypto'

/** Key kinds and what they may do: tracking, brand server API, organization admin, review overrides. */
export const KEY_KINDS = ['write', 'server', 'admin', 'reviewer'] as const
export type KeyKind = (typeof KEY_KINDS)[number]

/** Kinds that belong to one brand. */
export const BRAND_SCOPED_KINDS: readonly KeyKind[] = ['write', 'server']

/** A key as stored: never the key itself, only the hash of its secret part. */
export interface ApiKey {
  readonly id: string
  readonly kind: KeyKind
  readonly brandId: string | null
  readonly secretHash: string
  readonly label: string
  readonly createdAt: number
  readonly revokedAt: number | null
}

/** Who called: the authenticated key, as services see it. */
export interface Principal {
  readonly keyId: string
  readonly kind: KeyKind
  readonly brandId: string | null
}

const KEY_PATTERN = /^cnd_(write|server|admin|reviewer)_([a-z0-9]{10})_([A-Za-z0-9_-]{32,64})$/

/** `cnd_<kind>_<id>_<secret>`; the id is public (shown in lists), the secret is shown once. */
export function formatKey(kind: KeyKind, id: string, secret: string): string {
  return `cnd_${kind}_${id}_${secret}`
}

export function parseKey(token: string): { kind: KeyKind; id: string; secret: string } | undefined {
  const m = KEY_PATTERN.exec(token)
  if (!m) return undefined
  return { kind: m[1] as KeyKind, id: m[2] as string, secret: m[3] as string }
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex')
}

/** Constant-time comparison of two hex hashes. */
export function sameHash(a: string, b: string): boolean {
  const ab = Buffer.from(a, 'hex')
  const bb = Buffer.from(b, 'hex')
  return ab.length === bb.length && timingSafeEqual(ab, bb)
}

export function actorOf(principal: Principal): string {
  return `key:${principal.keyId}`
}
