import {
  type DataNode,
  describeLeaf,
  type EventNode,
  type InterestNode,
  type LeafNode,
  type RuleNode,
  type RuleValue,
} from './segment-rule.js'

const DAY_MS = 86_400_000

/**
 * What a rule is evaluated over: one person's data as the policy released it for the segment's
 * purpose at its brand (consent, sensitivity, sharing, confidence and expiry already applied).
 */
export interface SegmentFacts {
  readonly now: number
  /**
   * Whether the person consented to the segment's purpose at its brand. Without it a person is
   * never a member, whatever the rule (a `not` over empty facts would otherwise match).
   */
  readonly consented: boolean
  readonly interests: readonly FactInterest[]
  readonly items: readonly FactItem[]
  readonly events: readonly FactEvent[]
}

export interface FactInterest {
  readonly topic: string
  readonly brand: string
  readonly confidence: number
  /** Established (enough distinct days) or stated by the person. */
  readonly established: boolean
}

export interface FactItem {
  readonly key: string
  readonly category: string
  readonly brand: string
  readonly value: unknown
  readonly updatedAt: number
  readonly source: string
  readonly confidence: number | null
}

export interface FactEvent {
  /** The track event's name (or the page/screen name). */
  readonly name: string
  readonly brand: string
  readonly at: number
  readonly gift: boolean
  readonly properties: Readonly<Record<string, unknown>>
  /** The interest topics the event's category resolved to. */
  readonly topics: readonly string[]
}

/** What a match rested on, per leaf: for explanations ("matched: interest outdoors.hiking"). */
export interface MatchedCriterion {
  readonly path: string
  readonly criterion: string
  /** The brands whose data the leaf matched on. */
  readonly brands: readonly string[]
  /** The oldest data the leaf matched on (epoch ms), for freshness checks. */
  readonly oldest: number | null
  /** The lowest confidence of inferred data the leaf matched on. */
  readonly lowestConfidence: number | null
}

export interface Evaluation {
  readonly matched: boolean
  /** The leaves that made a match true (empty when not matched; negated leaves are not listed). */
  readonly criteria: readonly MatchedCriterion[]
}

const within = (topic: string, root: string) => topic === root || topic.startsWith(`${root}.`)

/** Whether the person's facts match the rule. Pure; never throws on odd values. */
export function matches(rule: RuleNode, facts: SegmentFacts): boolean {
  switch (rule.kind) {
    case 'all':
      return rule.rules.every((r) => matches(r, facts))
    case 'any':
      return rule.rules.some((r) => matches(r, facts))
    case 'not':
      return !matches(rule.rule, facts)
    default:
      return leafMatch(rule, facts) !== undefined
  }
}

/** Whether the person is in the audience: consented to the purpose, and the rule matches. */
export function isMember(rule: RuleNode, facts: SegmentFacts): boolean {
  return facts.consented && matches(rule, facts)
}

/** Evaluates the rule for a member and says which criteria made it match (never matched without consent). */
export function evaluateSegment(rule: RuleNode, facts: SegmentFacts): Evaluation {
  if (!facts.consented) return { matched: false, criteria: [] }
  const criteria: MatchedCriterion[] = []
  const walk = (node: RuleNode, path: string): boolean => {
    switch (node.kind) {
      case 'all': {
        const mark = criteria.length
        const ok = node.rules.every((r, i) => walk(r, `${path}.all[${i}]`))
        if (!ok) criteria.length = mark
        return ok
      }
      case 'any': {
        const mark = criteria.length
        // Every alternative that holds is listed: each is a reason the person is in the audience.
        let ok = false
        node.rules.forEach((r, i) => {
          if (walk(r, `${path}.any[${i}]`)) ok = true
        })
        if (!ok) criteria.length = mark
        return ok
      }
      case 'not':
        return !matches(node.rule, facts)
      default: {
        const m = leafMatch(node, facts)
        if (m === undefined) return false
        criteria.push({ path: `${path}.${node.kind}`, criterion: describeLeaf(node), ...m })
        return true
      }
    }
  }
  const matched = walk(rule, 'rule')
  return { matched, criteria: matched ? criteria : [] }
}

type LeafEvidence = Omit<MatchedCriterion, 'path' | 'criterion'>

