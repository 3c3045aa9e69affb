import { connect, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestServer, type TestServer } from '../support/http.js'

/**
 * Denial of service at the edge, against a real server on loopback: bounded in connections
 * (at most a few dozen) and time (each case a few seconds).
 */
describe('edge limits (real server, loopback)', () => {
  let s: TestServer | undefined
  afterEach(async () => {
    await s?.close()
    s = undefined
  })

  const start = async (overrides: Record<string, unknown>) => {
    s = await createTestServer('sqlite', overrides)
    await s.app.listen({ port: 0, host: '127.0.0.1' })
    const address = s.app.server.address()
    if (address === null || typeof address === 'string') throw new Error('no port')
    return { server: s, port: address.port, base: `http://127.0.0.1:${address.port}` }
  }

  const open = (port: number) =>
    new Promise<Socket>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(socket))
      socket.once('error', reject)
    })

  /** Everything the server sends until it closes the connection (or `ms` pass). */
  const until = (socket: Socket, ms: number) =>
    new Promise<{ text: string; closed: boolean; at: number; firstAt: number }>((resolve) => {
      const t0 = Date.now()
      let text = ''
      let firstAt = -1
      socket.on('data', (d) => {
        if (firstAt < 0) firstAt = Date.now() - t0
        text += d.toString()
      })
      socket.on('error', () => {})
      const timer = setTimeout(() => resolve({ text, closed: false, at: Date.now() - t0, firstAt }), ms)
      socket.once('close', () => {
        clearTimeout(timer)
        resolve({ text, closed: true, at: Date.now() - t0, firstAt })
      })
    })

  it('without a valid key, an address gets 429 past its budget (no key, garbage, wrong secret alike)', async () => {
    const { server, base } = await start({ rateLimit: 5 })
    const real = server.keys.server.outdoor as string
    const wrongSecret = `${real.slice(0, -4)}AAAA`
    const statuses = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const headers: Record<string, string> =
          i % 3 === 0 ? {} : { authorization: `Bearer ${i % 3 === 1 ? 'cnd_server_garbage_x' : wrongSecret}` }
        return (await fetch(`${base}/v1/persons/x/consent`, { headers })).status
      }),
    )
    // The budget (5) is counted on failures, and checked before the key is looked at: requests
    // already past the check when the 5th failure counted may still answer 401.
    expect(statuses.filter((x) => x === 401).length).toBeGreaterThanOrEqual(5)
    expect(statuses.filter((x) => x === 429).length).toBeGreaterThanOrEqual(4)
    expect(statuses.filter((x) => x !== 401 && x !== 429)).toEqual([])
    // The tracking routes share the address budget: a guessed write key is refused before its lookup.
    const track = await fetch(`${base}/v1/track`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('cnd_write_nope_x:').toString('base64')}` },
      body: '{}',
    })
    expect(track.status).toBe(429)
  })

  it('one key has one budget across every route group', async () => {
    const { server, base } = await start({ rateLimit: 6 })
    const key = server.keys.server.outdoor as string
    const urls = ['/v1/taxonomy/topics', '/v1/persons/nobody/consent', '/v1/ingest/rejections']
    const t0 = Date.now()
    const statuses = await Promise.all(
      Array.from(
        { length: 12 },
        async (_, i) =>
          (await fetch(`${base}${urls[i % 3]}`, { headers: { authorization: `Bearer ${key}` } })).status,
      ),
    )
    expect(Date.now() - t0, 'the 12 requests ran within one window').toBeLessThan(1000)
    expect(statuses.filter((x) => x !== 429)).toHaveLength(6)
    expect(statuses.filter((x) => x === 429)).toHaveLength(6)
  })

  it('a tracking request with a wrong header key is refused before its body arrives', async () => {
    const { port } = await start({})
    const socket = await open(port)
    const wrong = Buffer.from('cnd_write_nope_x:').toString('base64')
    socket.write(
      `POST /v1/batch HTTP/1.1\r\nHost: x\r\nAuthorization: Basic ${wrong}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"batch":[`,
    )
    try {
      const r = await until(socket, 3000)
      expect(r.text).toMatch(/^HTTP\/1.1 401/)
      expect(r.firstAt).toBeGreaterThanOrEqual(0)
      expect(r.firstAt).toBeLessThan(1000)
      // The server does not wait for the rest of the body: it closes the connection.
      expect(r.text.toLowerCase()).toContain('connection: close')
      expect(r.closed).toBe(true)
    } finally {
      socket.destroy()
    }
  })

  it('a body that trickles in is cut off after requestTimeoutMs (408, connection closed)', async () => {
    const { port, server } = await start({ requestTimeoutMs: 1000 })
    const sockets = await Promise.all([open(port), open(port)])
    const [keyed, keyless] = sockets as [Socket, Socket]
    keyed.write(
      `POST /v1/persons/slow/data-items HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${server.keys.server.outdoor}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{`,
    )
    keyless.write(
      'POST /v1/batch HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n{',
    )
    const drip = setInterval(() => {
      for (const s of sockets) if (!s.destroyed) s.write(' ')
    }, 200)
    try {
      const results = await Promise.all(sockets.map((s) => until(s, 4000)))
      for (const r of results) {
        expect(r.closed).toBe(true)
        expect(r.at).toBeLessThan(3000)
        expect(r.text).toMatch(/^HTTP\/1.1 408/)
      }
    } finally {
      clearInterval(drip)
      for (const s of sockets) s.destroy()
    }
  })

  it('an address holds at most connectionsPerAddress connections; the others are closed at once', async () => {
    const { port, base } = await start({ connectionsPerAddress: 4 })
    const sockets = await Promise.all(Array.from({ length: 7 }, () => open(port)))
    const results = await Promise.all(sockets.map((s) => until(s, 500)))
    expect(results.filter((r) => r.closed)).toHaveLength(3)
    for (const s of sockets) s.destroy()
    await new Promise((r) => setTimeout(r, 100))
    // Closed connections free their slots.
    expect((await fetch(`${base}/healthz`)).status).toBe(200)
  })

  it('behind trusted proxies, each forwarded client address has its own budget', async () => {
    const { base } = await start({ rateLimit: 3, trustProxy: '127.0.0.1' })
    const from = async (client: string) =>
      (await fetch(`${base}/v1/persons/x/consent`, { headers: { 'x-forwarded-for': client } })).status
    const a = [
      await from('203.0.113.1'),
      await from('203.0.113.1'),
      await from('203.0.113.1'),
      await from('203.0.113.1'),
    ]
    expect(a).toEqual([401, 401, 401, 429])
    expect(await from('203.0.113.2')).toBe(401)
  })
})
