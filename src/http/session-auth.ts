import { timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { CandorError } from '../kernel/errors.js'
import type { ControlAccessService, ControlSession } from '../modules/control-center/index.js'
import type { EdgeGuard } from './edge-guard.js'

declare module 'fastify' {
  interface FastifyRequest {
    controlSession: ControlSession | undefined
  }
}

/** The control-center session cookie: httpOnly, SameSite=Strict, Secure behind HTTPS. */
export const SESSION_COOKIE = 'candor_session'
/** The header a state-changing control-center call carries the session's CSRF token in. */
export const CSRF_HEADER = 'x-csrf-token'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

function originOf(value: string): string | undefined {
  try {
    const origin = new URL(value).origin
    return origin === 'null' ? undefined : origin
  } catch {
    return undefined
  }
}

/** The origin the control center is served from: `publicUrl`, else the request's own. */
export function ownOrigin(request: FastifyRequest, publicUrl: string): string | undefined {
  return publicUrl ? originOf(publicUrl) : originOf(`${request.protocol}://${request.host}`)
}

/**
 * Refuses a state-changing request whose `Origin` is missing or not the control center's own
 * (a form or script on another site). Browsers send `Origin` on every non-GET fetch.
 */
export function checkOrigin(request: FastifyRequest, publicUrl: string): void {
  if (SAFE_METHODS.has(request.method)) return
  const header = request.headers.origin
  const sent = typeof header === 'string' ? originOf(header) : undefined
  if (sent === undefined || sent !== ownOrigin(request, publicUrl))
    throw new CandorError(
      'csrf-refused',
      'a change to the control center must come from its own page (Origin header)',
      'Origin',
    )
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/**
 * Adds an onRequest hook to this encapsulated context (which must have @fastify/cookie): the
 * request must carry the cookie of a live control-center session; a state-changing one must also
 * come from the page's own origin and carry the session's CSRF token. Sets `controlSession`.
 */
export function requireSession(
  app: FastifyInstance,
  access: Pick<ControlAccessService, 'session'>,
  guard: EdgeGuard,
  publicUrl: string,
): void {
  app.decorateRequest('controlSession', undefined)
  app.addHook('onRequest', async (request) => {
    guard.beforeAuth(request)
    checkOrigin(request, publicUrl)
    const secret = request.cookies[SESSION_COOKIE]
    const session = secret ? await access.session(secret) : undefined
    if (!session) {
      guard.authFailed(request)
      throw new CandorError(
        'session-required',
        'no control-center session; open a new link from the brand',
        'cookie',
      )
    }
    if (!SAFE_METHODS.has(request.method)) {
      const token = request.headers[CSRF_HEADER]
      if (typeof token !== 'string' || !sameSecret(token, session.csrfToken))
        throw new CandorError(
          'csrf-refused',
          `a change to the control center needs the session's ${CSRF_HEADER} header`,
          CSRF_HEADER,
        )
    }
    request.controlSession = session
  })
}

/** The session of a request in a `requireSession` context. */
export function sessionOf(request: FastifyRequest): ControlSession {
  if (!request.controlSession)
    throw new CandorError('session-required', 'no control-center session', 'cookie')
  return request.controlSession
}

/** Sets the session cookie (Secure when the request came over HTTPS, directly or via a trusted proxy). */
export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  secret: string,
  expiresAt: number,
): void {
  reply.setCookie(SESSION_COOKIE, secret, {
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    path: '/',
    expires: new Date(expiresAt),
  })
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    path: '/',
  })
}
