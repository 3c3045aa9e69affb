import { drop, ok, type StepResult } from './results.js'
import { isJsonObject, type SegmentMessageType } from './segment-message.js'

/** What a tracking endpoint accepts: one message of a type, or a batch. */
export type SegmentEndpoint = SegmentMessageType | 'batch'

/**
 * Tracking paths → endpoint. The long paths are Segment's HTTP API; the one-letter short paths
 * are what analytics.js posts to (`/v1/t` track … `/v1/b` batch); `/v1/import` is Segment's
 * older name for batch.
 */
export const SEGMENT_PATHS: Readonly<Record<string, SegmentEndpoint>> = {
  '/v1/track': 'track',
  '/v1/identify': 'identify',
  '/v1/page': 'page',
  '/v1/screen': 'screen',
  '/v1/group': 'group',
  '/v1/alias': 'alias',
  '/v1/batch': 'batch',
  '/v1/import': 'batch',
  '/v1/t': 'track',
  '/v1/i': 'identify',
  '/v1/p': 'page',
  '/v1/s': 'screen',
  '/v1/g': 'group',
  '/v1/a': 'alias',
  '/v1/b': 'batch',
}

const PATHS = new Map(Object.entries(SEGMENT_PATHS))

/**
 * The endpoint a request path addresses, or `undefined` for anything else. Ignores a query
 * string and a trailing slash.
 *
 * @example
 * ```ts
 * endpointForPath('/v1/t')          // 'track'
 * endpointForPath('/v1/b?x=1')      // 'batch'
 * endpointForPath('/v1/persons')    // undefined
 * ```
 */
export function endpointForPath(path: string): SegmentEndpoint | undefined {
  const bare = path.split('?', 1)[0] ?? ''
  return PATHS.get(bare.length > 1 && bare.endsWith('/') ? bare.slice(0, -1) : bare)
}

/** A parsed request body. */
export interface ParsedBody {
  /** The parsed JSON value (any JSON value; later steps check its shape). */
  readonly json: unknown
  /**
   * The write key found in the body (`writeKey`, as analytics.js short paths and analytics-node
   * send it), when it is a non-empty string. The route uses it only when no `Authorization`
   * header is present.
   */
  readonly writeKey?: string
}

/**
 * Media types a tracking body may have: JSON; text/plain JSON from analytics.js (avoids CORS
 * preflight); and JSON labelled application/x-www-form-urlencoded, which RudderStack's Node SDK
 * sends (its HTTP client's default for a compressed body). The body must be JSON whatever the label:
 * a real form body is `invalid-json`.
 */
export const ACCEPTED_CONTENT_TYPES = [
  'application/json',
  'text/plain',
  'application/x-www-form-urlencoded',
] as const

/** The request body and its declared content type. */
export interface RawBody {
  /** The body bytes or text. */
  readonly body: string | Uint8Array
  /** The `Content-Type` header, e.g. `text/plain;charset=UTF-8`. Absent → read as JSON. */
  readonly contentType?: string
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })

/**
 * Parses a tracking request body:
 * - `Content-Type` must be one of {@link ACCEPTED_CONTENT_TYPES} (any parameters, any case) or
 *   absent; otherwise `unsupported-content-type` (field `content-type`);
 * - bytes must be valid UTF-8 and the text valid JSON (a leading BOM is ignored); otherwise
 *   `invalid-json`;
 * - a string `writeKey` at the top level is returned alongside (not removed from `json`).
 * Never throws.
 *
 * @example
 * ```ts
 * parseBody({ body: '{"type":"track","writeKey":"wk_1"}', contentType: 'text/plain' })
 * // → ok({ json: { type: 'track', writeKey: 'wk_1' }, writeKey: 'wk_1' })
 * ```
 */
export function parseBody(input: RawBody): StepResult<ParsedBody> {
  if (input.contentType !== undefined) {
    const media = (input.contentType.split(';', 1)[0] ?? '').trim().toLowerCase()
    if (media !== '' && !(ACCEPTED_CONTENT_TYPES as readonly string[]).includes(media)) {
      return drop('unsupported-content-type', 'content-type')
    }
  }
  let text: string
  if (typeof input.body === 'string') {
    text = input.body.charCodeAt(0) === 0xfeff ? input.body.slice(1) : input.body
  } else {
    try {
      text = decoder.decode(input.body)
    } catch {
      return drop('invalid-json')
    }
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return drop('invalid-json')
  }
  const writeKey =
    isJsonObject(json) && typeof json.writeKey === 'string' && json.writeKey !== ''
      ? json.writeKey
      : undefined
  return ok(writeKey === undefined ? { json } : { json, writeKey })
}
