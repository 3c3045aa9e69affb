import type { FastifyInstance, FastifyRequest } from 'fastify'
import { CandorError } from '../kernel/errors.js'
import type { ApiKeyService, KeyKind, Principal } from '../modules/keys/index.js'
import type { EdgeGuard } from './edge-guard.js'

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | undefined
  }
}

/** Reads `Authorization: Bearer <key>` (or Basic with the key as user name). */
export function presentedKey(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization
  if (!header) return undefined
  const [scheme, value] = header.split(' ', 2)
  if (!value) return undefined
  if (scheme?.toLowerCase() === 'bearer') return value.trim()
  if (scheme?.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8')
    const i = decoded.indexOf(':')
    return i < 0 ? decoded : decoded.slice(0, i)
  }
  return undefined
}

/**
 * Adds an onRequest hook to this encapsulated context: the request must carry a live key of
 * one of `kinds`. It runs on the headers, before any body is read. An address over its budget
 * of requests without a valid key → 429 before the key is looked at; no, unknown or revoked
 * keys → 401; a key of another kind → 403; a key over its budget (all routes) → 429.
 */
export function requireKey(
  app: FastifyInstance,
  keys: ApiKeyService,
  guard: EdgeGuard,
  kinds: readonly KeyKind[],
): void {
  app.decorateRequest('principal', undefined)
  app.addHook('onRequest', async (request) => {
    guard.beforeAuth(request)
    const token = presentedKey(request)
    if (!token) {
      guard.authFailed(request)
      throw new CandorError('unauthorized', 'send a key as Authorization: Bearer <key>', 'Authorization')
    }
    const principal = await keys.authenticate(token)
    if (!principal) {
      guard.authFailed(request)
      throw new CandorError('unauthorized', 'unknown or revoked key', 'Authorization')
    }
    guard.authenticated(principal)
    if (!kinds.includes(principal.kind))
      throw new CandorError(
        'forbidden',
        `this endpoint needs ${kinds.map((k) => `${/^[aeiou]/.test(k) ? 'an' : 'a'} ${k}`).join(' or ')} key, not ${/^[aeiou]/.test(principal.kind) ? 'an' : 'a'} ${principal.kind} key`,
        'Authorization',
      )
    request.principal = principal
  })
}

/** The principal of an authenticated request (set by `requireKey`). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new CandorError('unauthorized', 'no key', 'Authorization')
  return request.principal
}

/** The brand a brand-scoped key belongs to; admin keys must name one in `brand`. */
export function brandOf(request: FastifyRequest, named?: string): string {
  const p = principalOf(request)
  if (p.brandId) {
    if (named !== undefined && named !== p.brandId)
      throw new CandorError('brand-mismatch', 'this key belongs to another brand', 'brand')
    return p.brandId
  }
  if (named === undefined)
    throw new CandorError('invalid-request', 'an organization key must name the brand', 'brand')
  return named
}
