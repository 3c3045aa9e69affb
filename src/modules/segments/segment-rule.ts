/**
 * Segment rules: a tree of frozen nodes with a `kind` discriminant, parsed from the public JSON
 * form (`{ "all": [...] }`, `{ "interest": "outdoors.hiking" }`, …) and walked by the evaluator,
 * the reviewer and the explainer alike. Pure: no I/O, no clock (the facts carry `now`).
 */

/** Comparison operators of a `data` leaf. */
export const DATA_OPS = ['eq', 'neq', 'in', 'nin', 'gt', 'gte', 'lt', 'lte', 'between', 'exists'] as const
export type DataOp = (typeof DATA_OPS)[number]

/** A JSON value as a rule compares it. */
export type RuleValue = string | number | boolean | null | readonly RuleValue[]

export interface AllNode {
  readonly kind: 'all'
  readonly rules: readonly RuleNode[]
}
export interface AnyNode {
  readonly kind: 'any'
  readonly rules: readonly RuleNode[]
}
export interface NotNode {
  readonly kind: 'not'
  readonly rule: RuleNode
}
/** An established (or stated) interest in the topic or one of its descendants. */
export interface InterestNode {
  readonly kind: 'interest'
  readonly topic: string
  readonly minConfidence: number | null
}
/** A data item, by its key or its data category (a category matches its descendants). */
export interface DataNode {
  readonly kind: 'data'
  readonly data: string
  readonly op: DataOp
  readonly value: RuleValue | undefined
}
/** An event, counted over occurrences and distinct days. */
export interface EventNode {
  readonly kind: 'event'
  readonly event: string
  readonly where: ReadonlyMap<string, RuleValue>
  readonly minCount: number
  readonly minDays: number
  readonly withinDays: number | null
  readonly excludeGifts: boolean
}
export type LeafNode = InterestNode | DataNode | EventNode
export type RuleNode = AllNode | AnyNode | NotNode | LeafNode

/** Limits that keep a rule cheap to evaluate and to review. */
export const RULE_LIMITS = { depth: 12, nodes: 200, children: 50, text: 200, whereKeys: 20 } as const

export interface RuleError {
  /** Where in the tree, e.g. `rule.all[1].event`. */
  readonly path: string
  readonly message: string
}

export type ParseResult =
  | { readonly ok: true; readonly rule: RuleNode }
  | { readonly ok: false; readonly errors: readonly RuleError[] }

/** Checks a rule may make against the deployment (topics that exist); optional. */
export interface RuleVocabulary {
  hasTopic?(topic: string): boolean
}

const KINDS = ['all', 'any', 'not', 'interest', 'data', 'event'] as const
const LEAF_KEYS: Record<'interest' | 'data' | 'event', readonly string[]> = {
  interest: ['interest', 'minConfidence'],
  data: ['data', 'op', 'value'],
  event: ['event', 'where', 'minCount', 'minDays', 'withinDays', 'excludeGifts'],
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v)

function isRuleValue(v: unknown, depth = 0): v is RuleValue {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true
  if (typeof v === 'number') return Number.isFinite(v)
  if (Array.isArray(v)) return depth === 0 && v.length <= 100 && v.every((x) => isRuleValue(x, depth + 1))
  return false
}

/**
 * Parses and validates the public JSON form. Never throws: every problem comes back with its
 * path (`rule.all[1].event`) and a message that says what to write instead.
 */
