import { normalizeCategory, normalizePhrase } from './category-normalizer.js'
import type { CategoryRule } from './category-rules.js'
import { DEFAULT_CATEGORY_RULES } from './category-rules.js'
import type { TopicTaxonomy } from './topic-taxonomy.js'

/** What a category string resolves to. */
export interface CategoryResolution {
  /** The topic id, e.g. `outdoors.hiking`. */
  readonly topic: string
  /** The topic's label, e.g. `Hiking`. */
  readonly label: string
  /** Whether the topic is sensitive (itself or through an ancestor); the caller decides to drop it. */
  readonly sensitive: boolean
}

/** Where the winning rule came from. */
export type CategoryRuleSource = 'organization' | 'default' | 'label'

/** A resolution with the rule that produced it, for "how does my category land" answers. */
export interface CategoryExplanation extends CategoryResolution {
  /** The winning rule's pattern as configured (for a `label` match: the topic's label). */
  readonly pattern: readonly string[]
  /** `organization` (configured rule), `default` (built-in rule) or `label` (a segment equal to a topic label). */
  readonly source: CategoryRuleSource
}

/** Options for `CategoryResolver`. */
export interface CategoryResolverOptions {
  /** Organization rules, checked before `rules`; each must name a topic of the taxonomy. */
  readonly organizationRules?: readonly CategoryRule[]
  /** The base rules; `DEFAULT_CATEGORY_RULES` unless given. */
  readonly rules?: readonly CategoryRule[]
  /** Also match a path segment equal to a topic's label (default `true`). */
  readonly matchLabels?: boolean
  /** How many distinct category strings to remember (default 10 000; 0 disables the cache). */
  readonly cacheSize?: number
}

/** Overrides an organization applies over the default mapping. */
export interface CategoryResolverOverrides {
  /** Rules checked before the defaults; a rule naming an unknown topic throws at construction. */
  readonly rules?: readonly CategoryRule[]
}

/** Rule tiers: a lower tier wins ties and may shadow a higher tier's match on the same words. */
const TIER_ORGANIZATION = 0
const TIER_DEFAULT = 1

interface Matcher {
  readonly topic: string
  readonly tier: number
  readonly order: number
  readonly phrases: readonly number[]
  readonly source: CategoryRuleSource
  readonly pattern: readonly string[]
  readonly sensitive: boolean
  readonly depth: number
  readonly ancestors: readonly string[]
}

interface Phrase {
  readonly id: number
  readonly words: readonly string[]
}

interface Occurrence {
  readonly start: number
  readonly end: number
  readonly segment: number
}

interface Match {
  readonly matcher: Matcher
  readonly covered: ReadonlySet<number>
  /** Index of the latest segment the match touches. */
  readonly segment: number
  /** Word offset of the match's first word within that segment. */
  readonly offset: number
}

const MAX_ASSIGNMENTS = 64
const DEFAULT_CACHE_SIZE = 10_000

/**
 * Maps product and content category strings, as retailers send them in `properties.category`
 * ("Outdoors > Hiking > Boots", "outdoors/hiking/boots", "Home & Kitchen > Cookware"), to topics.
 *
 * Resolution, in order:
 * 1. Normalize: split on `>`, `/`, `|`, `›`, `\`; fold case and accents; `&` = `and`; collapse
 *    punctuation; singularize words.
 * 2. Find every rule whose keyword phrases all occur (each within one segment, non-overlapping),
 *    plus every segment that equals a topic label.
 * 3. Drop matches whose words are all covered by a larger match of the same tier (`dog` + `food`
 *    beats `food`), or by any organization match (organization rules shadow defaults on the same words).
 * 4. If any remaining match is sensitive, only sensitive matches compete: a sensitive signal is
 *    never folded into a non-sensitive topic.
 * 5. Pick the best by: organization before default; agreement with the rest of the path (how many
 *    of the topic's ancestors matched other words of the path); depth (most specific); later path segment; earlier
 *    word within that segment (the modifier: "Dog Coats" is about dogs); rule order.
 *
 * Never throws on input; construction throws when a rule is malformed or names an unknown topic.
 * Indexes are built once, and results are cached per distinct string.
 *
 * @example
 * const resolver = createCategoryResolver(createTopicTaxonomy())
 * resolver.resolve('Outdoors > Hiking > Boots') // { topic: 'outdoors.hiking.footwear', label: 'Hiking Boots & Shoes', sensitive: false }
 * resolver.resolve('Clearance') // undefined
 */
