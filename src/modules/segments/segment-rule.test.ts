import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { evaluateSegment, isMember, matches, type SegmentFacts } from './segment-evaluation.js'
import { describeRule, parseRule, type RuleNode, ruleToJson } from './segment-rule.js'

const NOW = 1_800_000_000_000
const DAY = 86_400_000

const rule = (json: unknown): RuleNode => {
  const r = parseRule(json, { hasTopic: (t) => /^[a-z_.]+$/.test(t) })
  if (!r.ok) throw new Error(JSON.stringify(r.errors))
  return r.rule
}

const facts = (over: Partial<SegmentFacts> = {}): SegmentFacts => ({
  now: NOW,
  consented: true,
  interests: [],
  items: [],
  events: [],
  ...over,
})

const view = (at: number, extra: Partial<SegmentFacts['events'][number]> = {}) => ({
  name: 'Product Viewed',
  brand: 'outdoor',
  at,
  gift: false,
  properties: {},
  topics: ['outdoors.hiking.boots'],
  ...extra,
})

describe('parseRule', () => {
  it('names the path of each problem', () => {
    const r = parseRule({ all: [{ interest: 'outdoors.hiking' }, { event: '' }] })
    expect(r).toEqual({
      ok: false,
      errors: [{ path: 'rule.all[1].event', message: expect.stringContaining('event name') }],
    })
    const bad = parseRule({ any: [{ data: 'age', op: 'between', value: [40, 30] }] })
    expect(bad.ok || bad.errors[0]?.path).toBe('rule.any[0].value')
    const extra = parseRule({ interest: 'x', color: 'red' })
    expect(extra.ok || extra.errors[0]?.path).toBe('rule.color')
    const two = parseRule({ interest: 'x', data: 'y', op: 'exists' })
    expect(two.ok || two.errors[0]?.message).toMatch(/one rule kind per node/)
    const topic = parseRule({ not: { interest: 'no.such' } }, { hasTopic: () => false })
    expect(topic.ok || topic.errors[0]).toEqual({
      path: 'rule.not.interest',
      message: expect.stringContaining('unknown topic'),
    })
    const days = parseRule({ event: 'Product Viewed', minDays: 40, withinDays: 30 })
    expect(days.ok || days.errors[0]?.path).toBe('rule.minDays')
  })

  it('reads back its own JSON form', () => {
    const json = {
      all: [
        { interest: 'outdoors.hiking', minConfidence: 0.7 },
        { event: 'Product Viewed', where: { category: 'outdoors.hiking' }, minDays: 2, withinDays: 30 },
        { not: { data: 'user.contact.address.postal_code', op: 'in', value: ['10115', '10117'] } },
      ],
    }
    expect(ruleToJson(rule(json))).toEqual(json)
    expect(describeRule(rule(json))).toBe(
      'interest outdoors.hiking with confidence >= 0.7 and event "Product Viewed" category="outdoors.hiking" on >= 2 days within 30d and not user.contact.address.postal_code in ["10115","10117"]',
    )
  })

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 6 }), (input) => {
        const r = parseRule(input)
        if (!r.ok) expect(r.errors.length).toBeGreaterThan(0)
      }),
    )
    const deep: Record<string, unknown> = { interest: 'x' }
    let node: Record<string, unknown> = deep
    for (let i = 0; i < 40; i++) node = { not: node }
    expect(parseRule(node).ok).toBe(false)
  })
})

describe('evaluateSegment', () => {
  it('counts distinct days within the window, without gifts when asked', () => {
    const r = rule({
      event: 'Product Viewed',
      where: { category: 'outdoors.hiking' },
      minDays: 2,
      withinDays: 30,
      excludeGifts: true,
    })
    expect(matches(r, facts({ events: [view(NOW - DAY), view(NOW - 2 * DAY)] }))).toBe(true)
    expect(matches(r, facts({ events: [view(NOW - DAY), view(NOW - DAY + 1000)] }))).toBe(false)
    expect(matches(r, facts({ events: [view(NOW - DAY), view(NOW - 40 * DAY)] }))).toBe(false)
    expect(matches(r, facts({ events: [view(NOW - DAY), view(NOW - 2 * DAY, { gift: true })] }))).toBe(false)
    expect(
      matches(r, facts({ events: [view(NOW - DAY), view(NOW - 2 * DAY, { topics: ['outdoors.cycling'] })] })),
    ).toBe(false)
  })

  it('matches an interest in a descendant topic, only when established and confident enough', () => {
    const r = rule({ interest: 'outdoors.hiking', minConfidence: 0.7 })
    const i = { topic: 'outdoors.hiking.boots', brand: 'outdoor', confidence: 0.8, established: true }
    expect(matches(r, facts({ interests: [i] }))).toBe(true)
    expect(matches(r, facts({ interests: [{ ...i, confidence: 0.6 }] }))).toBe(false)
    expect(matches(r, facts({ interests: [{ ...i, established: false }] }))).toBe(false)
    expect(matches(r, facts({ interests: [{ ...i, topic: 'outdoors.hikingx' }] }))).toBe(false)
  })

  it('compares data by key or category with every operator', () => {
    const item = (key: string, category: string, value: unknown) => ({
      key,
      category,
      brand: 'outdoor',
      value,
      updatedAt: NOW,
      source: 'stated',
      confidence: null,
    })
    const f = facts({
      items: [
        item('age', 'user.demographic.age', 29),
        item('zip', 'user.contact.address.postal_code', '10115'),
      ],
    })
    const cases: [unknown, boolean][] = [
      [{ data: 'age', op: 'between', value: [25, 34] }, true],
      [{ data: 'user.demographic', op: 'gte', value: 30 }, false],
      [{ data: 'age', op: 'lt', value: 30 }, true],
      [{ data: 'zip', op: 'in', value: ['10115'] }, true],
      [{ data: 'zip', op: 'nin', value: ['10115'] }, false],
      [{ data: 'user.contact', op: 'eq', value: '10115' }, true],
      [{ data: 'zip', op: 'neq', value: '10115' }, false],
      [{ data: 'email', op: 'exists' }, false],
      [{ data: 'age', op: 'exists' }, true],
    ]
    for (const [json, expected] of cases) expect([json, matches(rule(json), f)]).toEqual([json, expected])
  })

  it('never admits a person without consent to the purpose, not even through a "not" rule', () => {
    const r = rule({ not: { interest: 'outdoors.hiking' } })
    expect(isMember(r, facts())).toBe(true)
    expect(isMember(r, facts({ consented: false }))).toBe(false)
    expect(evaluateSegment(r, facts({ consented: false }))).toEqual({ matched: false, criteria: [] })
  })

  it('names the criteria that matched', () => {
    const r = rule({ any: [{ interest: 'outdoors.hiking' }, { event: 'Product Viewed', minDays: 2 }] })
    const e = evaluateSegment(
      r,
      facts({
        interests: [{ topic: 'outdoors.hiking', brand: 'outdoor', confidence: 0.9, established: true }],
      }),
    )
    expect(e).toEqual({
      matched: true,
      criteria: [
        {
          path: 'rule.any[0].interest',
          criterion: 'interest outdoors.hiking',
          brands: ['outdoor'],
          oldest: null,
          lowestConfidence: 0.9,
        },
      ],
    })
    expect(evaluateSegment(r, facts())).toEqual({ matched: false, criteria: [] })
  })
})

