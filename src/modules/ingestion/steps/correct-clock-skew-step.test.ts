import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createCorrectClockSkewStep, DEFAULT_MAX_FUTURE_MS } from './correct-clock-skew-step.js'

const H = (hour: number) => Date.UTC(2024, 4, 1, hour)
const correct = createCorrectClockSkewStep()

describe('correctClockSkew', () => {
  it('corrects with receivedAt − (sentAt − timestamp) when both client times are present', () => {
    // The client's clock runs 1 h ahead; the event happened 5 s before sending.
    const message = { timestamp: H(10), sentAt: H(10) + 5_000, receivedAt: H(9) + 5_000 }
    expect(correct(message)).toStrictEqual({
      eventTime: H(9),
      eventTimeSource: 'corrected',
      clockSkewMs: 3_600_000,
    })
  })

  it('uses the timestamp as is without sentAt, and receivedAt without any client time', () => {
    expect(correct({ timestamp: H(8), receivedAt: H(9) })).toMatchObject({
      eventTime: H(8),
      eventTimeSource: 'timestamp',
      clockSkewMs: 0,
    })
    expect(correct({ sentAt: H(8), receivedAt: H(9) })).toMatchObject({
      eventTime: H(9),
      eventTimeSource: 'received',
      clockSkewMs: 0,
    })
  })

  it('replaces times beyond the future bound by receivedAt, and keeps times within it', () => {
    const receivedAt = H(9)
    expect(correct({ timestamp: receivedAt + DEFAULT_MAX_FUTURE_MS, receivedAt })).toMatchObject({
      eventTime: receivedAt + DEFAULT_MAX_FUTURE_MS,
      eventTimeSource: 'timestamp',
    })
    expect(correct({ timestamp: receivedAt + DEFAULT_MAX_FUTURE_MS + 1, receivedAt })).toMatchObject({
      eventTime: receivedAt,
      eventTimeSource: 'clamped',
    })
    const strict = createCorrectClockSkewStep({ maxFutureMs: 0 })
    expect(strict({ timestamp: receivedAt + 1, receivedAt })).toMatchObject({
      eventTime: receivedAt,
      eventTimeSource: 'clamped',
    })
  })

  it('never clamps the past (historical imports)', () => {
    expect(correct({ timestamp: Date.UTC(2001, 0, 1), receivedAt: H(9) })).toMatchObject({
      eventTime: Date.UTC(2001, 0, 1),
      eventTimeSource: 'timestamp',
    })
  })

  it('property: exact for consistent inputs, whatever the client clock offset', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_102_444_800_000 }), // true event time up to 2100
        fc.integer({ min: -10 * 365 * 86_400_000, max: 10 * 365 * 86_400_000 }), // client clock offset
        fc.integer({ min: 0, max: 30 * 86_400_000 }), // queued offline before sending
        fc.integer({ min: 0, max: 60_000 }), // network transit
        (trueTime, offset, queued, transit) => {
          const message = {
            timestamp: trueTime + offset,
            sentAt: trueTime + queued + offset,
            receivedAt: trueTime + queued + transit,
          }
          const result = correct(message)
          // Segment's formula attributes the transit to the event: exact up to it.
          expect(result.eventTime).toBe(trueTime + transit)
          expect(result.clockSkewMs).toBe(offset - transit)
          expect(result.eventTimeSource).toBe('corrected')
        },
      ),
    )
  })
})
