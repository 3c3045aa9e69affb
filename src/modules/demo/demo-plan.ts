import { DEFAULT_JOURNEYS, satiationDays } from '../interests/index.js'
import { BABY_LINE_KEYS, ordinaryLines, productLine } from './demo-catalog.js'
import type {
  DemoBrandId,
  DemoPersona,
  DemoPersonIntent,
  DemoShowcaseRole,
  DemoTopicSignal,
} from './demo-types.js'
import { createSeededRandom, type SeededRandom } from './seeded-random.js'

/** One day in milliseconds. */
export const DAY_MS = 86_400_000
/** One hour in milliseconds. */
export const HOUR_MS = 3_600_000

/**
 * A UTC calendar day on which sessions may start: `[lo, hi]` lies inside the day and inside the
 * history window, and ends at least an hour before midnight and before `now`, so every message of a
 * session (at most about 30 minutes long) stays on the same UTC day and before `now`.
 */
export interface DayWindow {
  /** UTC day number, `floor(ms / DAY_MS)`. */
  readonly day: number
  /** Earliest session start, epoch ms. */
  readonly lo: number
  /** Latest session start, epoch ms. */
  readonly hi: number
}

/** The usable days of the window `[now - days, now]`, oldest first. */
export function dayWindows(now: number, days: number): DayWindow[] {
  const start = now - days * DAY_MS
  const windows: DayWindow[] = []
  for (let day = Math.floor(start / DAY_MS); day * DAY_MS <= now; day++) {
    const lo = Math.max(day * DAY_MS, start + 60_000)
    const hi = Math.min(day * DAY_MS + 23 * HOUR_MS, now - HOUR_MS)
    if (hi - lo >= 30 * 60_000) windows.push({ day, lo: Math.ceil(lo), hi: Math.floor(hi) })
  }
  return windows
}

/** A product picked for a purchase: line, category index, product index. */
export interface PlannedItem {
  /** Product line key. */
  readonly line: string
  /** Index into the line's categories. */
  readonly category: number
  /** Index into the category's products. */
  readonly product: number
  /** Quantity ordered. */
  readonly quantity: number
}

/** What a session does. */
export type PlannedActivity =
  /** Page views only (home, deals, help): no interest signal. */
  | { readonly kind: 'pages' }
  /** Product views of one category (the focus), optionally one view of another category, add to cart, purchase. */
  | {
      readonly kind: 'browse'
      readonly line: string
      readonly focus: number
      readonly views: number
      readonly side?: number
      readonly add: boolean
      readonly purchase: boolean
    }
  /** A gift order, marked by `gift`, `gift_wrap` or both; optionally a category-less gift search first. */
  | {
      readonly kind: 'gift'
      readonly items: readonly PlannedItem[]
      readonly marker: 'gift' | 'gift_wrap' | 'both'
      readonly search: boolean
    }
  /** An unmarked purchase after viewing the product (a one-off). */
  | { readonly kind: 'purchase'; readonly items: readonly PlannedItem[] }
  /** One `Products Searched` with a category, optionally followed by one product view. */
  | { readonly kind: 'search'; readonly line: string; readonly category: number; readonly view: boolean }

/** One planned visit of a person to a brand's site. */
export interface PlannedSession {
  /** Person index. */
  readonly person: number
  /** Position in the person's chronological session list. */
  readonly seq: number
  /** The brand visited. */
  readonly brand: DemoBrandId
  /** UTC day number of `start`. */
  readonly day: number
  /** Start time, epoch ms. */
  readonly start: number
  /** True when the person is not yet identified at this brand (messages carry only `anonymousId`). */
  readonly anonymous: boolean
  /** True when the session opens with an `identify` (the person's first identified session at the brand). */
  readonly identify: boolean
  /** True when an `alias` follows the identify. */
  readonly alias: boolean
  /** What happens. */
  readonly activity: PlannedActivity
}

/** What planning needs to know about a person. */
export interface PlanInput {
  /** Person index. */
  readonly index: number
  /** Persona. */
  readonly persona: DemoPersona
  /** Brands, primary first. */
  readonly brands: readonly DemoBrandId[]
  /** Sends an alias at the primary brand. */
  readonly alias: boolean
  /** Anonymous at the primary brand until a later identify. */
  readonly identifiedLater: boolean
  /** Showcase role, when the person is one of the hand-picked examples. */
  readonly role?: DemoShowcaseRole
}

type Draft = { brand: DemoBrandId; window: DayWindow; activity: PlannedActivity; identifyHere?: boolean }

const OUTDOOR_HOBBIES = [
  'camping',
  'running',
  'cycling',
  'climbing',
  'fishing',
  'paddling',
  'outdoor-apparel',
]
const HOME_HOBBIES = ['gardening', 'dogs', 'cats', 'books', 'bedding', 'candles', 'audio', 'bath']
const HOME_COOK_EXTRAS = ['bakeware', 'knives', 'cookbooks']

