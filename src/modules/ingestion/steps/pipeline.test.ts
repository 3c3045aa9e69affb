import { describe, expect, it } from 'vitest'
import { createIngestionPipeline } from './pipeline.js'
import { drop, ok } from './results.js'

const receivedAt = Date.UTC(2024, 4, 1, 10)
const pipeline = createIngestionPipeline({
  mapCategoryPreferences: (prefs) => ({
    decisions:
      typeof prefs === 'object' && prefs !== null && 'Advertising' in prefs
        ? [
            {
              purpose: 'advertising',
              state: (prefs as { Advertising: unknown }).Advertising ? 'granted' : 'denied',
            },
          ]
        : [],
  }),
})

describe('processMessage', () => {
  it('validates, times, classifies, detects gifts and extracts consent signals', () => {
    const result = pipeline.processMessage(
      {
        type: 'track',
        messageId: 'm-1',
        userId: 'u1',
        event: 'Order Completed',
        properties: {
          order_id: 'o1',
          gift_wrap: true,
          products: [{ product_id: 'p1', category: 'Baby > Toys' }],
        },
        context: { consent: { categoryPreferences: { Advertising: false } } },
        timestamp: '2024-05-01T10:59:50.000Z', // the client clock runs 1 h ahead
        sentAt: '2024-05-01T11:00:00.000Z',
      },
      { receivedAt, headers: { 'sec-gpc': '1' } },
    )
    expect(result).toEqual(
      ok({
        type: 'track',
        messageId: 'm-1',
        messageIdSource: 'client',
        userId: 'u1',
        event: 'Order Completed',
        properties: {
          order_id: 'o1',
          gift_wrap: true,
          products: [{ product_id: 'p1', category: 'Baby > Toys' }],
        },
        traits: {},
        context: { consent: { categoryPreferences: { Advertising: false } } },
        integrations: {},
        timestamp: Date.UTC(2024, 4, 1, 10, 59, 50),
        sentAt: Date.UTC(2024, 4, 1, 11),
        receivedAt,
        eventTime: receivedAt - 10_000,
        eventTimeSource: 'corrected',
        clockSkewMs: 3_600_000,
        classification: {
          kind: 'purchase',
          categories: ['Baby > Toys'],
          productIds: ['p1'],
          lines: [{ index: 0, productId: 'p1', category: 'Baby > Toys' }],
        },
        gift: { isGift: true, rules: ['gift-wrap'], lines: [] },
        consentSignals: [
          { source: 'gpc', purpose: 'advertising', state: 'denied' },
          { source: 'segment-consent', purpose: 'advertising', state: 'denied' },
        ],
      }),
    )
  })

  it('drops at the first failing step', () => {
    expect(pipeline.processMessage({ type: 'track', userId: 'u1' }, { receivedAt })).toEqual(
      drop('missing-event', 'event'),
    )
    expect(
      pipeline.processMessage(
        { type: 'track', userId: 'u1', event: 'A', properties: { t: 'x'.repeat(40_000) } },
        { receivedAt },
      ),
    ).toEqual(drop('message-too-large'))
    expect(
      pipeline.processMessage(JSON.parse(`${'['.repeat(5000)}${']'.repeat(5000)}`), { receivedAt }),
    ).toEqual(drop('nesting-too-deep'))
  })
})

describe('processRequest', () => {
  it('accepts an analytics.js short-path body posted as text/plain, with its write key', () => {
    const body = JSON.stringify({
      event: 'Product Viewed',
      anonymousId: 'a1',
      properties: { category: 'Outdoors > Hiking' },
      writeKey: 'wk_browser',
      messageId: 'ajs-1',
      timestamp: '2024-05-01T09:59:59.000Z',
      sentAt: '2024-05-01T10:00:00.000Z',
    })
    const result = pipeline.processRequest({ endpoint: 'track', body, contentType: 'text/plain', receivedAt })
    expect(result).toMatchObject(
      ok({
        kind: 'message',
        writeKey: 'wk_browser',
        message: {
          type: 'track',
          messageId: 'ajs-1',
          eventTime: receivedAt - 1000,
          classification: { kind: 'view' },
        },
      }),
    )
    if (result.type === 'ok' && result.value.kind === 'message') {
      expect(JSON.stringify(result.value.message)).not.toContain('wk_browser')
    }
  })

  it('refuses a single message whose type contradicts the endpoint', () => {
    const body = JSON.stringify({ type: 'identify', userId: 'u1' })
    expect(pipeline.processRequest({ endpoint: 'track', body, receivedAt })).toEqual(
      drop('invalid-type', 'type'),
    )
  })

  it('splits a batch, keeps the good items and lists the bad ones', () => {
    const body = JSON.stringify({
      batch: [
        { type: 'track', userId: 'u1', event: 'Product Added', messageId: 'a' },
        { type: 'track', messageId: 'b', event: 'x' },
        { type: 'track', userId: 'u1', event: 'A', messageId: 'c', properties: { t: 'é'.repeat(17_000) } },
      ],
      sentAt: '2024-05-01T10:00:00.000Z',
      writeKey: 'wk_server',
    })
    const result = pipeline.processRequest({
      endpoint: 'batch',
      body,
      contentType: 'application/json',
      receivedAt,
    })
    expect(result).toMatchObject(
      ok({
        kind: 'batch',
        writeKey: 'wk_server',
        accepted: [{ messageId: 'a', classification: { kind: 'add_to_cart' } }],
        rejected: [
          { index: 1, reason: 'missing-identity', field: 'userId' },
          { index: 2, reason: 'message-too-large' },
        ],
      }),
    )
  })

  it('enforces the body limits in bytes before parsing', () => {
    const big = JSON.stringify({
      type: 'track',
      userId: 'u',
      event: 'A',
      properties: { t: '😀'.repeat(8_200) },
    })
    expect(big.length).toBeLessThan(32_768)
    expect(pipeline.processRequest({ endpoint: 'track', body: big, receivedAt })).toEqual(
      drop('message-too-large'),
    )
    expect(pipeline.processRequest({ endpoint: 'batch', body: 'x'.repeat(512_001), receivedAt })).toEqual(
      drop('batch-too-large'),
    )
  })

  it('drops unusable bodies for the whole request', () => {
    expect(pipeline.processRequest({ endpoint: 'batch', body: '{', receivedAt })).toEqual(
      drop('invalid-json'),
    )
    expect(pipeline.processRequest({ endpoint: 'batch', body: '{"batch":[]}', receivedAt })).toEqual(
      drop('empty-batch', 'batch'),
    )
    expect(pipeline.processRequest({ endpoint: 'track', body: '[]', receivedAt })).toEqual(
      drop('invalid-message'),
    )
    expect(
      pipeline.processRequest({ endpoint: 'track', body: '{}', contentType: 'text/html', receivedAt }),
    ).toEqual(drop('unsupported-content-type', 'content-type'))
  })
})
