import type { Clock } from '../../kernel/clock.js'
import { CandorError } from '../../kernel/errors.js'
import type { AuditService } from '../audit/index.js'
import type { BrandService } from '../brands/index.js'
import type {
  FactNeeds,
  PersonFacts,
  PersonState,
  PolicyService,
  ScannedPerson,
  ScanQuery,
} from '../policy/index.js'
import { AudienceTally, withoutLeaves } from './audience-tally.js'
import { proxyFor } from './proxies.js'
import { blocks, type Finding, type Review, type ReviewLeaf, review, type Suggestion } from './review.js'
import { REVIEW_RULES } from './rules/index.js'
import type { HistoryEntry, Segment } from './segment.js'
import { type Evaluation, evaluateSegment } from './segment-evaluation.js'
import { describeRule, leavesOf, parseRule, type RuleNode, ruleToJson } from './segment-rule.js'
import type { SegmentStore } from './segment-store.js'

const DAY_MS = 86_400_000
const CACHE_MS = 1000

export interface SegmentInput {
  readonly id: string
  readonly brand: string
  readonly name: string
  readonly purpose: string
  readonly rule: unknown
  readonly description?: string | undefined
}

/** Who acts: the key (id, kind, label) or the CLI. */
export interface SegmentActor {
  /** `key:<id>` or `cli`. */
  readonly actor: string
  readonly kind: 'admin' | 'reviewer' | 'server' | 'cli'
  readonly label: string
}

/** What the service needs of the rest of Candor, as narrow ports. */
export interface SegmentDeps {
  readonly store: SegmentStore
  readonly policy: Pick<PolicyService, 'scanAudience' | 'segmentFacts' | 'memberRefs'>
  readonly brands: Pick<BrandService, 'require'>
  readonly audit: Pick<AuditService, 'record'>
  /** The deals among the offers that name the segment (beneficial offers). */
  readonly beneficialOffers: (brandId: string, segmentId: string) => Promise<string[]>
  readonly vocabulary: {
    hasTopic(topic: string): boolean
    isSensitiveTopic(topic: string): boolean
    hasCategory(category: string): boolean
    isSensitiveCategory(category: string): boolean
    /** The category of a data item key (trait rules); undefined when unknown. */
    categoryOfKey(key: string): string | undefined
    /** Purposes a segment may have (configured, not aggregate-only). */
    purposes(): readonly string[]
  }
  readonly settings: {
    readonly confidenceThreshold: number
    readonly proxyThreshold: number
    readonly freshnessDays: number
    readonly minGroupSize: number
  }
  readonly clock: Clock
}

/** A member of an active segment as activation receives them. */
export interface SegmentMember {
  readonly personId: string
  readonly userIds: readonly string[]
}

/**
 * Segments: audiences defined by a rule, reviewed before they can go live. Every evaluation goes
 * through the policy engine for the segment's purpose at its brand; reviews and member lists are
 * audited once per evaluation, in aggregate.
 */
export class SegmentService {
  private readonly rules = new Map<
    string,
    { at: number; segment: Segment | undefined; rule?: RuleNode; needs?: (now: number) => FactNeeds }
  >()

  constructor(private readonly d: SegmentDeps) {}

  /** Validates a rule; throws `invalid-request` naming the path of the first problem. */
  parse(rule: unknown): RuleNode {
    const r = parseRule(rule, { hasTopic: (t) => this.d.vocabulary.hasTopic(t) })
    if (!r.ok) {
      const first = r.errors[0]
      throw new CandorError('invalid-request', `${first?.path}: ${first?.message}`, first?.path ?? 'rule')
    }
    return r.rule
  }

  private async validate(input: SegmentInput): Promise<RuleNode> {
    await this.d.brands.require(input.brand)
    if (!this.d.vocabulary.purposes().includes(input.purpose))
      throw new CandorError(
        'unknown-purpose',
        `a segment's purpose is one of ${this.d.vocabulary.purposes().join(', ')}`,
        'purpose',
      )
    return this.parse(input.rule)
  }

  /** Creates a segment (inactive) and reviews it. Throws `segment-exists` for a used id. */
  async create(input: SegmentInput, who: SegmentActor): Promise<Segment> {
    const rule = await this.validate(input)
    const owner = await this.d.store.brandOfAny(input.id)
    if (await this.d.store.get(input.id))
      throw new CandorError('segment-exists', `segment ${input.id} exists`, 'id')
    if (owner !== undefined && owner !== input.brand)
      throw new CandorError('segment-exists', `segment id ${input.id} was used by another brand`, 'id')
    const now = this.d.clock.now()
    const prior = owner === undefined ? [] : await this.d.store.history(input.id)
    const version = (prior[prior.length - 1]?.version ?? 0) + 1
    const segment: Segment = {
      id: input.id,
      brand: input.brand,
      name: input.name,
      purpose: input.purpose,
      rule: ruleToJson(rule),
      description: input.description ?? null,
      version,
      status: 'inactive',
      createdBy: who.actor,
      updatedBy: who.actor,
      createdAt: now,
      updatedAt: now,
      review: null,
    }
    await this.d.store.put(segment)
    await this.log(segment, 'version', who, {
      name: segment.name,
      purpose: segment.purpose,
      rule: segment.rule,
      description: segment.description,
    })
    return this.reviewStored(segment, rule, who)
  }

