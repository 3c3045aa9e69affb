import type { ConsentRecord } from '../consent/index.js'
import type { DataItem } from '../data-items/index.js'
import type { InterestJourneys, InterestState, JourneyEvent } from '../interests/index.js'
import type { ExclusionReason } from './policy.js'

/** The shapes in which person data leaves the policy engine. */

/** An interest as a policy view returns it, with its evidence. */
export interface InterestView {
  readonly topic: string
  readonly brand: string
  readonly score: number
  readonly confidence: number
  readonly established: boolean
  readonly source: 'inferred' | 'stated'
  readonly state: InterestState
  readonly evidence: {
    readonly signals: Readonly<Partial<Record<string, number>>>
    readonly distinctDays: number
    readonly firstSeen: number | null
    readonly lastSeen: number | null
    readonly sampleEventIds: readonly string[]
    /** The journeys that fed the interest and what was set aside (interests/journeys.ts). */
    readonly journeys: InterestJourneys
    /** A durable purchase in the topic holds offers in it back until then (null: not held back). */
    readonly heldBackUntil: number | null
  }
  readonly basis: readonly { readonly consentId: string; readonly purpose: string; readonly source: string }[]
}

/** Why an interests view lists no usable interest (null when it lists some). */
export const EMPTY_INTERESTS_REASONS = ['no-consent', 'all-excluded', 'nothing-learned'] as const
export type EmptyInterestsReason = (typeof EMPTY_INTERESTS_REASONS)[number]

export interface InterestsView {
  readonly personId: string
  readonly purpose: string
  readonly brand: string
  /**
   * Why no interest is usable: `no-consent` (the purpose is not granted at the brand: nothing is
   * used for it, and for personalization nothing is learned either), `all-excluded` (each is
   * listed in `excluded` with its reason), `nothing-learned` (granted, but no interest recurs yet).
   * Null when `interests` holds a usable one.
   */
  readonly reason: EmptyInterestsReason | null
  /** The reason in a sentence, with how to change it; null with `reason`. */
  readonly why: string | null
  /** Established (and stated) interests usable for the purpose, then emerging ones (`established: false`). */
  readonly interests: readonly InterestView[]
  readonly excluded: readonly {
    readonly topic: string
    readonly brand: string
    readonly reason: ExclusionReason
  }[]
}

/** What a person asked for that holds whatever the consent. */
export interface Restrictions {
  readonly rejectedTopics: readonly string[]
  readonly advertisingDenied: boolean
  readonly personalization: { readonly granted: boolean; readonly consentId: string | null }
}

/** A field of an event withheld from a view, and why (never its value). */
export interface EventFieldExclusion {
  /** `event`, `name`, `properties.<name>`, `traits.<name>`, `context.<name>` or `topics[<i>]`. */
  readonly field: string
  readonly category: string
  readonly reason: ExclusionReason
}

/**
 * One of the brand's own events as a purpose may see it: each field (name, property, trait,
 * context entry, topic) released or withheld by its data category, under the same rules as data
 * items. Identity, time and kind are the event's own metadata and always listed.
 */
export interface EventView {
  readonly messageId: string
  readonly type: string
  readonly kind: string
  readonly event: string | null
  readonly name: string | null
  readonly timestamp: number
  readonly receivedAt: number
  readonly gift: boolean
  readonly giftMarkedByPerson: boolean
  readonly properties: Readonly<Record<string, unknown>>
  readonly context: Readonly<Record<string, unknown>>
  readonly traits: Readonly<Record<string, unknown>>
  readonly topics: readonly string[]
  readonly excluded: readonly EventFieldExclusion[]
}

/** Who asks, for which brand and purpose. */
export interface ViewContext {
  readonly brandId: string
  readonly purpose: string
  /** `key:<id>`, `cli`, `system`: written to the audit log. */
  readonly actor: string
}

/** A usable item plus the consent records it rests on. */
export interface ViewItem extends DataItem {
  readonly basis: readonly { readonly consentId: string; readonly purpose: string; readonly source: string }[]
}

export interface ExcludedItem {
  readonly key: string
  readonly category: string
  readonly brand: string
  readonly reason: ExclusionReason
}

