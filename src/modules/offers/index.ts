export { isActive, OFFER_PURPOSES, type Offer, type OfferPurpose } from './offer.js'
export { type OfferInput, OfferService } from './offer-service.js'
export type { OfferStore } from './offer-store.js'
