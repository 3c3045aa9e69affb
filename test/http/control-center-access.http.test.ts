/**
 * The control center's access and trust model, through the real HTTP stack: a brand's server key
 * asks for a signed, single-use, short-lived link; the page exchanges it once for a server-side
 * session (httpOnly, SameSite=Strict cookie, Secure behind HTTPS); every state-changing call needs
 * the page's own Origin and the session's CSRF token; logout and erasure end the session; tampered,
 * expired, replayed and foreign links are refused; sessions live in the store, so another
 * process (another Candor on the same database) honours them — on every dialect.
 */
import type { LightMyRequestResponse } from 'fastify'
import { SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCandor } from '../../src/app/create-candor.js'
import { buildServer } from '../../src/http/build-server.js'
import { routesOf } from '../../src/http/openapi-docs.js'
import { fixedClock } from '../../src/kernel/clock.js'
import { DIALECTS } from '../support/dialects.js'
import { createTestServer, type TestServer } from '../support/http.js'

const ORIGIN = 'http://localhost'
const START = Date.parse('2026-12-02T12:00:00.000Z')

interface Session {
  brand: { id: string; name: string }
  person: string
  csrfToken: string
  expiresAt: string
  steppedUp: boolean
}

function expectError(res: LightMyRequestResponse, status: number, code: string): void {
  const body = res.json() as { error?: { code: string } }
  expect({ status: res.statusCode, code: body.error?.code }, res.body).toEqual({ status, code })
}

/** The token in a link's `?token=`. */
const tokenOf = (url: string): string => new URL(url).searchParams.get('token') ?? ''

