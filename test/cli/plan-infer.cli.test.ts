/**
 * `candor plan infer --brand <id> --since 30d` on the demo's stream (issue 19): the proposal names
 * the fields the demo sends, with plausible categories and how often each was seen — names and
 * types only — and lints with blocks until a person writes purposes and justifications.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parsePlanText, reviewPlan } from '../../src/modules/collection-plan/index.js'
import { generateDemo } from '../../src/modules/demo/index.js'
import { candorCli, storeEnv } from '../support/cli.js'
import { createTestServer, type TestServer } from '../support/http.js'

describe('candor plan infer on the demo stream', () => {
  let s: TestServer
  beforeAll(async () => {
    s = await createTestServer('sqlite', {}, ['outdoor'])
    const demo = generateDemo({ persons: 12, seed: 7, now: Date.now(), days: 20 })
    const batch = [...demo.messages()].filter((e) => e.brand === 'outdoor').map((e) => e.message)
    for (let i = 0; i < batch.length; i += 100) {
      const r = await s.app.inject({
        method: 'POST',
        url: '/v1/batch',
        headers: { authorization: `Bearer ${s.keys.write.outdoor}` },
        payload: { batch: batch.slice(i, i + 100) },
      })
      expect(r.statusCode, r.body).toBe(200)
    }
  })
  afterAll(async () => s.close())

  it('proposes the fields the demo sends, with plausible categories and counts', async () => {
    const inferred = await s.candor.collectionPlans.infer('outdoor', Date.now() - 30 * 86_400_000)
    const category = (event: string | null, field: string) =>
      inferred.fields.find((f) => f.event === event && f.field === field)?.category
    expect(category('Product Viewed', 'properties.price')).toBe('user.behavior.browsing')
    expect(category('Order Completed', 'properties.revenue')).toBe('user.behavior.purchase')
    expect(category(null, 'traits.email')).toBe('user.contact.email')
    expect(category(null, 'traits.firstName')).toBe('user.name.first')
    expect(category(null, 'context.userAgent')).toBe('user.device')
    expect(category(null, 'context.locale')).toBe('user.demographic.language')
    expect(category('page', 'properties.url')).toBe('user.behavior.browsing')
    expect(inferred.fields.some((f) => f.field === 'context.library')).toBe(false)
    expect(inferred.fields.find((f) => f.field === 'properties.products')?.types).toEqual(['array'])
    expect(inferred.fields.every((f) => f.count > 0)).toBe(true)
    expect(inferred.plan.mode).toBe('observe')
    expect([...inferred.plan.events.keys()]).toEqual(expect.arrayContaining(['Product Viewed', 'page']))
  })

  it('prints the same as YAML that parses as a plan and still needs a person to say why', () => {
    const r = candorCli(
      ['plan', 'infer', '--brand', 'outdoor', '--since', '30d'],
      storeEnv({
        dataDir: s.candor.config.dataDir,
        databaseUrl: '',
        databaseSchema: 'candor',
      }),
    )
    expect(r.status, r.stderr).toBe(0)
    expect(r.stdout).toMatch(
      /# {3}Product Viewed: properties\.price \(number\) seen \d+× → user\.behavior\.browsing/,
    )
    const plan = parsePlanText(r.stdout)
    expect(plan.ok).toBe(true)
    if (!plan.ok) return
    expect(plan.value.traits.get('email')?.category).toBe('user.contact.email')
    const findings = reviewPlan(plan.value, {
      isSensitive: (c) => c.startsWith('user.demographic'),
      reviewer: false,
    })
    expect(findings.some((f) => f.code === 'missing-justification' && f.severity === 'block')).toBe(true)
    const bad = candorCli(
      ['plan', 'infer', '--brand', 'outdoor', '--since', 'yesterday'],
      storeEnv({
        dataDir: s.candor.config.dataDir,
        databaseUrl: '',
        databaseSchema: 'candor',
      }),
    )
    expect(bad.status).toBe(1)
    expect(bad.stderr).toContain('--since')
  })
})
