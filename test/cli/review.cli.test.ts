/**
 * `candor review <segment.json>` (issue 17): a marketing team's CI runs it against the same data
 * directory as every other command; it prints the findings readably (or as JSON) and exits
 * non-zero when a finding blocks.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { candorCli, storeEnv } from '../support/cli.js'
import { createTestEnv, type TestEnv } from '../support/dialects.js'

describe('candor review', () => {
  let t: TestEnv
  let e: Record<string, string>
  const file = (name: string, body: unknown) => {
    const path = join(t.config.dataDir, name)
    writeFileSync(path, JSON.stringify(body))
    return path
  }

  beforeAll(() => {
    t = createTestEnv('sqlite')
    e = storeEnv(t.config)
    expect(candorCli(['brands', 'add', 'baby', '--name', 'Baby Co'], e).status).toBe(0)
  })
  afterAll(async () => {
    await t.cleanup()
  })

  it('exits 1 on a blocking finding and prints it with its fix; --json gives the review', () => {
    const seg = file('women.json', {
      id: 'women-25-34',
      purpose: 'personalization',
      rule: {
        all: [
          { data: 'gender', op: 'eq', value: 'female' },
          { data: 'age', op: 'between', value: [25, 34] },
        ],
      },
    })
    const r = candorCli(['review', seg, '--brand', 'baby'], e)
    expect(r.status, r.stderr).toBe(1)
    expect(r.stdout).toContain('BLOCK sensitive-category at rule.all[0].data')
    expect(r.stdout).toContain('WARN  demographic-only')
    expect(r.stdout).toMatch(/fix: Target what people do instead/)
    const json = candorCli(['review', seg, '--brand', 'baby', '--json'], e)
    expect(json.status).toBe(1)
    const review = JSON.parse(json.stdout) as { findings: { code: string }[]; reach: unknown }
    expect(review.findings.map((f) => f.code)).toContain('sensitive-category')
    expect(review.reach).toEqual({ matched: 0, afterConsent: 0, lostToConsent: 0 })
  })

  it('exits 0 when nothing blocks, and 1 with the path for an invalid rule', () => {
    const ok = file('hikers.json', {
      brand: 'baby',
      purpose: 'personalization',
      rule: {
        all: [{ interest: 'outdoors.hiking' }, { event: 'Product Viewed', minDays: 2, withinDays: 30 }],
      },
    })
    const r = candorCli(['review', ok], e)
    expect(r.status, r.stdout + r.stderr).toBe(0)
    expect(r.stdout).toContain('0 blocking, 0 warnings')
    const bad = file('bad.json', {
      brand: 'baby',
      purpose: 'personalization',
      rule: { any: [{ event: '' }] },
    })
    const b = candorCli(['review', bad], e)
    expect(b.status).toBe(1)
    expect(b.stderr).toContain('rule.any[0].event')
  })
})
