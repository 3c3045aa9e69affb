import { BRAND_DETAILS, CITIES, DEMO_BRANDS, FIRST_NAMES, LAST_NAMES, OFFER_TOPICS } from './demo-catalog.js'
import { expandSession, type TimedMessage } from './demo-messages.js'
import { generateOffers } from './demo-offers.js'
import {
  DAY_MS,
  type DayWindow,
  dayWindows,
  HOUR_MS,
  intentOf,
  type PlanInput,
  type PlannedSession,
  planPerson,
} from './demo-plan.js'
import {
  DEMO_BRAND_IDS,
  DEMO_PERSONAS,
  DEMO_SHOWCASE_ROLES,
  type DemoAgeRange,
  type DemoBrandConsent,
  type DemoBrandId,
  type DemoConsentRecord,
  type DemoData,
  type DemoDemographics,
  type DemoExpectations,
  type DemoGender,
  type DemoMessageEnvelope,
  type DemoOptions,
  type DemoPerson,
  type DemoPersona,
  type DemoPurpose,
  type DemoShowcaseRole,
  type DemoTraits,
} from './demo-types.js'
import { createSeededRandom, type SeededRandom } from './seeded-random.js'

/** Default history window, in days. */
export const DEFAULT_DEMO_DAYS = 60

/** Persona shares (sum 1). */
const PERSONA_WEIGHTS: readonly (readonly [DemoPersona, number])[] = [
  ['recurring-hiker', 0.12],
  ['outdoor-enthusiast', 0.13],
  ['traveler', 0.04],
  ['young-parent', 0.1],
  ['baby-shower-gifter', 0.06],
  ['one-off-baby-buyer', 0.03],
  ['home-cook', 0.1],
  ['home-enthusiast', 0.1],
  ['one-time-searcher', 0.08],
  ['sensitive-browser', 0.04],
  ['anonymous-browser', 0.08],
  ['casual-browser', 0.12],
]

/** Primary brand by persona. */
const PRIMARY_BRAND: Readonly<Record<DemoPersona, readonly (readonly [DemoBrandId, number])[]>> = {
  'recurring-hiker': [['outdoor', 1]],
  'outdoor-enthusiast': [['outdoor', 1]],
  traveler: [['outdoor', 1]],
  'young-parent': [['littlesteps', 1]],
  'baby-shower-gifter': [['littlesteps', 1]],
  'one-off-baby-buyer': [['littlesteps', 1]],
  'home-cook': [['hearth', 1]],
  'home-enthusiast': [['hearth', 1]],
  'one-time-searcher': [
    ['hearth', 0.7],
    ['outdoor', 0.3],
  ],
  'sensitive-browser': [
    ['hearth', 0.75],
    ['littlesteps', 0.25],
  ],
  'anonymous-browser': [
    ['outdoor', 0.45],
    ['hearth', 0.4],
    ['littlesteps', 0.15],
  ],
  'casual-browser': [
    ['outdoor', 0.4],
    ['hearth', 0.4],
    ['littlesteps', 0.2],
  ],
}

/** Overall share of people who granted each purpose (brand-level; `cross_brand_sharing` is all-brands). */
const GRANT_SHARE: Readonly<Record<DemoPurpose, number>> = {
  personalization: 0.6,
  advertising: 0.3,
  analytics: 0.7,
  email_marketing: 0.4,
  cross_brand_sharing: 0.25,
  fairness_audit: 0.15,
}
const BRAND_PURPOSES = [
  'personalization',
  'advertising',
  'analytics',
  'email_marketing',
  'fairness_audit',
] as const
/** Share of people with no consent recorded anywhere. */
const NOTHING_RECORDED = 0.08
/** Chance that a grant is withdrawn later. */
const WITHDRAWAL = 0.06

/** Persona and setup of each showcase role, at index = position in DEMO_SHOWCASE_ROLES. */
const SHOWCASE: Readonly<
  Record<
    DemoShowcaseRole,
    {
      readonly persona: DemoPersona
      readonly brands: readonly DemoBrandId[]
      readonly consent: 'all' | 'personalization' | 'none' | 'withdrawn'
      readonly gpc?: boolean
    }
  >
