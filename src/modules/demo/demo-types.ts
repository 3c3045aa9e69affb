/**
 * The shapes the demo generator returns. Plain, JSON-compatible data: whoever wires the demo maps
 * it onto Candor's own services (brands, persons, consent ledger, data items, offers, ingestion).
 */

/** The three brands of the demo's parent company. */
export const DEMO_BRAND_IDS = ['outdoor', 'littlesteps', 'hearth'] as const

/** One of {@link DEMO_BRAND_IDS}. */
export type DemoBrandId = (typeof DEMO_BRAND_IDS)[number]

/** A demo brand, as `POST /v1/brands` (or the brand service) takes it. */
export interface DemoBrand {
  /** Stable brand id, e.g. `outdoor`. */
  readonly id: DemoBrandId
  /** Display name, e.g. `Northwind Outdoor`. */
  readonly name: string
  /** Origins allowed for browser SDK calls (CORS). */
  readonly allowedOrigins: readonly string[]
}

/**
 * The personas, stable kebab-case codes. Each demonstrates one behaviour of the interest model or
 * the consent machinery (see README).
 */
export const DEMO_PERSONAS = [
  'recurring-hiker',
  'outdoor-enthusiast',
  'traveler',
  'young-parent',
  'baby-shower-gifter',
  'one-off-baby-buyer',
  'home-cook',
  'home-enthusiast',
  'one-time-searcher',
  'sensitive-browser',
  'anonymous-browser',
  'casual-browser',
] as const

/** One of {@link DEMO_PERSONAS}. */
export type DemoPersona = (typeof DEMO_PERSONAS)[number]

/** The purposes the demo records choices for (`essential` needs no choice). */
export const DEMO_PURPOSES = [
  'personalization',
  'advertising',
  'analytics',
  'email_marketing',
  'cross_brand_sharing',
  'fairness_audit',
] as const

/** One of {@link DEMO_PURPOSES}. */
export type DemoPurpose = (typeof DEMO_PURPOSES)[number]

/** A person's first recorded choice for a purpose. */
export type DemoConsentChoice = 'granted' | 'denied'

/**
 * A person's first recorded choices at one brand: purpose → choice; a missing key means nothing was
 * recorded (the purpose's default applies). Later withdrawals are in {@link DemoPerson.consentRecords}.
 */
export type DemoBrandConsent = Readonly<Partial<Record<DemoPurpose, DemoConsentChoice>>>

/** One consent-ledger entry to record, in the consent ledger's own vocabulary. */
export interface DemoConsentRecord {
  /** `brand` for a choice at one brand; `all_brands` for `cross_brand_sharing`. */
  readonly scope: 'brand' | 'all_brands'
  /** The brand the choice applies to; `null` when `scope` is `all_brands`. */
  readonly brand: DemoBrandId | null
  /** The brand whose notice captured the choice. */
  readonly capturedBy: DemoBrandId
  /** The purpose. */
  readonly purpose: DemoPurpose
  /** The state recorded. `withdrawn` always follows an earlier `granted` for the same scope and purpose. */
  readonly state: 'granted' | 'denied' | 'withdrawn'
  /** Where the choice came from: the brand's consent banner (`api`) or the control center. */
  readonly source: 'api' | 'control_center'
  /** When the choice was made, epoch milliseconds, within the history window. */
  readonly at: number
}

/** Identify traits for a person (Segment reserved trait names). */
export type DemoTraits = {
  /** Synthetic first name. */
  readonly firstName: string
  /** Synthetic last name. */
  readonly lastName: string
  /** Synthetic address `person<index>@example.test`, the same at every brand. */
  readonly email: string
  /** Account creation time, ISO 8601, before the history window. */
  readonly createdAt: string
  /** Postal address for about half of the people (a classic proxy attribute for reviews). */
  readonly address?: { readonly city: string; readonly postalCode: string; readonly country: string }
}

