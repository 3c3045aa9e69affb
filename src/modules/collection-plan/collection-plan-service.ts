import type { Clock } from '../../kernel/clock.js'
import { CandorError } from '../../kernel/errors.js'
import type { Transactor } from '../../kernel/transactor.js'
import type { AuditUnit } from '../audit/index.js'
import {
  type CollectionPlan,
  checkVocabulary,
  declaredFields,
  type PlanError,
  type PlanVocabulary,
  parsePlanDocument,
  parsePlanText,
  planDocument,
} from './collection-plan.js'
import type { CollectionPlanStore, PlanVersion, ViolationCount } from './collection-plan-store.js'
import { type InferredPlan, inferPlan } from './plan-infer.js'
import { blocks, type PlanFinding, reviewPlan } from './plan-review.js'

export interface CollectionPlanUnit extends AuditUnit {
  readonly collectionPlans: CollectionPlanStore
}

/** What the service needs of the audit log: appending inside a transaction. */
export interface PlanAudit {
  appendIn(
    stores: AuditUnit,
    entries: readonly {
      actor: string
      action: string
      brandId: string | null
      purpose: string | null
      subject: string | null
      itemIds: readonly string[]
      details: Readonly<Record<string, unknown>>
    }[],
  ): Promise<void>
}

export interface PlanRules extends PlanVocabulary {
  isSensitive(category: string): boolean
  /** The data category the trait rules in force give a trait name, if any. */
  traitCategory(name: string): string | undefined
}

/** A plan to save: its text (JSON or YAML) or its document as a value, who and why. */
export interface SavePlanInput {
  readonly brandId: string
  readonly text?: string
  readonly document?: unknown
  readonly reason: string
  readonly actor: string
  /** Saved with a reviewer key: sensitive fields with a justification are accepted. */
  readonly reviewer: boolean
}

export type SavePlanOutcome =
  | { readonly accepted: true; readonly version: PlanVersion; readonly findings: readonly PlanFinding[] }
  | { readonly accepted: false; readonly findings: readonly PlanFinding[] }

/**
 * How long a process keeps a brand's plan before asking the store whether a newer version was
 * saved (by any process). A save through this process applies at once; through another within this.
 */
export const PLAN_CACHE_MS = 500

interface CacheEntry {
  readonly at: number
  readonly version: number
  readonly plan: CollectionPlan | undefined
}

/**
 * Collection plans: validated, reviewed and versioned saves (each audited with who and why), the
 * plan in force for intake (cached, revalidated every {@link PLAN_CACHE_MS}), and violation counts.
 */
export class CollectionPlanService {
  private readonly cache = new Map<string, CacheEntry>()
  private readonly pending = new Map<string, Promise<CacheEntry>>()

  constructor(
    private readonly tx: Transactor<CollectionPlanUnit>,
    private readonly brands: { require(id: string): Promise<unknown> },
    private readonly audit: PlanAudit,
    private readonly rules: PlanRules,
    private readonly clock: Clock,
  ) {}

  /** Parses and checks a plan (text or value); throws `invalid-request` naming the first path and listing all. */
  parse(
    input: { readonly text?: string; readonly document?: unknown },
    fieldPrefix = 'plan',
  ): CollectionPlan {
    const parsed = input.text !== undefined ? parsePlanText(input.text) : parsePlanDocument(input.document)
    if (!parsed.ok) throw planErrors(parsed.error, fieldPrefix)
    const vocabulary = checkVocabulary(parsed.value, this.rules)
    if (vocabulary.length > 0) throw planErrors(vocabulary, fieldPrefix)
    return parsed.value
  }

  /** The review findings a plan would get (for `candor plan lint` and the PUT). */
  review(plan: CollectionPlan, reviewer: boolean, previous?: CollectionPlan): PlanFinding[] {
    return reviewPlan(plan, {
      isSensitive: (c) => this.rules.isSensitive(c),
      reviewer,
      ...(previous ? { previous } : {}),
    })
  }