> = {
  hiker: { persona: 'recurring-hiker', brands: ['outdoor', 'hearth'], consent: 'all' },
  babyShowerGifter: { persona: 'baby-shower-gifter', brands: ['littlesteps'], consent: 'personalization' },
  oneOffBabyBuyer: { persona: 'one-off-baby-buyer', brands: ['littlesteps'], consent: 'personalization' },
  youngParent: { persona: 'young-parent', brands: ['littlesteps', 'hearth'], consent: 'all' },
  oneTimeSearcher: { persona: 'one-time-searcher', brands: ['hearth'], consent: 'personalization' },
  sensitiveBrowser: { persona: 'sensitive-browser', brands: ['hearth'], consent: 'personalization' },
  anonymousThenIdentified: { persona: 'anonymous-browser', brands: ['outdoor'], consent: 'personalization' },
  gpcHiker: { persona: 'recurring-hiker', brands: ['outdoor'], consent: 'all', gpc: true },
  hikerWithoutConsent: { persona: 'recurring-hiker', brands: ['outdoor'], consent: 'none' },
  hikerWhoWithdrew: { persona: 'recurring-hiker', brands: ['outdoor'], consent: 'withdrawn' },
}

function validate(options: DemoOptions): Required<DemoOptions> {
  const days = options.days ?? DEFAULT_DEMO_DAYS
  if (!Number.isSafeInteger(options.persons) || options.persons < 0)
    throw new RangeError(`persons must be an integer >= 0, got ${options.persons}`)
  if (!Number.isSafeInteger(options.seed))
    throw new RangeError(`seed must be a safe integer, got ${options.seed}`)
  if (!Number.isFinite(options.now) || !Number.isFinite(new Date(options.now).getTime()))
    throw new RangeError(`now must be epoch milliseconds, got ${options.now}`)
  if (!Number.isSafeInteger(days) || days < 1 || days > 3650)
    throw new RangeError(`days must be an integer between 1 and 3650, got ${days}`)
  return { persons: options.persons, seed: options.seed, now: Math.floor(options.now), days }
}

/** The person fields decided before planning. */
interface PersonCore extends PlanInput {
  readonly gpc: boolean
}

function buildCore(random: SeededRandom, index: number, role: DemoShowcaseRole | undefined): PersonCore {
  const setup = role === undefined ? undefined : SHOWCASE[role]
  const persona = setup?.persona ?? random.weighted(PERSONA_WEIGHTS)
  const primary = setup?.brands[0] ?? random.weighted(PRIMARY_BRAND[persona])
  let brands: DemoBrandId[]
  if (setup) brands = [...setup.brands]
  else {
    const extra = random.weighted([
      [0, 0.75],
      [1, 0.2],
      [2, 0.05],
    ])
    brands = [
      primary,
      ...random.sample(
        DEMO_BRAND_IDS.filter((b) => b !== primary),
        extra,
      ),
    ]
  }
  return {
    index,
    persona,
    brands,
    gpc: setup ? setup.gpc === true : random.chance(0.1),
    alias: !setup && random.chance(0.03),
    identifiedLater: persona === 'anonymous-browser',
    ...(role === undefined ? {} : { role }),
  }
}

function uniqueId(random: SeededRandom, taken: Set<string>, make: () => string): string {
  for (;;) {
    const id = make()
    if (!taken.has(id)) {
      taken.add(id)
      return id
    }
    random.uint32()
  }
}