  /** Replaces a segment's definition: a new version, inactive until activated again, reviewed. */
  async update(input: SegmentInput, who: SegmentActor): Promise<Segment> {
    const existing = await this.get(input.id)
    if (existing.brand !== input.brand)
      throw new CandorError('brand-mismatch', 'a segment cannot move to another brand', 'brand')
    const rule = await this.validate(input)
    const now = this.d.clock.now()
    if (existing.status === 'active')
      await this.log(existing, 'deactivation', who, { reason: 'edited: a new version goes back to review' })
    const segment: Segment = {
      ...existing,
      name: input.name,
      purpose: input.purpose,
      rule: ruleToJson(rule),
      description: input.description ?? null,
      version: existing.version + 1,
      status: 'inactive',
      updatedBy: who.actor,
      updatedAt: now,
      review: null,
    }
    await this.d.store.put(segment)
    this.rules.delete(segment.id)
    await this.log(segment, 'version', who, {
      name: segment.name,
      purpose: segment.purpose,
      rule: segment.rule,
      description: segment.description,
    })
    return this.reviewStored(segment, rule, who)
  }

  /** The live segment; throws `segment-not-found`. */
  async get(id: string): Promise<Segment> {
    const s = await this.d.store.get(id)
    if (!s) throw new CandorError('segment-not-found', `no segment ${id}`, 'id')
    return s
  }

  list(brandId: string | undefined, limit: number, cursor?: string): Promise<Segment[]> {
    return this.d.store.list(brandId, limit, cursor)
  }

  async delete(id: string, who: SegmentActor): Promise<void> {
    const s = await this.get(id)
    await this.d.store.delete(id, this.d.clock.now())
    this.rules.delete(id)
    await this.log(s, 'deletion', who, {})
  }

  /** Reviews the stored segment again (data changes; so do consents) and keeps the result. */
  async reviewAgain(id: string, who: SegmentActor): Promise<Segment> {
    const s = await this.get(id)
    return this.reviewStored(s, this.parse(s.rule), who)
  }

  /** Reviews a segment that is not stored (the CLI's `candor review`); audited like any review. */
  async reviewDraft(input: SegmentInput, who: SegmentActor): Promise<Review> {
    const rule = await this.validate(input)
    return this.runReview({ id: input.id, brand: input.brand, purpose: input.purpose, version: 0 }, rule, who)
  }

  private async reviewStored(segment: Segment, rule: RuleNode, who: SegmentActor): Promise<Segment> {
    const result = await this.runReview(segment, rule, who)
    const reviewed = { ...segment, review: result }
    await this.d.store.put(reviewed)
    await this.log(reviewed, 'review', who, {
      findings: result.findings.map((f) => ({ code: f.code, severity: f.severity, path: f.path ?? null })),
      reach: result.reach,
      people: result.people,
    })
    return reviewed
  }

  /** The leaves of a rule with what they read. */
  leaves(rule: RuleNode): ReviewLeaf[] {
    return leavesOf(rule).map(({ leaf, path, negated }) => {
      if (leaf.kind !== 'data') return { leaf, path, negated }
      const category = this.categoryOf(leaf.data)
      const proxy = proxyFor(leaf.data, category)
      return { leaf, path, negated, category, ...(proxy ? { proxyFor: proxy } : {}) }
    })
  }

  private categoryOf(data: string): string {
    if (this.d.vocabulary.hasCategory(data)) return data
    return this.d.vocabulary.categoryOfKey(data) ?? 'user.unclassified'
  }