// Laws over random rules and random facts.
const TOPICS = ['outdoors', 'outdoors.hiking', 'outdoors.hiking.boots', 'home']
const leafArb = fc.oneof(
  fc.record({ interest: fc.constantFrom(...TOPICS) }),
  fc.record({
    data: fc.constantFrom('age', 'user.demographic', 'zip'),
    op: fc.constant('gte'),
    value: fc.integer({ min: 0, max: 90 }),
  }),
  fc.record({ data: fc.constantFrom('age', 'zip'), op: fc.constant('exists') }),
  fc.record({
    event: fc.constantFrom('Product Viewed', 'Order Completed'),
    minDays: fc.integer({ min: 1, max: 3 }),
  }),
)
const { tree: ruleArb } = fc.letrec<{ tree: unknown }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafArb,
    fc.record({ all: fc.array(tie('tree'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('tree'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: tie('tree') }),
  ),
}))
const factsArb = fc.record({
  now: fc.constant(NOW),
  consented: fc.constant(true),
  interests: fc.array(
    fc.record({
      topic: fc.constantFrom(...TOPICS),
      brand: fc.constant('a'),
      confidence: fc.double({ min: 0, max: 1, noNaN: true }),
      established: fc.boolean(),
    }),
    { maxLength: 3 },
  ),
  items: fc.array(
    fc.record({
      key: fc.constantFrom('age', 'zip'),
      category: fc.constantFrom('user.demographic.age', 'user.contact.address.postal_code'),
      brand: fc.constant('a'),
      value: fc.oneof(fc.integer({ min: 0, max: 90 }), fc.string()),
      updatedAt: fc.constant(NOW),
      source: fc.constant('stated'),
      confidence: fc.constant(null),
    }),
    { maxLength: 3 },
  ),
  events: fc.array(
    fc.record({
      name: fc.constantFrom('Product Viewed', 'Order Completed'),
      brand: fc.constant('a'),
      at: fc.integer({ min: NOW - 10 * DAY, max: NOW }),
      gift: fc.boolean(),
      properties: fc.constant({}),
      topics: fc.constant([]),
    }),
    { maxLength: 5 },
  ),
})

describe('rule laws', () => {
  const r = (json: unknown) => rule(json)
  it('not(not(r)) ≡ r', () => {
    fc.assert(
      fc.property(ruleArb, factsArb, (j, f) => matches(r({ not: { not: j } }), f) === matches(r(j), f)),
    )
  })
  it('all and any over one rule are the rule; all/any are commutative; De Morgan holds', () => {
    fc.assert(
      fc.property(ruleArb, ruleArb, factsArb, (a, b, f) => {
        expect(matches(r({ all: [a] }), f)).toBe(matches(r(a), f))
        expect(matches(r({ any: [a] }), f)).toBe(matches(r(a), f))
        expect(matches(r({ all: [a, b] }), f)).toBe(matches(r({ all: [b, a] }), f))
        expect(matches(r({ any: [a, b] }), f)).toBe(matches(r({ any: [b, a] }), f))
        expect(matches(r({ not: { all: [a, b] } }), f)).toBe(matches(r({ any: [{ not: a }, { not: b }] }), f))
        expect(matches(r({ all: [a, { not: a }] }), f)).toBe(false)
      }),
    )
  })
  it('a match lists criteria, a non-match none; JSON round-trips', () => {
    fc.assert(
      fc.property(ruleArb, factsArb, (j, f) => {
        const e = evaluateSegment(r(j), f)
        expect(e.matched).toBe(matches(r(j), f))
        if (!e.matched) expect(e.criteria).toEqual([])
        expect(ruleToJson(r(ruleToJson(r(j))))).toEqual(ruleToJson(r(j)))
      }),
    )
  })
})
