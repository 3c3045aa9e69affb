import { isJsonObject, type JsonObject, type SegmentMessage } from './segment-message.js'

/** The rules that can mark a purchase (or one product line) as a gift. Stable codes, for explanations. */
export const GIFT_RULES = ['gift-flag', 'gift-wrap', 'gift-message', 'other-recipient'] as const

/** One of {@link GIFT_RULES}. */
export type GiftRule = (typeof GIFT_RULES)[number]

/** Which rules fired for one product line. */
export interface GiftLine {
  /** Position in `properties.products`. */
  readonly index: number
  /** The rules that fired for this line (never empty). */
  readonly rules: GiftRule[]
}

/** The gift verdict for a message. Names rules only, never the values that triggered them. */
export interface GiftDetection {
  /**
   * True when the whole order is a gift: an order-level rule fired, or every product line (at
   * least one) is a gift line. A gift never counts toward the buyer's interests.
   */
  readonly isGift: boolean
  /** Order-level rules that fired. */
  readonly rules: GiftRule[]
  /** Product lines marked as gifts on their own (`products[].gift`, `products[].gift_wrap`). */
  readonly lines: GiftLine[]
}

const FLAG_KEYS = ['gift', 'is_gift', 'isGift'] as const
const WRAP_KEYS = ['gift_wrap', 'giftWrap', 'gift_wrapping', 'giftWrapping'] as const
const MESSAGE_KEYS = ['gift_message', 'giftMessage', 'gift_note', 'giftNote'] as const
/** Where common e-commerce shapes put the shipping address (Segment, Shopify, commercetools…). */
const SHIPPING_KEYS = ['shipping_address', 'shippingAddress', 'shipping'] as const
/** …and the billing address, whose name is the buyer's when the message carries no traits. */
const BILLING_KEYS = ['billing_address', 'billingAddress', 'billing'] as const
const TRUE_WORDS = new Set(['true', 'yes', 'y', '1'])
const FALSE_WORDS = new Set(['', 'false', 'no', 'n', '0', 'none', 'null', 'off'])

/**
 * A yes/no flag is set: `true`, a non-zero number, or the strings "true", "yes", "y", "1" in any
 * case. Everything else (including "false", "no", objects) is not set.
 *
 * @example
 * ```ts
 * isTruthyFlag('Yes') // true
 * isTruthyFlag('false') // false
 * ```
 */
export function isTruthyFlag(value: unknown): boolean {
  if (value === true) return true
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value)
  if (typeof value === 'string') return TRUE_WORDS.has(value.trim().toLowerCase())
  return false
}

/**
 * Gift wrap is requested: a truthy flag, any other non-empty description ("red paper"), or a
 * non-empty object (`{ message: … }`). "false", "no", "none", 0, `{}` and `[]` are not.
 */
export function isGiftWrap(value: unknown): boolean {
  if (typeof value === 'string') return !FALSE_WORDS.has(value.trim().toLowerCase())
  if (Array.isArray(value)) return value.length > 0
  if (isJsonObject(value)) return Object.keys(value).length > 0
  return isTruthyFlag(value)
}

function normalized(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  const result = value.trim().replace(/\s+/g, ' ').toLowerCase()
  return result === '' ? undefined : result
}

interface Person {
  readonly email?: string
  readonly name?: string
}

function personFrom(source: JsonObject): Person {
  const email = normalized(source.email)
  const first = normalized(source.firstName ?? source.first_name)
  const last = normalized(source.lastName ?? source.last_name)
  const name =
    normalized(source.name) ?? (first !== undefined && last !== undefined ? `${first} ${last}` : undefined)
  return { ...(email === undefined ? {} : { email }), ...(name === undefined ? {} : { name }) }
}

/** An own property that is an object, if any. */
function objectAt(source: JsonObject, key: string): JsonObject | undefined {
  if (!Object.hasOwn(source, key)) return undefined
  const v = source[key]
  return isJsonObject(v) ? v : undefined
}

