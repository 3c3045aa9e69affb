import { describe, expect, it } from 'vitest'
import { newEventId } from './event.js'

describe('newEventId', () => {
  const at = Date.UTC(2026, 10, 29, 12)

  it('is shaped like every other id: evt_ and 32 lowercase hex digits', () => {
    expect(newEventId(at)).toMatch(/^evt_[0-9a-f]{32}$/)
    expect(newEventId(0)).toMatch(/^evt_0{12}[0-9a-f]{20}$/)
  })

  it('starts with the time in ms, so later ids sort after earlier ones', () => {
    expect(newEventId(at).slice(4, 16)).toBe(at.toString(16).padStart(12, '0'))
    const earlier = newEventId(at)
    const later = newEventId(at + 1)
    expect(earlier < later).toBe(true)
  })

  it('is unique within one millisecond (20 random hex digits)', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newEventId(at)))
    expect(ids.size).toBe(10_000)
  })
})