export class CategoryResolver {
  readonly #taxonomy: TopicTaxonomy
  readonly #matchers: readonly Matcher[]
  readonly #phrasesByFirstWord: ReadonlyMap<string, readonly Phrase[]>
  readonly #matchersByPhrase: ReadonlyMap<number, readonly number[]>
  readonly #labelMatchers: ReadonlyMap<string, readonly number[]>
  readonly #cache = new Map<string, CategoryExplanation | null>()
  readonly #cacheSize: number

  /** Compiles the rules into indexes; throws a plain `Error` on a malformed rule or an unknown topic. */
  constructor(taxonomy: TopicTaxonomy, options: CategoryResolverOptions = {}) {
    this.#taxonomy = taxonomy
    this.#cacheSize = Math.max(0, options.cacheSize ?? DEFAULT_CACHE_SIZE)

    const phraseIds = new Map<string, Phrase>()
    const phrasesByFirstWord = new Map<string, Phrase[]>()
    const matchersByPhrase = new Map<number, number[]>()
    const labelMatchers = new Map<string, number[]>()
    const matchers: Matcher[] = []

    const phraseFor = (words: readonly string[]): Phrase => {
      const key = words.join(' ')
      const existing = phraseIds.get(key)
      if (existing) return existing
      const phrase: Phrase = { id: phraseIds.size, words }
      phraseIds.set(key, phrase)
      const first = words[0] as string
      const list = phrasesByFirstWord.get(first)
      if (list) list.push(phrase)
      else phrasesByFirstWord.set(first, [phrase])
      return phrase
    }

    const addMatcher = (
      rule: CategoryRule,
      tier: number,
      source: CategoryRuleSource,
      phrases: readonly Phrase[],
    ): Matcher => {
      const matcher: Matcher = {
        topic: rule.topic,
        tier,
        order: matchers.length,
        phrases: phrases.map((phrase) => phrase.id),
        source,
        pattern: rule.pattern,
        sensitive: taxonomy.isSensitive(rule.topic),
        depth: taxonomy.depth(rule.topic),
        ancestors: taxonomy.ancestors(rule.topic).map((topic) => topic.id),
      }
      matchers.push(matcher)
      return matcher
    }

    const compileRule = (rule: CategoryRule, tier: number, source: CategoryRuleSource): void => {
      const described = describeRule(rule)
      if (typeof rule.topic !== 'string' || !taxonomy.has(rule.topic)) {
        throw new Error(`category rule ${described} names unknown topic '${String(rule.topic)}'`)
      }
      if (!Array.isArray(rule.pattern) || rule.pattern.length === 0) {
        throw new Error(`category rule for topic '${rule.topic}' has an empty pattern`)
      }
      const phrases: Phrase[] = []
      for (const element of rule.pattern) {
        const words = typeof element === 'string' ? normalizePhrase(element) : []
        if (words.length === 0) {
          throw new Error(`category rule ${described} has a pattern element without words`)
        }
        phrases.push(phraseFor(words))
      }
      addMatcher(rule, tier, source, phrases)
    }

    for (const rule of options.organizationRules ?? []) compileRule(rule, TIER_ORGANIZATION, 'organization')
    for (const rule of options.rules ?? DEFAULT_CATEGORY_RULES) compileRule(rule, TIER_DEFAULT, 'default')

    // Index each rule under its rarest phrase only: a rule is examined when that phrase occurs,
    // and its other phrases are then looked up, so common words ("dog") do not fan out.
    const frequency = new Map<number, number>()
    for (const matcher of matchers) {
      for (const id of matcher.phrases) frequency.set(id, (frequency.get(id) ?? 0) + 1)
    }
    for (const matcher of matchers) {
      let key: number | undefined
      for (const id of matcher.phrases) {
        if (key === undefined || (frequency.get(id) ?? 0) < (frequency.get(key) ?? 0)) key = id
      }
      if (key === undefined) continue
      const list = matchersByPhrase.get(key)
      if (list) list.push(matcher.order)
      else matchersByPhrase.set(key, [matcher.order])
    }

    if (options.matchLabels ?? true) {
      for (const topic of taxonomy.list()) {
        const words = normalizePhrase(topic.label)
        if (words.length === 0) continue
        const matcher = addMatcher({ pattern: [topic.label], topic: topic.id }, TIER_DEFAULT, 'label', [])
        const key = words.join(' ')
        const list = labelMatchers.get(key)
        if (list) list.push(matcher.order)
        else labelMatchers.set(key, [matcher.order])
      }
    }

    this.#matchers = matchers
    this.#phrasesByFirstWord = phrasesByFirstWord
    this.#matchersByPhrase = matchersByPhrase
    this.#labelMatchers = labelMatchers
  }