function demographicsFor(random: SeededRandom, persona: DemoPersona): DemoDemographics | undefined {
  if (!random.chance(0.3)) return undefined
  const gender = random.chance(0.9)
    ? random.weighted<DemoGender>([
        ['female', 0.48],
        ['male', 0.46],
        ['non_binary', 0.06],
      ])
    : undefined
  const ageRange = random.chance(0.9)
    ? random.weighted<DemoAgeRange>(
        persona === 'young-parent'
          ? [
              ['18-24', 0.15],
              ['25-34', 0.55],
              ['35-44', 0.3],
            ]
          : [
              ['18-24', 0.12],
              ['25-34', 0.24],
              ['35-44', 0.22],
              ['45-54', 0.18],
              ['55-64', 0.14],
              ['65+', 0.1],
            ],
      )
    : undefined
  if (gender === undefined && ageRange === undefined) return { ageRange: '35-44' }
  return { ...(gender === undefined ? {} : { gender }), ...(ageRange === undefined ? {} : { ageRange }) }
}

function traitsFor(
  random: SeededRandom,
  index: number,
  demographics: DemoDemographics | undefined,
  now: number,
  days: number,
): DemoTraits {
  const gender = demographics?.gender
  // Names follow gender when it is known, so a first name is a measurable proxy in fairness reviews.
  const list =
    gender === 'female'
      ? random.chance(0.9)
        ? 'female'
        : 'neutral'
      : gender === 'male'
        ? random.chance(0.9)
          ? 'male'
          : 'neutral'
        : gender === 'non_binary'
          ? random.chance(0.6)
            ? 'neutral'
            : random.pick(['female', 'male'] as const)
          : random.weighted<'female' | 'male' | 'neutral'>([
              ['female', 0.45],
              ['male', 0.45],
              ['neutral', 0.1],
            ])
  const [city, postalCode] = random.pick(CITIES)
  const address = random.chance(0.5) ? { city, postalCode, country: 'US' } : undefined
  return {
    firstName: random.pick(FIRST_NAMES[list]),
    lastName: random.pick(LAST_NAMES),
    email: `person${index}@example.test`,
    createdAt: new Date(
      now - days * DAY_MS - random.int(1, 900) * DAY_MS - random.int(0, DAY_MS - 1),
    ).toISOString(),
    ...(address === undefined ? {} : { address }),
  }
}

function choice(random: SeededRandom, purpose: DemoPurpose): 'granted' | 'denied' | undefined {
  const granted = Math.min(1, GRANT_SHARE[purpose] / (1 - NOTHING_RECORDED))
  if (random.chance(granted)) return 'granted'
  return random.chance(0.6) ? 'denied' : undefined
}

interface ConsentResult {
  readonly consent: Partial<Record<DemoBrandId, DemoBrandConsent>>
  readonly records: DemoConsentRecord[]
}

function consentFor(
  random: SeededRandom,
  core: PersonCore,
  sessions: readonly PlannedSession[],
  now: number,
): ConsentResult {
  const setup = core.role === undefined ? undefined : SHOWCASE[core.role]
  const firstAt = new Map<DemoBrandId, number>()
  for (const session of sessions) if (!firstAt.has(session.brand)) firstAt.set(session.brand, session.start)
  const consent: Partial<Record<DemoBrandId, Partial<Record<DemoPurpose, 'granted' | 'denied'>>>> = {}
  const records: DemoConsentRecord[] = []
  const nothing = setup ? setup.consent === 'none' : random.chance(NOTHING_RECORDED)

  const decide = (purpose: DemoPurpose): 'granted' | 'denied' | undefined => {
    if (nothing) return undefined
    if (!setup) return choice(random, purpose)
    if (setup.consent === 'all') return 'granted'
    return purpose === 'personalization' || purpose === 'analytics' ? 'granted' : undefined
  }

  const earliest = sessions[0]
  const crossBrand = decide('cross_brand_sharing')
  for (const brand of core.brands) {
    const own: Partial<Record<DemoPurpose, 'granted' | 'denied'>> = {}
    const at = (firstAt.get(brand) ?? now - HOUR_MS) - 1000
    for (const purpose of BRAND_PURPOSES) {
      const state = decide(purpose)
      if (state === undefined) continue
      own[purpose] = state
      records.push({ scope: 'brand', brand, capturedBy: brand, purpose, state, source: 'api', at })
    }
    if (crossBrand !== undefined) own.cross_brand_sharing = crossBrand
    consent[brand] = own
  }
  if (crossBrand !== undefined) {
    const capturedBy = earliest?.brand ?? core.brands[0]!
    const at = (earliest?.start ?? now - HOUR_MS) - 2000
    records.push({
      scope: 'all_brands',
      brand: null,
      capturedBy,
      purpose: 'cross_brand_sharing',
      state: crossBrand,
      source: 'api',
      at,
    })
  }

  // Later withdrawals, through the control center.
  const withdrawals: DemoConsentRecord[] = []
  for (const record of records) {
    if (record.state !== 'granted') continue
    const forced = setup?.consent === 'withdrawn' && record.purpose === 'personalization'
    if (setup && !forced) continue
    if (!forced && !random.chance(WITHDRAWAL)) continue
    const from = record.at + DAY_MS
    const to = now - HOUR_MS
    if (from > to) continue
    const at = forced ? Math.floor((from + to) / 2) : random.int(from, to)
    withdrawals.push({ ...record, state: 'withdrawn', source: 'control_center', at })
  }
  const all = [...records, ...withdrawals].sort((a, b) => a.at - b.at)
  return { consent, records: all }
}

