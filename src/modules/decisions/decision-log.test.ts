import { describe, expect, it } from 'vitest'
import { dataBrandOf, decisionForBrand } from './decision-log.js'
import { explain } from './explanation.js'
import type { Factor } from './factor.js'

const interest = (brand: string | undefined, label: string): Factor => ({
  kind: 'stated',
  topic: `t.${label}`,
  label,
  offerTopic: `t.${label}`,
  source: 'stated',
  evidence: { signals: {}, distinctDays: 0, firstSeen: null, lastSeen: null },
  ...(brand ? { brand } : {}),
  dataItemIds: [`interest:${brand ?? 'legacy'}:t.${label}`],
  categories: ['user.preference.stated'],
  purpose: 'personalization',
  consentIds: [],
  sourceEvents: [],
  contribution: 1,
  change: { action: 'remove-stated-interest', topic: `t.${label}`, text: 'x' },
})
const OUTDOOR = { id: 'outdoor', name: 'Outdoor' }
const editorial: Factor = { kind: 'editorial', priority: 1, change: { action: 'none', text: '' } }
const decision = (factors: Factor[]) => ({
  items: [{ offerId: 'o', explanation: explain(factors, { brandName: 'Outdoor' }) }],
})

describe('the decision log as a brand reads it', () => {
  it("keeps factors on the brand's own data and on brands its sharing covers; drops the others and rewrites the sentence", () => {
    const d = decision([interest('outdoor', 'Tents'), interest('baby', 'Strollers'), editorial])
    expect(decisionForBrand(d, new Set(['outdoor', 'baby']), OUTDOOR)).toBe(d)
    const out = decisionForBrand(d, new Set(['outdoor']), OUTDOOR)
    const text = JSON.stringify(out)
    expect(text).not.toContain('Strollers')
    expect(text).not.toContain('baby')
    expect(out.items[0]?.explanation.text).toBe("Shown because you told us you're interested in Tents.")
  })

  it('an item that rested only on the other brand is explained from its impersonal factors', () => {
    const out = decisionForBrand(
      decision([interest('baby', 'Strollers'), editorial]),
      new Set(['outdoor']),
      OUTDOOR,
    )
    expect(out.items[0]?.explanation.factors).toEqual([editorial])
    expect(out.items[0]?.explanation.text).toContain('Featured by Outdoor.')
  })

  it('reads the brand of a factor logged before it named one from its data item id', () => {
    const legacy = { ...interest(undefined, 'Cribs'), dataItemIds: ['interest:baby:t.Cribs'] } as Factor
    expect(dataBrandOf(legacy)).toBe('baby')
    expect(dataBrandOf(editorial)).toBeUndefined()
  })

  it('a factor on shared data names the brand that collected it and offers to stop sharing, in the log as at decision time', () => {
    const d = decision([interest('outdoor', 'Tents'), editorial])
    const shared = decisionForBrand(
      {
        items: [
          {
            explanation: explain([interest('outdoor', 'Tents'), interest('baby', 'Strollers')], {
              brandName: 'Outdoor',
            }),
          },
        ],
      },
      new Set(['outdoor', 'baby']),
      OUTDOOR,
    )
    // Nothing left out: the logged text stands.
    expect(decisionForBrand(d, new Set(['outdoor']), OUTDOOR)).toBe(d)
    const e = explain([interest('baby', 'Strollers'), interest('baby', 'Cribs')], {
      brandName: 'Outdoor',
      brandId: 'outdoor',
      brandNameOf: (id) => (id === 'baby' ? 'Tiny Tots' : id),
    })
    expect(e.text).toBe(
      "Shown because you told us you're interested in Strollers. Tiny Tots collected this, and you chose to share it with Outdoor. Shown because you told us you're interested in Cribs. Tiny Tots collected this, and you chose to share it with Outdoor.",
    )
    expect(e.howToChange.filter((c) => c.purpose === 'cross_brand_sharing')).toEqual([
      {
        action: 'withdraw-consent',
        purpose: 'cross_brand_sharing',
        text: 'Stop sharing your data between brands in the control center: Outdoor will no longer use what Tiny Tots collected.',
      },
    ])
    // The brand's own data is not attributed.
    expect(explain([interest('outdoor', 'Tents')], { brandName: 'Outdoor', brandId: 'outdoor' }).text).toBe(
      "Shown because you told us you're interested in Tents.",
    )
    expect(shared.items[0]?.explanation.factors).toHaveLength(2)
  })
})