/** Gender values used in the synthetic demographics (for fairness audits only). */
export type DemoGender = 'female' | 'male' | 'non_binary'

/** Age ranges used in the synthetic demographics (for fairness audits only). */
export type DemoAgeRange = '18-24' | '25-34' | '35-44' | '45-54' | '55-64' | '65+'

/**
 * Demographic attributes a person shared (about 30% of people). Sensitive: to be stored as
 * sensitive data items, usable only under `fairness_audit` and only in aggregate.
 */
export interface DemoDemographics {
  /** Self-described gender, when shared. */
  readonly gender?: DemoGender
  /** Age range, when shared. */
  readonly ageRange?: DemoAgeRange
}

/** What a person's events say about one topic at one brand, computed from the planned events. */
export interface DemoTopicSignal {
  /** The brand whose events carry the signal. */
  readonly brand: DemoBrandId
  /** The topic id the category resolves to with the default taxonomy, e.g. `outdoors.hiking.footwear`. */
  readonly topic: string
  /** One category string sent for it, e.g. `Outdoors > Hiking > Boots`. */
  readonly category: string
  /** Distinct UTC days with at least one such signal. */
  readonly days: number
}

/**
 * The ground truth of a person's behaviour, derived from the same plan the messages are generated
 * from. Every signal appears in exactly one list.
 */
export interface DemoPersonIntent {
  /** Non-gift, non-sensitive signals on at least two distinct days: these should become interests. */
  readonly recurring: readonly DemoTopicSignal[]
  /** Non-gift, non-sensitive signals on a single day (one search, one purchase): never interests. */
  readonly oneTime: readonly DemoTopicSignal[]
  /** Gift purchases (marked `gift` or `gift_wrap`): never the buyer's interest. */
  readonly gifts: readonly DemoTopicSignal[]
  /** Signals for sensitive topics: dropped from inference without an opt-in for the topic. */
  readonly sensitive: readonly DemoTopicSignal[]
}

/** One synthetic consumer across the company's brands. */
export interface DemoPerson {
  /** Position in {@link DemoData.people}, 0-based. */
  readonly index: number
  /** The persona whose behaviour the person's events follow. */
  readonly persona: DemoPersona
  /** The brand the person is most active at; always `brands[0]`. */
  readonly primaryBrand: DemoBrandId
  /** The brands the person uses (1–3), primary first. */
  readonly brands: readonly DemoBrandId[]
  /** The person's `userId` at each of their brands (brand-scoped, not joinable across brands). */
  readonly userIds: Readonly<Partial<Record<DemoBrandId, string>>>
  /** The browser `anonymousId` (UUID v4) at each of their brands. */
  readonly anonymousIds: Readonly<Partial<Record<DemoBrandId, string>>>
  /** Synthetic email, `person<index>@example.test`, sent at every brand so verified emails link them. */
  readonly email: string
  /** Identify traits (the same at every brand). */
  readonly traits: DemoTraits
  /** Whether the person's browser sends Global Privacy Control (`Sec-GPC: 1`) on every request. */
  readonly gpc: boolean
  /** First recorded choices per brand of the person (an empty object when nothing was recorded there). */
  readonly consent: Readonly<Partial<Record<DemoBrandId, DemoBrandConsent>>>
  /** Every consent-ledger entry for the person, chronological: the first choices, then withdrawals. */
  readonly consentRecords: readonly DemoConsentRecord[]
  /** Whether the person's messages carry `context.consent.categoryPreferences` (a consent-management platform). */
  readonly consentInContext: boolean
  /** Topic ids the person stated as interests (zero-party data), never sensitive; absent for most people. */
  readonly statedInterests?: readonly string[]
  /** Demographics for fairness audits; absent for most people. */
  readonly demographics?: DemoDemographics
  /** Whether the person's messages include an `alias` call (previousId = anonymousId). */
  readonly alias: boolean
  /** Whether the person browses anonymously first and is identified only later (at the primary brand). */
  readonly identifiedLater: boolean
  /** The ground truth of the person's behaviour. */
  readonly intent: DemoPersonIntent
}