function statedFor(random: SeededRandom, core: PersonCore): readonly string[] | undefined {
  if (core.role === 'youngParent') return ['baby_kids.nursery']
  if (core.role !== undefined || !random.chance(0.1)) return undefined
  return random.sample(OFFER_TOPICS[core.brands[0]!], random.int(1, 2)).map(([topic]) => topic)
}

function showcaseRole(index: number, persons: number): DemoShowcaseRole | undefined {
  return persons >= DEMO_SHOWCASE_ROLES.length ? DEMO_SHOWCASE_ROLES[index] : undefined
}

function buildPerson(
  options: Required<DemoOptions>,
  index: number,
  windows: readonly DayWindow[],
  taken: Set<string>,
): DemoPerson {
  const { seed, now, days } = options
  const role = showcaseRole(index, options.persons)
  const random = createSeededRandom(seed, 'person', index)
  const core = buildCore(random, index, role)
  const sessions = planPerson(seed, core, windows)
  const consentRandom = random.fork('consent')
  const { consent, records } = consentFor(consentRandom, core, sessions, now)

  const userIds: Partial<Record<DemoBrandId, string>> = {}
  const anonymousIds: Partial<Record<DemoBrandId, string>> = {}
  const idRandom = random.fork('ids')
  for (const brand of core.brands) {
    userIds[brand] = uniqueId(idRandom, taken, () => `${BRAND_DETAILS[brand].prefix}_${idRandom.hex(12)}`)
    anonymousIds[brand] = uniqueId(idRandom, taken, () => idRandom.uuid())
  }
  const profileRandom = random.fork('profile')
  const demographics = demographicsFor(profileRandom, core.persona)
  const traits = traitsFor(profileRandom, index, demographics, now, days)
  const statedInterests = statedFor(profileRandom, core)
  const consentInContext = role === undefined && profileRandom.chance(0.15)
  return {
    index,
    persona: core.persona,
    primaryBrand: core.brands[0]!,
    brands: core.brands,
    userIds,
    anonymousIds,
    email: traits.email,
    traits,
    gpc: core.gpc,
    consent,
    consentRecords: records,
    consentInContext,
    ...(statedInterests === undefined ? {} : { statedInterests }),
    ...(demographics === undefined ? {} : { demographics }),
    alias: core.alias,
    identifiedLater: core.identifiedLater,
    intent: intentOf(sessions),
  }
}

function planInputOf(person: DemoPerson, persons: number): PlanInput {
  const role = showcaseRole(person.index, persons)
  return {
    index: person.index,
    persona: person.persona,
    brands: person.brands,
    alias: person.alias,
    identifiedLater: person.identifiedLater,
    ...(role === undefined ? {} : { role }),
  }
}

