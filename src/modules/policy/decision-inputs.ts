import type { InterestReadModel } from './interest-view.js'
import type { PersonState } from './person-state-cache.js'
import type { PolicyEngine } from './policy-engine.js'
import type { InterestView, Restrictions } from './views.js'

/**
 * Read model: what a decision may rest on, with as few reads as possible: the ledger (from
 * `personState`); then, only when the person allows personalization at the brand, their interests
 * through the policy (audited as `interests.view`); without it, only their "not interested"
 * topics. Audited as `decision.restrictions` (no purpose).
 */
export class DecisionInputs {
  constructor(
    private readonly engine: PolicyEngine,
    private readonly interests: InterestReadModel,
  ) {}

  async of(
    person: PersonState,
    brandId: string,
    actor: string,
  ): Promise<{ restrictions: Restrictions; interests?: readonly InterestView[] }> {
    const s = this.engine.reads
    const { personId, consent: state } = person
    const personalization = state.decide(brandId, 'personalization')
    const ad = state.decide(brandId, 'advertising')
    let rejectedTopics: string[]
    let interests: readonly InterestView[] | undefined
    if (personalization.granted) {
      const rows = await s.interests.forPerson(personId)
      rejectedTopics = rows.filter((r) => r.brandId === brandId && r.state === 'rejected').map((r) => r.topic)
      interests = (
        await this.interests.evaluate(personId, rows, state, { brandId, purpose: 'personalization', actor })
      ).interests
    } else {
      rejectedTopics = await s.interests.rejectedTopics(personId, brandId)
    }
    await this.engine.record({
      actor,
      action: 'decision.restrictions',
      brandId,
      purpose: null,
      personId,
      itemIds: [],
      details: {},
    })
    return {
      restrictions: {
        rejectedTopics,
        advertisingDenied: ad.state === 'denied' || ad.state === 'withdrawn',
        personalization: { granted: personalization.granted, consentId: personalization.record?.id ?? null },
      },
      ...(interests ? { interests } : {}),
    }
  }
}
