import { type DecisionShapingConfig, modelVersion } from './model-card.js'

/** The model card for the person: what Candor uses, what it never uses, and how to change it. */
export interface ModelCardSummary {
  readonly version: string
  readonly brand: { readonly id: string; readonly name: string }
  readonly uses: readonly string[]
  readonly neverUses: readonly string[]
  readonly howToChange: readonly string[]
}

/**
 * A short, plain-language version of the card's facts for the people a brand personalizes for,
 * written from the same configuration (no evaluation: it reads no one's data). Pure.
 */
export function modelCardSummary(input: {
  config: DecisionShapingConfig
  brand: { id: string; name: string }
  decisionRetentionDays: number
}): ModelCardSummary {
  const cfg = input.config.interestModel
  const name = input.brand.name
  const optIn = input.config.personalizationDefault === 'opt-in'
  return {
    version: modelVersion(input.config),
    brand: { id: input.brand.id, name },
    uses: [
      optIn
        ? `Only if you allow personalization at ${name}: what you look at, search for, put in your basket and buy there.`
        : `Unless you turn personalization off at ${name}: what you look at, search for, put in your basket and buy there.`,
      cfg.minDistinctDays > 1
        ? `Something becomes an interest only when you come back to it on ${cfg.minDistinctDays} different days; a single visit is not enough.`
        : 'Something you look at once can become an interest.',
      `Older activity counts less and less: after ${cfg.halfLifeDays} days it counts half as much.`,
      'Interests you tell us about, and topics you said you are not interested in.',
      `How many people like a topic, as a count, to order offers when we know nothing about you.`,
    ],
    neverUses: [
      'Sensitive topics such as health, religion or sexuality, unless you agreed to that topic yourself.',
      'Your age, gender or other demographics.',
      `What you do at our other brands, unless you agreed to share it between them.`,
      cfg.journeys.giftWindowDays > 0
        ? `Gifts you buy for others, nor what you looked at for them in the ${cfg.journeys.giftWindowDays} days before.`
        : 'Gifts you buy for others.',
      'Anything to decide prices, credit, insurance, jobs or housing.',
    ],
    howToChange: [
      `Say "not interested" to any topic: it is never used again.`,
      'Mark a purchase as a gift: it no longer counts as your interest.',
      `Withdraw personalization at ${name}: what we inferred about you is deleted at once, and you see the same offers as everyone.`,
      `See why you were shown something: each decision is explained and kept for ${input.decisionRetentionDays} days.`,
      'Ask us to erase your data.',
    ],
  }
}