function leafMatch(leaf: LeafNode, facts: SegmentFacts): LeafEvidence | undefined {
  if (leaf.kind === 'interest') return interestMatch(leaf, facts)
  if (leaf.kind === 'data') return dataMatch(leaf, facts)
  return eventMatch(leaf, facts)
}

function interestMatch(leaf: InterestNode, facts: SegmentFacts): LeafEvidence | undefined {
  const hits = facts.interests.filter(
    (i) => i.established && within(i.topic, leaf.topic) && i.confidence >= (leaf.minConfidence ?? 0),
  )
  if (hits.length === 0) return undefined
  return {
    brands: [...new Set(hits.map((h) => h.brand))],
    oldest: null,
    lowestConfidence: Math.min(...hits.map((h) => h.confidence)),
  }
}

function dataMatch(leaf: DataNode, facts: SegmentFacts): LeafEvidence | undefined {
  const hits = facts.items.filter(
    (i) => (i.key === leaf.data || within(i.category, leaf.data)) && compare(leaf, i.value),
  )
  if (hits.length === 0) return undefined
  const inferred = hits.filter((h) => h.source === 'inferred' && h.confidence !== null)
  return {
    brands: [...new Set(hits.map((h) => h.brand))],
    oldest: Math.min(...hits.map((h) => h.updatedAt)),
    lowestConfidence: inferred.length > 0 ? Math.min(...inferred.map((h) => h.confidence as number)) : null,
  }
}

function same(a: unknown, b: RuleValue): boolean {
  return a === b || (typeof a === 'number' && typeof b === 'string' && String(a) === b)
}

function ordered(a: unknown, b: RuleValue): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0
  if (typeof a === 'string' && typeof b === 'number' && a.trim() !== '' && Number.isFinite(Number(a)))
    return Number(a) - b
  return undefined
}

/** One data item's value against the leaf; a list value matches when any element does. */
function compare(leaf: DataNode, value: unknown): boolean {
  if (leaf.op === 'exists') return true
  if (Array.isArray(value) && leaf.op !== 'neq' && leaf.op !== 'nin')
    return value.some((v) => compare(leaf, v))
  const v = leaf.value as RuleValue
  switch (leaf.op) {
    case 'eq':
      return same(value, v)
    case 'neq':
      return Array.isArray(value) ? !value.some((x) => same(x, v)) : !same(value, v)
    case 'in':
      return (v as readonly RuleValue[]).some((x) => same(value, x))
    case 'nin': {
      const list = v as readonly RuleValue[]
      return Array.isArray(value)
        ? !value.some((x) => list.some((y) => same(x, y)))
        : !list.some((y) => same(value, y))
    }
    case 'gt':
      return (ordered(value, v) ?? Number.NaN) > 0
    case 'gte':
      return (ordered(value, v) ?? Number.NaN) >= 0
    case 'lt':
      return (ordered(value, v) ?? Number.NaN) < 0
    case 'lte':
      return (ordered(value, v) ?? Number.NaN) <= 0
    case 'between': {
      const [min, max] = v as readonly RuleValue[]
      return (
        (ordered(value, min as RuleValue) ?? Number.NaN) >= 0 &&
        (ordered(value, max as RuleValue) ?? Number.NaN) <= 0
      )
    }
  }
}

function eventMatch(leaf: EventNode, facts: SegmentFacts): LeafEvidence | undefined {
  const since = leaf.withinDays === null ? Number.NEGATIVE_INFINITY : facts.now - leaf.withinDays * DAY_MS
  let count = 0
  const days = new Set<number>()
  const brands = new Set<string>()
  let oldest = Number.POSITIVE_INFINITY
  for (const e of facts.events) {
    if (e.name !== leaf.event || e.at < since || e.at > facts.now) continue
    if (leaf.excludeGifts && e.gift) continue
    let ok = true
    for (const [prop, want] of leaf.where) {
      if (prop === 'category') {
        if (!(typeof want === 'string' && e.topics.some((t) => within(t, want)))) ok = false
      } else if (!(Object.hasOwn(e.properties, prop) && same(e.properties[prop], want))) ok = false
      if (!ok) break
    }
    if (!ok) continue
    count++
    days.add(Math.floor(e.at / DAY_MS))
    brands.add(e.brand)
    if (e.at < oldest) oldest = e.at
  }
  if (count < leaf.minCount || days.size < leaf.minDays) return undefined
  return { brands: [...brands], oldest, lowestConfidence: null }
}
