/** What an offer is used for: personalization (our own content), or advertising (third-party ads, sale/share). */
export const OFFER_PURPOSES = ['personalization', 'advertising'] as const
export type OfferPurpose = (typeof OFFER_PURPOSES)[number]

/** An offer or a piece of content a brand can show in a placement. */
export interface Offer {
  readonly id: string
  readonly brand: string
  readonly title: string
  readonly placements: readonly string[]
  /** Topic → weight (0–1): what the offer is about. */
  readonly topics: Readonly<Record<string, number>>
  /** Discounts and deals: audited for exclusion of groups later. */
  readonly beneficial: boolean
  /** Editorial order: ranks the non-personalized answer and breaks ties. */
  readonly priority: number
  readonly purpose: OfferPurpose
  /** Segment id (segments come later); stored, not yet evaluated. */
  readonly segment: string | null
  readonly startsAt: number | null
  readonly endsAt: number | null
  readonly frequencyCap: { readonly count: number; readonly perDays: number } | null
  readonly createdAt: number
  readonly updatedAt: number
}

/** Whether the offer is scheduled to run at `now`. */
export function isActive(offer: Offer, now: number): boolean {
  return (offer.startsAt === null || offer.startsAt <= now) && (offer.endsAt === null || now < offer.endsAt)
}
