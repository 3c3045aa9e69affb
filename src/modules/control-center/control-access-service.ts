import { createHash, randomBytes } from 'node:crypto'
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose'
import type { Clock } from '../../kernel/clock.js'
import { CandorError } from '../../kernel/errors.js'
import { newId } from '../../kernel/ids.js'
import type { ControlSession, ControlSessionStore } from './control-session-store.js'

/** The issuer and audience of every control link; a token meant for anything else is refused. */
const ISSUER = 'candor'
const AUDIENCE = 'candor-control-center'

export interface ControlAccessSettings {
  /** How long a control link can be exchanged, in milliseconds. */
  readonly linkTtlMs: number
  /** How long a session lasts after the exchange, in milliseconds. */
  readonly sessionTtlMs: number
}

/** Where the person a link names comes from: the brand-scoped pseudonym, never the internal id. */
export interface PseudonymPort {
  /** The pseudonym this brand knows the person by. */
  pseudonym(personId: string, brandId: string): Promise<string>
  /** The person and brand of a pseudonym, or undefined (unknown, or erased). */
  resolve(pseudonym: string): Promise<{ personId: string; brandId: string } | undefined>
}

/** A control link: the token to put in `/me?token=` and when it stops working. */
export interface ControlLink {
  readonly token: string
  readonly expiresAt: number
}

/** A session just opened: the cookie's secret (never stored) and the session. */
export interface OpenedSession {
  readonly secret: string
  readonly session: ControlSession
}

const hashOf = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex')

/**
 * Access to the control center: signed, single-person, short-lived links (HS256 JWTs under a
 * secret kept wrapped by the master key) that a brand's backend asks for, exchanged once for a
 * server-side session. Erasure and logout delete sessions; an erased person's links resolve to
 * no one and are refused.
 */
export class ControlAccessService {
  constructor(
    private readonly store: ControlSessionStore,
    private readonly people: PseudonymPort,
    private readonly signingKey: () => Promise<Uint8Array>,
    private readonly settings: ControlAccessSettings,
    private readonly clock: Clock,
  ) {}

  /**
   * A link for the person at the brand; the token names the brand's pseudonym of the person. It
   * expires after `controlLinkTtlMinutes`, or `ttlMs` when given (only `candor demo` does, for the
   * links it prints).
   */
  async issueLink(personId: string, brandId: string, ttlMs = this.settings.linkTtlMs): Promise<ControlLink> {
    const now = this.clock.now()
    const expiresAt = now + ttlMs
    const token = await new SignJWT({ brand: brandId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject(await this.people.pseudonym(personId, brandId))
      .setJti(newId('lnk'))
      .setIssuedAt(Math.floor(now / 1000))
      .setExpirationTime(Math.floor(expiresAt / 1000))
      .sign(await this.signingKey())
    return { token, expiresAt: Math.floor(expiresAt / 1000) * 1000 }
  }

  /**
   * Exchanges a link's token for a new session. Throws `control-link-expired`, `control-link-used`
   * (a replay) or `control-link-invalid` (tampered, signed elsewhere, not a control link, or its
   * person erased). The link is spent even if the person is gone by then.
   */
  async exchange(token: string): Promise<OpenedSession> {
    const now = this.clock.now()
    let claims: { sub?: string; jti?: string; exp?: number; brand?: unknown }
    try {
      const verified = await jwtVerify(token, await this.signingKey(), {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        currentDate: new Date(now),
        requiredClaims: ['sub', 'jti', 'exp', 'iat'],
      })
      claims = verified.payload
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired)
        throw new CandorError(
          'control-link-expired',
          'this link has expired; ask the brand for a new one',
          'token',
        )
      throw new CandorError('control-link-invalid', 'this is not a valid control-center link', 'token')
    }
    const { sub, jti, exp, brand } = claims
    if (
      typeof sub !== 'string' ||
      typeof jti !== 'string' ||
      typeof exp !== 'number' ||
      typeof brand !== 'string'
    )
      throw new CandorError('control-link-invalid', 'this is not a valid control-center link', 'token')
    if (!(await this.store.spendLink(jti, now, exp * 1000)))
      throw new CandorError(
        'control-link-used',
        'this link was already used; ask the brand for a new one',
        'token',
      )
    const found = await this.people.resolve(sub)
    if (!found || found.brandId !== brand)
      throw new CandorError('control-link-invalid', 'this is not a valid control-center link', 'token')
    const secret = randomBytes(32).toString('base64url')
    const session: ControlSession = {
      secretHash: hashOf(secret),
      personId: found.personId,
      brandId: brand,
      csrfToken: randomBytes(32).toString('base64url'),
      createdAt: now,
      expiresAt: now + this.settings.sessionTtlMs,
      steppedUpAt: undefined,
    }
    await this.store.create(session)
    return { secret, session }
  }

  /** The live session for a cookie's secret; undefined when unknown, ended or expired. */
  async session(secret: string): Promise<ControlSession | undefined> {
    if (secret.length === 0 || secret.length > 128) return undefined
    const found = await this.store.find(hashOf(secret))
    if (!found || found.expiresAt <= this.clock.now()) return undefined
    return found
  }

  /** Ends the session of this secret (logout); false when there was none. */
  end(secret: string): Promise<boolean> {
    return this.store.delete(hashOf(secret))
  }

  /** Removes expired sessions and spent links whose tokens have expired anyway. */
  expire(): Promise<number> {
    return this.store.expire(this.clock.now())
  }
}
