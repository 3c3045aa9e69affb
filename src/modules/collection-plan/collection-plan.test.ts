import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  checkVocabulary,
  formatPlan,
  parsePlanDocument,
  parsePlanText,
  planDocument,
} from './collection-plan.js'
import { checkAgainstPlan, stripUndeclared, tallyFields } from './plan-check.js'
import { blocks, reviewPlan } from './plan-review.js'

const ISSUE_EXAMPLE = `
mode: strip                      # observe | strip | reject
events:
  - name: Product Viewed         # a track event name; "page", "screen" for those calls
    properties:
      category: { category: user.behavior.browsing, purposes: [personalization, analytics], retentionDays: 365, required: true, justification: "Which aisles you browse, so offers match them" }
      price:    { category: user.behavior.purchase, purposes: [analytics], retentionDays: 90, justification: "…" }
traits:
  email:     { category: user.contact.email, purposes: [essential], retentionDays: 730, justification: "…" }
`

const vocabulary = {
  hasCategory: (c: string) =>
    ['user.behavior.browsing', 'user.behavior.purchase', 'user.contact.email', 'user.health'].includes(c),
  categoryNames: ['user.behavior.browsing', 'user.behavior.purchase', 'user.contact.email', 'user.health'],
  purposes: ['essential', 'personalization', 'analytics', 'advertising'],
}

function parsed(text: string) {
  const r = parsePlanText(text)
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  return r.value
}

describe('the plan document', () => {
  it("reads the issue's example in YAML, and the same in JSON", () => {
    const plan = parsed(ISSUE_EXAMPLE)
    expect(plan.mode).toBe('strip')
    const viewed = plan.events.get('Product Viewed')
    expect(viewed?.properties.get('category')).toEqual({
      category: 'user.behavior.browsing',
      purposes: ['personalization', 'analytics'],
      retentionDays: 365,
      required: true,
      justification: 'Which aisles you browse, so offers match them',
    })
    expect(viewed?.properties.get('price')?.required).toBe(false)
    expect(plan.traits.get('email')?.retentionDays).toBe(730)
    expect(parsed(JSON.stringify(planDocument(plan)))).toEqual(plan)
    expect(checkVocabulary(plan, vocabulary)).toEqual([])
  })

  it('names the path and the fix of every problem', () => {
    const r = parsePlanText(
      JSON.stringify({
        mode: 'strp',
        events: [
          { name: 'A', properties: { x: { purposes: 'analytics', retentionDays: 0 } } },
          { name: 'A' },
        ],
        traits: { email: { category: 'user.contact.email', justfication: 'x' } },
        extra: 1,
      }),
    )
    expect(r.ok).toBe(false)
    const errors = r.ok ? [] : r.error
    const paths = errors.map((e) => e.path)
    expect(paths).toEqual(
      expect.arrayContaining([
        'mode',
        'extra',
        'events[0].properties.x.category',
        'events[0].properties.x.purposes',
        'events[0].properties.x.retentionDays',
        'events[1].name',
        'traits.email.justfication',
      ]),
    )
    expect(errors.find((e) => e.path === 'traits.email.justfication')?.message).toContain(
      'did you mean "justification"?',
    )
    expect(errors.find((e) => e.path === 'mode')?.message).toBe('mode must be one of observe, strip, reject')
  })

  it('checks categories and purposes against the taxonomy and the configured purposes', () => {
    const plan = parsed(
      'mode: observe\ntraits:\n  email: { category: user.contact.emial, purposes: [personalisation], justification: x }',
    )
    expect(checkVocabulary(plan, vocabulary)).toEqual([
      {
        path: 'traits.email.category',
        message: expect.stringContaining('did you mean "user.contact.email"?'),
      },
      { path: 'traits.email.purposes', message: expect.stringContaining('did you mean "personalization"?') },
    ])
  })

  it('reports unreadable text with its line, and quotes odd names in paths', () => {
    const bad = parsePlanText('mode: strip\nevents: [\n')
    expect(bad.ok ? [] : bad.error[0]?.message).toMatch(/^not valid YAML or JSON/)
    const odd = parsePlanText('mode: observe\ntraits:\n  "a b": 3')
    expect(odd.ok ? [] : odd.error.map((e) => e.path)).toEqual(['traits."a b"'])
  })
})

describe('the parser, for any input', () => {
  const fieldDoc = fc.record(
    {
      category: fc.constantFrom('user.behavior.browsing', 'user.contact.email', 'user.health'),
      purposes: fc.uniqueArray(fc.constantFrom('essential', 'analytics', 'personalization'), {
        maxLength: 3,
      }),
      retentionDays: fc.integer({ min: 1, max: 36_500 }),
      required: fc.boolean(),
      justification: fc.string({ minLength: 1, maxLength: 50 }).filter((s) => s.trim() === s && s !== ''),
    },
    { requiredKeys: ['category', 'purposes', 'required'] },
  )
  const name = fc
    .string({ minLength: 1, maxLength: 30 })
    .filter((s) => [...s].every((c) => c.charCodeAt(0) >= 32 && c.charCodeAt(0) !== 127))
  const fields = fc.dictionary(name, fieldDoc, { maxKeys: 6 })
  const planDoc = fc.record({
    mode: fc.constantFrom('observe', 'strip', 'reject'),
    events: fc.uniqueArray(fc.record({ name, properties: fields }), {
      selector: (e) => e.name,
      maxLength: 4,
    }),
    traits: fields,
    context: fields,
  })

  it('never throws, on any text or JSON value', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        const r = parsePlanText(text)
        expect(typeof r.ok).toBe('boolean')
      }),
      { numRuns: 500 },
    )
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(typeof parsePlanDocument(value).ok).toBe('boolean')
      }),
      { numRuns: 500 },
    )
  })

  it('round-trips through JSON and YAML', () => {
    fc.assert(
      fc.property(planDoc, (doc) => {
        const plan = parsePlanDocument(doc)
        expect(plan.ok).toBe(true)
        if (!plan.ok) return
        for (const format of ['json', 'yaml'] as const) {
          const again = parsePlanText(formatPlan(plan.value, format))
          expect(again).toEqual(plan)
        }
      }),
      { numRuns: 100 },
    )
  })
})