function sortedDays(random: SeededRandom, windows: readonly DayWindow[], count: number): DayWindow[] {
  return random.sample(windows, count).sort((a, b) => a.day - b.day)
}

function otherIndex(random: SeededRandom, size: number, not: number): number | undefined {
  if (size < 2) return undefined
  const pick = random.int(0, size - 2)
  return pick >= not ? pick + 1 : pick
}

/** Whether a category is a durable good (the interest model's default satiation list): bought once. */
const isDurable = (lineKey: string, category: number): boolean =>
  satiationDays(productLine(lineKey).categories[category]?.topic ?? '', DEFAULT_JOURNEYS) > 0

/** Baby lines with a consumable category: what young parents buy again and again. */
const CONSUMABLE_BABY_LINES = BABY_LINE_KEYS.filter((key) =>
  productLine(key).categories.some((_, i) => !isDurable(key, i)),
)

/**
 * Browse sessions of one line on `count` distinct days, the same focus category every day. A
 * durable focus (a tent, a stroller) is bought at most once: nobody buys a tent every week.
 */
function recurring(
  random: SeededRandom,
  windows: readonly DayWindow[],
  brand: DemoBrandId,
  lineKey: string,
  count: number,
  purchases: { readonly min: number; readonly max: number } = { min: 0, max: 1 },
): Draft[] {
  const entry = productLine(lineKey)
  const focus = random.int(0, entry.categories.length - 1)
  const days = sortedDays(random, windows, count)
  const purchaseCount = Math.min(
    days.length,
    random.int(purchases.min, purchases.max),
    isDurable(lineKey, focus) ? 1 : Number.POSITIVE_INFINITY,
  )
  const purchaseDays = new Set(random.sample(days, purchaseCount).map((w) => w.day))
  return days.map((window) => {
    const side = random.chance(0.3) ? otherIndex(random, entry.categories.length, focus) : undefined
    return {
      brand,
      window,
      activity: {
        kind: 'browse',
        line: lineKey,
        focus,
        views: random.int(1, 3),
        ...(side === undefined ? {} : { side }),
        add: random.chance(0.35),
        purchase: purchaseDays.has(window.day),
      },
    }
  })
}

/** {@link recurring} with a consumable focus category (the line must have one). */
function recurringConsumable(
  random: SeededRandom,
  windows: readonly DayWindow[],
  brand: DemoBrandId,
  lineKey: string,
  count: number,
  purchases: { readonly min: number; readonly max: number },
): Draft[] {
  const entry = productLine(lineKey)
  const consumable = entry.categories.map((_, i) => i).filter((i) => !isDurable(lineKey, i))
  const focus = random.pick(consumable)
  const days = sortedDays(random, windows, count)
  const purchaseCount = Math.min(days.length, random.int(purchases.min, purchases.max))
  const purchaseDays = new Set(random.sample(days, purchaseCount).map((w) => w.day))
  return days.map((window) => ({
    brand,
    window,
    activity: {
      kind: 'browse' as const,
      line: lineKey,
      focus,
      views: random.int(1, 3),
      add: random.chance(0.35),
      purchase: purchaseDays.has(window.day),
    },
  }))
}

/** Single browse sessions of distinct lines on distinct days (no topic recurs). */
function casual(
  random: SeededRandom,
  windows: readonly DayWindow[],
  brand: DemoBrandId,
  count: number,
  exclude: ReadonlySet<string> = new Set(),
): Draft[] {
  const lines = random.sample(
    ordinaryLines(brand).filter((entry) => !exclude.has(entry.key)),
    count,
  )
  const days = sortedDays(random, windows, lines.length)
  return days.map((window, i) => {
    const entry = lines[i]!
    return {
      brand,
      window,
      activity: {
        kind: 'browse',
        line: entry.key,
        focus: random.int(0, entry.categories.length - 1),
        views: 1,
        add: random.chance(0.15),
        purchase: false,
      },
    }
  })
}

function pages(
  random: SeededRandom,
  windows: readonly DayWindow[],
  brand: DemoBrandId,
  count: number,
): Draft[] {
  return sortedDays(random, windows, count).map((window) => ({ brand, window, activity: { kind: 'pages' } }))
}

function babyItem(random: SeededRandom): PlannedItem {
  const entry = productLine(random.pick(BABY_LINE_KEYS))
  const category = random.int(0, entry.categories.length - 1)
  const products = entry.categories[category]!.products
  return { line: entry.key, category, product: random.int(0, products.length - 1), quantity: 1 }
}

