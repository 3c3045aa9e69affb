import { DEFAULT_TOPICS } from './default-topics.js'
import type { Topic } from './topic.js'

/**
 * A topic as configuration declares it (defaults or an organization's additions).
 *
 * @example
 * const input: TopicInput = { id: 'outdoors.hiking.ultralight', label: 'Ultralight Hiking' }
 */
export interface TopicInput {
  /** Dotted lower-case slug: segments of `a-z`, `0-9` and single underscores, joined by dots. */
  readonly id: string
  /** Non-empty human label. */
  readonly label: string
  /**
   * Parent topic id. When omitted, the parent is the id's dotted prefix (`outdoors.hiking` →
   * `outdoors`), or `null` for an id without a dot.
   */
  readonly parent?: string | null
  /** Declared sensitivity; defaults to `false`. Descendants of a sensitive topic are sensitive regardless. */
  readonly sensitive?: boolean
}

/** Overrides an organization applies over the default taxonomy. */
export interface TopicTaxonomyOverrides {
  /** Topics to add; a topic with the id of a default topic replaces it in place. */
  readonly topics?: readonly TopicInput[]
}

const TOPIC_ID = /^[a-z0-9]+(?:_[a-z0-9]+)*(?:\.[a-z0-9]+(?:_[a-z0-9]+)*)*$/

/** The parent a topic id implies by convention: its dotted prefix, or `null` at the top level. */
export function impliedParent(id: string): string | null {
  const dot = id.lastIndexOf('.')
  return dot === -1 ? null : id.slice(0, dot)
}

/**
 * A validated, immutable hierarchy of interest topics with sensitivity inheritance.
 *
 * Construction validates the list and throws a plain `Error` naming the offending id when an id is
 * malformed or duplicated, a label is empty, a parent does not exist, or parents form a cycle.
 *
 * @example
 * const taxonomy = new TopicTaxonomy([
 *   { id: 'outdoors', label: 'Outdoors' },
 *   { id: 'outdoors.hiking', label: 'Hiking' },
 * ])
 * taxonomy.ancestors('outdoors.hiking') // [{ id: 'outdoors', … }]
 */
export class TopicTaxonomy {
  readonly #topics: ReadonlyMap<string, Topic>
  readonly #children: ReadonlyMap<string | null, readonly Topic[]>
  readonly #ancestors: ReadonlyMap<string, readonly Topic[]>
  readonly #ordered: readonly Topic[]

  /** Validates `topics` and builds the indexes; throws on invalid input (see the class comment). */
  constructor(topics: readonly TopicInput[]) {
    const declared = new Map<string, { input: TopicInput; parent: string | null }>()
    for (const input of topics) {
      if (typeof input.id !== 'string' || !TOPIC_ID.test(input.id)) {
        throw new Error(
          `invalid topic id '${String(input.id)}': use dotted lower-case slugs such as 'outdoors.hiking'`,
        )
      }
      if (declared.has(input.id)) throw new Error(`duplicate topic id '${input.id}'`)
      if (typeof input.label !== 'string' || input.label.trim() === '') {
        throw new Error(`topic '${input.id}' has an empty label`)
      }
      const parent = input.parent === undefined ? impliedParent(input.id) : input.parent
      if (parent === input.id) throw new Error(`topic '${input.id}' is its own parent`)
      declared.set(input.id, { input, parent })
    }
    for (const [id, { parent }] of declared) {
      if (parent !== null && !declared.has(parent)) {
        throw new Error(`topic '${id}' names unknown parent '${parent}'`)
      }
    }
    for (const id of declared.keys()) {
      const seen = new Set<string>([id])
      let cursor = declared.get(id)?.parent ?? null
      while (cursor !== null) {
        if (seen.has(cursor)) throw new Error(`topic '${id}' is part of a parent cycle`)
        seen.add(cursor)
        cursor = declared.get(cursor)?.parent ?? null
      }
    }

    const childIds = new Map<string | null, string[]>()
    for (const [id, { parent }] of declared) {
      const list = childIds.get(parent)
      if (list) list.push(id)
      else childIds.set(parent, [id])
    }

    // Pre-order walk from the roots: parents before children, siblings in declaration order.
    const byId = new Map<string, Topic>()
    const children = new Map<string | null, Topic[]>()
    const ancestors = new Map<string, readonly Topic[]>()
    const ordered: Topic[] = []
    const visit = (id: string, parentTopic: Topic | null): void => {
      const entry = declared.get(id)
      if (!entry) return
      const topic: Topic = Object.freeze({
        id,
        label: entry.input.label.trim(),
        parent: entry.parent,
        sensitive: entry.input.sensitive === true || parentTopic?.sensitive === true,
      })
      byId.set(id, topic)
      ordered.push(topic)
      ancestors.set(
        id,
        Object.freeze(parentTopic ? [parentTopic, ...(ancestors.get(parentTopic.id) ?? [])] : []),
      )
      const siblings = children.get(entry.parent)
      if (siblings) siblings.push(topic)
      else children.set(entry.parent, [topic])
      for (const child of childIds.get(id) ?? []) visit(child, topic)
    }
    for (const root of childIds.get(null) ?? []) visit(root, null)

    for (const list of children.values()) Object.freeze(list)
    this.#topics = byId
    this.#children = children
    this.#ancestors = ancestors
    this.#ordered = Object.freeze(ordered)
  }

