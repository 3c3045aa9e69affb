import { DEMO_BRANDS, OFFER_TOPICS } from './demo-catalog.js'
import { DAY_MS } from './demo-plan.js'
import { DEMO_PLACEMENTS, type DemoBrandId, type DemoOffer, type DemoPlacement } from './demo-types.js'
import { createSeededRandom, type SeededRandom } from './seeded-random.js'

/** How many offers each brand gets, and how many must be active on `home_hero` at `now`. */
const TARGETS: Readonly<Record<DemoBrandId, { readonly total: number; readonly activeHomeHero: number }>> = {
  outdoor: { total: 140, activeHomeHero: 110 },
  littlesteps: { total: 45, activeHomeHero: 25 },
  hearth: { total: 55, activeHomeHero: 30 },
}

/** Placement probabilities per offer (at least one placement is always kept). */
const PLACEMENT_CHANCE: Readonly<Record<DemoPlacement, number>> = {
  home_hero: 0.85,
  product_page: 0.45,
  email_banner: 0.3,
}

const DEAL_TITLES = [
  '{pct}% off {label}',
  'Free shipping on {label}',
  'Member deal: {label}',
  'Bundle and save on {label}',
]
const CONTENT_TITLES = [
  'New in {label}',
  'The {label} guide',
  'Meet the {label} collection',
  'Staff picks: {label}',
]
const EDITORIAL_TITLES: Readonly<Record<DemoBrandId, readonly string[]>> = {
  outdoor: [
    'Our gear repair program',
    'Leave No Trace: our pledge',
    'New season lookbook',
    'Trail events near you',
  ],
  littlesteps: ['Our safety testing, explained', 'Sustainable fabrics we use', 'Store events near you'],
  hearth: ['How we source responsibly', 'New season lookbook', 'Care guides for your home'],
}

/**
 * Whether an offer is scheduled to run at `at` (epoch ms): started (or no start) and not ended (or
 * no end).
 *
 * @example
 * ```ts
 * isOfferActive({ startsAt: '2025-01-01T00:00:00.000Z' }, Date.UTC(2025, 5, 1)) // true
 * ```
 */
export function isOfferActive(offer: Pick<DemoOffer, 'startsAt' | 'endsAt'>, at: number): boolean {
  if (offer.startsAt !== undefined && Date.parse(offer.startsAt) > at) return false
  if (offer.endsAt !== undefined && Date.parse(offer.endsAt) <= at) return false
  return true
}

function iso(ms: number): string {
  return new Date(ms).toISOString()
}

/** "A", "A and B", "A, B and C". */
function listOf(labels: readonly string[]): string {
  if (labels.length <= 1) return labels[0] ?? ''
  return `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`
}

function round2(value: number): number {
  return Math.round(value * 100) / 100
}

function createOffer(random: SeededRandom, brand: DemoBrandId, n: number, now: number): DemoOffer {
  const editorial = random.chance(0.05)
  const pool = OFFER_TOPICS[brand]
  const chosen = editorial
    ? []
    : random.sample(
        pool,
        random.weighted([
          [1, 0.5],
          [2, 0.35],
          [3, 0.15],
        ]),
      )
  const topics: Record<string, number> = {}
  for (const [topic] of chosen) topics[topic] = round2(random.float(0.3, 1))
  const beneficial = !editorial && random.chance(0.3)
  // The title names every topic the offer targets: an explanation ("shown because you viewed
  // Hiking Backpacks…") always matches what the offer says it is about.
  const label = listOf(chosen.map(([, l]) => l))
  const title = editorial
    ? random.pick(EDITORIAL_TITLES[brand])
    : random
        .pick(beneficial ? DEAL_TITLES : CONTENT_TITLES)
        .replace('{pct}', String(random.pick([10, 15, 20, 25, 30])))
        .replace('{label}', label)

  const placements = DEMO_PLACEMENTS.filter(
    (placement, i) => i === n || random.chance(PLACEMENT_CHANCE[placement]),
  )
  if (placements.length === 0) placements.push('home_hero')

  const schedule = random.weighted<'always' | 'current' | 'expired' | 'future'>([
    ['always', 0.78],
    ['current', 0.14],
    ['expired', 0.04],
    ['future', 0.04],
  ])
  const window =
    schedule === 'current'
      ? { startsAt: iso(now - random.int(1, 20) * DAY_MS), endsAt: iso(now + random.int(1, 30) * DAY_MS) }
      : schedule === 'expired'
        ? { startsAt: iso(now - 40 * DAY_MS), endsAt: iso(now - random.int(1, 10) * DAY_MS) }
        : schedule === 'future'
          ? { startsAt: iso(now + random.int(1, 14) * DAY_MS), endsAt: iso(now + 45 * DAY_MS) }
          : {}
  const capped = random.chance(0.2)
  return {
    id: `${brand}-offer-${String(n + 1).padStart(3, '0')}`,
    brand,
    title,
    placements,
    topics,
    beneficial,
    priority: random.int(0, 100),
    ...window,
    ...(capped ? { frequencyCap: { count: random.int(1, 5), perDays: random.pick([1, 7, 30]) } } : {}),
  }
}

/**
 * Generates every brand's offers for the placements `home_hero`, `product_page` and
 * `email_banner`. Deterministic for `(seed, now)`. Guarantees per brand a minimum number of offers
 * active on `home_hero` at `now` (110 for `outdoor`, enough for the decide benchmark's 100), and at
 * least one offer per placement. Topics come from {@link OFFER_TOPICS} (never sensitive); about 5%
 * of offers are editorial, with no topics.
 */
export function generateOffers(seed: number, now: number): DemoOffer[] {
  const offers: DemoOffer[] = []
  for (const { id: brand } of DEMO_BRANDS) {
    const random = createSeededRandom(seed, 'offers', brand)
    const target = TARGETS[brand]
    let active = 0
    for (let n = 0; n < target.total || active < target.activeHomeHero; n++) {
      const offer = createOffer(random, brand, n, now)
      if (offer.placements.includes('home_hero') && isOfferActive(offer, now)) active += 1
      offers.push(offer)
    }
  }
  return offers
}
