import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { brandOf, principalOf } from '../../http/auth.js'
import { errorResponses } from '../../http/error-schemas.js'
import { formatPersonRef, parsePersonRef } from '../../kernel/person-ref.js'
import { personRefParams } from '../data-items/data-item-schemas.js'
import { decisionOut } from '../decisions/decision-schemas.js'
import type { DecisionService } from '../decisions/index.js'
import type { InterestService, TopicTaxonomy } from '../interests/index.js'
import { interestOut } from '../interests/interest-schemas.js'
import { actorOf } from '../keys/index.js'
import { exportResponse, policyViewQuery, policyViewResponse } from './policy-schemas.js'
import type { PolicyService } from './policy-service.js'
import type { ViewItem } from './views.js'

const iso = (t: number): string => new Date(t).toISOString()
const isoOrNull = (t: number | null): string | null => (t === null ? null : iso(t))

function itemOut(i: Omit<ViewItem, 'basis'>) {
  return {
    id: i.id,
    key: i.key,
    value: i.value,
    category: i.category,
    source: i.source,
    brand: i.brand,
    collectedAt: iso(i.collectedAt),
    updatedAt: iso(i.updatedAt),
    expiresAt: isoOrNull(i.expiresAt),
    confidence: i.confidence,
    verified: i.verified,
  }
}

/** Everything a brand holds about a person, as the export answers it (the API's and the person's own). */
export async function exportBody(
  deps: {
    policy: Pick<PolicyService, 'exportForBrand'>
    decisions: Pick<DecisionService, 'logForExport'>
    interests: Pick<InterestService, 'model'>
    topics: Pick<TopicTaxonomy, 'get'>
  },
  personId: string,
  brandId: string,
  actor: string,
) {
  const e = await deps.policy.exportForBrand(personId, brandId, actor)
  const decisions = await deps.decisions.logForExport(personId, brandId, actor)
  return {
    personId: e.personId,
    brand: e.brand,
    exportedAt: iso(e.exportedAt),
    identities: e.identities.map((i) => ({
      kind: i.kind,
      value: i.value,
      ref: formatPersonRef(
        i.kind === 'anonymous' ? { kind: 'anonymous', value: i.value } : { kind: 'user', value: i.value },
      ),
      createdAt: iso(i.createdAt),
    })),
    dataItems: e.dataItems.map((i) => ({
      ...itemOut(i),
      rejectedAt: isoOrNull(i.rejectedAt),
      purpose: i.purpose,
      provenance: i.provenance,
    })),
    consent: e.consent.map((c) => ({ ...c, recordedAt: iso(c.recordedAt) })),
    interests: e.interests.map((i) => interestOut(i, deps.topics, deps.interests.model)),
    events: e.events.map((ev) => ({
      ...ev,
      timestamp: iso(ev.timestamp),
      receivedAt: iso(ev.receivedAt),
      topics: [...ev.topics],
      properties: { ...ev.properties },
      context: { ...ev.context },
      traits: { ...ev.traits },
      excluded: [],
    })),
    decisions: decisions.map(decisionOut),
  }
}

export const policyRoutes =
  (deps: {
    policy: PolicyService
    decisions: Pick<DecisionService, 'logForExport'>
    interests: Pick<InterestService, 'model'>
    topics: Pick<TopicTaxonomy, 'get'>
  }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/persons/:ref',
      {
        schema: {
          operationId: 'getPolicyView',
          summary: 'What this brand may use about a person for a purpose',
          description:
            'The policy view: usable items (decrypted), and every excluded item this brand may know exists with a stable reason code. Each call is written to the audit log with actor, brand, purpose and the item ids used.',
          tags: ['policy'],
          params: personRefParams,
          querystring: policyViewQuery,
          response: { 200: policyViewResponse, ...errorResponses(400, 401, 403, 404, 429, 503) },
        },
      },
      async (request) => {
        const brandId = brandOf(request)
        deps.policy.checkPurpose(request.query.purpose)
        const personId = await deps.policy.resolve(brandId, parsePersonRef(request.params.ref))
        const view = await deps.policy.view(personId, {
          brandId,
          purpose: request.query.purpose,
          actor: actorOf(principalOf(request)),
        })
        return {
          ...view,
          items: view.items.map((i) => ({ ...itemOut(i), basis: [...i.basis] })),
          excluded: [...view.excluded],
        }
      },
    )

    app.get(
      '/persons/:ref/export',
      {
        schema: {
          operationId: 'exportPerson',
          summary: 'Everything this brand holds about a person',
          description:
            "The right of access, decrypted and machine-readable: identifiers, data items, consent entries, interests with their evidence and journeys, events and the decision log at this brand. The all-brands export belongs to the person's own control center.",
          tags: ['policy'],
          params: personRefParams,
          response: { 200: exportResponse, ...errorResponses(400, 401, 403, 404, 429, 503) },
        },
      },
      async (request) => {
        const brandId = brandOf(request)
        const personId = await deps.policy.resolve(brandId, parsePersonRef(request.params.ref))
        return exportBody(deps, personId, brandId, actorOf(principalOf(request)))
      },
    )
  }
