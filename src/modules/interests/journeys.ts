/**
 * Journeys: the interest model looks at the shopping journey a signal belongs to, not at the
 * signal alone. Pure: no storage, no clock.
 *
 * - A journey is a run of counted signals in one topic whose consecutive signals are at most
 *   `journeyGapDays` apart. Each interest keeps its journeys (what fed it).
 * - Gift journeys: views, searches and cart adds in a gift's topic line (the gift's topics, their
 *   narrower and broader topics) within `giftWindowDays` before the gift purchase are set aside,
 *   unless the signals outside such windows establish the topic on their own.
 * - A purchase that only might be a gift (a registry, a shipping address never used before) counts,
 *   with its journey, at `possibleGiftWeight`.
 * - Satiation: an own purchase in a durable topic (`satiation`, topic → days) holds offers in that
 *   topic back for that many days.
 * - Exploration spikes: one short burst of research ending in a purchase, with nothing after it, is
 *   a purchase journey: its score decays with `spikeHalfLifeDays`, and it stops being established
 *   once that score falls below `spikeMinScore`.
 */

const DAY_MS = 86_400_000

/** Signal kinds the journeys count (the interest model's kinds). */
export type JourneySignalKind = 'search' | 'view' | 'add_to_cart' | 'purchase'

export interface JourneyConfig {
  /** Days before a gift purchase whose signals in the gift's topic line are part of the gift (default 14). */
  readonly giftWindowDays: number
  /** Weight factor of a purchase that may be a gift, and of the journey before it (default 0.5). */
  readonly possibleGiftWeight: number
  /** Signals further apart than this start a new journey (default 7). */
  readonly journeyGapDays: number
  /** A purchase journey spanning at most this many days is a burst of research (default 10). */
  readonly spikeMaxDays: number
  /** Half-life of a purchase journey's score after the purchase (default 3). */
  readonly spikeHalfLifeDays: number
  /** A purchase journey stops being an interest once its score falls below this (default 1: one search). */
  readonly spikeMinScore: number
  /** Durable product topics (and their subtrees) → days offers in them are held back after a purchase. */
  readonly satiation: Readonly<Record<string, number>>
  /** Property paths (dotted) that mark an order as placed from a registry: a possible gift. */
  readonly registryPaths: readonly string[]
  /** Property paths (dotted) of an order's shipping address: a new one marks a possible gift. */
  readonly shippingAddressPaths: readonly string[]
}

/** Durable goods: one purchase satisfies the need for a while. */
export const DEFAULT_SATIATION: Readonly<Record<string, number>> = Object.freeze({
  'home_garden.furniture': 365,
  'home_garden.bed_bath.mattresses': 730,
  'home_garden.appliances.major': 730,
  'home_garden.appliances.laundry': 730,
  'baby_kids.baby_gear.strollers': 365,
  'baby_kids.baby_gear.car_seats': 365,
  'baby_kids.nursery': 365,
  'baby_kids.kids_room': 365,
  'outdoors.camping.tents': 365,
  'sports.cycling.bikes': 365,
  'sports.cycling.e_bikes': 730,
  'automotive.vehicle_shopping': 1095,
})

export const DEFAULT_JOURNEYS: JourneyConfig = Object.freeze({
  giftWindowDays: 14,
  possibleGiftWeight: 0.5,
  journeyGapDays: 7,
  spikeMaxDays: 10,
  spikeHalfLifeDays: 3,
  spikeMinScore: 1,
  satiation: DEFAULT_SATIATION,
  registryPaths: Object.freeze(['registry', 'registry_id', 'registryId', 'gift_registry', 'giftRegistry']),
  shippingAddressPaths: Object.freeze([
    'shipping_address',
    'shippingAddress',
    'shipping.address',
    'shipping',
  ]),
})

export type SignalCounts = Readonly<Partial<Record<JourneySignalKind, number>>>

