import type { FairnessRow } from './fairness.js'
import type { LeafNode, RuleNode } from './segment-rule.js'

/**
 * Finding codes of a segment review. Stable API codes, never reused; each is documented in
 * docs/segment-review.md (what it catches, why it matters, how to fix it).
 */
export const FINDING_CODES = [
  'sensitive-category',
  'proxy-attribute',
  'demographic-only',
  'single-event',
  'gift-signal',
  'purpose-mismatch',
  'cross-brand-data',
  'beneficial-exclusion',
  'stale-data',
  'low-confidence-inference',
] as const
export type FindingCode = (typeof FINDING_CODES)[number]

export const SEVERITIES = ['block', 'warn', 'info'] as const
export type Severity = (typeof SEVERITIES)[number]

/** One thing a reviewer should look at, in words a marketer understands, with a concrete fix. */
export interface Finding {
  readonly code: FindingCode
  readonly severity: Severity
  readonly message: string
  /** What to change, concretely. */
  readonly fix: string
  /** The leaf of the rule it is about (`rule.all[1].data`). */
  readonly path?: string
  /** Figures behind it (counts, the measured association, the failing groups). */
  readonly details?: Readonly<Record<string, unknown>>
}

/** How many people the rule selects, before and after consent for the segment's purpose. */
export interface Reach {
  /** People whose data matches, had everyone consented (counted in aggregate only). */
  readonly matched: number
  /** People who match through the policy view for the purpose: the real audience. */
  readonly afterConsent: number
  readonly lostToConsent: number
}

/** The same segment without a problem, and the audience it would have. */
export interface Suggestion {
  readonly description: string
  readonly rule: unknown
  readonly afterConsent: number
}

export interface Review {
  readonly version: number
  readonly reviewedAt: number
  /** People of the brand the review looked at. */
  readonly people: number
  readonly findings: readonly Finding[]
  readonly reach: Reach
  readonly fairness: readonly FairnessRow[]
  readonly suggestions: readonly Suggestion[]
}

/** A leaf with where it is and what it reads. */
export interface ReviewLeaf {
  readonly leaf: LeafNode
  readonly path: string
  readonly negated: boolean
  /** For a `data` leaf: the data category it reads. */
  readonly category?: string
  /** For a leaf that reads a likely proxy: what it may stand in for. */
  readonly proxyFor?: string
}

/** What the audience scan measured (aggregates only). */
export interface AudienceStats {
  readonly people: number
  readonly matched: number
  readonly afterConsent: number
  /** People matched on another brand's data, and how many of them lack the consent to it. */
  readonly crossBrand: { readonly people: number; readonly lost: number }
  /** Leaf path → people matched on data older than the freshness limit. */
  readonly stale: ReadonlyMap<string, number>
  /** Leaf path → people matched on inferred data below the confidence threshold. */
  readonly lowConfidence: ReadonlyMap<string, number>
  readonly fairness: readonly FairnessRow[]
  /** Proxy leaf × audit attribute: Cramér's V over the people holding both. */
  readonly associations: readonly {
    readonly path: string
    readonly auditAttribute: string
    readonly cramersV: number
    readonly people: number
  }[]
}

/** Everything a review rule looks at. */
export interface ReviewFacts {
  readonly rule: RuleNode
  readonly brand: string
  readonly purpose: string
  /** Whether an offer naming the segment is a deal (discount, benefit). */
  readonly beneficial: boolean
  readonly leaves: readonly ReviewLeaf[]
  readonly isSensitiveCategory: (category: string) => boolean
  readonly isSensitiveTopic: (topic: string) => boolean
  readonly settings: {
    readonly confidenceThreshold: number
    readonly proxyThreshold: number
    readonly freshnessDays: number
    readonly minGroupSize: number
  }
  readonly audience: AudienceStats
}

/** One rule of the review: returns its findings, never throws. File name = its code. */
export interface ReviewRule {
  readonly code: FindingCode
  check(facts: ReviewFacts): Finding[]
}

const ORDER: Record<Severity, number> = { block: 0, warn: 1, info: 2 }

/** Runs every rule; findings ordered block, warn, info, then by rule order. */
export function review(rules: readonly ReviewRule[], facts: ReviewFacts): Finding[] {
  const out = rules.flatMap((r) => r.check(facts))
  return out
    .map((f, i) => [f, i] as const)
    .sort(([a, i], [b, j]) => ORDER[a.severity] - ORDER[b.severity] || i - j)
    .map(([f]) => f)
}

/** Whether any finding blocks activation. */
export const blocks = (findings: readonly Finding[]) => findings.some((f) => f.severity === 'block')
