import type { DocOnly } from '../../http/openapi-docs.js'
import type { SegmentEndpoint } from './steps/index.js'

const error = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: { code: { type: 'string' }, message: { type: 'string' }, field: { type: 'string' } },
      required: ['code', 'message'],
    },
    requestId: { type: 'string' },
  },
} as const

const message = {
  type: 'object',
  description:
    'A Segment message (the Segment Tracking API spec). Every message needs a userId or an anonymousId; messageId deduplicates per brand; context.consent.categoryPreferences (or the RudderStack context.consentManagement allowed/denied consent ids) lands in the consent ledger through the signal mapping; gzip and deflate bodies are accepted (Content-Encoding); an `Sec-GPC: 1` header records a Global Privacy Control opt-out.',
  properties: {
    userId: { type: 'string' },
    anonymousId: { type: 'string' },
    messageId: { type: 'string' },
    timestamp: { type: 'string', format: 'date-time' },
    sentAt: { type: 'string', format: 'date-time' },
    event: {
      type: 'string',
      description: 'track: the event name (Segment e-commerce v2 names are understood)',
    },
    name: { type: 'string', description: 'page and screen: the page name' },
    properties: { type: 'object', additionalProperties: true },
    traits: { type: 'object', additionalProperties: true, description: 'identify and group' },
    previousId: { type: 'string', description: 'alias: the earlier id' },
    groupId: { type: 'string', description: 'group' },
    context: { type: 'object', additionalProperties: true },
    writeKey: { type: 'string', description: 'The write key, when not sent in the Authorization header' },
  },
  additionalProperties: true,
} as const

const EXAMPLES: Readonly<Record<SegmentEndpoint, Record<string, unknown>>> = {
  track: {
    userId: 'ann-1',
    messageId: 'msg-7f3a',
    event: 'Product Viewed',
    properties: { product_id: 'B-117', category: 'Outdoors > Hiking > Boots', price: 129 },
    timestamp: '2026-05-01T10:00:00.000Z',
  },
  identify: {
    userId: 'ann-1',
    anonymousId: '5c1b1ad2-9d0a-4c4e-8a5e-2b8f0f6b7c11',
    traits: { email: 'ann@example.com', first_name: 'Ann' },
  },
  page: {
    anonymousId: '5c1b1ad2-9d0a-4c4e-8a5e-2b8f0f6b7c11',
    name: 'Hiking boots',
    properties: { path: '/hiking/boots' },
  },
  screen: { userId: 'ann-1', name: 'Cart' },
  group: { userId: 'ann-1', groupId: 'hiking-club', traits: { name: 'Hiking club' } },
  alias: { userId: 'ann-1', previousId: '5c1b1ad2-9d0a-4c4e-8a5e-2b8f0f6b7c11' },
  batch: {
    batch: [
      {
        type: 'track',
        userId: 'ann-1',
        messageId: 'msg-1',
        event: 'Products Searched',
        properties: { query: 'tent' },
      },
      { type: 'page', userId: 'ann-1', messageId: 'msg-2', name: 'Tents' },
    ],
  },
}

/** The OpenAPI of one tracking path (raw bodies: documented, not validated by Fastify). */
export function trackingDocs(path: string, endpoint: SegmentEndpoint) {
  const short = path.length <= '/v1/t'.length
  const body =
    endpoint === 'batch'
      ? {
          type: 'object',
          properties: {
            batch: {
              type: 'array',
              items: { ...message, properties: { ...message.properties, type: { type: 'string' } } },
            },
            writeKey: { type: 'string' },
            context: { type: 'object', additionalProperties: true },
          },
          required: ['batch'],
        }
      : message
  const doc: DocOnly = {
    body: {
      // analytics.js sends text/plain (no CORS preflight) with the key in the body.
      contentTypes: short ? ['text/plain', 'application/json'] : ['application/json', 'text/plain'],
      schema: body,
      example: EXAMPLES[endpoint],
    },
    responses: {
      200: {
        description: 'Stored (or a duplicate messageId): answered only after the commit',
        schema: { type: 'object', properties: { success: { type: 'boolean' } } },
        example: { success: true },
      },
      400: { description: 'The message or body was rejected; the reason and field are named', schema: error },
      401: { description: 'No write key, or an unknown or revoked one', schema: error },
      403: { description: 'Not a write key, or an origin the brand does not allow', schema: error },
      413: { description: 'The body is larger than Segment allows', schema: error },
      429: { description: 'Too many requests for this key or address', schema: error },
      503: { description: 'The store is unavailable: nothing was stored; retry', schema: error },
    },
  }
  return {
    // One id per path: /v1/import is another path for batch.
    operationId: short
      ? `segment${cap(endpoint)}Short`
      : `segment${cap(path.slice(path.lastIndexOf('/') + 1))}`,
    summary: short
      ? `analytics.js short path for ${endpoint}`
      : `Segment ${endpoint}${endpoint === 'batch' ? ': several messages in one request' : ''}`,
    description: `Segment-compatible tracking with a brand's write key (HTTP Basic user name, Bearer token, or the body's \`writeKey\`). ${short ? `The path analytics.js uses for /v1/${endpoint}.` : 'Point a Segment SDK at Candor as its host.'} Rejected messages are listed at GET /v1/ingest/rejections.`,
    tags: ['ingestion'],
    security: [{ bearer: [] as string[] }, { basic: [] as string[] }] as { [label: string]: string[] }[],
    'x-candor-doc': doc,
  }
}

function cap(word: string): string {
  return `${word[0]?.toUpperCase() ?? ''}${word.slice(1)}`
}