  private async runReview(
    seg: { id: string; brand: string; purpose: string; version: number },
    rule: RuleNode,
    who: SegmentActor,
  ): Promise<Review> {
    const now = this.d.clock.now()
    const leaves = this.leaves(rule)
    const beneficial = (await this.d.beneficialOffers(seg.brand, seg.id)).length > 0
    // What the audience would be without the criteria that read who people are.
    const problem = leaves.filter(
      (l) =>
        !l.negated &&
        ((l.leaf.kind === 'data' &&
          l.category !== undefined &&
          (this.d.vocabulary.isSensitiveCategory(l.category) || l.proxyFor !== undefined)) ||
          (l.leaf.kind === 'interest' && this.d.vocabulary.isSensitiveTopic(l.leaf.topic))),
    )
    const alternative =
      problem.length > 0 ? withoutLeaves(rule, new Set(problem.map((l) => l.path))) : undefined
    const tally = new AudienceTally(
      rule,
      leaves,
      seg.brand,
      this.d.settings,
      alternative ? [alternative] : [],
    )
    await this.d.policy.scanAudience(
      this.scanQuery(seg, rule, now, who, 'segment.review', true),
      (p: ScannedPerson) => {
        tally.add(p)
      },
    )
    const audience = tally.stats()
    const findings = review(REVIEW_RULES, {
      rule,
      brand: seg.brand,
      purpose: seg.purpose,
      beneficial,
      leaves,
      isSensitiveCategory: (c) => this.d.vocabulary.isSensitiveCategory(c),
      isSensitiveTopic: (t) => this.d.vocabulary.isSensitiveTopic(t),
      settings: this.d.settings,
      audience,
    })
    const suggestions: Suggestion[] = alternative
      ? [
          {
            description: `Without ${problem.map((l) => l.path).join(', ')}: ${describeRule(alternative)}`,
            rule: ruleToJson(alternative),
            afterConsent: tally.alternativeCounts()[0] ?? 0,
          },
        ]
      : []
    return {
      version: seg.version,
      reviewedAt: now,
      people: audience.people,
      findings,
      reach: {
        matched: audience.matched,
        afterConsent: audience.afterConsent,
        lostToConsent: audience.matched - audience.afterConsent,
      },
      fairness: audience.fairness,
      suggestions,
    }
  }

  private scanQuery(
    seg: { id: string; brand: string; purpose: string; version: number },
    rule: RuleNode,
    now: number,
    who: SegmentActor,
    action: string,
    withReview: boolean,
  ): ScanQuery {
    return {
      brandId: seg.brand,
      purpose: seg.purpose,
      actor: who.actor,
      action,
      needs: needsOf(rule, now),
      reach: withReview,
      fairness: withReview,
      details: { segment: seg.id, version: seg.version },
    }
  }

  /**
   * Activates the segment. An admin key succeeds only when the review has no blocking finding;
   * with blocking findings a reviewer key and a justification (≥ 20 characters) are needed, the
   * reviewer must not be the key that made the current version, and the override is audited with
   * the findings it overrode and the reviewer key's label.
   */
  async activate(id: string, who: SegmentActor, justification?: string): Promise<Segment> {
    let s = await this.get(id)
    if (!s.review || s.review.version !== s.version) s = await this.reviewAgain(id, who)
    const review = s.review as Review
    const blocking = review.findings.filter((f) => f.severity === 'block')
    if (blocks(review.findings)) {
      if (who.kind !== 'reviewer')
        throw new CandorError(
          'segment-blocked',
          `the review blocks activation (${[...new Set(blocking.map((f) => f.code))].join(', ')}): fix the rule, or have a reviewer key approve it with a justification`,
          'justification',
        )
      if (justification === undefined || justification.trim().length < 20)
        throw new CandorError(
          'segment-blocked',
          'an override needs a written justification of at least 20 characters',
          'justification',
        )
      if (who.actor === s.createdBy || who.actor === s.updatedBy)
        throw new CandorError(
          'self-approval',
          'the key that created or last edited the segment cannot approve its override',
          'Authorization',
        )
    } else if (who.kind !== 'admin' && who.kind !== 'reviewer' && who.kind !== 'cli') {
      throw new CandorError('forbidden', 'activation needs an admin or reviewer key', 'Authorization')
    }
    const now = this.d.clock.now()
    const active: Segment = { ...s, status: 'active', updatedAt: now }
    await this.d.store.put(active)
    this.rules.delete(id)
    const overridden = blocking.map((f) => ({ code: f.code, path: f.path ?? null, message: f.message }))
    if (blocking.length > 0) {
      await this.log(active, 'override', who, {
        justification: justification?.trim(),
        overridden,
        keyLabel: who.label,
      })
      this.d.audit.record({
        actor: who.actor,
        action: 'segment.override',
        brandId: s.brand,
        purpose: s.purpose,
        subject: null,
        itemIds: [],
        details: {
          segment: id,
          version: s.version,
          keyLabel: who.label,
          justification: justification?.trim(),
          overridden,
        },
      })
    } else {
      await this.log(active, 'activation', who, {})
      this.d.audit.record({
        actor: who.actor,
        action: 'segment.activate',
        brandId: s.brand,
        purpose: s.purpose,
        subject: null,
        itemIds: [],
        details: { segment: id, version: s.version, keyLabel: who.label },
      })
    }
    return active
  }

