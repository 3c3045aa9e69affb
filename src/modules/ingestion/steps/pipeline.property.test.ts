import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createIngestionPipeline } from './pipeline.js'
import { DROP_REASONS, type StepDrop } from './results.js'
import { SEGMENT_MESSAGE_TYPES } from './segment-message.js'
import { REPORTABLE_FIELDS } from './validate-message-step.js'

const receivedAt = Date.UTC(2024, 4, 1, 10)
const pipeline = createIngestionPipeline({ mapCategoryPreferences: () => ({ decisions: [] }) })
const REASONS = new Set<string>(DROP_REASONS)
const FIELDS = new Set<string>(REPORTABLE_FIELDS)

/** A value for any message field: mostly marked strings, sometimes other JSON. */
const fieldValue = fc.oneof(
  { weight: 4, arbitrary: fc.string({ minLength: 1, maxLength: 40 }).map((s) => `VALUE:${s}`) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
)

/** A message-like object: known Segment fields with arbitrary values, plus arbitrary extra keys. */
const messageLike = fc.record(
  {
    type: fc.oneof(fc.constantFrom(...SEGMENT_MESSAGE_TYPES), fieldValue),
    userId: fieldValue,
    anonymousId: fieldValue,
    messageId: fieldValue,
    event: fieldValue,
    name: fieldValue,
    category: fieldValue,
    previousId: fieldValue,
    groupId: fieldValue,
    timestamp: fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fieldValue,
    ),
    sentAt: fieldValue,
    originalTimestamp: fieldValue,
    properties: fc.oneof(fc.dictionary(fc.string(), fieldValue, { maxKeys: 5 }), fieldValue),
    traits: fc.oneof(fc.dictionary(fc.string(), fieldValue, { maxKeys: 5 }), fieldValue),
    context: fc.oneof(fc.dictionary(fc.string(), fieldValue, { maxKeys: 5 }), fieldValue),
    integrations: fieldValue,
  },
  { requiredKeys: [] },
)

function assertSafeDrop(result: StepDrop | { reason: string; field?: string }) {
  expect(REASONS.has(result.reason)).toBe(true)
  if (result.field !== undefined) expect(FIELDS.has(result.field)).toBe(true)
  expect(JSON.stringify(result)).not.toContain('VALUE:')
}

describe('pipeline properties', () => {
  it('never throws on arbitrary JSON values, as a message or as a batch body', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const message = pipeline.processMessage(value, { receivedAt })
        expect(['ok', 'drop']).toContain(message.type)
        const batch = pipeline.processBatch(value, { receivedAt })
        expect(['ok', 'drop']).toContain(batch.type)
        const wrapped = pipeline.processBatch({ batch: [value, value] }, { receivedAt })
        expect(wrapped.type).toBe('ok')
      }),
      { numRuns: 500 },
    )
  })

  it('never throws on arbitrary message-like objects or raw bodies', () => {
    fc.assert(
      fc.property(
        messageLike,
        fc.constantFrom(...SEGMENT_MESSAGE_TYPES, 'batch' as const),
        (message, endpoint) => {
          expect(() =>
            pipeline.processMessage(message, { receivedAt, headers: { 'sec-gpc': '1' } }),
          ).not.toThrow()
          const body = endpoint === 'batch' ? JSON.stringify({ batch: [message] }) : JSON.stringify(message)
          expect(() => pipeline.processRequest({ endpoint, body, receivedAt })).not.toThrow()
        },
      ),
      { numRuns: 500 },
    )
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.uint8Array()),
        fc.constantFrom('track' as const, 'batch' as const),
        (body, endpoint) => {
          const result = pipeline.processRequest({ endpoint, body, receivedAt })
          expect(['ok', 'drop']).toContain(result.type)
        },
      ),
    )
  })

  it('rejection reasons and fields never contain input values', () => {
    fc.assert(
      fc.property(messageLike, (message) => {
        const result = pipeline.processMessage(message, { receivedAt })
        if (result.type === 'drop') assertSafeDrop(result)
        const batch = pipeline.processBatch({ batch: [message], sentAt: 'VALUE:sent' }, { receivedAt })
        if (batch.type === 'drop') assertSafeDrop(batch)
        else for (const rejection of batch.value.rejected) assertSafeDrop(rejection)
      }),
      { numRuns: 1000 },
    )
  })

  it('accepted messages always have an identity, a messageId and a finite event time', () => {
    fc.assert(
      fc.property(messageLike, (message) => {
        const result = pipeline.processMessage(message, { receivedAt })
        if (result.type !== 'ok') return
        const m = result.value
        expect(m.userId !== undefined || m.anonymousId !== undefined).toBe(true)
        expect(m.messageId.length).toBeGreaterThan(0)
        expect(Number.isFinite(m.eventTime)).toBe(true)
        expect(m.eventTime).toBeLessThanOrEqual(receivedAt + 3_600_000)
      }),
      { numRuns: 500 },
    )
  })

  it('size limits are byte-based: multi-byte text over 32 KB is refused even when short in characters', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('é', '€', '😀', '中'),
        fc.integer({ min: 0, max: 40_000 }),
        (char, bytesWanted) => {
          const charBytes = Buffer.byteLength(char)
          const text = char.repeat(Math.floor(bytesWanted / charBytes))
          const message = { type: 'track', userId: 'u', event: 'A', messageId: 'm', properties: { text } }
          const bytes = Buffer.byteLength(JSON.stringify(message))
          const result = pipeline.processMessage(message, { receivedAt })
          expect(result.type === 'drop' && result.reason === 'message-too-large').toBe(bytes > 32_768)
        },
      ),
      { numRuns: 200 },
    )
  })
})
