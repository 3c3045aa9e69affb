import { describe, expect, it } from 'vitest'
import { drop, ok } from './results.js'
import { deriveMessageId, validateMessage } from './validate-message-step.js'

const receivedAt = Date.UTC(2024, 4, 1, 10, 0, 0)
const ctx = { receivedAt }

describe('validateMessage', () => {
  it('normalizes a track message', () => {
    const result = validateMessage(
      {
        type: 'track',
        messageId: 'm-1',
        userId: 'u1',
        event: 'Product Viewed',
        properties: { category: 'Outdoors > Hiking' },
        timestamp: '2024-05-01T09:59:00.000Z',
        sentAt: '2024-05-01T09:59:30.000Z',
        writeKey: 'wk_secret',
        _metadata: { nodeVersion: '20' },
      },
      ctx,
    )
    expect(result).toStrictEqual(
      ok({
        type: 'track',
        messageId: 'm-1',
        messageIdSource: 'client',
        userId: 'u1',
        event: 'Product Viewed',
        properties: { category: 'Outdoors > Hiking' },
        traits: {},
        context: {},
        integrations: {},
        timestamp: Date.UTC(2024, 4, 1, 9, 59),
        sentAt: Date.UTC(2024, 4, 1, 9, 59, 30),
        receivedAt,
      }),
    )
  })

  it('requires a userId or an anonymousId', () => {
    expect(validateMessage({ type: 'track', event: 'A' }, ctx)).toEqual(drop('missing-identity', 'userId'))
    expect(validateMessage({ type: 'identify', userId: null, anonymousId: '' }, ctx)).toEqual(
      drop('missing-identity', 'userId'),
    )
    expect(validateMessage({ type: 'identify', userId: '   ' }, ctx)).toEqual(
      drop('missing-identity', 'userId'),
    )
  })

  it('coerces numeric ids to strings', () => {
    const result = validateMessage({ type: 'identify', userId: 42, anonymousId: 7.5, messageId: 9 }, ctx)
    expect(result).toMatchObject(ok({ userId: '42', anonymousId: '7.5', messageId: '9' }))
  })

  it('refuses ids of other types or too long, naming the field', () => {
    expect(validateMessage({ type: 'identify', userId: true }, ctx)).toEqual(drop('invalid-field', 'userId'))
    expect(validateMessage({ type: 'identify', anonymousId: { a: 1 } }, ctx)).toEqual(
      drop('invalid-field', 'anonymousId'),
    )
    expect(validateMessage({ type: 'identify', userId: 'x'.repeat(257) }, ctx)).toEqual(
      drop('invalid-field', 'userId'),
    )
    expect(validateMessage({ type: 'identify', userId: 'u', messageId: [] }, ctx)).toEqual(
      drop('invalid-field', 'messageId'),
    )
  })

  it('requires the type-specific fields', () => {
    expect(validateMessage({ type: 'track', userId: 'u1' }, ctx)).toEqual(drop('missing-event', 'event'))
    expect(validateMessage({ type: 'track', userId: 'u1', event: '  ' }, ctx)).toEqual(
      drop('missing-event', 'event'),
    )
    expect(validateMessage({ type: 'track', userId: 'u1', event: 5 }, ctx)).toEqual(
      drop('invalid-field', 'event'),
    )
    expect(validateMessage({ type: 'alias', userId: 'u1' }, ctx)).toEqual(
      drop('missing-previous-id', 'previousId'),
    )
    expect(validateMessage({ type: 'group', userId: 'u1' }, ctx)).toEqual(drop('missing-group-id', 'groupId'))
    expect(validateMessage({ type: 'page', userId: 'u1', name: 3 }, ctx)).toEqual(
      drop('invalid-field', 'name'),
    )
  })

  it('normalizes alias, group, page and screen', () => {
    expect(validateMessage({ type: 'alias', userId: 'u1', previousId: 'anon-1' }, ctx)).toMatchObject(
      ok({ type: 'alias', userId: 'u1', previousId: 'anon-1' }),
    )
    expect(
      validateMessage({ type: 'group', userId: 'u1', groupId: 12, traits: { plan: 'pro' } }, ctx),
    ).toMatchObject(ok({ type: 'group', groupId: '12', traits: { plan: 'pro' } }))
    expect(
      validateMessage(
        { type: 'page', anonymousId: 'a', name: 'Boots', category: 'Outdoors', properties: null },
        ctx,
      ),
    ).toMatchObject(ok({ type: 'page', name: 'Boots', category: 'Outdoors', properties: {} }))
    const screen = validateMessage({ type: 'screen', anonymousId: 'a', name: null }, ctx)
    expect(screen).toMatchObject(ok({ type: 'screen' }))
    expect(screen.type === 'ok' && 'name' in screen.value).toBe(false)
  })

  it('checks the type, and takes it from the endpoint when absent', () => {
    expect(validateMessage({ userId: 'u1', event: 'A' }, ctx)).toEqual(drop('invalid-type', 'type'))
    expect(validateMessage({ type: 'click', userId: 'u1' }, ctx)).toEqual(drop('invalid-type', 'type'))
    expect(validateMessage({ type: 7, userId: 'u1' }, ctx)).toEqual(drop('invalid-type', 'type'))
    expect(validateMessage({ userId: 'u1', event: 'A' }, { ...ctx, expectedType: 'track' })).toMatchObject(
      ok({ type: 'track', event: 'A' }),
    )
    expect(validateMessage({ type: 'Track', userId: 'u1', event: 'A' }, ctx)).toMatchObject(
      ok({ type: 'track' }),
    )
    expect(validateMessage({ type: 'identify', userId: 'u1' }, { ...ctx, expectedType: 'track' })).toEqual(
      drop('invalid-type', 'type'),
    )
  })

  it('refuses non-objects and non-object bags', () => {
    expect(validateMessage([], ctx)).toEqual(drop('invalid-message'))
    expect(validateMessage('track', ctx)).toEqual(drop('invalid-message'))
    expect(validateMessage(null, ctx)).toEqual(drop('invalid-message'))
    expect(validateMessage({ type: 'track', userId: 'u', event: 'A', properties: [] }, ctx)).toEqual(
      drop('invalid-field', 'properties'),
    )
    expect(validateMessage({ type: 'identify', userId: 'u', traits: 'vip' }, ctx)).toEqual(
      drop('invalid-field', 'traits'),
    )
    expect(validateMessage({ type: 'identify', userId: 'u', context: 1 }, ctx)).toEqual(
      drop('invalid-field', 'context'),
    )
  })

  it('parses times and refuses unreadable ones', () => {
    expect(validateMessage({ type: 'identify', userId: 'u', timestamp: 'soon' }, ctx)).toEqual(
      drop('invalid-field', 'timestamp'),
    )
    expect(validateMessage({ type: 'identify', userId: 'u', sentAt: 1714557600000 }, ctx)).toEqual(
      drop('invalid-field', 'sentAt'),
    )
    // RudderStack and Segment exports send originalTimestamp: it is the client's time.
    const result = validateMessage(
      {
        type: 'identify',
        userId: 'u',
        originalTimestamp: '2024-05-01T08:00:00Z',
        timestamp: '2024-05-01T09:00:00Z',
      },
      ctx,
    )
    expect(result).toMatchObject(ok({ timestamp: Date.UTC(2024, 4, 1, 8) }))
  })

  it('uses the server receivedAt unless told to trust the message (imports)', () => {
    const message = { type: 'identify', userId: 'u', messageId: 'm', receivedAt: '2020-01-01T00:00:00Z' }
    expect(validateMessage(message, ctx)).toMatchObject(ok({ receivedAt }))
    expect(validateMessage(message, { ...ctx, trustClientReceivedAt: true })).toMatchObject(
      ok({ receivedAt: Date.UTC(2020, 0, 1) }),
    )
    expect(
      validateMessage({ ...message, receivedAt: undefined }, { ...ctx, trustClientReceivedAt: true }),
    ).toMatchObject(ok({ receivedAt }))
  })

  it('does not carry unknown fields or the write key over', () => {
    const result = validateMessage(
      { type: 'identify', userId: 'u', writeKey: 'wk', rudderId: 'r', channel: 'web' },
      ctx,
    )
    expect(result.type).toBe('ok')
    if (result.type === 'ok')
      expect(Object.keys(result.value)).not.toEqual(expect.arrayContaining(['writeKey']))
    expect(JSON.stringify(result)).not.toContain('wk')
  })
})