/** The placements offers are generated for. */
export const DEMO_PLACEMENTS = ['home_hero', 'product_page', 'email_banner'] as const

/** One of {@link DEMO_PLACEMENTS}. */
export type DemoPlacement = (typeof DEMO_PLACEMENTS)[number]

/** An offer, in the shape of the offers API (`POST /v1/offers`). */
export interface DemoOffer {
  /** Stable id, e.g. `outdoor-offer-007` (the same for every seed). */
  readonly id: string
  /** The brand that runs the offer. */
  readonly brand: DemoBrandId
  /** Headline. */
  readonly title: string
  /** Where the offer may appear (at least one). */
  readonly placements: readonly DemoPlacement[]
  /** Topic id → relevance weight in `(0, 1]`; valid, non-sensitive taxonomy ids; `{}` for editorial content. */
  readonly topics: Readonly<Record<string, number>>
  /** True for discounts and deals (exposure is audited for fairness). */
  readonly beneficial: boolean
  /** Editorial order, an integer 0–100 (higher first). */
  readonly priority: number
  /** Start of the schedule, ISO 8601; absent when always on. */
  readonly startsAt?: string
  /** End of the schedule, ISO 8601; absent when open-ended. */
  readonly endsAt?: string
  /** At most `count` impressions per person per `perDays` days; absent when uncapped. */
  readonly frequencyCap?: { readonly count: number; readonly perDays: number }
}

/** A JSON value, as an SDK would serialize it. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | JsonObject

/** A JSON object. */
export type JsonObject = { readonly [key: string]: JsonValue }

/** Fields every generated Segment message carries. */
export interface DemoMessageBase {
  /** Deterministic and unique across the whole data set, e.g. `demo-1-2s-0-3`. */
  readonly messageId: string
  /** Present once the person is identified at the brand. */
  readonly userId?: string
  /** The browser's id at the brand; present on every message except none (browser SDK). */
  readonly anonymousId?: string
  /** Event time, ISO 8601. */
  readonly timestamp: string
  /** Send time, ISO 8601, a little after `timestamp`. */
  readonly sentAt: string
  /** Library, page, user agent, locale, and for some people `consent.categoryPreferences`. */
  readonly context: JsonObject
}

/** A Segment `track` message. */
export interface DemoTrackMessage extends DemoMessageBase {
  /** Message type. */
  readonly type: 'track'
  /** Segment e-commerce v2 event name, e.g. `Product Viewed`. */
  readonly event: string
  /** Event properties (`category`, `products`, `gift`, …). */
  readonly properties: JsonObject
}

/** A Segment `identify` message. */
export interface DemoIdentifyMessage extends DemoMessageBase {
  /** Message type. */
  readonly type: 'identify'
  /** The person's traits. */
  readonly traits: JsonObject
}

/** A Segment `page` message. */
export interface DemoPageMessage extends DemoMessageBase {
  /** Message type. */
  readonly type: 'page'
  /** Page name, e.g. `Home`. */
  readonly name: string
  /** Page properties (`path`, `url`, `title`, `referrer`). */
  readonly properties: JsonObject
}

/** A Segment `alias` message. */
export interface DemoAliasMessage extends DemoMessageBase {
  /** Message type. */
  readonly type: 'alias'
  /** The id being merged into `userId`. */
  readonly previousId: string
}

/** Any generated Segment message. */
export type DemoMessage = DemoTrackMessage | DemoIdentifyMessage | DemoPageMessage | DemoAliasMessage

/** One message as an SDK would POST it to a brand, with the request-level GPC signal. */
export interface DemoMessageEnvelope {
  /** The brand whose write key sends it. */
  readonly brand: DemoBrandId
  /** Whether the request carries `Sec-GPC: 1`. */
  readonly gpc: boolean
  /** The person's index in {@link DemoData.people} (for benchmarks and tests; not sent). */
  readonly person: number
  /** The Segment message body. */
  readonly message: DemoMessage
}

