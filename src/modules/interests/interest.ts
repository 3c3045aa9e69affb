import {
  addToJourneys,
  DEFAULT_JOURNEYS,
  type InterestJourneys,
  isPurchaseSpike,
  type JourneyConfig,
  NO_JOURNEYS,
  satiatedUntil,
} from './journeys.js'

/** Signal kinds the interest model counts, in increasing weight. */
export const INTEREST_SIGNAL_KINDS = ['search', 'view', 'add_to_cart', 'purchase'] as const
export type InterestSignalKind = (typeof INTEREST_SIGNAL_KINDS)[number]

/** inferred: computed from behaviour; stated: the person told us; rejected: the person said no. */
export const INTEREST_STATES = ['inferred', 'stated', 'rejected'] as const
export type InterestState = (typeof INTEREST_STATES)[number]

export interface InterestModelConfig {
  /** Score half-life in days (default 30). */
  readonly halfLifeDays: number
  /** Distinct UTC days with signals needed before an inferred interest is established (default 2). */
  readonly minDistinctDays: number
  /** Weight per signal kind: search < view < add_to_cart < purchase. */
  readonly weights: Readonly<Record<InterestSignalKind, number>>
  /** Gift journeys, satiation, purchase journeys (see journeys.ts). */
  readonly journeys: JourneyConfig
}

export const DEFAULT_INTEREST_MODEL: InterestModelConfig = Object.freeze({
  halfLifeDays: 30,
  minDistinctDays: 2,
  weights: Object.freeze({ search: 1, view: 2, add_to_cart: 4, purchase: 6 }),
  journeys: DEFAULT_JOURNEYS,
})

/** One person's interest in one topic at one brand, with the evidence behind it. */
export interface Interest {
  readonly personId: string
  readonly brandId: string
  readonly topic: string
  readonly state: InterestState
  /** Decayed score as of `scoreAt` (read it with `scoreAt(interest, now)`). */
  readonly score: number
  readonly scoreAt: number
  readonly signals: Readonly<Partial<Record<InterestSignalKind, number>>>
  /** Sorted distinct UTC day numbers (days since 1970-01-01) with signals; at most MAX_DAYS. */
  readonly days: readonly number[]
  readonly firstSeen: number | null
  readonly lastSeen: number | null
  /** Up to five recent event message ids. */
  readonly sampleEventIds: readonly string[]
  /** The journeys that fed the interest and what was set aside. */
  readonly journeys: InterestJourneys
  readonly updatedAt: number
}

/** One counted signal: an event of a kind about a topic at a time. */
export interface InterestSignal {
  readonly kind: InterestSignalKind
  readonly at: number
  readonly messageId: string
  /** Weight factor (default 1): below 1 for a purchase that may be a gift, and its journey. */
  readonly weight?: number
}

const DAY_MS = 86_400_000
const MAX_DAYS = 400
const MAX_SAMPLES = 5

export const utcDay = (t: number): number => Math.floor(t / DAY_MS)

/** A new interest row with no evidence. */
export function emptyInterest(
  personId: string,
  brandId: string,
  topic: string,
  state: InterestState,
  now: number,
): Interest {
  return {
    personId,
    brandId,
    topic,
    state,
    score: 0,
    scoreAt: now,
    signals: {},
    days: [],
    firstSeen: null,
    lastSeen: null,
    sampleEventIds: [],
    journeys: NO_JOURNEYS,
    updatedAt: now,
  }
}

/**
 * Adds one signal. Order-independent: the score is Σ weight·2^(−age/half-life), kept relative
 * to the newest signal time, so applying signals in any order gives the same interest.
 */
