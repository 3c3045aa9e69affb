/** What a ranked item rests on. Frozen data; the ranker produces it, the explainer reads it. */
export const FACTOR_KINDS = ['interest', 'stated', 'popularity', 'editorial'] as const
export type FactorKind = (typeof FACTOR_KINDS)[number]

/** The control-center action that would remove a factor (DSA Art. 26: "how to change those parameters"). */
export interface ChangeAction {
  readonly action:
    | 'reject-interest'
    | 'remove-stated-interest'
    | 'withdraw-consent'
    | 'allow-personalization'
    | 'none'
  readonly topic?: string
  readonly purpose?: string
  readonly text: string
}

export interface InterestEvidence {
  readonly signals: Readonly<Partial<Record<string, number>>>
  readonly distinctDays: number
  readonly firstSeen: number | null
  readonly lastSeen: number | null
  /** How many separate shopping journeys fed the interest (absent when not known). */
  readonly journeys?: number
}

export type Factor =
  | {
      readonly kind: 'interest' | 'stated'
      readonly topic: string
      readonly label: string
      /** The offer topic it matched (may be a parent or child of the interest's topic). */
      readonly offerTopic: string
      readonly source: 'inferred' | 'stated'
      readonly evidence: InterestEvidence
      /**
       * The interest's own topic was bought (a durable good, held back): the offer is related to
       * what was bought, never more of the same.
       */
      readonly goesWith?: { readonly purchasedAt: number }
      /** The brand that collected the data the interest rests on (absent in logs written before it was kept). */
      readonly brand?: string
      readonly dataItemIds: readonly string[]
      readonly categories: readonly string[]
      readonly purpose: 'personalization'
      /** Consent records the use rests on. */
      readonly consentIds: readonly string[]
      /** Events the interest rests on (samples). */
      readonly sourceEvents: readonly string[]
      readonly contribution: number
      readonly change: ChangeAction
    }
  | {
      readonly kind: 'popularity'
      readonly topic: string
      readonly label: string
      /** Distinct people at this brand engaging with the topic over the window. */
      readonly people: number
      readonly windowDays: number
      readonly change: ChangeAction
    }
  | {
      readonly kind: 'editorial'
      readonly priority: number
      readonly change: ChangeAction
    }

export const NO_CHANGE: ChangeAction = { action: 'none', text: 'This does not depend on data about you.' }