describe('the plan at intake', () => {
  const plan = parsed(
    `${ISSUE_EXAMPLE}\ncontext:\n  ip: { category: user.device.ip_address, purposes: [essential], justification: fraud }\n`,
  )
  const track = (properties: Record<string, unknown>, context: Record<string, unknown> = {}) => ({
    type: 'track',
    event: 'Product Viewed',
    properties,
    traits: {},
    context,
  })

  it('finds nothing wrong in a declared message; SDK context fields are never violations', () => {
    const check = checkAgainstPlan(
      plan,
      track({ category: 'boots', price: 3 }, { library: { name: 'x' }, consent: {}, ip: '1.2.3.4' }),
    )
    expect(check.violations).toEqual([])
  })

  it('names undeclared fields and missing required ones, and strips only the undeclared', () => {
    const m = track({ price: 3, color: 'red', ['__proto__']: 'x' }, { userAgent: 'UA' })
    const check = checkAgainstPlan(plan, m)
    expect(check.violations).toEqual([
      { kind: 'undeclared', event: 'Product Viewed', field: 'properties.color' },
      { kind: 'undeclared', event: 'Product Viewed', field: 'properties.__proto__' },
      { kind: 'missing', event: 'Product Viewed', field: 'properties.category' },
      { kind: 'undeclared', event: null, field: 'context.userAgent' },
    ])
    const stripped = stripUndeclared(m, check)
    expect(stripped.properties).toEqual({ price: 3 })
    expect(stripped.context).toEqual({})
    expect(m.properties).toHaveProperty('color')
  })

  it('treats an undeclared event and undeclared traits as violations', () => {
    expect(
      checkAgainstPlan(plan, {
        type: 'track',
        event: 'Fax Sent',
        properties: { to: 1 },
        traits: {},
        context: {},
      }).violations,
    ).toEqual([
      { kind: 'undeclared', event: 'Fax Sent', field: 'event' },
      { kind: 'undeclared', event: 'Fax Sent', field: 'properties.to' },
    ])
    const identify = { type: 'identify', properties: {}, traits: { email: 'a@b', fax: '1' }, context: {} }
    const check = checkAgainstPlan(plan, identify)
    expect(check.violations).toEqual([{ kind: 'undeclared', event: null, field: 'traits.fax' }])
    expect(stripUndeclared(identify, check).traits).toEqual({ email: 'a@b' })
  })

  it('counts names with control characters written \\uXXXX (PostgreSQL text cannot hold NUL)', () => {
    const tallies = tallyFields([
      {
        type: 'track',
        event: 'A\u0000B',
        properties: { '\u0000': 1, 'tab\there': 'x' },
        traits: {},
        context: {},
      },
    ])
    expect(tallies).toEqual([
      { event: 'A\\u0000B', field: 'properties.\\u0000', type: 'number', count: 1 },
      { event: 'A\\u0000B', field: 'properties.tab\\u0009here', type: 'string', count: 1 },
    ])
  })
})

describe('review prompts', () => {
  const isSensitive = (c: string) => c.startsWith('user.health')
  const plan = parsed(`
mode: observe
traits:
  condition: { category: user.health, purposes: [personalization], retentionDays: 30, justification: "Offers that suit your condition" }
  shoe: { category: user.behavior.purchase, retentionDays: 30, justification: "Boots that fit" }
  fax: { category: user.contact.email, purposes: [essential] }
`)

  it('blocks a sensitive field without a reviewer, a field without purpose, a field without justification', () => {
    const findings = reviewPlan(plan, { isSensitive, reviewer: false })
    expect(findings.map((f) => [f.code, f.severity, f.path])).toEqual([
      ['sensitive-field', 'block', 'traits.condition'],
      ['missing-purpose', 'block', 'traits.shoe.purposes'],
      ['missing-justification', 'block', 'traits.fax.justification'],
      ['missing-retention', 'warning', 'traits.fax.retentionDays'],
    ])
    expect(blocks(findings)).toBe(true)
  })

  it('lets a reviewer save a justified sensitive field, and does not ask again for it', () => {
    const reviewed = reviewPlan(plan, { isSensitive, reviewer: true })
    expect(reviewed.find((f) => f.code === 'sensitive-field')?.severity).toBe('info')
    const next = reviewPlan(plan, { isSensitive, reviewer: false, previous: plan })
    expect(next.some((f) => f.code === 'sensitive-field')).toBe(false)
  })
})