/** One journey that fed an interest. */
export interface Journey {
  readonly from: number
  readonly to: number
  readonly signals: SignalCounts
  /** The latest own (full-weight) purchase in the journey, if any. */
  readonly purchaseAt: number | null
  /** How many own (full-weight) purchases the journey holds (absent in rows written before: 0 or 1). */
  readonly purchases?: number
  /** How many of its signals counted at a reduced weight (a purchase that may be a gift). */
  readonly reduced: number
}

/** Signals of a topic that were not counted, and why. */
export interface SetAside {
  readonly reason: 'gift-journey'
  /** The gift purchase they led up to. */
  readonly giftAt: number
  readonly giftMessageId: string
  readonly signals: SignalCounts
  /** Distinct UTC days of those signals. */
  readonly days: number
}

/** The journey evidence of one interest. */
export interface InterestJourneys {
  /** Journeys that fed the interest, oldest first (at most MAX_JOURNEYS, the latest). */
  readonly fed: readonly Journey[]
  /** What was set aside (at most MAX_SET_ASIDE, the latest). */
  readonly setAside: readonly SetAside[]
}

export const NO_JOURNEYS: InterestJourneys = Object.freeze({
  fed: Object.freeze([]),
  setAside: Object.freeze([]),
})

const MAX_JOURNEYS = 12
const MAX_SET_ASIDE = 5

/** Whether topic `a` lies within topic `b` (the same topic or narrower). */
export const within = (a: string, b: string): boolean => a === b || a.startsWith(`${b}.`)

/** Topics on one line of the taxonomy: one within the other. */
export const sameLine = (a: string, b: string): boolean => within(a, b) || within(b, a)

/**
 * Adds one counted signal to the journeys: it joins (and may bridge) the journeys within
 * `journeyGapDays` of it. Merging intervals makes the result independent of the order signals
 * arrive in.
 */
export function addToJourneys(
  fed: readonly Journey[],
  signal: { kind: JourneySignalKind; at: number; weight?: number },
  cfg: JourneyConfig,
): Journey[] {
  const gap = cfg.journeyGapDays * DAY_MS
  const own = signal.kind === 'purchase' && (signal.weight ?? 1) >= 1
  let merged: Journey = {
    from: signal.at,
    to: signal.at,
    signals: { [signal.kind]: 1 },
    purchaseAt: own ? signal.at : null,
    purchases: own ? 1 : 0,
    reduced: (signal.weight ?? 1) < 1 ? 1 : 0,
  }
  const out: Journey[] = []
  for (const j of fed) {
    if (j.to + gap < merged.from || merged.to + gap < j.from) out.push(j)
    else merged = mergeJourneys(j, merged)
  }
  out.push(merged)
  out.sort((a, b) => a.from - b.from)
  return out.slice(-MAX_JOURNEYS)
}

function mergeJourneys(a: Journey, b: Journey): Journey {
  const signals: Partial<Record<JourneySignalKind, number>> = { ...a.signals }
  for (const [k, n] of Object.entries(b.signals) as [JourneySignalKind, number][])
    signals[k] = (signals[k] ?? 0) + n
  return {
    from: Math.min(a.from, b.from),
    to: Math.max(a.to, b.to),
    signals,
    purchaseAt:
      a.purchaseAt === null
        ? b.purchaseAt
        : b.purchaseAt === null
          ? a.purchaseAt
          : Math.max(a.purchaseAt, b.purchaseAt),
    reduced: a.reduced + b.reduced,
  }
}

/** Own full-weight purchases in a journey. */
const ownPurchases = (j: Journey): number => j.purchases ?? (j.purchaseAt === null ? 0 : 1)

/** The latest own purchase among the journeys, if any. */
export function lastPurchaseAt(j: InterestJourneys): number | null {
  let at: number | null = null
  for (const x of j.fed) if (x.purchaseAt !== null && (at === null || x.purchaseAt > at)) at = x.purchaseAt
  return at
}

/**
 * A purchase journey (an exploration spike): one journey, ending in an own purchase, spanning at
 * most `spikeMaxDays`, with no signal on a later day than the purchase (the person did not come back).
 */
