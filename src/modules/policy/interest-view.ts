import type { ConsentRecord, ConsentState } from '../consent/index.js'
import {
  confidenceOf,
  heldBackUntil,
  type Interest,
  type InterestModelConfig,
  isEstablished,
  scoreAt,
} from '../interests/index.js'
import { type ConsentAnswers, evaluatePolicy } from './policy.js'
import type { PolicyEngine } from './policy-engine.js'
import {
  basisOf,
  type EmptyInterestsReason,
  type InterestsView,
  type InterestView,
  type ViewContext,
} from './views.js'

/**
 * Read model: a person's interests usable for (brand, purpose), through the same policy as data
 * items: inferred interests are `user.inferred.interest` items (confidence from their distinct
 * days), stated ones `user.preference.stated`; sensitive topics need their own opt-in. Emerging
 * interests (excluded only for low confidence) are listed with `established: false`.
 */
export class InterestReadModel {
  constructor(
    private readonly engine: PolicyEngine,
    private readonly model: InterestModelConfig,
  ) {}

  async view(personId: string, ctx: ViewContext): Promise<InterestsView> {
    this.engine.checkPurpose(ctx.purpose)
    const [rows, state] = await Promise.all([
      this.engine.reads.interests.forPerson(personId),
      this.engine.stateOf(personId),
    ])
    const v = await this.evaluate(personId, rows, state, ctx)
    const granted = state.decide(ctx.brandId, ctx.purpose).granted
    return {
      personId: await this.engine.pseudonym(personId, ctx.brandId),
      purpose: ctx.purpose,
      brand: ctx.brandId,
      interests: v.interests,
      excluded: v.excluded,
      ...emptyReason(ctx, granted, v.interests, v.excluded.length),
    }
  }

  /** The policy over interest rows already read; audits the use as `interests.view`. */
  async evaluate(
    personId: string,
    rows: readonly Interest[],
    state: ConsentState,
    ctx: ViewContext,
  ): Promise<{ interests: InterestView[]; excluded: InterestsView['excluded'] }> {
    const { usable, emerging, excluded } = this.release(rows, state, ctx)
    const byScore = (a: InterestView, b: InterestView) =>
      Number(b.source === 'stated') - Number(a.source === 'stated') || b.score - a.score
    await this.engine.record({
      actor: ctx.actor,
      action: 'interests.view',
      brandId: ctx.brandId,
      purpose: ctx.purpose,
      personId,
      itemIds: usable.map((i) => `interest:${i.brand}:${i.topic}`),
      details: { emerging: emerging.length, excluded: excluded.length },
    })
    return { interests: [...usable.sort(byScore), ...emerging.sort(byScore)], excluded: [...excluded] }
  }

  /**
   * The policy over interest rows, without an audit record: for callers that record one
   * aggregate entry themselves (segment evaluation). `consent` may be any answers to the policy's
   * consent questions (a reach count asks "what if everyone had consented").
   */
  release(
    rows: readonly Interest[],
    state: ConsentAnswers,
    ctx: Pick<ViewContext, 'brandId' | 'purpose'>,
  ): { usable: InterestView[]; emerging: InterestView[]; excluded: InterestsView['excluded'][number][] } {
    const now = this.engine.clock.now()
    // "Not interested in hiking" also covers hiking boots: a rejected topic covers its narrower topics.
    const rejected = rows.filter((i) => i.state === 'rejected')
    const rejectedAt = (i: Interest) =>
      i.state === 'rejected'
        ? i.updatedAt
        : (rejected.find((r) => r.brandId === i.brandId && i.topic.startsWith(`${r.topic}.`))?.updatedAt ??
          null)
    const items = rows.map((i) => ({
      id: `${i.brandId}:${i.topic}`,
      brandId: i.brandId,
      key: i.topic,
      category: i.state === 'stated' ? 'user.preference.stated' : 'user.inferred.interest',
      source: i.state === 'stated' ? 'stated' : 'inferred',
      expiresAt: null,
      confidence: confidenceOf(i, this.model),
      rejectedAt: rejectedAt(i),
      sensitiveTopic: this.engine.isSensitiveTopic(i.topic) ? i.topic : null,
      interest: i,
    }))
    const decision = evaluatePolicy(items, state, { ...ctx, now }, this.engine.rules)
    const view = (i: Interest, basis: readonly ConsentRecord[]) => this.describe(i, basis, now)
    const usable = decision.allowed.map(({ item, basis }) => view(item.interest, basis))
    const emerging = decision.excluded
      .filter(
        (e) =>
          e.reason === 'low-confidence' &&
          (e.item.interest.days.length > 0 || e.item.interest.journeys.setAside.length > 0),
      )
      .map((e) => ({ ...view(e.item.interest, []), established: false }))
    const excluded = decision.excluded
      .filter((e) => e.reason !== 'low-confidence')
      .map((e) => ({ topic: e.item.key, brand: e.item.brandId, reason: e.reason }))
    return { usable, emerging, excluded }
  }

  /** An interest row with its evidence, as views and the export show it. */
  describe(i: Interest, basis: readonly ConsentRecord[], now: number): InterestView {
    return {
      topic: i.topic,
      brand: i.brandId,
      score: scoreAt(i, now, this.model),
      confidence: confidenceOf(i, this.model),
      established: isEstablished(i, this.model, now),
      source: i.state === 'stated' ? 'stated' : 'inferred',
      state: i.state,
      evidence: {
        signals: i.signals,
        distinctDays: i.days.length,
        firstSeen: i.firstSeen,
        lastSeen: i.lastSeen,
        sampleEventIds: i.sampleEventIds,
        journeys: i.journeys,
        heldBackUntil: heldBackUntil(i, this.model, now),
      },
      basis: basis.map(basisOf),
    }
  }
}

/**
 * Why a view lists no usable interest, in a code and a sentence; both null when it lists one
 * (emerging interests, `established: false`, are not usable).
 */
export function emptyReason(
  ctx: { readonly brandId: string; readonly purpose: string },
  granted: boolean,
  interests: readonly { readonly established: boolean; readonly source: string }[],
  excluded: number,
): { reason: EmptyInterestsReason | null; why: string | null } {
  if (!granted)
    return {
      reason: 'no-consent',
      why:
        ctx.purpose === 'personalization'
          ? `The person has not granted personalization at ${ctx.brandId}: their interests are neither learned nor used until they do (POST /v1/persons/{ref}/consent records it).`
          : `The person has not granted ${ctx.purpose} at ${ctx.brandId}: no interest is used for it until they do (POST /v1/persons/{ref}/consent records it).`,
    }
  if (interests.some((i) => i.established || i.source === 'stated')) return { reason: null, why: null }
  if (excluded > 0 && interests.length === 0)
    return {
      reason: 'all-excluded',
      why: `Every interest is excluded for ${ctx.purpose}; \`excluded\` gives each one's reason.`,
    }
  return {
    reason: 'nothing-learned',
    why:
      interests.length > 0
        ? 'No interest has recurred on enough distinct days to count yet; the emerging ones are listed with established: false.'
        : 'No interest has been learned or stated yet.',
  }
}
