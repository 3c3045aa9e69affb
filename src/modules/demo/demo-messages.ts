import { BRAND_DETAILS, type DemoCategory, productLine } from './demo-catalog.js'
import type { PlannedItem, PlannedSession } from './demo-plan.js'
import type {
  DemoBrandId,
  DemoConsentRecord,
  DemoMessage,
  DemoPerson,
  DemoPurpose,
  JsonObject,
} from './demo-types.js'
import { createSeededRandom, type SeededRandom } from './seeded-random.js'

/** A generated message with its numeric time, before it is wrapped for the caller. */
export interface TimedMessage {
  /** Event time, epoch ms. */
  readonly at: number
  /** Person index. */
  readonly person: number
  /** Session sequence within the person. */
  readonly seq: number
  /** Message sequence within the session. */
  readonly step: number
  /** The brand. */
  readonly brand: DemoBrandId
  /** The message. */
  readonly message: DemoMessage
}

const LIBRARY = { name: 'analytics.js', version: 'npm:next-1.72.0' }
const USER_AGENTS = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0',
]
const TIMEZONES = ['America/Los_Angeles', 'America/Denver', 'America/Chicago', 'America/New_York']

/** Segment consent category → Candor purpose, as the default signal mapping reads them. */
const PREFERENCE_CATEGORIES: readonly (readonly [string, DemoPurpose])[] = [
  ['Personalization', 'personalization'],
  ['Advertising', 'advertising'],
  ['Analytics', 'analytics'],
  ['Email', 'email_marketing'],
]

/**
 * The consent state of a purpose at a brand at time `at`: the latest ledger entry at or before `at`
 * for that brand (or all brands), or `undefined` when nothing was recorded yet.
 *
 * @example
 * ```ts
 * consentStateAt(person, 'outdoor', 'personalization', options.now) // 'granted' | 'denied' | 'withdrawn' | undefined
 * ```
 */
export function consentStateAt(
  person: Pick<DemoPerson, 'consentRecords'>,
  brand: DemoBrandId,
  purpose: DemoPurpose,
  at: number,
): DemoConsentRecord['state'] | undefined {
  let state: DemoConsentRecord['state'] | undefined
  for (const record of person.consentRecords) {
    if (record.at > at) break
    if (record.purpose !== purpose) continue
    if (record.scope === 'all_brands' || record.brand === brand) state = record.state
  }
  return state
}

/** A product as e-commerce events carry it. */
interface ProductJson {
  readonly product_id: string
  readonly sku: string
  readonly name: string
  readonly category: string
  readonly price: number
}

/** A product line of an order. */
type OrderLine = ProductJson & { readonly quantity: number }

function productJson(
  category: DemoCategory,
  lineKey: string,
  categoryIndex: number,
  productIndex: number,
  brand: DemoBrandId,
): ProductJson {
  const [name, price] = category.products[productIndex]!
  const prefix = BRAND_DETAILS[brand].prefix
  return {
    product_id: `${prefix}-${lineKey}-${categoryIndex}-${productIndex}`,
    sku: `${prefix.toUpperCase()}-${lineKey.toUpperCase()}-${categoryIndex}${productIndex}`,
    name,
    category: category.category,
    price,
  }
}