function primaryDrafts(random: SeededRandom, input: PlanInput, windows: readonly DayWindow[]): Draft[] {
  const brand = input.brands[0]!
  const role = input.role
  const drafts: Draft[] = []
  switch (input.persona) {
    case 'recurring-hiker': {
      drafts.push(...recurring(random, windows, brand, 'hiking', role ? 5 : random.int(4, 8)))
      if (!role && random.chance(0.3))
        drafts.push(...recurring(random, windows, brand, 'camping', random.int(2, 4)))
      drafts.push(...pages(random, windows, brand, random.int(0, 2)))
      break
    }
    case 'outdoor-enthusiast': {
      for (const key of random.sample(OUTDOOR_HOBBIES, random.int(1, 2)))
        drafts.push(...recurring(random, windows, brand, key, random.int(2, 6)))
      drafts.push(...pages(random, windows, brand, random.int(0, 2)))
      break
    }
    case 'traveler': {
      drafts.push(...recurring(random, windows, brand, 'luggage', random.int(2, 5)))
      drafts.push(...pages(random, windows, brand, random.int(0, 1)))
      break
    }
    case 'home-cook': {
      drafts.push(...recurring(random, windows, brand, 'cookware', random.int(3, 7)))
      if (random.chance(0.3))
        drafts.push(...recurring(random, windows, brand, random.pick(HOME_COOK_EXTRAS), random.int(2, 4)))
      drafts.push(...pages(random, windows, brand, random.int(0, 2)))
      break
    }
    case 'home-enthusiast': {
      for (const key of random.sample(HOME_HOBBIES, random.int(1, 2)))
        drafts.push(...recurring(random, windows, brand, key, random.int(2, 6)))
      drafts.push(...pages(random, windows, brand, random.int(0, 2)))
      break
    }
    case 'young-parent': {
      // The line bought on several days is a consumable one (durable goods are bought once).
      const first = random.pick(CONSUMABLE_BABY_LINES)
      const second = random.pick(BABY_LINE_KEYS.filter((key) => key !== first))
      drafts.push(...recurringConsumable(random, windows, brand, first, random.int(4, 8), { min: 2, max: 4 }))
      if (random.chance(0.5))
        drafts.push(...recurring(random, windows, brand, second, random.int(2, 4), { min: 1, max: 2 }))
      if (!role && random.chance(0.2)) {
        // A single view of a sensitive new-parent product: dropped, and one day only anyway.
        const [window] = sortedDays(random, windows, 1)
        if (window)
          drafts.push({
            brand,
            window,
            activity: { kind: 'browse', line: 'nursing', focus: 0, views: 1, add: false, purchase: false },
          })
      }
      drafts.push(...pages(random, windows, brand, random.int(0, 2)))
      break
    }
    case 'baby-shower-gifter': {
      // Not parents: gift orders only, no baby product views (views carry no gift marker).
      for (const window of sortedDays(random, windows, role ? 3 : random.int(1, 3))) {
        const items = Array.from({ length: random.int(1, 3) }, () => babyItem(random))
        const marker = random.weighted<'gift' | 'gift_wrap' | 'both'>([
          ['gift', 0.45],
          ['gift_wrap', 0.35],
          ['both', 0.2],
        ])
        drafts.push({ brand, window, activity: { kind: 'gift', items, marker, search: random.chance(0.5) } })
      }
      drafts.push(...pages(random, windows, brand, random.int(0, 2)))
      break
    }
    case 'one-off-baby-buyer': {
      const [window, ...rest] = sortedDays(random, windows, 1 + random.int(0, 2))
      if (window) drafts.push({ brand, window, activity: { kind: 'purchase', items: [babyItem(random)] } })
      for (const other of rest) drafts.push({ brand, window: other, activity: { kind: 'pages' } })
      break
    }
    case 'one-time-searcher': {
      const key =
        brand === 'hearth'
          ? role
            ? 'tools'
            : random.weighted([
                ['tools', 0.7],
                ['audio', 0.15],
                ['books', 0.15],
              ])
          : brand === 'outdoor'
            ? random.pick(['camping', 'luggage'])
            : random.pick(['nursery', 'baby-gear'])
      const [window, ...rest] = sortedDays(random, windows, 1 + random.int(1, 2))
      if (window)
        drafts.push({
          brand,
          window,
          activity: {
            kind: 'search',
            line: key,
            category: 0,
            view: random.chance(0.5),
          },
        })
      for (const other of rest) drafts.push({ brand, window: other, activity: { kind: 'pages' } })
      break
    }
    case 'sensitive-browser': {
      const key =
        brand === 'littlesteps'
          ? 'pregnancy'
          : role
            ? 'weight-loss'
            : random.pick(['weight-loss', 'wine', 'sleep'])
      drafts.push(...recurring(random, windows, brand, key, random.int(3, 5)))
      drafts.push(...casual(random, windows, brand, random.int(0, 1)))
      break
    }
    case 'anonymous-browser': {
      const key = role ? 'camping' : random.pick(ordinaryLines(brand)).key
      const anonymousDays = random.int(2, 3)
      const sessions = recurring(random, windows, brand, key, anonymousDays + random.int(1, 2))
      // The first session after the anonymous days identifies the person.
      const identifying = sessions[anonymousDays]
      if (identifying) identifying.identifyHere = true
      drafts.push(...sessions)
      break
    }
    case 'casual-browser': {
      drafts.push(...casual(random, windows, brand, random.int(2, 4)))
      drafts.push(...pages(random, windows, brand, random.int(0, 2)))
      break
    }
  }
  return drafts
}