  /**
   * Saves a new version, unless a review finding blocks it. The version and its audit entry
   * (`collection-plan.save`: actor, reason, version, mode, field count, finding codes) commit together.
   */
  async save(input: SavePlanInput): Promise<SavePlanOutcome> {
    await this.brands.require(input.brandId)
    const reason = input.reason.trim()
    if (reason === '')
      throw new CandorError('invalid-request', 'say why the plan changes, in reason', 'reason')
    const plan = this.parse(input)
    for (let attempt = 0; ; attempt++) {
      const current = await this.tx.stores.collectionPlans.latest(input.brandId)
      const previous = current ? parsePlanDocument(current.document) : undefined
      const findings = this.review(plan, input.reviewer, previous?.ok ? previous.value : undefined)
      if (blocks(findings)) return { accepted: false, findings }
      const version: PlanVersion = {
        brandId: input.brandId,
        version: (current?.version ?? 0) + 1,
        document: planDocument(plan),
        actor: input.actor,
        reason,
        findings,
        createdAt: this.clock.now(),
      }
      const saved = await this.tx.transaction(async (s) => {
        if (!(await s.collectionPlans.insertVersion(version))) return false
        await this.audit.appendIn(s, [
          {
            actor: input.actor,
            action: 'collection-plan.save',
            brandId: input.brandId,
            purpose: null,
            subject: null,
            itemIds: [],
            details: {
              version: version.version,
              reason,
              mode: plan.mode,
              fields: declaredFields(plan).length,
              findings: findings.map((f) => f.code),
              reviewer: input.reviewer,
            },
          },
        ])
        return true
      })
      if (saved) {
        this.cache.set(input.brandId, { at: this.clock.now(), version: version.version, plan })
        return { accepted: true, version, findings }
      }
      // Another save took this number: review again against it.
      if (attempt >= 3)
        throw new CandorError('storage-unavailable', 'the plan is being saved concurrently; retry')
    }
  }

  /** The newest version, or throws `collection-plan-not-found`. */
  async current(brandId: string): Promise<PlanVersion> {
    await this.brands.require(brandId)
    const v = await this.tx.stores.collectionPlans.latest(brandId)
    if (!v)
      throw new CandorError('collection-plan-not-found', `brand ${brandId} has no collection plan`, 'brand')
    return v
  }

  async versions(brandId: string, limit: number, before?: number): Promise<PlanVersion[]> {
    await this.brands.require(brandId)
    return this.tx.stores.collectionPlans.versions(brandId, limit, before)
  }

  /** A starting plan from the fields the brand received since `since` (epoch ms): names, types, counts. */
  async infer(brandId: string, since: number): Promise<InferredPlan> {
    await this.brands.require(brandId)
    const collected = await this.tx.stores.collectionPlans.collectedFields(
      brandId,
      Math.floor(since / 86_400_000),
    )
    return inferPlan(collected, (name) => this.rules.traitCategory(name))
  }

  async violations(brandId: string, limit: number): Promise<ViolationCount[]> {
    await this.brands.require(brandId)
    return this.tx.stores.collectionPlans.violations(brandId, limit)
  }

  /**
   * The plan in force for intake, or undefined when the brand has none. Kept per brand and
   * revalidated (one indexed read of the newest version number) every {@link PLAN_CACHE_MS}.
   */
  async activePlan(brandId: string): Promise<CollectionPlan | undefined> {
    const entry = this.cache.get(brandId)
    if (entry && this.clock.now() - entry.at < PLAN_CACHE_MS) return entry.plan
    let refresh = this.pending.get(brandId)
    if (!refresh) {
      refresh = this.refresh(brandId, entry).finally(() => this.pending.delete(brandId))
      this.pending.set(brandId, refresh)
    }
    return (await refresh).plan
  }

  private async refresh(brandId: string, entry: CacheEntry | undefined): Promise<CacheEntry> {
    const at = this.clock.now()
    const store = this.tx.reads.collectionPlans
    const number = await store.latestNumber(brandId)
    let next: CacheEntry
    if (entry && entry.version === number) next = { ...entry, at }
    else if (number === 0) next = { at, version: 0, plan: undefined }
    else {
      const latest = await store.latest(brandId)
      const parsed = latest ? parsePlanDocument(latest.document) : undefined
      next = { at, version: latest?.version ?? 0, plan: parsed?.ok ? parsed.value : undefined }
    }
    // A save through this process meanwhile is newer: keep it.
    const now = this.cache.get(brandId)
    if (!now || now.version <= next.version) this.cache.set(brandId, next)
    return this.cache.get(brandId) as CacheEntry
  }
}

function planErrors(errors: readonly PlanError[], prefix: string): CandorError {
  const first = errors[0]
  const path = (e: PlanError) => (e.path === '' ? prefix : `${prefix}.${e.path}`)
  const list = errors.map((e) => `${path(e)}: ${e.message}`).join('; ')
  return new CandorError(
    'invalid-request',
    `the plan has ${errors.length} problem${errors.length === 1 ? '' : 's'}: ${list}`,
    first ? path(first) : prefix,
  )
}
