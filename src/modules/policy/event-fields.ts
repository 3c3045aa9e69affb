/**
 * The data category of each field of an event, so that reading events goes through the same
 * policy as data items. Pure; the category of a trait comes from the deployment's trait rules.
 */

/** What an event's behaviour says, by its signal kind. */
export function behaviourCategory(kind: string): string {
  switch (kind) {
    case 'purchase':
      return 'user.behavior.purchase'
    case 'view':
    case 'add_to_cart':
      return 'user.behavior.browsing'
    case 'search':
      return 'user.behavior.search'
    default:
      return 'user.behavior'
  }
}

/** Segment's context fields → categories; anything else is `user.unclassified`. */
const CONTEXT_CATEGORIES: ReadonlyMap<string, string> = new Map([
  ['ip', 'user.device.ip_address'],
  ['location', 'user.location.precise'],
  ['timezone', 'user.location.approximate'],
  ['locale', 'user.demographic.language'],
  ['device', 'user.device'],
  ['os', 'user.device'],
  ['userAgent', 'user.device'],
  ['userAgentData', 'user.device'],
  ['screen', 'user.device'],
  ['network', 'user.device'],
  ['library', 'user.device'],
  ['app', 'user.device'],
  ['page', 'user.behavior.browsing'],
  ['referrer', 'user.behavior.browsing'],
  ['campaign', 'user.behavior.browsing'],
])

export interface EventField {
  /** `event`, `name`, `properties.<name>`, `traits.<name>`, `context.<name>`, `context.traits.<name>` or `topics[<i>]`. */
  readonly field: string
  readonly category: string
  /** For a topic: the topic, when it is sensitive. */
  readonly sensitiveTopic: string | null
}

/**
 * Every field of a decrypted event with its category. A property named like a known trait
 * (`email`, `gender`…) is that trait's category wherever it appears; other properties are the
 * behaviour of the event's kind.
 */
export function eventFields(
  kind: string,
  payload: {
    readonly event?: string | undefined
    readonly name?: string | undefined
    readonly properties: Readonly<Record<string, unknown>>
    readonly traits: Readonly<Record<string, unknown>>
    readonly context: Readonly<Record<string, unknown>>
    readonly topics: readonly string[]
  },
  traitCategory: (name: string) => string | undefined,
  isSensitiveTopic: (topic: string) => boolean,
): EventField[] {
  const behaviour = behaviourCategory(kind)
  const plain = (field: string, category: string): EventField => ({ field, category, sensitiveTopic: null })
  const out: EventField[] = []
  if (payload.event !== undefined) out.push(plain('event', behaviour))
  if (payload.name !== undefined) out.push(plain('name', behaviour))
  for (const name of Object.keys(payload.properties))
    out.push(plain(`properties.${name}`, traitCategory(name) ?? behaviour))
  for (const name of Object.keys(payload.traits))
    out.push(plain(`traits.${name}`, traitCategory(name) ?? 'user.unclassified'))
  for (const name of Object.keys(payload.context)) {
    const value = payload.context[name]
    if (name === 'traits' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const t of Object.keys(value))
        out.push(plain(`context.traits.${t}`, traitCategory(t) ?? 'user.unclassified'))
      continue
    }
    out.push(plain(`context.${name}`, CONTEXT_CATEGORIES.get(name) ?? 'user.unclassified'))
  }
  payload.topics.forEach((topic, i) => {
    out.push({
      field: `topics[${i}]`,
      category: behaviour,
      sensitiveTopic: isSensitiveTopic(topic) ? topic : null,
    })
  })
  return out
}
