import { isJsonObject, type SegmentMessage } from './segment-message.js'

/**
 * The kind of interest signal a message carries, weakest to strongest (the interest model weighs
 * them: search < view < add_to_cart < purchase). `none`: not a signal.
 */
export const SIGNAL_KINDS = ['search', 'view', 'add_to_cart', 'purchase', 'none'] as const

/** One of {@link SIGNAL_KINDS}. */
export type SignalKind = (typeof SIGNAL_KINDS)[number]

/** One product (or the message's own properties, for single-product events) a signal is about. */
export interface ProductLine {
  /** Position in `properties.products`; absent for the properties-level product. */
  readonly index?: number
  /** `product_id` (or `productId`, `id`, `sku`), as a string. */
  readonly productId?: string
  /** The category string as sent, trimmed, e.g. `Outdoors > Hiking > Boots`. */
  readonly category?: string
}

/** What a message means for the interest model. */
export interface EventClassification {
  /** The signal kind. */
  readonly kind: SignalKind
  /** Distinct category strings involved, in order of appearance; empty for `none`. */
  readonly categories: string[]
  /** Distinct product ids involved, in order of appearance; empty for `none`. */
  readonly productIds: string[]
  /** The product lines, for per-line decisions such as gift lines; empty for `none`. */
  readonly lines: ProductLine[]
}

/**
 * Track event names by signal kind, normalized (lower case, words separated by one space, so
 * `Order Completed`, `order_completed` and `orderCompleted` all read `order completed`).
 * Segment's e-commerce v2 spec names first, then common synonyms.
 *
 * Decisions:
 * - `Product Added to Wishlist` is a `view`: wanting something is consideration, not intent to
 *   buy, and wish lists and registries are often kept for others (baby registries).
 * - `Checkout Started` is an `add_to_cart`: intent, but not a purchase; the purchase is counted
 *   once, at `Order Completed`.
 * - Refunds and cancellations are `none` (a future negative kind, not a purchase).
 */
export const EVENT_KINDS: Readonly<Record<string, Exclude<SignalKind, 'none'>>> = {
  'products searched': 'search',
  'product searched': 'search',
  search: 'search',
  searched: 'search',
  'search performed': 'search',
  'search submitted': 'search',
  'product viewed': 'view',
  'product list viewed': 'view',
  'product list filtered': 'view',
  'product clicked': 'view',
  'product added to wishlist': 'view',
  'product added': 'add_to_cart',
  'wishlist product added to cart': 'add_to_cart',
  'checkout started': 'add_to_cart',
  'order completed': 'purchase',
  'checkout completed': 'purchase',
  'order placed': 'purchase',
  'purchase completed': 'purchase',
  purchase: 'purchase',
  purchased: 'purchase',
}

const NAME_CACHE_SIZE = 1000
const normalizedNames = new Map<string, string>()

/**
 * Normalizes an event name for lookup in {@link EVENT_KINDS}.
 *
 * @example
 * ```ts
 * normalizeEventName('orderCompleted') // 'order completed'
 * normalizeEventName(' Product_Viewed ') // 'product viewed'
 * ```
 */
export function normalizeEventName(event: string): string {
  const cached = normalizedNames.get(event)
  if (cached !== undefined) return cached
  const name = event
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[\s_\-.]+/g, ' ')
    .trim()
    .toLowerCase()
  // Event names repeat endlessly; a small bounded cache skips the regexes on the hot path.
  if (normalizedNames.size >= NAME_CACHE_SIZE) normalizedNames.clear()
  if (event.length <= 200) normalizedNames.set(event, name)
  return name
}

const KIND_BY_EVENT = new Map(Object.entries(EVENT_KINDS))

function text(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  if (typeof value !== 'string') return undefined
  const trimmed = value.trim()
  return trimmed === '' ? undefined : trimmed
}

function productLine(source: Readonly<Record<string, unknown>>, index?: number): ProductLine | undefined {
  const productId = text(source.product_id) ?? text(source.productId) ?? text(source.id) ?? text(source.sku)
  const category = typeof source.category === 'string' ? text(source.category) : undefined
  if (productId === undefined && category === undefined) return undefined
  return {
    ...(index === undefined ? {} : { index }),
    ...(productId === undefined ? {} : { productId }),
    ...(category === undefined ? {} : { category }),
  }
}

/** The product lines of a message: the properties-level product, then `properties.products[]`. */
export function productLines(message: Pick<SegmentMessage, 'properties' | 'category'>): ProductLine[] {
  const lines: ProductLine[] = []
  const own = productLine(message.properties)
  if (own !== undefined) lines.push(own)
  else if (message.category !== undefined && text(message.category) !== undefined)
    lines.push({ category: text(message.category)! })
  const products = message.properties.products
  if (Array.isArray(products)) {
    products.forEach((product, index) => {
      if (!isJsonObject(product)) return
      const line = productLine(product, index)
      if (line !== undefined) lines.push(line)
    })
  }
  return lines
}

function distinct(values: (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== undefined))]
}

function hasSearchQuery(properties: Readonly<Record<string, unknown>>): boolean {
  return text(properties.query) !== undefined
}

/**
 * Classifies a message as an interest signal:
 * - track: by event name ({@link EVENT_KINDS}); an unlisted event with a `properties.query` is a
 *   `search`; anything else is `none`;
 * - page / screen: with a `properties.query` → `search`; with a product category, products or a
 *   product id → `view`; otherwise `none`;
 * - identify, group, alias → `none`.
 * Categories come from `properties.category` (or a page's top-level `category`) and from each
 * `properties.products[].category`; product ids from `product_id` (then `productId`, `id`, `sku`).
 * Never throws; reads only `type`, `event`, `category` and `properties`.
 *
 * @example
 * ```ts
 * classifyEvent({ type: 'track', event: 'Product Viewed', properties: { product_id: 'p1', category: 'Outdoors > Hiking' } })
 * // → { kind: 'view', categories: ['Outdoors > Hiking'], productIds: ['p1'], lines: [{ productId: 'p1', category: 'Outdoors > Hiking' }] }
 * ```
 */
export function classifyEvent(
  message: Pick<SegmentMessage, 'type' | 'event' | 'properties'> & { readonly category?: string },
): EventClassification {
  let kind: SignalKind = 'none'
  if (message.type === 'track' && message.event !== undefined) {
    kind =
      KIND_BY_EVENT.get(normalizeEventName(message.event)) ??
      (hasSearchQuery(message.properties) ? 'search' : 'none')
  } else if (message.type === 'page' || message.type === 'screen') {
    if (hasSearchQuery(message.properties)) kind = 'search'
    else if (productLines(message).length > 0) kind = 'view'
  }
  if (kind === 'none') return { kind, categories: [], productIds: [], lines: [] }
  const lines = productLines(message)
  return {
    kind,
    categories: distinct(lines.map((line) => line.category)),
    productIds: distinct(lines.map((line) => line.productId)),
    lines,
  }
}
