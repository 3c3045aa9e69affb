import type { DataItem } from '../data-items/index.js'
import type { Identity } from '../persons/index.js'
import type { PolicyEngine } from './policy-engine.js'
import { type OpeningKeys, openItem } from './sealed.js'
import { type BrandExport, consentRecordView } from './views.js'

/** Read model: everything one brand holds about a person (a data-subject access request at that brand). */
export class PersonExport {
  constructor(
    private readonly engine: PolicyEngine,
    private readonly keys: OpeningKeys,
  ) {}

  /** Decrypted; audited as `person.export`. */
  async forBrand(personId: string, brandId: string, actor: string): Promise<BrandExport> {
    const s = this.engine.reads
    const [identities, items, state] = await Promise.all([
      s.persons.identities(personId),
      s.dataItems.forPerson(personId),
      this.engine.stateOf(personId),
    ])
    const own = items.filter((i) => i.brandId === brandId)
    const dataItems: (DataItem & { rejectedAt: number | null })[] = []
    for (const item of own) {
      const opened = await openItem(this.keys, item)
      if (opened) dataItems.push({ ...opened, rejectedAt: item.rejectedAt })
    }
    const consent = state
      .history()
      .filter((r) => r.capturedBy === brandId || r.brandId === brandId || r.scope === 'all_brands')
      .map((r) => consentRecordView(r, brandId))
    await this.engine.record({
      actor,
      action: 'person.export',
      brandId,
      purpose: null,
      personId,
      itemIds: dataItems.map((i) => i.id),
      details: { identities: identities.length, consent: consent.length },
    })
    return {
      personId: await this.engine.pseudonym(personId, brandId),
      brand: brandId,
      exportedAt: this.engine.clock.now(),
      identities: identities
        .filter((i: Identity) => i.brandId === brandId)
        .map((i) => ({ kind: i.kind, value: i.value, createdAt: i.createdAt })),
      dataItems,
      consent,
    }
  }
}
