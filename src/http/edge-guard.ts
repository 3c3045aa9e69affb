import { BlockList, isIP, type Socket } from 'node:net'
import type { FastifyRequest } from 'fastify'
import type { Config } from '../config/config-schema.js'
import { CandorError } from '../kernel/errors.js'
import type { Principal } from '../modules/keys/index.js'

/** Most addresses or keys a counter remembers in a window (a memory bound; the oldest go first). */
const MAX_COUNTED = 100_000

/**
 * Requests per id in one-second windows that start at the id's first request, for at most
 * {@link MAX_COUNTED} ids (expired windows are dropped first, then the oldest). Forgetting an id
 * only ever lets it start a fresh window.
 */
export class WindowCounter {
  private readonly windows = new Map<string, { start: number; count: number }>()

  constructor(
    private readonly max: number,
    private readonly windowMs = 1000,
  ) {}

  /** Whether `id` already used its budget in its current window. */
  over(id: string, now = Date.now()): boolean {
    const w = this.windows.get(id)
    return w !== undefined && now - w.start < this.windowMs && w.count >= this.max
  }

  /** Counts one request of `id`; false when it is over the budget. */
  take(id: string, now = Date.now()): boolean {
    let w = this.windows.get(id)
    if (w === undefined || now - w.start >= this.windowMs) {
      if (w === undefined && this.windows.size >= MAX_COUNTED) this.evict(now)
      w = { start: now, count: 0 }
      this.windows.set(id, w)
    }
    w.count++
    return w.count <= this.max
  }

  private evict(now: number): void {
    for (const [id, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(id)
    if (this.windows.size >= MAX_COUNTED) {
      const oldest = this.windows.keys().next()
      if (!oldest.done) this.windows.delete(oldest.value)
    }
  }
}

/** The trusted proxies of the `trustProxy` setting, as Node's address matcher. */
export function trustedProxies(entries: readonly string[]): BlockList {
  const list = new BlockList()
  for (const entry of entries) {
    const [address, bits] = entry.split('/', 2) as [string, string | undefined]
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4'
    if (isIP(address) === 0)
      throw new CandorError('invalid-request', `trustProxy: ${entry} is not an address`, 'trustProxy')
    if (bits === undefined) list.addAddress(address, family)
    else list.addSubnet(address, Number(bits), family)
  }
  return list
}

function plain(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address
}

/**
 * What the edge does before a request reaches a route, in the order a request meets it:
 *
 * 1. **Connections per address** — a client address holds at most `connectionsPerAddress` open
 *    connections; more are destroyed on arrival (trusted proxies are exempt: every client of a
 *    load balancer shares its address).
 * 2. **Before authentication, per address** — an address whose requests without a valid key (none,
 *    malformed, unknown, revoked, wrong secret or kind) used up `unauthenticatedRateLimit` this
 *    second gets 429 before its key is looked at: key guessing is throttled.
 * 3. **After authentication, per key** — one budget of `rateLimit` per key per second across every
 *    route (tracking, server API, admin).
 *
 * The client address is `request.ip`: the socket's, or with `trustProxy` the one a trusted proxy
 * forwarded in `X-Forwarded-For`.
 */
export class EdgeGuard {
  private readonly perKey: WindowCounter | undefined
  private readonly perAddress: WindowCounter | undefined
  private readonly proxies: BlockList
  private readonly open = new Map<string, number>()

  constructor(private readonly config: Config) {
    this.perKey = config.rateLimit > 0 ? new WindowCounter(config.rateLimit) : undefined
    const unauth = config.unauthenticatedRateLimit ?? config.rateLimit
    this.perAddress = unauth > 0 ? new WindowCounter(unauth) : undefined
    this.proxies = trustedProxies(config.trustProxy)
  }

  /** Throws 429 when this address used its budget of unauthenticated requests this second. */
  beforeAuth(request: FastifyRequest): void {
    if (this.perAddress?.over(request.ip))
      throw new CandorError('rate-limited', 'too many requests without a valid key from this address')
  }

  /** A request from this address carried no valid key. */
  authFailed(request: FastifyRequest): void {
    this.perAddress?.take(request.ip)
  }

  /** Counts an authenticated request against its key; throws 429 over the budget. */
  authenticated(principal: Principal): void {
    if (this.perKey && !this.perKey.take(principal.keyId))
      throw new CandorError('rate-limited', 'too many requests for this key')
  }

  /** Whether a socket from this address is a trusted proxy. */
  isTrustedProxy(address: string): boolean {
    const a = plain(address)
    return this.proxies.check(a, isIP(a) === 6 ? 'ipv6' : 'ipv4')
  }

  /** Admits or destroys a new connection (the `connection` event of the HTTP server). */
  admit(socket: Socket): void {
    const limit = this.config.connectionsPerAddress
    const address = socket.remoteAddress
    if (limit === 0 || address === undefined || this.isTrustedProxy(address)) return
    const n = (this.open.get(address) ?? 0) + 1
    if (n > limit) {
      socket.destroy()
      return
    }
    this.open.set(address, n)
    socket.once('close', () => {
      const left = (this.open.get(address) ?? 1) - 1
      if (left <= 0) this.open.delete(address)
      else this.open.set(address, left)
    })
  }
}
