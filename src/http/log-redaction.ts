/**
 * Person data never reaches the log. Request URLs carry a person reference (`/persons/{ref}`),
 * a write key (analytics.js settings, `/projects/{writeKey}`) and query values: all are masked
 * before pino sees them, and headers that carry keys or identifiers are redacted.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'req.headers["x-forwarded-for"]',
]

export function maskUrl(url: string): string {
  const [path = '', query] = url.split('?', 2)
  const maskedPath = path
    .replace(/\/persons\/[^/]+/, '/persons/:ref')
    .replace(/\/projects\/[^/]+/, '/projects/:writeKey')
  if (query === undefined) return maskedPath
  const keys = query
    .split('&')
    .map((kv) => kv.split('=', 1)[0])
    .filter((k) => k)
  return `${maskedPath}?${keys.map((k) => `${k}=*`).join('&')}`
}
