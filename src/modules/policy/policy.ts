import type { ConsentDecision, ConsentRecord } from '../consent/index.js'

/**
 * Why an item is left out of a policy view. Stable API codes, never reused.
 * - `no-consent`: the person has not granted the purpose at the requesting brand.
 * - `other-brand`: retired (was: another brand's item without sharing covering both brands; such an
 *   item is now invisible: a brand learns nothing about another brand's data the person has not shared).
 * - `sensitive`: a sensitive category without the person's explicit opt-in for it and the purpose.
 * - `expired`: past its expiry.
 * - `low-confidence`: inferred below the confidence threshold.
 * - `rejected-by-person`: the person rejected it.
 * - `not-essential`: the purpose is `essential` and the category is not needed for it.
 */
export const EXCLUSION_REASONS = [
  'no-consent',
  'other-brand',
  'sensitive',
  'expired',
  'low-confidence',
  'rejected-by-person',
  'not-essential',
] as const
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number]

/** What the policy needs to know about an item; never its value. */
export interface PolicyItem {
  readonly id: string
  readonly brandId: string
  readonly key: string
  readonly category: string
  readonly source: string
  readonly expiresAt: number | null
  readonly confidence: number | null
  readonly rejectedAt: number | null
  /** For an interest in a sensitive topic: the topic, which needs its own explicit opt-in. */
  readonly sensitiveTopic?: string | null
}

/** The consent questions the policy asks (answered by `ConsentState`). */
export interface ConsentAnswers {
  decide(brandId: string, purpose: string): ConsentDecision
  sensitiveCategory(brandId: string, purpose: string, category: string): ConsentDecision
  sensitiveTopic(brandId: string, purpose: string, topic: string): ConsentDecision
  sharingAllowed(fromBrand: string, atBrand: string): boolean
  isGranted(brandId: string, purpose: string): boolean
}

export interface PolicyRules {
  readonly confidenceThreshold: number
  isSensitiveCategory(category: string): boolean
  isEssentialCategory(category: string): boolean
}

export interface PolicyQuery {
  readonly brandId: string
  readonly purpose: string
  readonly now: number
}

export interface PolicyDecision<T extends PolicyItem> {
  /** Items usable for the purpose at the brand, each with the consent records it rests on. */
  readonly allowed: readonly { readonly item: T; readonly basis: readonly ConsentRecord[] }[]
  /** Items the brand may know exist but may not use, with the reason. */
  readonly excluded: readonly { readonly item: T; readonly reason: ExclusionReason }[]
}

/** Purposes under which sensitive categories are usable without a per-category opt-in: aggregate audits only. */
export const AGGREGATE_ONLY_PURPOSES: readonly string[] = ['fairness_audit']

/**
 * The policy: which items a brand may use for a purpose. Pure; the same inputs always give the
 * same answer. Rules, in the order they are checked for each item:
 * 1. another brand's item is invisible — not its value, key, category, topic or count — unless the
 *    person's cross-brand sharing covers both brands today;
 * 2. no consent for (brand, purpose) → `no-consent` (`essential` needs none, but admits only
 *    essential categories → `not-essential`);
 * 3. rejected by the person → `rejected-by-person`;
 * 4. past expiry → `expired`;
 * 5. sensitive category (or an interest in a sensitive topic) without explicit opt-in for it
 *    and the purpose → `sensitive` (under `fairness_audit` usable in aggregate);
 * 6. inferred below the threshold → `low-confidence`.
 */
export function evaluatePolicy<T extends PolicyItem>(
  items: readonly T[],
  consent: ConsentAnswers,
  q: PolicyQuery,
  rules: PolicyRules,
): PolicyDecision<T> {
  const allowed: { item: T; basis: ConsentRecord[] }[] = []
  const excluded: { item: T; reason: ExclusionReason }[] = []
  const purposeDecision = consent.decide(q.brandId, q.purpose)
  for (const item of items) {
    const basis: ConsentRecord[] = []
    if (item.brandId !== q.brandId) {
      if (!consent.sharingAllowed(item.brandId, q.brandId)) continue
      const a = consent.decide(item.brandId, 'cross_brand_sharing').record
      const b = consent.decide(q.brandId, 'cross_brand_sharing').record
      if (a) basis.push(a)
      if (b && b !== a) basis.push(b)
    }
    if (!purposeDecision.granted) {
      excluded.push({ item, reason: 'no-consent' })
      continue
    }
    if (purposeDecision.record) basis.push(purposeDecision.record)
    const sensitive = rules.isSensitiveCategory(item.category)
    if (q.purpose === 'essential' && (sensitive || !rules.isEssentialCategory(item.category))) {
      excluded.push({ item, reason: 'not-essential' })
      continue
    }
    if (item.rejectedAt !== null) {
      excluded.push({ item, reason: 'rejected-by-person' })
      continue
    }
    if (item.expiresAt !== null && item.expiresAt <= q.now) {
      excluded.push({ item, reason: 'expired' })
      continue
    }
    if (sensitive && !AGGREGATE_ONLY_PURPOSES.includes(q.purpose)) {
      const optIn = consent.sensitiveCategory(q.brandId, q.purpose, item.category)
      const origin =
        item.brandId === q.brandId ? optIn : consent.sensitiveCategory(item.brandId, q.purpose, item.category)
      if (!optIn.granted || !origin.granted) {
        excluded.push({ item, reason: 'sensitive' })
        continue
      }
      if (optIn.record) basis.push(optIn.record)
    }
    const topic = item.sensitiveTopic
    if (topic && !AGGREGATE_ONLY_PURPOSES.includes(q.purpose)) {
      const optIn = consent.sensitiveTopic(q.brandId, q.purpose, topic)
      const origin =
        item.brandId === q.brandId ? optIn : consent.sensitiveTopic(item.brandId, q.purpose, topic)
      if (!optIn.granted || !origin.granted) {
        excluded.push({ item, reason: 'sensitive' })
        continue
      }
      if (optIn.record) basis.push(optIn.record)
    }
    if (item.source === 'inferred' && (item.confidence ?? 0) < rules.confidenceThreshold) {
      excluded.push({ item, reason: 'low-confidence' })
      continue
    }
    allowed.push({ item, basis })
  }
  return { allowed, excluded }
}