export function parseRule(input: unknown, vocabulary: RuleVocabulary = {}, root = 'rule'): ParseResult {
  const errors: RuleError[] = []
  let nodes = 0
  const fail = (path: string, message: string): undefined => {
    if (errors.length < 50) errors.push({ path, message })
    return undefined
  }
  const text = (v: unknown, path: string, what: string): string | undefined => {
    if (typeof v !== 'string' || v.length === 0 || v.length > RULE_LIMITS.text)
      return fail(path, `${what}: a non-empty string of at most ${RULE_LIMITS.text} characters`)
    return v
  }
  const int = (v: unknown, path: string, min: number, max: number): number | undefined => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
      return fail(path, `an integer from ${min} to ${max}`)
    return v
  }
  const walk = (v: unknown, path: string, depth: number): RuleNode | undefined => {
    nodes++
    if (nodes > RULE_LIMITS.nodes) return fail(path, `a rule has at most ${RULE_LIMITS.nodes} nodes`)
    if (depth > RULE_LIMITS.depth) return fail(path, `a rule nests at most ${RULE_LIMITS.depth} levels`)
    if (!isRecord(v))
      return fail(
        path,
        'an object such as {"all": [...]}, {"any": [...]}, {"not": ...}, {"interest": ...}, {"data": ...} or {"event": ...}',
      )
    const kinds = KINDS.filter((k) => Object.hasOwn(v, k))
    if (kinds.length !== 1)
      return fail(
        path,
        kinds.length === 0
          ? `no rule kind: use one of ${KINDS.join(', ')}`
          : `one rule kind per node, found ${kinds.join(' and ')}`,
      )
    const kind = kinds[0] as (typeof KINDS)[number]
    if (kind === 'all' || kind === 'any' || kind === 'not') {
      const extra = Object.keys(v).filter((k) => k !== kind)
      if (extra.length > 0) return fail(`${path}.${extra[0]}`, `unknown property beside "${kind}"`)
    } else {
      const allowed = LEAF_KEYS[kind]
      const extra = Object.keys(v).filter((k) => !allowed.includes(k))
      if (extra.length > 0)
        return fail(
          `${path}.${extra[0]}`,
          `unknown property of a ${kind} leaf; allowed: ${allowed.join(', ')}`,
        )
    }
    if (kind === 'all' || kind === 'any') {
      const list = v[kind]
      const p = `${path}.${kind}`
      if (!Array.isArray(list) || list.length === 0 || list.length > RULE_LIMITS.children)
        return fail(p, `a list of 1 to ${RULE_LIMITS.children} rules`)
      const rules = list.map((r, i) => walk(r, `${p}[${i}]`, depth + 1))
      if (rules.some((r) => r === undefined)) return undefined
      return Object.freeze({ kind, rules: Object.freeze(rules as RuleNode[]) })
    }
    if (kind === 'not') {
      const rule = walk(v.not, `${path}.not`, depth + 1)
      return rule && Object.freeze({ kind, rule })
    }
    if (kind === 'interest') {
      const topic = text(v.interest, `${path}.interest`, 'a topic id')
      if (topic !== undefined && vocabulary.hasTopic && !vocabulary.hasTopic(topic))
        return fail(`${path}.interest`, `unknown topic ${topic}; GET /v1/taxonomy/topics lists the topics`)
      let minConfidence: number | null = null
      if (v.minConfidence !== undefined) {
        if (typeof v.minConfidence !== 'number' || !(v.minConfidence >= 0 && v.minConfidence <= 1))
          return fail(`${path}.minConfidence`, 'a number from 0 to 1')
        minConfidence = v.minConfidence
      }
      return topic === undefined ? undefined : Object.freeze({ kind, topic, minConfidence })
    }
    if (kind === 'data') {
      const data = text(v.data, `${path}.data`, 'a data item key or data category')
      if (typeof v.op !== 'string' || !(DATA_OPS as readonly string[]).includes(v.op))
        return fail(`${path}.op`, `one of ${DATA_OPS.join(', ')}`)
      const op = v.op as DataOp
      const value = v.value
      if (op === 'exists') {
        if (value !== undefined) return fail(`${path}.value`, '"exists" takes no value')
      } else if (value === undefined) {
        return fail(`${path}.value`, `"${op}" needs a value`)
      } else if (!isRuleValue(value)) {
        return fail(`${path}.value`, 'a string, number, boolean, null or a flat list of them')
      } else if ((op === 'in' || op === 'nin') && !Array.isArray(value)) {
        return fail(`${path}.value`, `"${op}" takes a list of values`)
      } else if (op === 'between') {
        if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== typeof value[1])
          return fail(`${path}.value`, '"between" takes [min, max] (inclusive), both numbers or both strings')
        if ((value[0] as number | string) > (value[1] as number | string))
          return fail(`${path}.value`, '"between" takes [min, max] with min ≤ max')
      } else if (
        ['gt', 'gte', 'lt', 'lte'].includes(op) &&
        typeof value !== 'number' &&
        typeof value !== 'string'
      ) {
        return fail(`${path}.value`, `"${op}" compares with a number or a string`)
      } else if ((op === 'eq' || op === 'neq') && Array.isArray(value)) {
        return fail(`${path}.value`, `"${op}" compares with one value; use "in" for a list`)
      }
      return data === undefined
        ? undefined
        : Object.freeze({ kind, data, op, value: value as RuleValue | undefined })
    }
    const event = text(v.event, `${path}.event`, 'an event name such as "Product Viewed"')
    const where = new Map<string, RuleValue>()
    if (v.where !== undefined) {
      if (!isRecord(v.where) || Object.keys(v.where).length > RULE_LIMITS.whereKeys)
        return fail(`${path}.where`, `an object of at most ${RULE_LIMITS.whereKeys} property → value pairs`)
      for (const [k, x] of Object.entries(v.where)) {
        if (k.length === 0 || k.length > RULE_LIMITS.text)
          return fail(`${path}.where`, 'property names of 1 to 200 characters')
        if (!isRuleValue(x) || Array.isArray(x))
          return fail(`${path}.where.${k}`, 'a string, number, boolean or null')
        if (k === 'category' && vocabulary.hasTopic && (typeof x !== 'string' || !vocabulary.hasTopic(x)))
          return fail(
            `${path}.where.category`,
            'a topic id (matches the topic and its descendants); GET /v1/taxonomy/topics lists them',
          )
        where.set(k, x)
      }
    }
    const minCount = v.minCount === undefined ? 1 : int(v.minCount, `${path}.minCount`, 1, 10_000)
    const minDays = v.minDays === undefined ? 1 : int(v.minDays, `${path}.minDays`, 1, 3650)
    const withinDays = v.withinDays === undefined ? null : int(v.withinDays, `${path}.withinDays`, 1, 3650)
    if (v.excludeGifts !== undefined && typeof v.excludeGifts !== 'boolean')
      return fail(`${path}.excludeGifts`, 'true or false')
    if (event === undefined || minCount === undefined || minDays === undefined || withinDays === undefined)
      return undefined
    if (withinDays !== null && minDays > withinDays)
      return fail(
        `${path}.minDays`,
        `at most withinDays (${withinDays}): distinct days must fit in the window`,
      )
    return Object.freeze({
      kind,
      event,
      where,
      minCount,
      minDays,
      withinDays,
      excludeGifts: v.excludeGifts === true,
    })
  }
  let rule: RuleNode | undefined
  try {
    rule = walk(input, root, 0)
  } catch {
    // Getters or proxies in a caller's object: still an answer, never a throw.
    fail(root, 'not a plain JSON rule')
  }
  return rule && errors.length === 0
    ? { ok: true, rule }
    : { ok: false, errors: errors.length > 0 ? errors : [{ path: root, message: 'invalid rule' }] }
}

