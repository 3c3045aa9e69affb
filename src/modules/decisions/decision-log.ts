import { type Explanation, explain, type FallbackReason } from './explanation.js'
import type { Factor } from './factor.js'

/**
 * The brand whose data a factor rests on: an interest's collecting brand (from its data item id
 * `interest:<brand>:<topic>` in logs written before the factor named it), or none for impersonal
 * factors (popularity, editorial), which rest on no one's data.
 */
export function dataBrandOf(f: Factor): string | undefined {
  if (f.kind !== 'interest' && f.kind !== 'stated') return undefined
  if (f.brand !== undefined) return f.brand
  const id = f.dataItemIds.find((d) => d.startsWith('interest:'))
  return id?.split(':')[1]
}

/**
 * A logged decision as a brand may read it today: factors resting on another brand's data are
 * left out unless the person's sharing covers that brand today (`visibleBrands`), and the
 * explanation of such an item is written again from what remains — so the brand learns nothing of
 * the other brand's data, not even that a factor was left out. The person themselves reads the
 * decision whole.
 */
export function decisionForBrand<
  D extends {
    readonly items: readonly { readonly explanation: Explanation }[]
    readonly fallbackReason?: FallbackReason
  },
>(
  d: D,
  visibleBrands: ReadonlySet<string>,
  brand: { readonly id: string; readonly name: string },
  brandNameOf: (brandId: string) => string = (id) => id,
): D {
  let changed = false
  const items = d.items.map((item) => {
    const kept = item.explanation.factors.filter((f) => {
      const brand = dataBrandOf(f)
      return brand === undefined || visibleBrands.has(brand)
    })
    if (kept.length === item.explanation.factors.length) return item
    changed = true
    return {
      ...item,
      explanation: explain(kept, {
        brandName: brand.name,
        brandId: brand.id,
        brandNameOf,
        ...(d.fallbackReason ? { fallbackReason: d.fallbackReason } : {}),
      }),
    }
  })
  return changed ? { ...d, items } : d
}
