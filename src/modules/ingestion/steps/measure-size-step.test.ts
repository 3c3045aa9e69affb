import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  byteLength,
  checkBatchBodySize,
  checkMessageBodySize,
  checkMessageSize,
  MAX_BATCH_BYTES,
  MAX_MESSAGE_BYTES,
} from './measure-size-step.js'
import { drop, ok } from './results.js'

describe('measure size', () => {
  it('uses Segment limits: 32 KB per message, 500 KB per batch', () => {
    expect(MAX_MESSAGE_BYTES).toBe(32_768)
    expect(MAX_BATCH_BYTES).toBe(512_000)
  })

  it('counts UTF-8 bytes, not characters', () => {
    expect(byteLength('héllo')).toBe(6)
    expect(byteLength('😀')).toBe(4)
    expect(byteLength(new Uint8Array(7))).toBe(7)
  })

  it('accepts a body of exactly the limit and refuses one byte more', () => {
    expect(checkMessageBodySize('a'.repeat(MAX_MESSAGE_BYTES))).toEqual(ok({ bytes: MAX_MESSAGE_BYTES }))
    expect(checkMessageBodySize('a'.repeat(MAX_MESSAGE_BYTES + 1))).toEqual(drop('message-too-large'))
    expect(checkBatchBodySize('a'.repeat(MAX_BATCH_BYTES))).toEqual(ok({ bytes: MAX_BATCH_BYTES }))
    expect(checkBatchBodySize(Buffer.alloc(MAX_BATCH_BYTES + 1))).toEqual(drop('batch-too-large'))
  })

  it('refuses a message under 32 K characters that is over 32 KB in bytes', () => {
    const note = 'é'.repeat(20_000) // 20 000 characters, 40 000 bytes
    expect(note.length).toBeLessThan(MAX_MESSAGE_BYTES)
    expect(checkMessageSize({ type: 'track', properties: { note } })).toEqual(drop('message-too-large'))
    expect(checkMessageBodySize(JSON.stringify({ note }))).toEqual(drop('message-too-large'))
  })

  it('property: the verdict depends on UTF-8 bytes exactly', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.nat({ max: 800 }), (text, limit) => {
        const bytes = new TextEncoder().encode(text).length
        const result = checkMessageBodySize(text, limit)
        expect(result).toEqual(bytes > limit ? drop('message-too-large') : ok({ bytes }))
        const message = { properties: { text } }
        const messageBytes = new TextEncoder().encode(JSON.stringify(message)).length
        expect(checkMessageSize(message, limit)).toEqual(
          messageBytes > limit ? drop('message-too-large') : ok({ bytes: messageBytes }),
        )
      }),
    )
  })

  it('measures a value that serializes to nothing as 0 bytes', () => {
    expect(checkMessageSize(undefined)).toEqual(ok({ bytes: 0 }))
  })
})