export function applySignal(
  interest: Interest,
  signal: InterestSignal,
  cfg: InterestModelConfig,
  now: number,
): Interest {
  const hl = cfg.halfLifeDays * DAY_MS
  const w = cfg.weights[signal.kind] * (signal.weight ?? 1)
  let score: number
  let scoreAt: number
  if (interest.score === 0 && interest.firstSeen === null) {
    score = w
    scoreAt = signal.at
  } else if (signal.at >= interest.scoreAt) {
    score = interest.score * 2 ** (-(signal.at - interest.scoreAt) / hl) + w
    scoreAt = signal.at
  } else {
    score = interest.score + w * 2 ** (-(interest.scoreAt - signal.at) / hl)
    scoreAt = interest.scoreAt
  }
  const day = utcDay(signal.at)
  const days = interest.days.includes(day) ? interest.days : insertSorted(interest.days, day).slice(-MAX_DAYS)
  const samples = interest.sampleEventIds.includes(signal.messageId)
    ? interest.sampleEventIds
    : [...interest.sampleEventIds, signal.messageId].slice(-MAX_SAMPLES)
  return {
    ...interest,
    score,
    scoreAt,
    signals: { ...interest.signals, [signal.kind]: (interest.signals[signal.kind] ?? 0) + 1 },
    days,
    firstSeen: interest.firstSeen === null ? signal.at : Math.min(interest.firstSeen, signal.at),
    lastSeen: interest.lastSeen === null ? signal.at : Math.max(interest.lastSeen, signal.at),
    sampleEventIds: samples,
    journeys: {
      ...interest.journeys,
      fed: addToJourneys(
        interest.journeys.fed,
        {
          kind: signal.kind,
          at: signal.at,
          ...(signal.weight === undefined ? {} : { weight: signal.weight }),
        },
        cfg.journeys,
      ),
    },
    updatedAt: now,
  }
}

/**
 * The score decayed to `now`; a purchase journey (an exploration spike) decays with the shorter
 * `journeys.spikeHalfLifeDays`.
 */
export function scoreAt(interest: Interest, now: number, cfg: InterestModelConfig): number {
  if (interest.score === 0) return 0
  const age = Math.max(0, now - interest.scoreAt)
  const halfLife = isPurchaseSpike(interest.journeys, cfg.journeys)
    ? cfg.journeys.spikeHalfLifeDays
    : cfg.halfLifeDays
  return interest.score * 2 ** (-age / (halfLife * DAY_MS))
}

/**
 * A stated interest always counts; an inferred one only once its signals fall on enough distinct
 * days, and a purchase journey only until its fast-decaying score falls below
 * `journeys.spikeMinScore` (checked when `now` is given).
 */
export function isEstablished(interest: Interest, cfg: InterestModelConfig, now?: number): boolean {
  if (interest.state === 'stated') return true
  if (interest.state === 'rejected') return false
  if (interest.days.length < cfg.minDistinctDays) return false
  if (now !== undefined && isPurchaseSpike(interest.journeys, cfg.journeys))
    return scoreAt(interest, now, cfg) >= cfg.journeys.spikeMinScore
  return true
}

/**
 * Until when a durable purchase in the interest's topic holds offers in that topic back (null when
 * nothing is held back at `now`). Only the person's own purchases satiate; a gift never does.
 */
export function heldBackUntil(interest: Interest, cfg: InterestModelConfig, now: number): number | null {
  if (interest.state === 'rejected') return null
  const until = satiatedUntil(interest.topic, interest.journeys, cfg.journeys)
  return until !== null && until > now ? until : null
}

/**
 * Confidence in [0, 1]: 1 for a stated interest; for an inferred one it grows with the number of
 * distinct days: below the threshold day count it stays under 0.5, at the threshold it is 2/3.
 */
export function confidenceOf(interest: Interest, cfg: InterestModelConfig): number {
  if (interest.state === 'stated') return 1
  const d = interest.days.length
  if (d === 0) return 0
  return Math.min(0.95, d / (cfg.minDistinctDays + 1))
}

function insertSorted(days: readonly number[], day: number): number[] {
  const out = [...days]
  let i = out.length
  while (i > 0 && (out[i - 1] as number) > day) i--
  out.splice(i, 0, day)
  return out
}