/**
 * Plans a person's sessions over the usable days, chronologically. Deterministic: the same seed,
 * input and windows give the same plan. Each brand's first identified session opens with an
 * `identify`; for a person identified later, the primary brand's sessions before the identifying
 * one are anonymous.
 */
export function planPerson(seed: number, input: PlanInput, windows: readonly DayWindow[]): PlannedSession[] {
  if (windows.length === 0) return []
  const random = createSeededRandom(seed, 'plan', input.index)
  const drafts = primaryDrafts(random, input, windows)
  const primary = input.brands[0]!
  for (const brand of input.brands.slice(1)) drafts.push(...casual(random, windows, brand, random.int(1, 2)))

  const timed = drafts.map((draft) => ({ draft, start: random.int(draft.window.lo, draft.window.hi) }))
  timed.sort(
    (a, b) => a.start - b.start || input.brands.indexOf(a.draft.brand) - input.brands.indexOf(b.draft.brand),
  )

  const identifiedAt = new Map<DemoBrandId, number>()
  if (input.identifiedLater) {
    const marked = timed.find((t) => t.draft.brand === primary && t.draft.identifyHere === true)
    identifiedAt.set(primary, marked?.start ?? Number.NEGATIVE_INFINITY)
  }
  const identified = new Set<DemoBrandId>()
  return timed.map(({ draft, start }, seq) => {
    const from = identifiedAt.get(draft.brand)
    const anonymous = from !== undefined && start < from
    const identify = !anonymous && !identified.has(draft.brand)
    if (identify) identified.add(draft.brand)
    return {
      person: input.index,
      seq,
      brand: draft.brand,
      day: draft.window.day,
      start,
      anonymous,
      identify,
      alias: identify && input.alias && draft.brand === primary,
      activity: draft.activity,
    }
  })
}

type SignalBucket = 'ordinary' | 'gift' | 'sensitive'

/**
 * The ground truth of a plan: every signal's topic with its distinct days, sorted into recurring,
 * one-time, gift and sensitive signals.
 */
export function intentOf(sessions: readonly PlannedSession[]): DemoPersonIntent {
  const groups = new Map<
    string,
    { bucket: SignalBucket; brand: DemoBrandId; topic: string; category: string; days: Set<number> }
  >()
  const add = (session: PlannedSession, lineKey: string, categoryIndex: number, gift: boolean): void => {
    const entry = productLine(lineKey)
    const category = entry.categories[categoryIndex]!
    const bucket: SignalBucket = entry.sensitive ? 'sensitive' : gift ? 'gift' : 'ordinary'
    const key = `${bucket}|${session.brand}|${category.topic}`
    const group = groups.get(key)
    if (group) group.days.add(session.day)
    else
      groups.set(key, {
        bucket,
        brand: session.brand,
        topic: category.topic,
        category: category.category,
        days: new Set([session.day]),
      })
  }
  for (const session of sessions) {
    const activity = session.activity
    switch (activity.kind) {
      case 'browse':
        add(session, activity.line, activity.focus, false)
        if (activity.side !== undefined) add(session, activity.line, activity.side, false)
        break
      case 'gift':
        for (const item of activity.items) add(session, item.line, item.category, true)
        break
      case 'purchase':
        for (const item of activity.items) add(session, item.line, item.category, false)
        break
      case 'search':
        add(session, activity.line, activity.category, false)
        break
      case 'pages':
        break
    }
  }
  const recurringSignals: DemoTopicSignal[] = []
  const oneTime: DemoTopicSignal[] = []
  const gifts: DemoTopicSignal[] = []
  const sensitive: DemoTopicSignal[] = []
  for (const group of groups.values()) {
    const signal: DemoTopicSignal = {
      brand: group.brand,
      topic: group.topic,
      category: group.category,
      days: group.days.size,
    }
    if (group.bucket === 'gift') gifts.push(signal)
    else if (group.bucket === 'sensitive') sensitive.push(signal)
    else if (signal.days >= 2) recurringSignals.push(signal)
    else oneTime.push(signal)
  }
  return { recurring: recurringSignals, oneTime, gifts, sensitive }
}
