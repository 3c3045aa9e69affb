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
const editorial: Factor = { kind: 'editorial', priority: 1, change: { action: 'none', text: '' } }
const decision = (factors: Factor[]) => ({
  items: [{ offerId: 'o', explanation: explain(factors, { brandName: 'Outdoor' }) }],
})

describe('the decision log as a brand reads it', () => {
  it("keeps factors on the brand's own data and on brands its sharing covers; drops the others and rewrites the sentence", () => {
    const d = decision([interest('outdoor', 'Tents'), interest('baby', 'Strollers'), editorial])
    expect(decisionForBrand(d, new Set(['outdoor', 'baby']), 'Outdoor')).toBe(d)
    const out = decisionForBrand(d, new Set(['outdoor']), 'Outdoor')
    const text = JSON.stringify(out)
    expect(text).not.toContain('Strollers')
    expect(text).not.toContain('baby')
    expect(out.items[0]?.explanation.text).toBe("Shown because you told us you're interested in Tents.")
  })

  it('an item that rested only on the other brand is explained from its impersonal factors', () => {
    const out = decisionForBrand(
      decision([interest('baby', 'Strollers'), editorial]),
      new Set(['outdoor']),
      'Outdoor',
    )
    expect(out.items[0]?.explanation.factors).toEqual([editorial])
    expect(out.items[0]?.explanation.text).toContain('Featured by Outdoor.')
  })

  it('reads the brand of a factor logged before it named one from its data item id', () => {
    const legacy = { ...interest(undefined, 'Cribs'), dataItemIds: ['interest:baby:t.Cribs'] } as Factor
    expect(dataBrandOf(legacy)).toBe('baby')
    expect(dataBrandOf(editorial)).toBeUndefined()
  })
})
