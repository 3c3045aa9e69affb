import { describe, expect, it } from 'vitest'
import { drop, ok } from './results.js'
import { createSplitBatchStep } from './split-batch-step.js'
import { validateMessage } from './validate-message-step.js'

const receivedAt = Date.UTC(2024, 4, 1, 10)
const split = createSplitBatchStep({
  processMessage: (message, _index, batch) => validateMessage(message, { receivedAt, batch }),
})

describe('splitBatch', () => {
  it('accepts the valid items and records the invalid ones by index', () => {
    const result = split({
      batch: [
        { type: 'track', userId: 'u1', event: 'A', messageId: 'm1' },
        { type: 'track', userId: 'u1', messageId: 'm2' },
        'not a message',
        { type: 'identify', messageId: 'm4' },
        { type: 'identify', userId: 'u2', messageId: 'm5' },
      ],
    })
    expect(result.type).toBe('ok')
    if (result.type !== 'ok') return
    expect(result.value.accepted.map((m) => m.messageId)).toEqual(['m1', 'm5'])
    expect(result.value.rejected).toStrictEqual([
      { index: 1, reason: 'missing-event', field: 'event' },
      { index: 2, reason: 'invalid-message' },
      { index: 3, reason: 'missing-identity', field: 'userId' },
    ])
  })

  it('drops the whole request when there is no usable batch', () => {
    expect(split({ batch: [] })).toEqual(drop('empty-batch', 'batch'))
    expect(split({ batch: {} })).toEqual(drop('invalid-batch', 'batch'))
    expect(split({})).toEqual(drop('invalid-batch', 'batch'))
    expect(split([{ type: 'track' }])).toEqual(drop('invalid-batch', 'batch'))
    expect(split(null)).toEqual(drop('invalid-batch', 'batch'))
    expect(split({ batch: [{}], context: 'x' })).toEqual(drop('invalid-field', 'context'))
  })

  it('merges batch-level context, integrations and sentAt into each item (item wins)', () => {
    const result = split({
      writeKey: 'wk',
      sentAt: '2024-05-01T10:00:00Z',
      context: { library: { name: 'batch-lib' }, locale: 'en-US' },
      integrations: { All: false },
      batch: [
        { type: 'identify', userId: 'u1', messageId: 'a', context: { locale: 'fr-FR' } },
        {
          type: 'identify',
          userId: 'u1',
          messageId: 'b',
          sentAt: '2024-05-01T09:00:00Z',
          integrations: { X: true },
        },
      ],
    })
    expect(result).toMatchObject(
      ok({
        accepted: [
          {
            messageId: 'a',
            sentAt: Date.UTC(2024, 4, 1, 10),
            context: { library: { name: 'batch-lib' }, locale: 'fr-FR' },
            integrations: { All: false },
          },
          {
            messageId: 'b',
            sentAt: Date.UTC(2024, 4, 1, 9),
            context: { library: { name: 'batch-lib' }, locale: 'en-US' },
            integrations: { All: false, X: true },
          },
        ],
        rejected: [],
      }),
    )
    expect(JSON.stringify(result)).not.toContain('wk')
  })

  it('drops the whole request for an unreadable batch-level sentAt', () => {
    expect(split({ sentAt: 'later', batch: [{ type: 'identify', userId: 'u' }] })).toEqual(
      drop('invalid-field', 'sentAt'),
    )
  })

  it('never copies an own "__proto__" key into a prototype', () => {
    const body = JSON.parse(
      '{"context":{"a":1},"batch":[{"type":"identify","messageId":"m","context":{"__proto__":{"userId":"x"}}}]}',
    )
    expect(split(body)).toEqual(
      ok({ accepted: [], rejected: [{ index: 0, reason: 'missing-identity', field: 'userId' }] }),
    )
    const withId = JSON.parse(
      '{"context":{"a":1},"batch":[{"type":"identify","userId":"u","context":{"__proto__":{"polluted":true}}}]}',
    )
    const result = split(withId)
    expect(result.type).toBe('ok')
    if (result.type === 'ok') {
      const context = result.value.accepted[0]?.context ?? {}
      expect(Object.getPrototypeOf(context)).toBe(Object.prototype)
      expect(context.a).toBe(1)
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('leaves the items untouched', () => {
    const item = { type: 'identify', userId: 'u', context: { b: 2 } }
    split({ context: { a: 1 }, sentAt: '2024-05-01T10:00:00Z', batch: [item] })
    expect(item).toEqual({ type: 'identify', userId: 'u', context: { b: 2 } })
  })
})
