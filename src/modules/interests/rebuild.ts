import {
  applySignal,
  emptyInterest,
  type Interest,
  type InterestModelConfig,
  type InterestSignal,
  type InterestSignalKind,
} from './interest.js'
import {
  addCount,
  capSetAside,
  type GiftPurchase,
  giftAhead,
  type SetAside,
  type SignalCounts,
} from './journeys.js'

/** A stored event as the journey model reads it. */
export interface JourneyEvent {
  readonly messageId: string
  readonly kind: InterestSignalKind
  readonly at: number
  /** The whole order is a gift (detected at ingestion, or marked afterwards). */
  readonly gift: boolean
  readonly topics: readonly string[]
  /** Topics of the lines that are gifts on their own. */
  readonly giftTopics: readonly string[]
  /** An own purchase that may be a gift (a registry, a new shipping address): reduced weight. */
  readonly possibleGift: boolean
}

interface Counted {
  readonly signal: InterestSignal
  /** The gift purchase this signal led up to, if any. */
  readonly gift: GiftPurchase | undefined
}

const DAY_MS = 86_400_000

/**
 * Rebuilds a person's inferred interests at a brand from all their events (oldest first), journey
 * by journey. `base` holds the rows that stay whatever the events (stated ones with no evidence
 * yet, rejected ones); `allowed` says whether a topic may be counted at all (known, and not a
 * sensitive topic without the person's opt-in). Pure and deterministic: the same events give the
 * same interests in any order.
 */
export function rebuildInterests(input: {
  personId: string
  brandId: string
  events: readonly JourneyEvent[]
  base: ReadonlyMap<string, Interest>
  allowed: (topic: string) => boolean
  cfg: InterestModelConfig
  now: number
}): Interest[] {
  const { personId, brandId, events, cfg, now } = input
  const journeys = cfg.journeys
  const gifts: GiftPurchase[] = []
  const maybeGifts: GiftPurchase[] = []
  for (const e of events) {
    if (e.kind !== 'purchase') continue
    const giftTopics = e.gift ? e.topics : e.giftTopics
    if (giftTopics.length > 0) gifts.push({ at: e.at, messageId: e.messageId, topics: giftTopics })
    if (!e.gift && e.possibleGift)
      maybeGifts.push({
        at: e.at,
        messageId: e.messageId,
        topics: e.topics.filter((t) => !e.giftTopics.includes(t)),
      })
  }
  const byTopic = new Map<string, Counted[]>()
  for (const e of events) {
    if (e.gift) continue
    for (const topic of e.topics) {
      if (e.giftTopics.includes(topic) || !input.allowed(topic)) continue
      let gift: GiftPurchase | undefined
      let weight: number | undefined
      if (e.kind === 'purchase') {
        if (e.possibleGift) weight = journeys.possibleGiftWeight
      } else {
        gift = giftAhead(topic, e.at, gifts, journeys)
        if (gift === undefined && giftAhead(topic, e.at, maybeGifts, journeys) !== undefined)
          weight = journeys.possibleGiftWeight
      }
      const list = byTopic.get(topic) ?? []
      list.push({
        signal: {
          kind: e.kind,
          at: e.at,
          messageId: e.messageId,
          ...(weight === undefined ? {} : { weight }),
        },
        gift,
      })
      byTopic.set(topic, list)
    }
  }
  const out = new Map<string, Interest>(input.base)
  for (const [topic, list] of byTopic) {
    const start = input.base.get(topic) ?? emptyInterest(personId, brandId, topic, 'inferred', now)
    // "Not interested in X" stays: signals do not bring a rejected topic back.
    if (start.state === 'rejected') continue
    const outside = list.filter((c) => c.gift === undefined)
    // A parent who also buys gifts keeps their interest: the signals outside every gift window
    // establish the topic on their own, so the gift's journey counts too.
    const establishedAnyway =
      outside.length < list.length &&
      fold(emptyInterest(personId, brandId, topic, 'inferred', now), outside, cfg, now).days.length >=
        cfg.minDistinctDays
    const counted = establishedAnyway ? list : outside
    const interest = fold(start, counted, cfg, now)
    const setAside = establishedAnyway ? [] : setAsideOf(list)
    out.set(topic, { ...interest, journeys: { ...interest.journeys, setAside } })
  }
  return [...out.values()]
}

function fold(start: Interest, list: readonly Counted[], cfg: InterestModelConfig, now: number): Interest {
  let i = start
  for (const c of list) i = applySignal(i, c.signal, cfg, now)
  return i
}

/** The signals set aside, one record per gift they led up to. */
function setAsideOf(list: readonly Counted[]): SetAside[] {
  const byGift = new Map<string, { gift: GiftPurchase; signals: SignalCounts; days: Set<number> }>()
  for (const c of list) {
    if (c.gift === undefined) continue
    const entry = byGift.get(c.gift.messageId) ?? { gift: c.gift, signals: {}, days: new Set<number>() }
    entry.signals = addCount(entry.signals, c.signal.kind)
    entry.days.add(Math.floor(c.signal.at / DAY_MS))
    byGift.set(c.gift.messageId, entry)
  }
  return capSetAside(
    [...byGift.values()].map((e) => ({
      reason: 'gift-journey' as const,
      giftAt: e.gift.at,
      giftMessageId: e.gift.messageId,
      signals: e.signals,
      days: e.days.size,
    })),
  )
}