/** Roles of the hand-picked people at the start of the list (present when `persons` is large enough). */
export const DEMO_SHOWCASE_ROLES = [
  'hiker',
  'babyShowerGifter',
  'oneOffBabyBuyer',
  'youngParent',
  'oneTimeSearcher',
  'sensitiveBrowser',
  'anonymousThenIdentified',
  'gpcHiker',
  'hikerWithoutConsent',
  'hikerWhoWithdrew',
] as const

/** One of {@link DEMO_SHOWCASE_ROLES}. */
export type DemoShowcaseRole = (typeof DEMO_SHOWCASE_ROLES)[number]

/** Person indexes grouped by what tests want to assert about them (all ascending). */
export interface DemoExpectations {
  /** Every persona → its people. */
  readonly byPersona: Readonly<Record<DemoPersona, readonly number[]>>
  /** Hiking product views on at least 4 distinct days at `outdoor`. */
  readonly recurringHikers: readonly number[]
  /** Gift-marked baby purchases on 1–3 distinct days; no other baby signal. Not parents. */
  readonly babyShowerGifters: readonly number[]
  /** One unmarked baby purchase, on one day. */
  readonly oneOffBabyBuyers: readonly number[]
  /** One `Products Searched` (with a category), on one day. */
  readonly oneTimeSearchers: readonly number[]
  /** Recurring baby and kids purchases on at least two distinct days. */
  readonly youngParents: readonly number[]
  /** Recurring signals for a sensitive topic. */
  readonly sensitiveBrowsers: readonly number[]
  /** Anonymous sessions first, identified later by an `identify` carrying both ids. */
  readonly anonymousThenIdentified: readonly number[]
  /** Sends Global Privacy Control. */
  readonly gpcUsers: readonly number[]
  /** Sends an `alias`. */
  readonly aliasUsers: readonly number[]
  /** Uses two or three brands. */
  readonly multiBrand: readonly number[]
  /** No consent recorded at any brand. */
  readonly noConsentRecorded: readonly number[]
  /** At least one later withdrawal. */
  readonly withdrawals: readonly number[]
  /** Has stated interests. */
  readonly statedInterests: readonly number[]
  /** Has demographics. */
  readonly demographics: readonly number[]
  /** Sends `context.consent.categoryPreferences`. */
  readonly consentInContext: readonly number[]
  /** Hand-picked examples for a guided demo (roles absent when `persons` is too small). */
  readonly showcase: Readonly<Partial<Record<DemoShowcaseRole, number>>>
}

/** Options for {@link generateDemo}. */
export interface DemoOptions {
  /** Number of synthetic people (integer ≥ 0). */
  readonly persons: number
  /** Seed: the same options give the same data. */
  readonly seed: number
  /** "Now", epoch milliseconds: events fall within `[now - days, now]`, offers are scheduled around it. */
  readonly now: number
  /** History window in days (integer ≥ 1); default 60. Recurring patterns need at least about 8. */
  readonly days?: number
}

/** Everything the demo needs, generated from {@link DemoOptions} alone. */
export interface DemoData {
  /** The options used, with defaults filled in. */
  readonly options: Required<DemoOptions>
  /** The three brands. */
  readonly brands: readonly DemoBrand[]
  /** The people, by index. */
  readonly people: readonly DemoPerson[]
  /** The offers of every brand. */
  readonly offers: readonly DemoOffer[]
  /** Person indexes by what they demonstrate. */
  readonly expectations: DemoExpectations
  /**
   * The people's Segment messages in chronological order (ties broken by person, then sequence).
   * Each call starts a fresh, identical stream; messages are produced one UTC day at a time, so
   * tens of thousands of people stream without holding every message in memory.
   */
  messages(): Generator<DemoMessageEnvelope, void, undefined>
}
