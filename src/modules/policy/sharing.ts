import type { PolicyEngine } from './policy-engine.js'

/** Read model: what a brand may learn about the person's other brands (nothing, unless they share). */
export class Sharing {
  constructor(private readonly engine: PolicyEngine) {}

  /**
   * Whether the brand may learn that the person is also known at another brand of the company:
   * only when the person's cross-brand sharing covers this brand and one where they have an
   * identity today.
   */
  async linkedUnderSharing(personId: string, brandId: string): Promise<boolean> {
    const [identities, state] = await Promise.all([
      this.engine.reads.persons.identities(personId),
      this.engine.stateOf(personId),
    ])
    return identities.some((i) => i.brandId !== brandId && state.sharingAllowed(i.brandId, brandId))
  }

  /** The brands whose data the person's sharing lets `brandId` see today (always itself). */
  async visibleBrands(personId: string, brandId: string): Promise<Set<string>> {
    const [identities, state] = await Promise.all([
      this.engine.reads.persons.identities(personId),
      this.engine.stateOf(personId),
    ])
    const brands = new Set([brandId])
    for (const i of identities) if (state.sharingAllowed(i.brandId, brandId)) brands.add(i.brandId)
    return brands
  }
}