/** The only shape in which person data leaves the store for a use. */
export interface PolicyView {
  /** The person's pseudonym at the requesting brand. */
  readonly personId: string
  readonly purpose: string
  readonly brand: string
  readonly items: readonly ViewItem[]
  readonly excluded: readonly ExcludedItem[]
}

/** Everything one brand holds about a person (a data-subject access request at that brand). */
export interface BrandExport {
  readonly personId: string
  readonly brand: string
  readonly exportedAt: number
  readonly identities: readonly {
    readonly kind: string
    readonly value: string
    readonly createdAt: number
  }[]
  readonly dataItems: readonly (DataItem & { readonly rejectedAt: number | null })[]
  readonly consent: readonly ConsentRecordView[]
  /** The interests the brand's data built, whatever their state, with their evidence and journeys. */
  readonly interests: readonly InterestView[]
  /** The brand's events of the person, whole, oldest first. */
  readonly events: readonly EventView[]
}

export interface ConsentRecordView {
  readonly id: string
  readonly purpose: string
  readonly state: string
  readonly scope: string
  readonly brand: string | null
  readonly capturedBy: string
  readonly sensitiveCategory: string | null
  readonly sensitiveTopic: string | null
  readonly source: string
  readonly basis: string
  readonly evidence: string | null
  readonly policyVersion: string
  readonly recordedAt: number
}

/** Topic → distinct people, as it crosses a thread boundary. */
export type PopularityCounts = [topic: string, people: number][]

/** The consent records an allowed item rests on, as a view lists them. */
export function basisOf(r: ConsentRecord) {
  return { consentId: r.id, purpose: r.purpose, source: r.source }
}

/**
 * A ledger entry as a brand sees it. The capturing brand is named only when it is the brand
 * itself; otherwise `other-brand`, so a brand never learns where else the person is a customer.
 */
export function consentRecordView(r: ConsentRecord, viewerBrand: string, sharing = false): ConsentRecordView {
  return {
    id: r.id,
    purpose: r.purpose,
    state: r.state,
    scope: r.scope,
    brand: r.brandId,
    capturedBy: r.capturedBy === viewerBrand || sharing ? r.capturedBy : 'other-brand',
    sensitiveCategory: r.sensitiveCategory,
    sensitiveTopic: r.sensitiveTopic,
    source: r.source,
    basis: r.basis,
    evidence: r.evidence,
    policyVersion: r.policyVersion,
    recordedAt: r.recordedAt,
  }
}

/**
 * What the interest model may learn from at one brand ({@link ModelSignals}): anonymous people who
 * allow personalization, each with their released signals oldest first, and counts only.
 */
export interface ModelSignalsView {
  readonly brandId: string
  /** One entry per person who allows personalization and has a signal; no id of any kind. */
  readonly people: readonly {
    readonly events: readonly JourneyEvent[]
    /**
     * Fairness-audit groups (`age: 25-34`), from demographic items released under `fairness_audit`
     * only: for aggregate figures with a minimum group size, never per person.
     */
    readonly groups: readonly string[]
  }[]
  readonly counts: {
    /** People with a signal event at the brand, whatever their consent. */
    readonly peopleWithSignals: number
    /** Of them, people who allow personalization here (the evaluation's population). */
    readonly peopleAllowing: number
    /** Signal events of those people (read). */
    readonly signals: number
    /** Signal events of people who do not allow personalization (counted, never opened). */
    readonly signalsNotAllowed: number
    /** Signals that are gifts (a gift order, or an order with gift lines). */
    readonly giftSignals: number
    /** Topic mentions the policy withheld (a sensitive topic without the person's opt-in). */
    readonly withheldTopics: number
    /** Distinct sensitive topics used because a person opted into them. */
    readonly sensitiveTopicsOptedIn: number
    /** People with at least one such opted-in sensitive topic. */
    readonly peopleOptedIn: number
    /** People with at least one fairness-audit group. */
    readonly peopleInAuditGroups: number
  }
  /** Signals per UTC day (epoch ms of the day's start) of the people who allow personalization. */
  readonly daily: readonly { readonly day: number; readonly signals: number }[]
}
