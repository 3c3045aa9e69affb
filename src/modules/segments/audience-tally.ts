import { cramersV, fairnessTable, type GroupCounts } from './fairness.js'
import type { AudienceStats, ReviewLeaf } from './review.js'
import { evaluateSegment, isMember, type SegmentFacts } from './segment-evaluation.js'
import type { RuleNode } from './segment-rule.js'

const DAY_MS = 86_400_000

/** One person as the tally sees them: released facts, what consent took out, audit groups. */
export interface TalliedPerson {
  readonly facts: SegmentFacts
  readonly unconsented?: SegmentFacts
  readonly audit: ReadonlyMap<string, string>
}

export interface TallySettings {
  readonly freshnessDays: number
  readonly confidenceThreshold: number
  readonly minGroupSize: number
}

const within = (c: string, root: string) => c === root || c.startsWith(`${root}.`)

/** The map under `k`, created empty when missing. */
function child<K, V>(m: Map<K, V>, k: K, make: () => V): V {
  let v = m.get(k)
  if (v === undefined) {
    v = make()
    m.set(k, v)
  }
  return v
}

function bump<K>(m: Map<K, number>, k: K) {
  m.set(k, (m.get(k) ?? 0) + 1)
}

/**
 * Counts an audience person by person and keeps only aggregates: reach before and after
 * consent, cross-brand matches, stale and low-confidence matches per leaf, selection per audit
 * group, and proxy × audit contingency tables. Pure; no person leaves it.
 */
export class AudienceTally {
  private people = 0
  private matched = 0
  private afterConsent = 0
  private cross = { people: 0, lost: 0 }
  private readonly stale = new Map<string, number>()
  private readonly lowConfidence = new Map<string, number>()
  private readonly groups: GroupCounts = new Map()
  /** proxy leaf path → audit attribute → proxy value → audit group → people */
  private readonly contingency = new Map<string, Map<string, Map<string, Map<string, number>>>>()
  private readonly alternatives: number[]
  private readonly proxies: readonly ReviewLeaf[]

  constructor(
    private readonly rule: RuleNode,
    leaves: readonly ReviewLeaf[],
    private readonly brand: string,
    private readonly settings: TallySettings,
    private readonly alternativeRules: readonly RuleNode[] = [],
  ) {
    this.alternatives = alternativeRules.map(() => 0)
    this.proxies = leaves.filter((l) => l.proxyFor !== undefined && l.leaf.kind === 'data')
  }

  /** Adds one person; returns whether they are in the audience (after consent). */
  add(p: TalliedPerson): boolean {
    this.people++
    const raw = p.unconsented ?? p.facts
    const ev = evaluateSegment(this.rule, raw)
    const member = isMember(this.rule, p.facts)
    if (ev.matched) {
      this.matched++
      if (ev.criteria.some((c) => c.brands.some((b) => b !== this.brand))) {
        this.cross.people++
        if (!member) this.cross.lost++
      }
      const staleBefore = raw.now - this.settings.freshnessDays * DAY_MS
      for (const c of ev.criteria) {
        if (c.oldest !== null && c.oldest < staleBefore) bump(this.stale, c.path)
        if (c.lowestConfidence !== null && c.lowestConfidence < this.settings.confidenceThreshold)
          bump(this.lowConfidence, c.path)
      }
    }
    if (member) this.afterConsent++
    this.alternativeRules.forEach((r, i) => {
      if (isMember(r, p.facts)) this.alternatives[i] = (this.alternatives[i] ?? 0) + 1
    })
    for (const [attribute, group] of p.audit) {
      const g = child(this.groups, attribute, () => new Map())
      const c = g.get(group) ?? { people: 0, members: 0 }
      g.set(group, { people: c.people + 1, members: c.members + (member ? 1 : 0) })
    }
    if (p.audit.size > 0)
      for (const l of this.proxies) {
        if (l.leaf.kind !== 'data') continue
        const data = l.leaf.data
        const item = raw.items.find((i) => i.key === data || within(i.category, data))
        if (!item || (typeof item.value !== 'string' && typeof item.value !== 'number')) continue
        const value = String(item.value)
        const byAttr = child(this.contingency, l.path, () => new Map())
        for (const [attribute, group] of p.audit) {
          const t = child(byAttr, attribute, () => new Map<string, Map<string, number>>())
          bump(
            child(t, value, () => new Map<string, number>()),
            group,
          )
        }
      }
    return member
  }

  stats(): AudienceStats {
    const associations: AudienceStats['associations'][number][] = []
    for (const [path, byAttr] of this.contingency)
      for (const [auditAttribute, table] of byAttr) {
        let n = 0
        for (const row of table.values()) for (const v of row.values()) n += v
        if (n < this.settings.minGroupSize) continue
        const v = cramersV(table)
        if (v !== undefined) associations.push({ path, auditAttribute, cramersV: v, people: n })
      }
    return {
      people: this.people,
      matched: this.matched,
      afterConsent: this.afterConsent,
      crossBrand: { ...this.cross },
      stale: this.stale,
      lowConfidence: this.lowConfidence,
      fairness: fairnessTable(this.groups, this.settings.minGroupSize),
      associations,
    }
  }

  /** Audience sizes (after consent) of the alternative rules, in order. */
  alternativeCounts(): number[] {
    return [...this.alternatives]
  }
}

/** The rule without the leaves at `paths` (empty lists collapse); undefined when nothing is left. */
export function withoutLeaves(
  node: RuleNode,
  paths: ReadonlySet<string>,
  path = 'rule',
): RuleNode | undefined {
  switch (node.kind) {
    case 'all':
    case 'any': {
      const rules = node.rules
        .map((r, i) => withoutLeaves(r, paths, `${path}.${node.kind}[${i}]`))
        .filter((r): r is RuleNode => r !== undefined)
      if (rules.length === 0) return undefined
      return rules.length === 1 ? rules[0] : { kind: node.kind, rules }
    }
    case 'not': {
      const rule = withoutLeaves(node.rule, paths, `${path}.not`)
      return rule && { kind: 'not', rule }
    }
    default:
      return paths.has(`${path}.${node.kind}`) ? undefined : node
  }
}