  /** The topic with this id, or `undefined` when the taxonomy has none. */
  get(id: string): Topic | undefined {
    return this.#topics.get(id)
  }

  /** Whether the taxonomy has a topic with this id. */
  has(id: string): boolean {
    return this.#topics.has(id)
  }

  /** Every topic, parents before their children and siblings in declaration order. */
  list(): readonly Topic[] {
    return this.#ordered
  }

  /** The top-level topics (those without a parent), in declaration order. */
  roots(): readonly Topic[] {
    return this.#children.get(null) ?? []
  }

  /** The direct children of a topic, in declaration order; empty for a leaf or an unknown id. */
  children(id: string): readonly Topic[] {
    return this.#children.get(id) ?? []
  }

  /** The ancestors of a topic, nearest first (parent, grandparent, …); empty for a root or an unknown id. */
  ancestors(id: string): readonly Topic[] {
    return this.#ancestors.get(id) ?? []
  }

  /**
   * Whether the topic or any of its ancestors is flagged sensitive. An unknown id answers `true`:
   * a topic the taxonomy cannot vouch for is treated as sensitive (fail closed), never targeted.
   */
  isSensitive(id: string): boolean {
    return this.#topics.get(id)?.sensitive ?? true
  }

  /** The level of a topic: 1 for a top-level topic, 2 for its children, …; 0 for an unknown id. */
  depth(id: string): number {
    const chain = this.#ancestors.get(id)
    return chain === undefined ? 0 : chain.length + 1
  }

  /** Whether `ancestorId` is a proper ancestor of `id` (false for equal ids and unknown ids). */
  isAncestor(ancestorId: string, id: string): boolean {
    return this.ancestors(id).some((topic) => topic.id === ancestorId)
  }

  /** The number of topics. */
  get size(): number {
    return this.#topics.size
  }
}

/**
 * Builds the taxonomy an organization uses: the default topics with the organization's topics merged
 * over them (a topic with the id of a default topic replaces it in place; new topics are appended).
 * Throws like the `TopicTaxonomy` constructor when the merged list is invalid.
 *
 * @example
 * const taxonomy = createTopicTaxonomy({
 *   topics: [{ id: 'outdoors.hiking.ultralight', label: 'Ultralight Hiking' }],
 * })
 */
export function createTopicTaxonomy(overrides: TopicTaxonomyOverrides = {}): TopicTaxonomy {
  const merged = new Map<string, TopicInput>()
  for (const topic of DEFAULT_TOPICS) merged.set(topic.id, topic)
  const seen = new Set<string>()
  for (const topic of overrides.topics ?? []) {
    if (seen.has(topic.id)) throw new Error(`duplicate topic id '${topic.id}' in the organization's topics`)
    seen.add(topic.id)
    merged.set(topic.id, topic)
  }
  return new TopicTaxonomy([...merged.values()])
}

export type { Topic } from './topic.js'
