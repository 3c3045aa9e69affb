/**
 * Topic popularity (the non-personalized ranking's aggregate) is a scan of the brand's inferred
 * interests. It is kept a minute; after that the kept counts answer while one refresh runs, so
 * no decision waits for the scan. These cases pin that: counts at first use, the old counts
 * right after expiry, the new ones once the refresh ran, and a single refresh for many callers.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createTestCandor, DIALECTS } from '../../../test/support/dialects.js'
import { recordPersonalization } from '../../../test/support/fixtures.js'
import { batchInput } from '../../../test/support/ingest.js'
import type { Candor } from '../../app/create-candor.js'
import { fixedClock } from '../../kernel/clock.js'

const NOW = Date.UTC(2026, 10, 29, 12)
const DAY = 86_400_000
const HIKING = 'outdoors.hiking'

for (const dialect of DIALECTS) {
  describe(`topic popularity on ${dialect}`, () => {
    let candor: Candor
    let close: () => Promise<void>
    const clock = fixedClock(NOW)
    let n = 0

    beforeAll(async () => {
      ;({ candor, close } = await createTestCandor(dialect, { clock }))
      await candor.brands.add({ id: 'outdoor', name: 'Outdoor' })
    })
    afterAll(() => close())

    /** A person who allows personalization and viewed hiking boots on two days: established. */
    const hiker = async (userId: string) => {
      await recordPersonalization(candor, 'outdoor', { kind: 'user', value: userId })
      const batch = [2, 1].map((daysAgo) => ({
        type: 'track',
        event: 'Product Viewed',
        userId,
        messageId: `pop-${++n}`,
        timestamp: new Date(clock.now() - daysAgo * DAY).toISOString(),
        properties: { category: 'Outdoors > Hiking > Boots' },
      }))
      await candor.ingestion.ingest(batchInput(candor, batch, clock.now()))
    }
    const popularity = () => candor.policy.topicPopularity('outdoor', 30)

    it('the first callers for a brand share one scan', async () => {
      await candor.brands.add({ id: 'quiet', name: 'Quiet' })
      const scans = vi.spyOn(candor.policy, 'computePopularity')
      const answers = await Promise.all([1, 2, 3].map(() => candor.policy.topicPopularity('quiet', 30)))
      expect(scans).toHaveBeenCalledTimes(1)
      for (const a of answers) expect(a.size).toBe(0)
      scans.mockRestore()
    })

    it('counts distinct people per topic and per broader topic, only as numbers', async () => {
      await hiker('pop-a')
      await hiker('pop-b')
      const counts = await popularity()
      expect(counts.get(HIKING)).toBeGreaterThanOrEqual(1)
      expect(counts.get('outdoors')).toBeGreaterThanOrEqual(counts.get(HIKING) ?? 0)
      expect([...counts.values()].every((v) => Number.isInteger(v))).toBe(true)
    })

    it('answers with the kept counts within the minute, then from the kept counts while one refresh runs', async () => {
      const before = (await popularity()).get(HIKING) ?? 0
      await hiker('pop-c')
      // Within the minute: the kept counts.
      expect((await popularity()).get(HIKING)).toBe(before)
      clock.advance(61_000)
      // Expired: many callers at once get the kept counts without waiting, and start one refresh.
      const scans = vi.spyOn(candor.policy, 'computePopularity')
      const answers = await Promise.all([popularity(), popularity(), popularity()])
      for (const a of answers) expect(a.get(HIKING)).toBe(before)
      expect(scans).toHaveBeenCalledTimes(1)
      scans.mockRestore()
      // Once the refresh ran, the new person counts.
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect((await popularity()).get(HIKING)).toBe(before + 1)
    })
  })
}
