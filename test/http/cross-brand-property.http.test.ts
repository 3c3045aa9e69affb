/**
 * Property (issue 11): no response to brand A ever contains a key, category, topic id or value of
 * brand B's data unless the person's cross-brand sharing covers both brands — whatever B holds,
 * whatever consent the person gave where, and after withdrawals. Over the real HTTP server, on
 * every dialect.
 */
import { randomUUID } from 'node:crypto'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/dialects.js'
import { createTestServer, type TestServer } from '../support/http.js'

/** Categories only brand B ever uses, so any mention of one at A is B's. */
const B_CATEGORIES = [
  'user.behavior.media_consumption',
  'user.childrens',
  'user.location.approximate',
] as const
/** Topics only brand B's person ever states. */
const B_TOPICS = [
  'baby_kids.baby_gear.strollers',
  'baby_kids.baby_toys',
  'baby_kids.baby_gear.car_seats',
] as const
const PURPOSES = ['essential', 'personalization', 'analytics', 'advertising'] as const

type SharingStep =
  | {
      readonly at: 'a' | 'b'
      readonly state: 'granted' | 'withdrawn'
      readonly scope: 'brand' | 'all_brands'
    }
  | { readonly at: 'a' | 'b'; readonly purpose: (typeof PURPOSES)[number]; readonly state: 'granted' }

const scenarioArb = fc.record({
  items: fc.array(
    fc.record({ category: fc.constantFrom(...B_CATEGORIES), n: fc.integer({ min: 0, max: 1e6 }) }),
    { minLength: 1, maxLength: 3 },
  ),
  topics: fc.subarray([...B_TOPICS], { minLength: 1 }),
  steps: fc.array(
    fc.oneof(
      fc.record({
        at: fc.constantFrom<'a' | 'b'>('a', 'b'),
        state: fc.constantFrom<'granted' | 'withdrawn'>('granted', 'withdrawn'),
        scope: fc.constantFrom<'brand' | 'all_brands'>('brand', 'all_brands'),
      }),
      fc.record({
        at: fc.constantFrom<'a' | 'b'>('a', 'b'),
        purpose: fc.constantFrom(...PURPOSES),
        state: fc.constant<'granted'>('granted'),
      }),
    ) as fc.Arbitrary<SharingStep>,
    { maxLength: 5 },
  ),
})

/**
 * Whether sharing covers both brands after the steps: for each brand, the latest sharing entry
 * that applies to it (scoped to it, or to all brands) must be a grant.
 */
function shared(steps: readonly SharingStep[]): boolean {
  const latest = new Map<'a' | 'b', 'granted' | 'withdrawn'>()
  for (const s of steps) {
    if (!('scope' in s)) continue
    for (const brand of s.scope === 'all_brands' ? (['a', 'b'] as const) : [s.at]) latest.set(brand, s.state)
  }
  return latest.get('a') === 'granted' && latest.get('b') === 'granted'
}

for (const dialect of DIALECTS) {
  describe(`cross-brand invisibility, as a property (${dialect})`, () => {
    let s: TestServer
    beforeAll(async () => {
      s = await createTestServer(dialect)
    })
    afterAll(async () => {
      await s?.close()
    })

    const ok = async (method: string, url: string, key: string | undefined, body?: unknown) => {
      const res = await s.call(method, url, { key, ...(body === undefined ? {} : { body }) })
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300)
      return res.body
    }

    it("brand A's responses never name brand B's keys, categories, topics or values unless sharing covers both", async () => {
      await fc.assert(
        fc.asyncProperty(scenarioArb, async (sc) => {
          const tag = randomUUID().slice(0, 8)
          const a = `pa-${tag}`
          const b = `pb-${tag}`
          const email = `${tag}@example.com`
          const A = s.keys.server.outdoor
          const B = s.keys.server.baby
          const verified = (ref: string, key: string | undefined) =>
            ok('POST', `/v1/persons/${ref}/data-items`, key, {
              items: [
                {
                  key: 'email',
                  value: email,
                  category: 'user.contact.email',
                  source: 'stated',
                  verified: true,
                },
              ],
            })
          await verified(a, A)
          await ok('POST', `/v1/persons/${a}/data-items`, A, {
            items: [{ key: 'tents', value: 2, category: 'user.behavior.purchase', source: 'observed' }],
          })
          const markers = sc.items.map((it, i) => ({
            key: `bkey${i}x${tag}`,
            value: `bval${it.n}x${tag}`,
            ...it,
          }))
          await verified(b, B)
          await ok('POST', `/v1/persons/${b}/data-items`, B, {
            items: markers.map((m) => ({
              key: m.key,
              value: m.value,
              category: m.category,
              source: 'stated',
            })),
          })
          for (const topic of sc.topics)
            await ok('POST', `/v1/persons/${b}/interests`, B, { topic, state: 'stated' })
          await ok('POST', '/v1/batch', s.keys.write.baby, {
            batch: [
              {
                type: 'track',
                event: 'Product Viewed',
                userId: b,
                messageId: `bmsg-${tag}`,
                properties: { category: 'Strollers', note: `bnote${tag}` },
              },
            ],
          })
          for (const step of sc.steps) {
            const ref = step.at === 'a' ? a : b
            const key = step.at === 'a' ? A : B
            if ('scope' in step)
              await ok('POST', `/v1/persons/${ref}/consent`, key, {
                purpose: 'cross_brand_sharing',
                state: step.state,
                scope: step.scope,
              })
            else
              await ok('POST', `/v1/persons/${ref}/consent`, key, {
                purpose: step.purpose,
                state: step.state,
              })
          }
          const bodies: string[] = []
          for (const purpose of PURPOSES) {
            bodies.push(await ok('GET', `/v1/persons/${a}?purpose=${purpose}`, A))
            bodies.push(await ok('GET', `/v1/persons/${a}/interests?purpose=${purpose}`, A))
            bodies.push(await ok('GET', `/v1/persons/${a}/events?purpose=${purpose}`, A))
          }
          bodies.push(await ok('GET', `/v1/persons/${a}/export`, A))
          bodies.push(await ok('GET', `/v1/persons/${a}/consent`, A))
          bodies.push(await ok('GET', `/v1/persons/${a}/decisions`, A))
          const all = bodies.join('\n')
          const mentions = [
            ...markers.flatMap((m) => [m.key, m.value, m.category]),
            ...sc.topics,
            `bmsg-${tag}`,
            `bnote${tag}`,
          ].filter((x) => all.includes(x))
          if (!shared(sc.steps)) expect(mentions, JSON.stringify(sc.steps)).toEqual([])
          // Never the content of B's events, whatever the sharing: events stay with the brand that
          // collected them (under sharing, a shared interest may cite their ids as its evidence).
          expect(all).not.toContain(`bnote${tag}`)
        }),
        { numRuns: 12 },
      )
    })
  })
}