function itemJson(item: PlannedItem, brand: DemoBrandId): OrderLine {
  const entry = productLine(item.line)
  const category = entry.categories[item.category]!
  return { ...productJson(category, item.line, item.category, item.product, brand), quantity: item.quantity }
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

/**
 * Expands one planned session into its Segment messages (identify, alias, pages, e-commerce
 * events), with deterministic ids and times. Pure: the same seed, person and session give the same
 * messages.
 */
export function expandSession(seed: number, person: DemoPerson, session: PlannedSession): TimedMessage[] {
  const random: SeededRandom = createSeededRandom(seed, 'session', person.index, session.seq)
  const brand = session.brand
  const site = BRAND_DETAILS[brand].site
  const prefix = BRAND_DETAILS[brand].prefix
  const userId = session.anonymous ? undefined : person.userIds[brand]
  const anonymousId = person.anonymousIds[brand]
  const personTraits = createSeededRandom(seed, 'device', person.index)
  const userAgent = personTraits.pick(USER_AGENTS)
  const timezone = personTraits.pick(TIMEZONES)
  const idPrefix = `demo-${seed.toString(36)}-${person.index.toString(36)}-${session.seq.toString(36)}`

  const out: TimedMessage[] = []
  let at = session.start
  let step = 0
  let referrer = random.pick([
    'https://www.google.com/',
    'https://duckduckgo.com/',
    '',
    'https://mail.example.test/',
  ])

  const contextFor = (time: number, path: string, title: string): JsonObject => {
    const context: Record<string, JsonObject[string]> = {
      library: LIBRARY,
      locale: 'en-US',
      timezone,
      userAgent,
      page: { path, url: `${site}${path}`, title, referrer },
    }
    if (person.consentInContext) {
      const preferences: Record<string, boolean> = {}
      for (const [name, purpose] of PREFERENCE_CATEGORIES) {
        const state = consentStateAt(person, brand, purpose, time)
        if (state !== undefined) preferences[name] = state === 'granted'
      }
      if (Object.keys(preferences).length > 0) context.consent = { categoryPreferences: preferences }
    }
    return context
  }

  const push = (
    build: (base: { messageId: string; timestamp: string; sentAt: string }) => DemoMessage,
  ): void => {
    const sentAt = at + random.int(40, 2500)
    const message = build({
      messageId: `${idPrefix}-${step.toString(36)}`,
      timestamp: new Date(at).toISOString(),
      sentAt: new Date(sentAt).toISOString(),
    })
    out.push({ at, person: person.index, seq: session.seq, step, brand, message })
    step += 1
    at += random.int(15, 150) * 1000
  }
  const ids = (): { userId?: string; anonymousId?: string } => ({
    ...(userId === undefined ? {} : { userId }),
    ...(anonymousId === undefined ? {} : { anonymousId }),
  })
  const page = (name: string, path: string): void => {
    const title = `${name} | ${brand === 'outdoor' ? 'Northwind Outdoor' : brand === 'littlesteps' ? 'Little Steps' : 'Hearth Home'}`
    const time = at
    push((base) => ({
      ...base,
      type: 'page',
      ...ids(),
      name,
      properties: { path, url: `${site}${path}`, title, referrer },
      context: contextFor(time, path, title),
    }))
    referrer = `${site}${path}`
  }
  const track = (event: string, properties: JsonObject, path: string): void => {
    const time = at
    push((base) => ({
      ...base,
      type: 'track',
      ...ids(),
      event,
      properties,
      context: contextFor(time, path, event),
    }))
  }
  const viewProduct = (lineKey: string, categoryIndex: number, productIndex?: number): ProductJson => {
    const category = productLine(lineKey).categories[categoryIndex]!
    const index = productIndex ?? random.int(0, category.products.length - 1)
    const product = productJson(category, lineKey, categoryIndex, index, brand)
    const path = `/products/${slug(product.name)}`
    track('Product Viewed', { ...product, currency: 'USD', url: `${site}${path}` }, path)
    return product
  }
  const order = (items: readonly OrderLine[], extra: JsonObject): void => {
    const total = items.reduce((sum, item) => sum + item.price * item.quantity, 0)
    const rounded = Math.round(total * 100) / 100
    track(
      'Order Completed',
      {
        order_id: `${prefix}-o-${person.index.toString(36)}-${session.seq.toString(36)}`,
        checkout_id: `${prefix}-c-${random.hex(10)}`,
        total: rounded,
        revenue: rounded,
        currency: 'USD',
        products: items.map((item) => ({ ...item })),
        ...extra,
      },
      '/checkout/confirmation',
    )
  }

  if (session.identify) {
    const time = at
    const traits: Record<string, JsonObject[string]> = {
      firstName: person.traits.firstName,
      lastName: person.traits.lastName,
      email: person.traits.email,
      createdAt: person.traits.createdAt,
    }
    if (person.traits.address) traits.address = { ...person.traits.address }
    push((base) => ({
      ...base,
      type: 'identify',
      ...ids(),
      traits,
      context: contextFor(time, '/account', 'Sign in'),
    }))
    if (session.alias && userId !== undefined && anonymousId !== undefined) {
      const aliasTime = at
      push((base) => ({
        ...base,
        type: 'alias',
        userId,
        previousId: anonymousId,
        context: contextFor(aliasTime, '/account', 'Sign in'),
      }))
    }
  }

  const activity = session.activity
  switch (activity.kind) {
    case 'pages': {
      page('Home', '/')
      if (random.chance(0.5)) {
        const [name, path] = random.pick([
          ['Deals', '/deals'],
          ['Help', '/help'],
          ['Stores', '/stores'],
          ['Journal', '/journal'],
        ] as const)
        page(name, path)
      }
      break
    }
    case 'browse': {
      if (random.chance(0.6)) page('Home', '/')
      const viewed: ProductJson[] = []
      for (let i = 0; i < activity.views; i++) viewed.push(viewProduct(activity.line, activity.focus))
      if (activity.side !== undefined) viewProduct(activity.line, activity.side)
      const first = viewed[0]!
      if (activity.add || activity.purchase) {
        track(
          'Product Added',
          { ...first, quantity: 1, cart_id: `${prefix}-cart-${random.hex(10)}`, currency: 'USD' },
          '/cart',
        )
      }
      if (activity.purchase) order([{ ...first, quantity: random.int(1, 2) }], {})
      break
    }
    case 'gift': {
      page('Home', '/')
      if (activity.search) track('Products Searched', { query: 'baby shower gift' }, '/search')
      const marker: JsonObject =
        activity.marker === 'gift'
          ? { gift: true }
          : activity.marker === 'gift_wrap'
            ? { gift_wrap: true }
            : { gift: true, gift_wrap: true, gift_message: 'Congratulations!' }
      order(
        activity.items.map((item) => itemJson(item, brand)),
        marker,
      )
      break
    }
    case 'purchase': {
      const [item] = activity.items
      if (item) {
        const product = viewProduct(item.line, item.category, item.product)
        track(
          'Product Added',
          { ...product, quantity: 1, cart_id: `${prefix}-cart-${random.hex(10)}`, currency: 'USD' },
          '/cart',
        )
      }
      order(
        activity.items.map((entry) => itemJson(entry, brand)),
        {},
      )
      break
    }
    case 'search': {
      const entry = productLine(activity.line)
      const category = entry.categories[activity.category]!
      track('Products Searched', { query: entry.query, category: category.category }, '/search')
      if (activity.view) viewProduct(activity.line, activity.category)
      break
    }
  }
  return out
}
