/**
 * Deterministic synthetic demo data: three brands of one parent company, people with personas and
 * every consent mix, their Segment messages, and offers. Pure code: no I/O, no clock, no randomness
 * beyond the seed. Wired into `candor demo`, the server's demo mode and the benchmarks elsewhere.
 */
export type { DemoCategory, DemoProduct, DemoProductLine } from './demo-catalog.js'
export { DEMO_BRANDS, DEMO_PRODUCT_LINES, OFFER_TOPICS } from './demo-catalog.js'
export {
  DEMO_JOURNEY_PERSONAS,
  type DemoJourneyPerson,
  type DemoJourneyPersona,
  generateJourneys,
} from './demo-journeys.js'
export { consentStateAt } from './demo-messages.js'
export { isOfferActive } from './demo-offers.js'
export type {
  DemoAgeRange,
  DemoAliasMessage,
  DemoBrand,
  DemoBrandConsent,
  DemoBrandId,
  DemoConsentChoice,
  DemoConsentRecord,
  DemoData,
  DemoDemographics,
  DemoExpectations,
  DemoGender,
  DemoIdentifyMessage,
  DemoMessage,
  DemoMessageBase,
  DemoMessageEnvelope,
  DemoOffer,
  DemoOptions,
  DemoPageMessage,
  DemoPerson,
  DemoPersona,
  DemoPersonIntent,
  DemoPlacement,
  DemoPurpose,
  DemoShowcaseRole,
  DemoTopicSignal,
  DemoTrackMessage,
  DemoTraits,
  JsonObject,
  JsonValue,
} from './demo-types.js'
export {
  DEMO_BRAND_IDS,
  DEMO_PERSONAS,
  DEMO_PLACEMENTS,
  DEMO_PURPOSES,
  DEMO_SHOWCASE_ROLES,
} from './demo-types.js'
export { DEFAULT_DEMO_DAYS, generateDemo } from './generate-demo.js'
export type { StreamKey } from './seeded-random.js'
export { createSeededRandom, SeededRandom } from './seeded-random.js'