describe('derived messageId', () => {
  const timed = { type: 'track', userId: 'u1', event: 'A', timestamp: '2024-05-01T09:00:00Z' }

  it('is derived from content when absent, and marked as derived', () => {
    const result = validateMessage(timed, ctx)
    expect(result).toMatchObject(ok({ messageIdSource: 'derived' }))
    if (result.type === 'ok') expect(result.value.messageId).toMatch(/^derived-[0-9a-f]{32}$/)
  })

  it('is stable across retries of a timed message (sentAt, receivedAt and writeKey ignored)', () => {
    const first = validateMessage({ ...timed, sentAt: '2024-05-01T09:00:01Z' }, ctx)
    const retry = validateMessage(
      { ...timed, sentAt: '2024-05-01T09:05:00Z', writeKey: 'k' },
      { receivedAt: receivedAt + 300_000 },
    )
    expect(
      first.type === 'ok' && retry.type === 'ok' && first.value.messageId === retry.value.messageId,
    ).toBe(true)
  })

  it('differs for different content', () => {
    const a = deriveMessageId('track', timed, true, receivedAt)
    expect(deriveMessageId('track', { ...timed, event: 'B' }, true, receivedAt)).not.toBe(a)
    expect(deriveMessageId('page', timed, true, receivedAt)).not.toBe(a)
  })

  it('includes the arrival time for untimed messages, so identical untimed events stay distinct', () => {
    const untimed = { type: 'track', userId: 'u1', event: 'A' }
    const first = deriveMessageId('track', untimed, false, receivedAt)
    expect(deriveMessageId('track', untimed, false, receivedAt + 1)).not.toBe(first)
    expect(deriveMessageId('track', untimed, false, receivedAt)).toBe(first)
  })
})