/** A JWT with one claim of its payload changed and the original signature kept. */
function tamper(token: string, change: (claims: Record<string, unknown>) => void): string {
  const [header, payload, signature] = token.split('.')
  const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >
  change(claims)
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`
}

describe('control-center access (sqlite)', () => {
  let s: TestServer
  const clock = fixedClock(START)

  const link = async (brand: string, ref: string): Promise<{ url: string; expiresAt: string }> => {
    const res = await s.call('POST', `/v1/persons/${ref}/control-link`, { key: s.keys.server[brand] })
    expect(res.statusCode, res.body).toBe(200)
    return res.json() as { url: string; expiresAt: string }
  }
  const exchange = (token: string, headers: Record<string, string> = { origin: ORIGIN }) =>
    s.app.inject({ method: 'POST', url: '/v1/me/session', headers, payload: { token } })
  const open = async (brand: string, ref: string): Promise<{ cookie: string; session: Session }> => {
    const res = await exchange(tokenOf((await link(brand, ref)).url))
    expect(res.statusCode, res.body).toBe(200)
    const cookie = res.cookies.find((c) => c.name === 'candor_session')
    expect(cookie).toBeDefined()
    return { cookie: cookie?.value ?? '', session: res.json() as Session }
  }
  const me = (cookie: string, method = 'GET', headers: Record<string, string> = {}) =>
    s.app.inject({
      method: method as 'GET',
      url: '/v1/me/session',
      headers: { cookie: `candor_session=${cookie}`, ...headers },
    })
  const addPerson = async (brand: string, ref: string) => {
    const res = await s.call('POST', `/v1/persons/${ref}/data-items`, {
      key: s.keys.server[brand],
      body: { items: [{ key: 'shoe_size', value: 42, category: 'user.preference', source: 'stated' }] },
    })
    expect(res.statusCode, res.body).toBe(200)
  }

  beforeAll(async () => {
    s = await createTestServer('sqlite', { trustProxy: '127.0.0.1' }, ['outdoor', 'baby', 'home'], { clock })
    await addPerson('outdoor', 'ann')
    await addPerson('outdoor', 'bob')
    await addPerson('baby', 'carla')
  })
  afterAll(() => s.close())

  it('issues a link for a person at the key’s brand, valid 15 minutes by default', async () => {
    const l = await link('outdoor', 'ann')
    expect(new URL(l.url).pathname).toBe('/me')
    expect(Date.parse(l.expiresAt) - clock.now()).toBe(15 * 60_000)
    // The token names the brand's pseudonym of the person, never Candor's internal id.
    const claims = JSON.parse(Buffer.from(tokenOf(l.url).split('.')[1] ?? '', 'base64url').toString())
    expect(claims.sub).toMatch(/^psn_/)
    expect(claims.brand).toBe('outdoor')
    expect(JSON.stringify(claims)).not.toMatch(/per_/)
  })

  it('is brand-scoped: a brand cannot get a link for a person it does not know', async () => {
    expectError(
      await s.call('POST', '/v1/persons/carla/control-link', { key: s.keys.server.outdoor }),
      404,
      'person-not-found',
    )
    expectError(
      await s.call('POST', '/v1/persons/ann/control-link', { key: s.keys.write.outdoor }),
      403,
      'forbidden',
    )
    expectError(await s.call('POST', '/v1/persons/ann/control-link', {}), 401, 'unauthorized')
  })

  it('exchanges a link once for an httpOnly, SameSite=Strict session of that person at that brand', async () => {
    const res = await exchange(tokenOf((await link('outdoor', 'ann')).url))
    expect(res.statusCode, res.body).toBe(200)
    const cookie = res.cookies.find((c) => c.name === 'candor_session')
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' })
    expect(cookie?.secure).toBeFalsy()
    const session = res.json() as Session
    expect(session.brand).toEqual({ id: 'outdoor', name: 'outdoor' })
    expect(session.steppedUp).toBe(false)
    const exported = await s.call('GET', '/v1/persons/ann/export', { key: s.keys.server.outdoor })
    expect(session.person).toBe((exported.json() as { personId: string }).personId)
    const again = await me(cookie?.value ?? '')
    expect(again.statusCode).toBe(200)
    expect((again.json() as Session).person).toBe(session.person)
  })

  it('sets Secure on the cookie behind HTTPS (a trusted proxy’s X-Forwarded-Proto)', async () => {
    const res = await exchange(tokenOf((await link('outdoor', 'ann')).url), {
      origin: 'https://privacy.example',
      host: 'privacy.example',
      'x-forwarded-proto': 'https',
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.cookies.find((c) => c.name === 'candor_session')?.secure).toBe(true)
  })

  it('refuses a replayed link', async () => {
    const token = tokenOf((await link('outdoor', 'ann')).url)
    expect((await exchange(token)).statusCode).toBe(200)
    expectError(await exchange(token), 401, 'control-link-used')
  })

  it('refuses a tampered link: another person, another brand, a later expiry, a changed signature', async () => {
    const bob = JSON.parse(
      Buffer.from(tokenOf((await link('outdoor', 'bob')).url).split('.')[1] ?? '', 'base64url').toString(),
    ) as { sub: string }
    const token = tokenOf((await link('outdoor', 'ann')).url)
    expectError(
      await exchange(
        tamper(token, (c) => {
          c.sub = bob.sub
        }),
      ),
      401,
      'control-link-invalid',
    )
    expectError(
      await exchange(
        tamper(token, (c) => {
          c.brand = 'baby'
        }),
      ),
      401,
      'control-link-invalid',
    )
    expectError(
      await exchange(
        tamper(token, (c) => {
          c.exp = Number(c.exp) + 3600
        }),
      ),
      401,
      'control-link-invalid',
    )
    const flipped = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`
    expectError(await exchange(flipped), 401, 'control-link-invalid')
    expectError(await exchange('not-a-token'), 401, 'control-link-invalid')
    // None of the tampered tries spent the real link.
    expect((await exchange(token)).statusCode).toBe(200)
  })

  it('refuses an expired link', async () => {
    const token = tokenOf((await link('outdoor', 'ann')).url)
    clock.advance(15 * 60_000 + 1000)
    try {
      expectError(await exchange(token), 401, 'control-link-expired')
    } finally {
      clock.set(START)
    }
  })

  it('refuses a foreign link: signed by another deployment, or by anyone for another audience or algorithm', async () => {
    const other = await createTestServer('sqlite', {}, ['outdoor'])
    try {
      await other.call('POST', '/v1/persons/ann/data-items', {
        key: other.keys.server.outdoor,
        body: { items: [{ key: 'shoe_size', value: 42, category: 'user.preference', source: 'stated' }] },
      })
      const res = await other.call('POST', '/v1/persons/ann/control-link', { key: other.keys.server.outdoor })
      expect(res.statusCode).toBe(200)
      expectError(await exchange(tokenOf((res.json() as { url: string }).url)), 401, 'control-link-invalid')
    } finally {
      await other.close()
    }
    const ann = JSON.parse(
      Buffer.from(tokenOf((await link('outdoor', 'ann')).url).split('.')[1] ?? '', 'base64url').toString(),
    ) as Record<string, unknown>
    const forged = await new SignJWT(ann)
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('a guessed secret of thirty-two bytes!!'))
    expectError(await exchange(forged), 401, 'control-link-invalid')
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(ann)).toString('base64url')}.`
    expectError(await exchange(unsigned), 401, 'control-link-invalid')
  })

  it('opens a link only from the page’s own origin (no login CSRF)', async () => {
    const token = tokenOf((await link('outdoor', 'ann')).url)
    expectError(await exchange(token, {}), 403, 'csrf-refused')
    expectError(await exchange(token, { origin: 'https://evil.example' }), 403, 'csrf-refused')
    expectError(await exchange(token, { origin: 'null' }), 403, 'csrf-refused')
    expect((await exchange(token)).statusCode).toBe(200)
  })

  it('needs a live session: no cookie, an unknown cookie or an expired session is refused', async () => {
    expectError(await s.app.inject({ method: 'GET', url: '/v1/me/session' }), 401, 'session-required')
    expectError(await me('made-up'), 401, 'session-required')
    const { cookie } = await open('outdoor', 'ann')
    clock.advance(60 * 60_000 + 1)
    try {
      expectError(await me(cookie), 401, 'session-required')
    } finally {
      clock.set(START)
    }
  })

  it('refuses a state-changing call without the own Origin or without the session’s CSRF token', async () => {
    const { cookie, session } = await open('outdoor', 'ann')
    const csrf = { 'x-csrf-token': session.csrfToken }
    expectError(await me(cookie, 'DELETE', csrf), 403, 'csrf-refused')
    expectError(
      await me(cookie, 'DELETE', { ...csrf, origin: 'https://outdoor.example' }),
      403,
      'csrf-refused',
    )
    expectError(await me(cookie, 'DELETE', { origin: ORIGIN }), 403, 'csrf-refused')
    expectError(
      await me(cookie, 'DELETE', { origin: ORIGIN, 'x-csrf-token': 'x'.repeat(43) }),
      403,
      'csrf-refused',
    )
    expect((await me(cookie)).statusCode).toBe(200)
  })

  it('guards every state-changing /v1/me route with the Origin and the CSRF token, before anything else', async () => {
    const { cookie, session } = await open('outdoor', 'ann')
    const changing = routesOf(s.app)
      .filter((r) => r.url.startsWith('/v1/me') && !['GET', 'HEAD', 'OPTIONS'].includes(r.method))
      .filter((r) => r.url !== '/v1/me/session' || r.method !== 'POST')
      .map((r) => ({ method: r.method as 'POST', url: r.url.replace(/:(\w+)/g, 'x') }))
    expect(changing.length).toBeGreaterThanOrEqual(5)
    for (const r of changing) {
      const base = { cookie: `candor_session=${cookie}`, 'content-type': 'application/json' }
      const noToken = await s.app.inject({ ...r, headers: { ...base, origin: ORIGIN }, payload: '{}' })
      expectError(noToken, 403, 'csrf-refused')
      const foreign = await s.app.inject({
        ...r,
        headers: { ...base, origin: 'https://outdoor.example', 'x-csrf-token': session.csrfToken },
        payload: '{}',
      })
      expectError(foreign, 403, 'csrf-refused')
    }
    // Nothing happened: the session (DELETE /v1/me would have erased Ann) is still there.
    expect((await me(cookie)).statusCode).toBe(200)
  })

  it('binds a cookie to its own person: another person’s CSRF token does not go with it', async () => {
    const ann = await open('outdoor', 'ann')
    const bob = await open('outdoor', 'bob')
    expect(ann.session.person).not.toBe(bob.session.person)
    expectError(
      await me(ann.cookie, 'DELETE', { origin: ORIGIN, 'x-csrf-token': bob.session.csrfToken }),
      403,
      'csrf-refused',
    )
    expect((await me(bob.cookie)).json()).toMatchObject({ person: bob.session.person })
    expect((await me(ann.cookie)).json()).toMatchObject({ person: ann.session.person })
  })

  it('logs out: the session ends on the server, so a kept cookie opens nothing', async () => {
    const { cookie, session } = await open('outdoor', 'ann')
    const out = await me(cookie, 'DELETE', { origin: ORIGIN, 'x-csrf-token': session.csrfToken })
    expect(out.statusCode).toBe(204)
    expect(out.cookies.find((c) => c.name === 'candor_session')?.value).toBe('')
    expectError(await me(cookie), 401, 'session-required')
  })

  it('ends sessions and spends links at erasure: the session and an unused link are refused', async () => {
    await addPerson('outdoor', 'dora')
    const { cookie } = await open('outdoor', 'dora')
    const unused = tokenOf((await link('outdoor', 'dora')).url)
    const erased = await s.call('DELETE', '/v1/persons/dora', { key: s.keys.server.outdoor })
    expect(erased.statusCode, erased.body).toBe(200)
    expect((erased.json() as { removed: { table: string; count: number }[] }).removed).toContainEqual({
      table: 'control_sessions',
      count: 1,
    })
    expectError(await me(cookie), 401, 'session-required')
    expectError(await exchange(unused), 401, 'control-link-invalid')
  })

  it('takes its link lifetime from the setting controlLinkTtlMinutes', async () => {
    const short = await createTestServer('sqlite', { controlLinkTtlMinutes: 2 }, ['outdoor'], { clock })
    try {
      await short.call('POST', '/v1/persons/ann/data-items', {
        key: short.keys.server.outdoor,
        body: { items: [{ key: 'shoe_size', value: 42, category: 'user.preference', source: 'stated' }] },
      })
      const res = await short.call('POST', '/v1/persons/ann/control-link', { key: short.keys.server.outdoor })
      expect(Date.parse((res.json() as { expiresAt: string }).expiresAt) - clock.now()).toBe(2 * 60_000)
    } finally {
      await short.close()
    }
  })
})

for (const dialect of DIALECTS) {
  describe(`control-center sessions live in the store (${dialect})`, () => {
    let s: TestServer
    beforeAll(async () => {
      s = await createTestServer(dialect, {}, ['outdoor'])
    })
    afterAll(() => s.close())

    it('a session opened on one process is honoured, and its logout seen, by another on the same store', async () => {
      await s.call('POST', '/v1/persons/ann/data-items', {
        key: s.keys.server.outdoor,
        body: { items: [{ key: 'shoe_size', value: 42, category: 'user.preference', source: 'stated' }] },
      })
      const l = await s.call('POST', '/v1/persons/ann/control-link', { key: s.keys.server.outdoor })
      const token = tokenOf((l.json() as { url: string }).url)
      const opened = await s.app.inject({
        method: 'POST',
        url: '/v1/me/session',
        headers: { origin: ORIGIN },
        payload: { token },
      })
      expect(opened.statusCode, opened.body).toBe(200)
      const cookie = `candor_session=${opened.cookies.find((c) => c.name === 'candor_session')?.value}`
      const csrf = (opened.json() as Session).csrfToken

      const second = await createCandor(s.candor.config)
      const app2 = await buildServer(second, {
        logStream: { write: () => true } as unknown as NodeJS.WritableStream,
      })
      try {
        // The link was spent on the first process: the second refuses it too.
        const replay = await app2.inject({
          method: 'POST',
          url: '/v1/me/session',
          headers: { origin: ORIGIN },
          payload: { token },
        })
        expectError(replay, 401, 'control-link-used')
        const seen = await app2.inject({ method: 'GET', url: '/v1/me/session', headers: { cookie } })
        expect(seen.statusCode, seen.body).toBe(200)
        const out = await app2.inject({
          method: 'DELETE',
          url: '/v1/me/session',
          headers: { cookie, origin: ORIGIN, 'x-csrf-token': csrf },
        })
        expect(out.statusCode).toBe(204)
        expectError(
          await s.app.inject({ method: 'GET', url: '/v1/me/session', headers: { cookie } }),
          401,
          'session-required',
        )
      } finally {
        await app2.close()
        await second.close()
      }
    })
  })
}
