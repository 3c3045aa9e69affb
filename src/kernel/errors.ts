import { didYouMean } from './did-you-mean.js'
/**
 * The catalogue of error codes Candor answers with. Codes are API: once shipped, a code keeps
 * its meaning and is never reused for something else. `docs/errors.md` and the OpenAPI document
 * list the same codes; a test keeps the three in sync.
 */
export const ERROR_CATALOGUE = {
  'invalid-request': {
    status: 400,
    description:
      'The request body, query or path failed validation; `field` names the first offending field.',
  },
  'invalid-json': { status: 400, description: 'The body is not valid JSON.' },
  'unknown-category': {
    status: 400,
    description: 'A data item names a data category that is not in the taxonomy.',
  },
  'unknown-purpose': { status: 400, description: 'A purpose that is not configured.' },
  'message-rejected': {
    status: 400,
    description:
      'A tracking message that can never be valid (no identity, a track without event, too large…); the message names the drop reason.',
  },
  'aggregate-only-purpose': {
    status: 400,
    description:
      'The purpose (fairness_audit) allows only aggregate use; it cannot be used to read one person.',
  },
  'unknown-topic': { status: 400, description: 'An interest topic that is not in the taxonomy.' },
  'invalid-person-ref': {
    status: 400,
    description:
      'The `{ref}` path segment is not a userId, `userId:<id>` or `anonymousId:<id>` whose id is 1-256 characters without control characters or unpaired surrogates, nor `escaped:userId:<id>` / `escaped:anonymousId:<id>` with well-formed `\\uXXXX` / `\\\\` escapes (the form for ids stored with control characters by an older version).',
  },
  'malformed-signal': {
    status: 400,
    description: 'A TC or GPP string is malformed, truncated or not decodable; nothing was recorded.',
  },
  'unsupported-signal-version': {
    status: 400,
    description:
      'A TC string other than TCF v2, or a GPP string with no section Candor understands; nothing was recorded.',
  },
  unauthorized: { status: 401, description: 'No key, an unknown key or a revoked key.' },
  'control-link-invalid': {
    status: 401,
    description:
      'A control-center link that is not valid: altered, signed by another deployment, not a control link, or its person erased.',
  },
  'control-link-expired': {
    status: 401,
    description:
      'A control-center link past its expiry (setting `controlLinkTtlMinutes`); the brand issues a new one.',
  },
  'control-link-used': {
    status: 401,
    description: 'A control-center link that was already exchanged; every link opens one session only.',
  },
  'session-required': {
    status: 401,
    description:
      'No control-center session: no session cookie, or its session ended (logout, expiry, erasure). Open a new link.',
  },
  'csrf-refused': {
    status: 403,
    description:
      "A state-changing control-center call without the page's own `Origin` or without the session's `X-CSRF-Token`.",
  },
  forbidden: { status: 403, description: 'The key is valid but of a kind that may not call this endpoint.' },
  'brand-mismatch': {
    status: 403,
    description: 'The key belongs to another brand than the one named in the request.',
  },
  'not-found': { status: 404, description: 'No such route or resource.' },
  'person-not-found': {
    status: 404,
    description: 'No person with that reference at this brand (or the person was erased).',
  },
  'brand-not-found': { status: 404, description: 'No brand with that id.' },
  'key-not-found': { status: 404, description: 'No key matches that prefix.' },
  'offer-not-found': { status: 404, description: 'No offer with that id.' },
  'collection-plan-not-found': {
    status: 404,
    description:
      'The brand has no collection plan yet (PUT one; without a plan, intake accepts every field).',
  },
  'offer-exists': {
    status: 409,
    description: 'An offer with that id already exists (use PUT to replace it).',
  },
  'segment-not-found': { status: 404, description: 'No segment with that id.' },
  'segment-exists': {
    status: 409,
    description: 'A segment with that id already exists (use PUT to change it).',
  },
  'segment-blocked': {
    status: 409,
    description:
      "The segment's review has blocking findings: activation needs a reviewer key and a written `justification` (at least 20 characters).",
  },
  'segment-inactive': {
    status: 409,
    description: 'The segment is not active: its members are listed only after activation.',
  },
  'self-approval': {
    status: 403,
    description:
      'Maker–checker: the key that created or last edited the segment cannot approve the override of its own findings.',
  },
  'brand-exists': { status: 409, description: 'A brand with that id already exists.' },
  'ambiguous-key-prefix': { status: 409, description: 'More than one key matches that prefix.' },
  'person-suppressed': {
    status: 409,
    description: 'The person was erased with suppression; data for these identifiers is no longer accepted.',
  },
  'idempotency-key-reused': {
    status: 422,
    description: 'The Idempotency-Key was used before with a different request.',
  },
  'plan-review-blocked': {
    status: 422,
    description:
      'The collection plan version has blocking review findings (a sensitive field without a reviewer key, a field without purpose or justification); the response lists them and nothing was saved.',
  },
  'payload-too-large': { status: 413, description: 'The body exceeds the size limit.' },
  'unsupported-media-type': {
    status: 415,
    description: 'The Content-Type is not accepted by this endpoint.',
  },
  'rate-limited': {
    status: 429,
    description: 'Too many requests for this key; retry after the number of seconds in `Retry-After`.',
  },
  'storage-unavailable': {
    status: 503,
    description: 'The store did not answer; nothing was written. Retry after `Retry-After` seconds.',
  },
  'audit-chain-broken': {
    status: 503,
    description:
      "This process's audit chain no longer continues its last anchored head (entries were removed or rewritten in the database); it refuses to write until an operator investigates (`candor audit verify`).",
  },
  'internal-error': {
    status: 500,
    description: 'A bug. The request id in the response correlates with the server log.',
  },
} as const satisfies Record<string, { status: number; description: string }>

export type ErrorCode = keyof typeof ERROR_CATALOGUE

/** Every catalogued code, in catalogue order. */
export const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as ErrorCode[]

/**
 * An expected failure that maps to an HTTP status and a catalogued code. Thrown by services,
 * turned into `{ error: { code, message, field? } }` by the HTTP error handler and into a
 * non-zero exit by the CLI. The message never contains person data.
 */
export class CandorError extends Error {
  readonly code: ErrorCode
  readonly field: string | undefined
  readonly status: number

  constructor(code: ErrorCode, message: string, field?: string) {
    super(message)
    this.name = 'CandorError'
    this.code = code
    this.field = field
    this.status = ERROR_CATALOGUE[code].status
  }
}

export function isCandorError(value: unknown): value is CandorError {
  return value instanceof CandorError
}

/**
 * `unknown-purpose` naming the purposes there are (and the closest one, for a typo), and the
 * endpoint that describes them.
 */
export function unknownPurpose(purpose: string, known: readonly string[], field: string): CandorError {
  return new CandorError(
    'unknown-purpose',
    `unknown purpose "${purpose}"${didYouMean(purpose, known)} The purposes: ${known.join(', ')} (GET /v1/purposes describes them).`,
    field,
  )
}