export function isPurchaseSpike(j: InterestJourneys, cfg: JourneyConfig): boolean {
  if (j.fed.length !== 1) return false
  const only = j.fed[0] as Journey
  if (only.purchaseAt === null) return false
  if (only.to - only.from > cfg.spikeMaxDays * DAY_MS) return false
  return Math.floor(only.to / DAY_MS) === Math.floor(only.purchaseAt / DAY_MS)
}

/** Days offers in this topic are held back after an own purchase in it (0: not a durable topic). */
export function satiationDays(topic: string, cfg: JourneyConfig): number {
  let best = ''
  let days = 0
  for (const [t, d] of Object.entries(cfg.satiation))
    if (within(topic, t) && t.length > best.length) {
      best = t
      days = d
    }
  return days
}

/**
 * Until when offers in the interest's topic are held back (null: not held back). One own purchase
 * of a durable good satisfies the need; a person who bought in the topic more than once shows it
 * does not (a growing family, a second home), so nothing is held back for them.
 */
export function satiatedUntil(topic: string, j: InterestJourneys, cfg: JourneyConfig): number | null {
  const days = satiationDays(topic, cfg)
  if (days === 0) return null
  let bought = 0
  for (const x of j.fed) bought += ownPurchases(x)
  const at = lastPurchaseAt(j)
  return bought === 1 && at !== null ? at + days * DAY_MS : null
}

/** A gift purchase as the journeys see it: when, which event, and the topics that were the gift. */
export interface GiftPurchase {
  readonly at: number
  readonly messageId: string
  readonly topics: readonly string[]
}

/**
 * The gift purchase a signal in `topic` at `at` leads up to, if any: the first gift in the same
 * topic line at or after it, at most `giftWindowDays` later.
 */
export function giftAhead(
  topic: string,
  at: number,
  gifts: readonly GiftPurchase[],
  cfg: JourneyConfig,
): GiftPurchase | undefined {
  const window = cfg.giftWindowDays * DAY_MS
  let found: GiftPurchase | undefined
  for (const g of gifts)
    if (g.at >= at && g.at - at <= window && g.topics.some((t) => sameLine(topic, t)))
      if (found === undefined || g.at < found.at) found = g
  return found
}

/** Adds signals of a kind to counts. */
export function addCount(counts: SignalCounts, kind: JourneySignalKind, n = 1): SignalCounts {
  return { ...counts, [kind]: (counts[kind] ?? 0) + n }
}

/** The value at a dotted property path, if any (user-supplied names read with Object.hasOwn). */
export function valueAt(source: unknown, path: string): unknown {
  let current: unknown = source
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined
    if (!Object.hasOwn(current, part)) return undefined
    current = (current as Record<string, unknown>)[part]
  }
  return current
}

const present = (v: unknown): boolean =>
  v !== undefined &&
  v !== null &&
  v !== false &&
  v !== '' &&
  !(typeof v === 'object' && Object.keys(v as object).length === 0)

/** Why an own purchase may be a gift: a registry order, or a shipping address not used before. */
export type PossibleGiftReason = 'registry' | 'new-address'

/**
 * Whether an order only might be a gift. `knownAddresses` holds the normalized shipping addresses
 * of the person's earlier purchases; a new address counts only when there is an earlier one (a
 * first order's address is new by definition). Returns the reason and the order's address key.
 */
export function possibleGiftOf(
  properties: unknown,
  knownAddresses: ReadonlySet<string>,
  cfg: JourneyConfig,
): { reason: PossibleGiftReason | null; address: string | null } {
  let address: string | null = null
  for (const p of cfg.shippingAddressPaths) {
    const v = valueAt(properties, p)
    if (present(v)) {
      address = addressKey(v)
      break
    }
  }
  if (cfg.registryPaths.some((p) => present(valueAt(properties, p)))) return { reason: 'registry', address }
  if (address !== null && knownAddresses.size > 0 && !knownAddresses.has(address))
    return { reason: 'new-address', address }
  return { reason: null, address }
}

