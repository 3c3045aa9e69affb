import { Analytics } from '@segment/analytics-node'
import { describe, expect, it } from 'vitest'
import {
  segmentBatchBodySchema,
  segmentMessageSchemas,
  trackMessageSchema,
} from './segment-message-schemas.js'

/** Bodies exactly as SDKs send them (captured shapes). */
const ANALYTICS_JS_SHORT_PATH_TRACK = {
  timestamp: '2024-05-01T10:00:00.000Z',
  integrations: {},
  type: 'track',
  properties: { product_id: 'p1', category: 'Outdoors > Hiking > Boots' },
  event: 'Product Viewed',
  messageId: 'ajs-next-1714557600000-4b3c8f1e',
  anonymousId: '5d7c4c1a-3b1f-4c8e-9a44-0f6f2d7b2a11',
  context: {
    page: { path: '/boots', referrer: '', search: '', title: 'Boots', url: 'https://shop.example/boots' },
    userAgent: 'Mozilla/5.0',
    locale: 'en-US',
    library: { name: 'analytics.js', version: 'next-1.70.0' },
  },
  userId: null,
  sentAt: '2024-05-01T10:00:00.050Z',
  _metadata: { bundled: ['Segment.io'], unbundled: [], bundledIds: [] },
  writeKey: 'wk_browser',
}

const RUDDERSTACK_TRACK = {
  channel: 'web',
  context: { library: { name: 'RudderLabs JavaScript SDK', version: '3.0.0' }, traits: {}, locale: 'en-US' },
  type: 'track',
  messageId: 'b1f6f1a2-4bb1-4f31-8a64-8cfa2f5f1e0b',
  originalTimestamp: '2024-05-01T10:00:00.000Z',
  anonymousId: '0f2c9b0e-1d22-4a4b-8d3a-6d7f0e9f7c55',
  userId: '',
  event: 'Order Completed',
  properties: { order_id: 'o1', products: [{ product_id: 'p1', category: 'Baby > Toys' }] },
  integrations: { All: true },
  sentAt: '2024-05-01T10:00:01.000Z',
  rudderId: '2a1b7e5c-0c9d-4e3f-9a8b-7c6d5e4f3a2b',
}

describe('segment message schemas', () => {
  it('accept an analytics.js short-path body (null userId, writeKey and _metadata extra)', () => {
    const result = trackMessageSchema.safeParse(ANALYTICS_JS_SHORT_PATH_TRACK)
    expect(result.success).toBe(true)
    expect(result.data).toMatchObject({ event: 'Product Viewed', timestamp: Date.UTC(2024, 4, 1, 10) })
    expect(result.data?.userId).toBeUndefined()
  })

  it('accept a RudderStack body (empty userId, originalTimestamp)', () => {
    const result = trackMessageSchema.safeParse(RUDDERSTACK_TRACK)
    expect(result.success).toBe(true)
    expect(result.data).toMatchObject({
      anonymousId: RUDDERSTACK_TRACK.anonymousId,
      originalTimestamp: Date.UTC(2024, 4, 1, 10),
    })
  })

  it('accept every message @segment/analytics-node sends, in its real batch body', async () => {
    const bodies: string[] = []
    const analytics = new Analytics({
      writeKey: 'wk_server',
      flushAt: 20,
      httpClient: {
        makeRequest: async (request) => {
          bodies.push(request.body)
          return { status: 200, statusText: 'OK', headers: {} }
        },
      },
    })
    analytics.identify({ userId: '42', traits: { email: 'a@example.com' } })
    analytics.track({
      userId: 'u1',
      event: 'Product Added',
      properties: { product_id: 'p1', category: 'Home' },
    })
    analytics.page({ anonymousId: 'a1', name: 'Home', category: 'Landing', properties: { path: '/' } })
    analytics.screen({ userId: 'u1', name: 'Cart' })
    analytics.group({ userId: 'u1', groupId: 'g1', traits: { plan: 'pro' } })
    analytics.alias({ userId: 'u1', previousId: 'a1' })
    await analytics.closeAndFlush()

    expect(bodies).toHaveLength(1)
    const body = JSON.parse(bodies[0] ?? 'null')
    const batch = segmentBatchBodySchema.parse(body)
    expect(body.writeKey).toBe('wk_server')
    expect(typeof body.sentAt).toBe('string')
    expect(batch.batch).toHaveLength(6)
    for (const message of batch.batch as { type: keyof typeof segmentMessageSchemas }[]) {
      const result = segmentMessageSchemas[message.type].safeParse(message)
      expect(result.error?.issues ?? []).toEqual([])
    }
  })

  it('report issues as drop reasons on field paths', () => {
    const result = trackMessageSchema.safeParse({ type: 'track', userId: 'u1' })
    expect(result.error?.issues.map((issue) => [issue.message, issue.path])).toEqual([
      ['missing-event', ['event']],
    ])
  })
})
