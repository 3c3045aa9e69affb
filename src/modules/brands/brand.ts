/** A brand of the organization: an isolation boundary for keys, data and consent. */
export interface Brand {
  readonly id: string
  readonly name: string
  /** Origins allowed to send browser tracking calls (CORS). */
  readonly allowedOrigins: readonly string[]
  readonly createdAt: number
}

export const BRAND_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/

/**
 * The origin a browser sends (`scheme://host[:port]`, lower-case, no path), or a message saying
 * what is wrong with `value`.
 *
 * @example
 * ```ts
 * parseOrigin('https://Shop.example.com') // { ok: true, origin: 'https://shop.example.com' }
 * parseOrigin('notaurl')                   // { ok: false, message: '…' }
 * ```
 */
export function parseOrigin(value: string): { ok: true; origin: string } | { ok: false; message: string } {
  const hint = 'an origin is scheme://host[:port], such as https://shop.example.com or http://localhost:3000'
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return { ok: false, message: `allowed origin "${value}" is not a URL: ${hint}` }
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { ok: false, message: `allowed origin "${value}" must use http or https: ${hint}` }
  if (url.pathname !== '/' || url.search || url.hash)
    return {
      ok: false,
      message: `allowed origin "${value}" has a path or query, which browsers never send: ${hint}`,
    }
  if (url.username || url.password)
    return { ok: false, message: `allowed origin "${value}" must not hold a user name or password: ${hint}` }
  return { ok: true, origin: url.origin }
}