/** An address as a comparable key: its string parts, trimmed and lower-cased, in key order. */
function addressKey(v: unknown): string {
  if (typeof v === 'string') return v.trim().replace(/\s+/g, ' ').toLowerCase()
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([k, x]) => k !== 'name' && k !== 'first_name' && k !== 'last_name' && typeof x === 'string')
      .map(([k, x]) => `${k}=${(x as string).trim().replace(/\s+/g, ' ').toLowerCase()}`)
      .sort()
    return entries.join('|')
  }
  return JSON.stringify(v)
}

const KIND_WORDS: Readonly<Record<JourneySignalKind, [string, string]>> = {
  view: ['view', 'views'],
  search: ['search', 'searches'],
  add_to_cart: ['cart add', 'cart adds'],
  purchase: ['purchase', 'purchases'],
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
/** "5 Oct" (UTC). */
export const dayMonth = (t: number): string => {
  const d = new Date(t)
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`
}

/** "3 views and 1 search" (views, searches, cart adds, purchases in that order). */
export function describeCounts(counts: SignalCounts): string {
  const parts: string[] = []
  for (const kind of ['view', 'search', 'add_to_cart', 'purchase'] as const) {
    const n = counts[kind] ?? 0
    if (n > 0) parts.push(`${n} ${KIND_WORDS[kind][n === 1 ? 0 : 1]}`)
  }
  if (parts.length === 0) return 'no signals'
  return parts.length > 1
    ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`
    : (parts[0] as string)
}

/** "3 Oct 2026" (UTC). */
const dayMonthYear = (t: number): string => `${dayMonth(t)} ${new Date(t).getUTCFullYear()}`

/** "3 views on 2 days before a gift purchase on 14 Oct 2026: not counted". */
export function describeSetAside(s: SetAside): string {
  return `${describeCounts(s.signals)} on ${s.days} ${s.days === 1 ? 'day' : 'days'} before a gift purchase on ${dayMonthYear(s.giftAt)}: not counted`
}

/**
 * "4 views and 1 purchase, 3 Oct – 10 Oct 2026" (a journey of one day: "on 3 Oct 2026"; across a
 * new year: "28 Dec 2025 – 3 Jan 2026").
 */
export function describeJourney(j: Journey): string {
  const sameYear = new Date(j.from).getUTCFullYear() === new Date(j.to).getUTCFullYear()
  const span =
    Math.floor(j.from / DAY_MS) === Math.floor(j.to / DAY_MS)
      ? `on ${dayMonthYear(j.from)}`
      : `${sameYear ? dayMonth(j.from) : dayMonthYear(j.from)} – ${dayMonthYear(j.to)}`
  const reduced = j.reduced > 0 ? ` (${j.reduced} at reduced weight: may have been a gift)` : ''
  return `${describeCounts(j.signals)}, ${span}${reduced}`
}

/**
 * "Why do you think I like Hiking?" in a sentence: the journeys that fed it, then what was set
 * aside.
 *
 * @example
 * whyInterest('Hiking', journeys)
 * // 'We think you like Hiking because of 2 shopping journeys: 2 views, 1 Mar – 2 Mar 2026; 1 view and 1 purchase, on 4 Apr 2026.'
 */
export function whyInterest(
  label: string,
  j: InterestJourneys,
  state: 'inferred' | 'stated' | 'rejected' = 'inferred',
): string {
  const fed = j.fed.map(describeJourney)
  if (state === 'stated') return `You told us you are interested in ${label}.`
  if (state === 'rejected') return `You told us you are not interested in ${label}: nothing counts toward it.`
  const head =
    fed.length === 0
      ? `We do not count anything toward ${label}.`
      : `We think you like ${label} because of ${fed.length === 1 ? '1 shopping journey' : `${fed.length} shopping journeys`}: ${fed.join('; ')}.`
  const aside = j.setAside.map((s) => ` ${capitalize(describeSetAside(s))}.`).join('')
  return `${head}${aside}`
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

/** Keeps the latest set-aside records. */
export function capSetAside(list: readonly SetAside[]): SetAside[] {
  return [...list].sort((a, b) => a.giftAt - b.giftAt).slice(-MAX_SET_ASIDE)
}