  /**
   * The topic a category string maps to, or `undefined` when nothing maps (the API answers 404).
   * Never throws; a sensitive match is returned as such (`sensitive: true`), never replaced by a
   * non-sensitive neighbour.
   */
  resolve(category: string): CategoryResolution | undefined {
    const explained = this.explain(category)
    if (explained === undefined) return undefined
    return { topic: explained.topic, label: explained.label, sensitive: explained.sensitive }
  }

  /** Like `resolve`, plus the winning rule's pattern and source. Never throws. */
  explain(category: string): CategoryExplanation | undefined {
    if (typeof category !== 'string') return undefined
    const cached = this.#cache.get(category)
    if (cached !== undefined) return cached ?? undefined
    const result = this.#compute(category)
    if (this.#cacheSize > 0) {
      if (this.#cache.size >= this.#cacheSize) {
        const oldest = this.#cache.keys().next()
        if (!oldest.done) this.#cache.delete(oldest.value)
      }
      this.#cache.set(category, result ?? null)
    }
    return result
  }

  #compute(category: string): CategoryExplanation | undefined {
    const segments = normalizeCategory(category)
    if (segments.length === 0) return undefined

    const words: string[] = []
    const segmentOf: number[] = []
    const segmentStart: number[] = []
    segments.forEach((segment, index) => {
      segmentStart.push(words.length)
      for (const word of segment) {
        words.push(word)
        segmentOf.push(index)
      }
    })

    // 1. Phrase occurrences, each within one segment.
    const occurrences = new Map<number, Occurrence[]>()
    for (let start = 0; start < words.length; start++) {
      const candidates = this.#phrasesByFirstWord.get(words[start] as string)
      if (!candidates) continue
      const segment = segmentOf[start] as number
      for (const phrase of candidates) {
        const end = start + phrase.words.length
        if (end > words.length || segmentOf[end - 1] !== segment) continue
        let equal = true
        for (let i = 1; i < phrase.words.length; i++) {
          if (words[start + i] !== phrase.words[i]) {
            equal = false
            break
          }
        }
        if (!equal) continue
        const list = occurrences.get(phrase.id)
        const occurrence = { start, end, segment }
        if (list) list.push(occurrence)
        else occurrences.set(phrase.id, [occurrence])
      }
    }