function expectationsOf(people: readonly DemoPerson[]): DemoExpectations {
  const byPersona = Object.fromEntries(DEMO_PERSONAS.map((persona) => [persona, [] as number[]])) as Record<
    DemoPersona,
    number[]
  >
  const where = (test: (person: DemoPerson) => boolean): number[] =>
    people.filter(test).map((person) => person.index)
  for (const person of people) byPersona[person.persona].push(person.index)
  const showcase: Partial<Record<DemoShowcaseRole, number>> = {}
  DEMO_SHOWCASE_ROLES.forEach((role, index) => {
    if (showcaseRole(index, people.length) !== undefined) showcase[role] = index
  })
  return {
    byPersona,
    recurringHikers: byPersona['recurring-hiker'],
    babyShowerGifters: byPersona['baby-shower-gifter'],
    oneOffBabyBuyers: byPersona['one-off-baby-buyer'],
    oneTimeSearchers: byPersona['one-time-searcher'],
    youngParents: byPersona['young-parent'],
    sensitiveBrowsers: byPersona['sensitive-browser'],
    anonymousThenIdentified: byPersona['anonymous-browser'],
    gpcUsers: where((p) => p.gpc),
    aliasUsers: where((p) => p.alias),
    multiBrand: where((p) => p.brands.length > 1),
    noConsentRecorded: where((p) => p.consentRecords.length === 0),
    withdrawals: where((p) => p.consentRecords.some((r) => r.state === 'withdrawn')),
    statedInterests: where((p) => p.statedInterests !== undefined),
    demographics: where((p) => p.demographics !== undefined),
    consentInContext: where((p) => p.consentInContext),
    showcase,
  }
}

function compareMessages(a: TimedMessage, b: TimedMessage): number {
  return a.at - b.at || a.person - b.person || a.seq - b.seq || a.step - b.step
}

function* streamMessages(
  options: Required<DemoOptions>,
  people: readonly DemoPerson[],
  windows: readonly DayWindow[],
): Generator<DemoMessageEnvelope, void, undefined> {
  // Plans are small (a few sessions per person); messages are expanded one UTC day at a time.
  const byDay = new Map<number, PlannedSession[]>()
  for (const person of people) {
    for (const session of planPerson(options.seed, planInputOf(person, options.persons), windows)) {
      const list = byDay.get(session.day)
      if (list) list.push(session)
      else byDay.set(session.day, [session])
    }
  }
  for (const window of windows) {
    const sessions = byDay.get(window.day)
    if (sessions === undefined) continue
    byDay.delete(window.day)
    const messages: TimedMessage[] = []
    for (const session of sessions) {
      const person = people[session.person]!
      for (const message of expandSession(options.seed, person, session)) messages.push(message)
    }
    messages.sort(compareMessages)
    for (const timed of messages) {
      yield {
        brand: timed.brand,
        gpc: people[timed.person]!.gpc,
        person: timed.person,
        message: timed.message,
      }
    }
  }
}

/**
 * Generates a deterministic synthetic organization: three brands, `persons` people with personas
 * and every consent mix, their Segment messages over the last `days` days, and the brands' offers.
 * Pure: everything derives from `seed` and `now`; equal options give deep-equal data and identical
 * message streams. Throws a `RangeError` for invalid options (negative or fractional `persons`, a
 * seed that is not a safe integer, `days` outside 1–3650).
 *
 * @example
 * ```ts
 * const demo = generateDemo({ persons: 1000, seed: 42, now: Date.UTC(2025, 5, 1) })
 * for (const { brand, gpc, message } of demo.messages()) {
 *   // POST message to /v1/<type> with brand's write key (and Sec-GPC: 1 when gpc)
 * }
 * ```
 */
export function generateDemo(options: DemoOptions): DemoData {
  const resolved = validate(options)
  const windows = dayWindows(resolved.now, resolved.days)
  const taken = new Set<string>()
  const people: DemoPerson[] = []
  for (let index = 0; index < resolved.persons; index++)
    people.push(buildPerson(resolved, index, windows, taken))
  return {
    options: resolved,
    brands: DEMO_BRANDS,
    people,
    offers: generateOffers(resolved.seed, resolved.now),
    expectations: expectationsOf(people),
    messages: () => streamMessages(resolved, people, windows),
  }
}