/** The buyer as far as the message tells: top-level traits, then `context.traits`, then the billing address. */
function buyerOf(message: Pick<SegmentMessage, 'traits' | 'context' | 'properties'>): Person {
  const own = personFrom(message.traits)
  const contextTraits = isJsonObject(message.context.traits) ? personFrom(message.context.traits) : {}
  const billingSource = BILLING_KEYS.map((k) => objectAt(message.properties, k)).find((v) => v !== undefined)
  const billing = billingSource ? personFrom(billingSource) : {}
  return {
    email: own.email ?? contextTraits.email ?? billing.email,
    name: own.name ?? contextTraits.name ?? billing.name,
  }
}

/** A recipient field's value as a person: an object `{ email, name }`, or a string (email if it has `@`). */
function recipientFrom(value: unknown): Person {
  if (isJsonObject(value)) return personFrom(value)
  const text = normalized(value)
  if (text === undefined) return {}
  return text.includes('@') ? { email: text } : { name: text }
}

function recipientsOf(properties: JsonObject): Person[] {
  const recipients = [recipientFrom(properties.recipient), recipientFrom(properties.shipping_recipient)]
  const email = normalized(properties.recipient_email ?? properties.recipientEmail)
  const name = normalized(properties.recipient_name ?? properties.recipientName)
  if (email !== undefined || name !== undefined)
    recipients.push({ ...(email === undefined ? {} : { email }), ...(name === undefined ? {} : { name }) })
  for (const key of SHIPPING_KEYS) {
    const shipping = objectAt(properties, key)
    if (shipping) recipients.push(personFrom(shipping))
  }
  return recipients
}

/**
 * A recipient differs from the buyer when a comparable attribute is known on both sides and
 * differs: emails first, else names. An unknown buyer, or a recipient with nothing comparable,
 * fires nothing (Candor does not guess).
 */
function isOtherRecipient(recipient: Person, buyer: Person): boolean {
  if (recipient.email !== undefined && buyer.email !== undefined) return recipient.email !== buyer.email
  if (recipient.name !== undefined && buyer.name !== undefined) return recipient.name !== buyer.name
  return false
}

function rulesFor(source: JsonObject): GiftRule[] {
  const rules: GiftRule[] = []
  if (FLAG_KEYS.some((key) => isTruthyFlag(source[key]))) rules.push('gift-flag')
  if (WRAP_KEYS.some((key) => isGiftWrap(source[key]))) rules.push('gift-wrap')
  if (MESSAGE_KEYS.some((key) => normalized(source[key]) !== undefined)) rules.push('gift-message')
  return rules
}

/**
 * Detects whether a purchase (or any message with order-like properties) is a gift, per order
 * and per product line:
 * - `gift-flag`: `gift` / `is_gift` / `isGift` is truthy (`true`, `"true"`, `1`, `"yes"`);
 * - `gift-wrap`: `gift_wrap` / `giftWrap` / `gift_wrapping` / `giftWrapping` is requested;
 * - `gift-message`: `gift_message` / `giftMessage` / `gift_note` / `giftNote` is not empty;
 * - `other-recipient` (order level only): `recipient` / `shipping_recipient` / `recipient_email` /
 *   `recipient_name`, or the name or email of `shipping_address` / `shippingAddress` / `shipping`,
 *   differs from the buyer's email or name in `traits` / `context.traits` (else the name or email
 *   of `billing_address` / `billingAddress` / `billing`).
 * Returns which rules fired, never the values. Never throws.
 *
 * @example
 * ```ts
 * detectGift({ properties: { is_gift: 'yes', products: [] }, traits: {}, context: {} })
 * // → { isGift: true, rules: ['gift-flag'], lines: [] }
 * ```
 */
export function detectGift(
  message: Pick<SegmentMessage, 'properties' | 'traits' | 'context'>,
): GiftDetection {
  const { properties } = message
  const rules = rulesFor(properties)
  const buyer = buyerOf(message)
  if (recipientsOf(properties).some((recipient) => isOtherRecipient(recipient, buyer)))
    rules.push('other-recipient')

  const lines: GiftLine[] = []
  let productCount = 0
  if (Array.isArray(properties.products)) {
    properties.products.forEach((product, index) => {
      if (!isJsonObject(product)) return
      productCount += 1
      const lineRules = rulesFor(product)
      if (lineRules.length > 0) lines.push({ index, rules: lineRules })
    })
  }
  const isGift = rules.length > 0 || (productCount > 0 && lines.length === productCount)
  return { isGift, rules, lines }
}