    // 2. Rules whose phrases all occur, plus label matches on whole segments.
    const matches: Match[] = []
    for (const phraseId of occurrences.keys()) {
      for (const index of this.#matchersByPhrase.get(phraseId) ?? []) {
        const matcher = this.#matchers[index] as Matcher
        if (matcher.phrases.length === 1) {
          // A keyword: every occurrence is its own match.
          for (const occurrence of occurrences.get(phraseId) ?? []) {
            matches.push(matchAt(matcher, [occurrence], segmentStart))
          }
          continue
        }
        const match = assign(matcher, occurrences, segmentStart)
        if (match) matches.push(match)
      }
    }
    segments.forEach((segment, index) => {
      for (const matcherIndex of this.#labelMatchers.get(segment.join(' ')) ?? []) {
        const start = segmentStart[index] as number
        const covered = new Set<number>()
        for (let i = 0; i < segment.length; i++) covered.add(start + i)
        matches.push({ matcher: this.#matchers[matcherIndex] as Matcher, covered, segment: index, offset: 0 })
      }
    })
    if (matches.length === 0) return undefined

    // 3. Drop matches whose words a larger (or higher-tier) match already explains.
    const survivors = matches.filter(
      (match) => !matches.some((other) => other !== match && subsumes(other, match)),
    )

    // 4. Sensitive matches, if any, compete alone.
    const anySensitive = survivors.some((match) => match.matcher.sensitive)
    const contenders = anySensitive ? survivors.filter((match) => match.matcher.sensitive) : survivors

    // 5. Rank. Support counts the candidate's ancestors matched elsewhere in the path (words the
    // candidate itself covers do not vouch for it: "water sports" is not support for water sports).
    let best: Match | undefined
    let bestSupport = 0
    for (const match of contenders) {
      const supporters = new Set<string>()
      for (const other of matches) {
        if (other === match || !match.matcher.ancestors.includes(other.matcher.topic)) continue
        if (!isSubset(other.covered, match.covered)) supporters.add(other.matcher.topic)
      }
      const support = supporters.size
      if (best === undefined || compare(match, support, best, bestSupport) < 0) {
        best = match
        bestSupport = support
      }
    }
    if (best === undefined) return undefined
    const topic = this.#taxonomy.get(best.matcher.topic)
    if (topic === undefined) return undefined
    return Object.freeze({
      topic: topic.id,
      label: topic.label,
      sensitive: topic.sensitive,
      pattern: best.matcher.pattern,
      source: best.matcher.source,
    })
  }
}

/** Orders candidates (with their path support): negative when `a` is the better resolution. */
function compare(a: Match, aSupport: number, b: Match, bSupport: number): number {
  return (
    a.matcher.tier - b.matcher.tier ||
    bSupport - aSupport ||
    b.matcher.depth - a.matcher.depth ||
    b.segment - a.segment ||
    a.offset - b.offset ||
    a.matcher.order - b.matcher.order
  )
}

function isSubset(small: ReadonlySet<number>, large: ReadonlySet<number>): boolean {
  if (small.size > large.size) return false
  for (const position of small) if (!large.has(position)) return false
  return true
}

/** Whether `a` explains all of `b`'s words and should hide it. */
function subsumes(a: Match, b: Match): boolean {
  if (!isSubset(b.covered, a.covered)) return false
  if (a.matcher.tier < b.matcher.tier) return true
  return a.matcher.tier === b.matcher.tier && a.covered.size > b.covered.size
}

/**
 * Places each phrase of a rule on a distinct, non-overlapping occurrence, preferring the placement
 * that reaches the latest segment. Returns `undefined` when no placement exists.
 */
function assign(
  matcher: Matcher,
  occurrences: ReadonlyMap<number, readonly Occurrence[]>,
  segmentStart: readonly number[],
): Match | undefined {
  for (const id of matcher.phrases) if (!occurrences.has(id)) return undefined
  const lists = matcher.phrases.map((id) => occurrences.get(id) as readonly Occurrence[])
  let best: Occurrence[] | undefined
  let bestEnd = -1
  let explored = 0
  const chosen: Occurrence[] = []
  const walk = (depth: number): void => {
    if (explored >= MAX_ASSIGNMENTS) return
    if (depth === lists.length) {
      explored++
      let end = -1
      for (const occurrence of chosen) end = Math.max(end, occurrence.end)
      if (end > bestEnd) {
        bestEnd = end
        best = [...chosen]
      }
      return
    }
    const list = lists[depth] as readonly Occurrence[]
    for (let i = list.length - 1; i >= 0; i--) {
      const candidate = list[i] as Occurrence
      if (chosen.some((other) => candidate.start < other.end && other.start < candidate.end)) continue
      chosen.push(candidate)
      walk(depth + 1)
      chosen.pop()
    }
  }
  walk(0)
  return best === undefined ? undefined : matchAt(matcher, best, segmentStart)
}

/** The match of a rule placed on the given occurrences. */
function matchAt(matcher: Matcher, placed: readonly Occurrence[], segmentStart: readonly number[]): Match {
  const covered = new Set<number>()
  let segment = -1
  for (const occurrence of placed) {
    for (let p = occurrence.start; p < occurrence.end; p++) covered.add(p)
    segment = Math.max(segment, occurrence.segment)
  }
  let offset = Number.POSITIVE_INFINITY
  for (const occurrence of placed) {
    if (occurrence.segment === segment) offset = Math.min(offset, occurrence.start)
  }
  return { matcher, covered, segment, offset: offset - (segmentStart[segment] ?? 0) }
}

function describeRule(rule: CategoryRule): string {
  return Array.isArray(rule.pattern) ? JSON.stringify(rule.pattern) : '(no pattern)'
}

/**
 * Builds the resolver an organization uses: its rules first, then the default rules, over the given
 * taxonomy (usually `createTopicTaxonomy(config)`). Throws when a rule names a topic the taxonomy
 * does not have.
 *
 * @example
 * const taxonomy = createTopicTaxonomy({ topics: [{ id: 'outdoors.hiking.ultralight', label: 'Ultralight Hiking' }] })
 * const resolver = createCategoryResolver(taxonomy, {
 *   rules: [{ pattern: ['ultralight'], topic: 'outdoors.hiking.ultralight' }],
 * })
 */
export function createCategoryResolver(
  taxonomy: TopicTaxonomy,
  overrides: CategoryResolverOverrides = {},
): CategoryResolver {
  return new CategoryResolver(taxonomy, { organizationRules: overrides.rules ?? [] })
}