  async deactivate(id: string, who: SegmentActor, reason?: string): Promise<Segment> {
    const s = await this.get(id)
    const inactive: Segment = { ...s, status: 'inactive', updatedAt: this.d.clock.now() }
    await this.d.store.put(inactive)
    this.rules.delete(id)
    await this.log(inactive, 'deactivation', who, reason ? { reason } : {})
    return inactive
  }

  async history(id: string): Promise<HistoryEntry[]> {
    await this.get(id)
    return this.d.store.history(id)
  }

  /**
   * Members of an active segment: the brand's pseudonyms and its own userIds, in a stable order,
   * one page after `offset`. Evaluated through the policy for the segment's purpose (no consent, no
   * member); one aggregate audit entry per call.
   */
  async members(
    id: string,
    limit: number,
    offset: number,
    who: SegmentActor,
  ): Promise<{ members: SegmentMember[]; next?: number }> {
    const s = await this.get(id)
    if (s.status !== 'active')
      throw new CandorError('segment-inactive', `segment ${id} is not active; activate it first`, 'id')
    const rule = this.parse(s.rule)
    const handles: string[] = []
    const tally = new AudienceTally(rule, [], s.brand, this.d.settings)
    await this.d.policy.scanAudience(
      this.scanQuery(s, rule, this.d.clock.now(), who, 'segment.members', false),
      (p) => {
        if (tally.add(p)) handles.push(p.handle)
      },
    )
    const page = handles.slice(offset, offset + limit)
    const members = await this.d.policy.memberRefs(page, s.brand)
    return { members, ...(offset + limit < handles.length ? { next: offset + limit } : {}) }
  }

  /**
   * Whether the person is a member of the active segment now (for `/v1/decide`), with the criteria
   * that matched; undefined when the segment does not exist or is not active (the offer is then
   * not a candidate for anyone). Single-person evaluation through the policy engine.
   */
  async evaluatePerson(
    segmentId: string,
    person: PersonState,
    brandId: string,
    actor: string,
  ): Promise<(Evaluation & { segment: Segment }) | undefined> {
    const now = this.d.clock.now()
    let hit = this.rules.get(segmentId)
    if (!hit || now - hit.at > CACHE_MS) {
      const segment = await this.d.store.get(segmentId)
      const rule =
        segment?.status === 'active' && segment.brand === brandId ? this.parse(segment.rule) : undefined
      hit = rule
        ? { at: now, segment, rule, needs: (t) => needsOf(rule, t) }
        : { at: now, segment: undefined }
      this.rules.set(segmentId, hit)
    }
    if (!hit.rule || !hit.segment || !hit.needs) return undefined
    const facts: PersonFacts = await this.d.policy.segmentFacts(
      person,
      { brandId, purpose: hit.segment.purpose, actor, segment: segmentId },
      hit.needs(now),
    )
    return { ...evaluateSegment(hit.rule, facts), segment: hit.segment }
  }

  /** For `/v1/decide`: the segment's name and the criteria the person matched, or undefined when not a member. */
  async audienceOf(
    segmentId: string,
    person: PersonState,
    brandId: string,
    actor: string,
  ): Promise<{ segment: string; name: string; purpose: string; criteria: string[] } | undefined> {
    const e = await this.evaluatePerson(segmentId, person, brandId, actor)
    if (!e?.matched) return undefined
    return {
      segment: segmentId,
      name: e.segment.name,
      purpose: e.segment.purpose,
      criteria: [...new Set(e.criteria.map((c) => c.criterion))],
    }
  }

  private log(s: Segment, kind: HistoryEntry['kind'], who: SegmentActor, details: Record<string, unknown>) {
    return this.d.store.appendHistory(s.id, {
      kind,
      version: s.version,
      actor: who.actor,
      at: this.d.clock.now(),
      details: { ...details, keyLabel: who.label },
    })
  }
}

/** What a rule reads, so a scan loads and decrypts nothing else. */
export function needsOf(rule: RuleNode, now: number): FactNeeds {
  const leaves = leavesOf(rule).map((l) => l.leaf)
  const events = leaves.filter((l) => l.kind === 'event')
  return {
    interests: leaves.some((l) => l.kind === 'interest'),
    items: leaves.some((l) => l.kind === 'data'),
    eventsSince:
      events.length === 0
        ? false
        : Math.min(
            ...events.map((e) =>
              e.withinDays === null ? Number.NEGATIVE_INFINITY : now - e.withinDays * DAY_MS,
            ),
          ),
  }
}

export type { Finding }
