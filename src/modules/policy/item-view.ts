import type { PolicyEngine } from './policy-engine.js'
import { type OpeningKeys, openItem } from './sealed.js'
import { basisOf, type ExcludedItem, type PolicyView, type ViewContext, type ViewItem } from './views.js'

/** Read model: which of a person's data items a brand may use for a purpose. */
export class ItemView {
  constructor(
    private readonly engine: PolicyEngine,
    private readonly keys: OpeningKeys,
  ) {}

  /**
   * The policy view of a person for (brand, purpose). Never returns an excluded item's value;
   * never lists another brand's item unless the person's sharing covers both brands. Reads
   * consent fresh from the ledger on every call, so a withdrawal through another process applies
   * to the very next view.
   */
  async view(personId: string, ctx: ViewContext): Promise<PolicyView> {
    this.engine.checkPurpose(ctx.purpose)
    const [items, state] = await Promise.all([
      this.engine.reads.dataItems.forPerson(personId),
      this.engine.stateOf(personId),
    ])
    const decision = this.engine.evaluate(items, state, ctx)
    const usable: ViewItem[] = []
    for (const { item, basis } of decision.allowed) {
      const value = await openItem(this.keys, item)
      if (value === undefined) continue
      usable.push({ ...value, basis: basis.map(basisOf) })
    }
    const excluded: ExcludedItem[] = decision.excluded.map(({ item, reason }) => ({
      key: item.key,
      category: item.category,
      brand: item.brandId,
      reason,
    }))
    await this.engine.record({
      actor: ctx.actor,
      action: 'policy.view',
      brandId: ctx.brandId,
      purpose: ctx.purpose,
      personId,
      itemIds: usable.map((i) => i.id),
      details: { excluded: countReasons(excluded) },
    })
    return {
      personId: await this.engine.pseudonym(personId, ctx.brandId),
      purpose: ctx.purpose,
      brand: ctx.brandId,
      items: usable,
      excluded,
    }
  }
}

/** Reason → how many, for an audit entry (no keys, no values). */
export function countReasons(excluded: readonly { readonly reason: string }[]): Record<string, number> {
  const counts = new Map<string, number>()
  for (const e of excluded) counts.set(e.reason, (counts.get(e.reason) ?? 0) + 1)
  return Object.fromEntries(counts)
}
