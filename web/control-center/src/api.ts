import createClient, { type Middleware } from 'openapi-fetch'
import type { paths } from './api-types.js'

let csrfToken = ''

/** Remembers the session's CSRF token; every state-changing call sends it. */
export function setCsrfToken(token: string): void {
  csrfToken = token
}

const csrf: Middleware = {
  onRequest({ request }) {
    if (request.method !== 'GET' && request.method !== 'HEAD') request.headers.set('x-csrf-token', csrfToken)
    return request
  },
}

/** The page's client of Candor's own API, typed from its OpenAPI document. */
export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' })
api.use(csrf)

/** The message of an API error body, for the page. */
export function errorText(error: unknown): string {
  const e = error as { error?: { message?: string } } | undefined
  return e?.error?.message ?? 'the server did not answer'
}
