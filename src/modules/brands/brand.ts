/** A brand of the organization: an isolation boundary for keys, data and consent. */
export interface Brand {
  readonly id: string
  /** The name operators and the API see. */
  readonly name: string
  /** Origins allowed to send browser tracking calls (CORS). */
  readonly allowedOrigins: readonly string[]
  /** What the person-facing pages call the brand; null: `name`. */
  readonly displayName: string | null
  /** Main colour of the person-facing pages, `#rrggbb`; null: the default theme. */
  readonly primaryColor: string | null
  /** Second colour (links, highlights), `#rrggbb`; null: the default theme. */
  readonly accentColor: string | null
  /** The brand's logo (https, or http on localhost); null: none. */
  readonly logoUrl: string | null
  /** The brand's privacy policy (https, or http on localhost); null: none. */
  readonly privacyPolicyUrl: string | null
  readonly createdAt: number
  readonly updatedAt: number
}

/** The display fields a brand can set and clear (null), each optional in an update. */
export const BRAND_DISPLAY_FIELDS = [
  'displayName',
  'primaryColor',
  'accentColor',
  'logoUrl',
  'privacyPolicyUrl',
] as const
export type BrandDisplayField = (typeof BRAND_DISPLAY_FIELDS)[number]

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

/**
 * A colour as `#rrggbb` (lower-case; `#rgb` is expanded), or a message saying what one looks like.
 *
 * @example
 * ```ts
 * parseColor('#1F6F4A') // { ok: true, color: '#1f6f4a' }
 * parseColor('#abc')    // { ok: true, color: '#aabbcc' }
 * parseColor('green')   // { ok: false, message: '…' }
 * ```
 */
export function parseColor(value: string): { ok: true; color: string } | { ok: false; message: string } {
  const v = value.trim().toLowerCase()
  if (/^#[0-9a-f]{6}$/.test(v)) return { ok: true, color: v }
  if (/^#[0-9a-f]{3}$/.test(v)) return { ok: true, color: `#${[...v.slice(1)].map((c) => c + c).join('')}` }
  return { ok: false, message: `"${value}" is not a colour: give it as #rrggbb, such as #1f6f4a` }
}

/**
 * A link the person-facing pages may show (logo, privacy policy): https, or http only on
 * localhost (the demo); at most 500 characters. Returns the normalized URL or what is wrong.
 */
export function parsePageUrl(value: string): { ok: true; url: string } | { ok: false; message: string } {
  const hint = 'give an https URL, such as https://shop.example.com/logo.svg (http only on localhost)'
  if (value.length > 500) return { ok: false, message: `the URL is longer than 500 characters: ${hint}` }
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return { ok: false, message: `"${value}" is not a URL: ${hint}` }
  }
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]'
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local))
    return { ok: false, message: `"${value}" must use https: ${hint}` }
  if (url.username || url.password)
    return { ok: false, message: `"${value}" must not hold a user name or password: ${hint}` }
  return { ok: true, url: url.href }
}