/** The public JSON form of a node (what `parseRule` reads back to an equal tree). */
export function ruleToJson(node: RuleNode): unknown {
  switch (node.kind) {
    case 'all':
    case 'any':
      return { [node.kind]: node.rules.map(ruleToJson) }
    case 'not':
      return { not: ruleToJson(node.rule) }
    case 'interest':
      return {
        interest: node.topic,
        ...(node.minConfidence !== null ? { minConfidence: node.minConfidence } : {}),
      }
    case 'data':
      return { data: node.data, op: node.op, ...(node.value !== undefined ? { value: node.value } : {}) }
    case 'event':
      return {
        event: node.event,
        ...(node.where.size > 0 ? { where: Object.fromEntries(node.where) } : {}),
        ...(node.minCount !== 1 ? { minCount: node.minCount } : {}),
        ...(node.minDays !== 1 ? { minDays: node.minDays } : {}),
        ...(node.withinDays !== null ? { withinDays: node.withinDays } : {}),
        ...(node.excludeGifts ? { excludeGifts: true } : {}),
      }
  }
}

/** Every leaf with its path, outside-in, and whether it sits under an odd number of `not`s. */
export function leavesOf(
  node: RuleNode,
  path = 'rule',
  negated = false,
): { leaf: LeafNode; path: string; negated: boolean }[] {
  switch (node.kind) {
    case 'all':
    case 'any':
      return node.rules.flatMap((r, i) => leavesOf(r, `${path}.${node.kind}[${i}]`, negated))
    case 'not':
      return leavesOf(node.rule, `${path}.not`, !negated)
    default:
      return [{ leaf: node, path: `${path}.${node.kind}`, negated }]
  }
}

/** A readable one-line form: `interest outdoors.hiking and event "Product Viewed" on >= 2 days within 30d`. */
export function describeRule(node: RuleNode): string {
  const wrap = (n: RuleNode) =>
    n.kind === 'all' || n.kind === 'any' ? `(${describeRule(n)})` : describeRule(n)
  switch (node.kind) {
    case 'all':
      return node.rules.map(wrap).join(' and ')
    case 'any':
      return node.rules.map(wrap).join(' or ')
    case 'not':
      return `not ${wrap(node.rule)}`
    default:
      return describeLeaf(node)
  }
}

export function describeLeaf(leaf: LeafNode): string {
  if (leaf.kind === 'interest')
    return `interest ${leaf.topic}${leaf.minConfidence !== null ? ` with confidence >= ${leaf.minConfidence}` : ''}`
  if (leaf.kind === 'data')
    return `${leaf.data} ${leaf.op}${leaf.value !== undefined ? ` ${JSON.stringify(leaf.value)}` : ''}`
  const where = [...leaf.where].map(([k, v]) => ` ${k}=${JSON.stringify(v)}`).join('')
  return [
    `event ${JSON.stringify(leaf.event)}${where}`,
    leaf.minCount > 1 ? ` >= ${leaf.minCount} times` : '',
    leaf.minDays > 1 ? ` on >= ${leaf.minDays} days` : '',
    leaf.withinDays !== null ? ` within ${leaf.withinDays}d` : '',
    leaf.excludeGifts ? ' excluding gifts' : '',
  ].join('')
}
