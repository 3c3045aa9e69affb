import type { Offer } from './offer.js'

export interface OfferStore {
  /** Inserts, or replaces a live offer with the same id; returns false when the id belongs to a deleted offer of another brand. */
  put(offer: Offer): Promise<void>
  get(id: string): Promise<Offer | undefined>
  /** Live offers of a brand (all brands when undefined), by id, after `cursor`. */
  list(brandId: string | undefined, limit: number, cursor?: string): Promise<Offer[]>
  /** Every live offer of a brand. */
  forBrand(brandId: string): Promise<Offer[]>
  /** Soft-deletes; returns whether a live offer was deleted. */
  delete(id: string, at: number): Promise<boolean>
  /** The newest change time of the brand's offers (for cache validation across processes). */
  version(brandId: string): Promise<string>
}
