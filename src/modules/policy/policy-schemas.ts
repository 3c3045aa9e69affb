import { z } from 'zod'
import { decisionSchema } from '../decisions/decision-schemas.js'
import { eventSchema, interestSchema } from '../interests/interest-schemas.js'
import { EXCLUSION_REASONS } from './policy.js'

const iso = z.string().describe('ISO 8601 time')

export const viewItem = z
  .object({
    id: z.string().describe('Data item id'),
    key: z.string().describe("The item's key"),
    value: z.unknown().describe('The decrypted value'),
    category: z.string().describe('Data category'),
    source: z.string().describe('stated, observed, inferred or third_party'),
    brand: z.string().describe('The brand that collected it'),
    collectedAt: iso,
    updatedAt: iso,
    expiresAt: iso.nullable().describe('Expiry, if any'),
    confidence: z.number().nullable().describe('Confidence of an inferred item'),
    verified: z.boolean().describe('Verified contact data'),
    basis: z
      .array(
        z.object({
          consentId: z.string().describe('Ledger entry id'),
          purpose: z.string().describe('Purpose'),
          source: z.string().describe('Source of the entry'),
        }),
      )
      .describe('The consent records this use rests on'),
  })
  .describe('A usable item')

export const policyViewResponse = z
  .object({
    personId: z.string().describe("The person's pseudonym at this brand (differs per brand)"),
    purpose: z.string().describe('The purpose asked for'),
    brand: z.string().describe('The requesting brand'),
    items: z.array(viewItem).describe('Items usable for the purpose at this brand'),
    excluded: z
      .array(
        z.object({
          key: z.string().describe("The item's key"),
          category: z.string().describe('Data category'),
          brand: z.string().describe('The brand that collected it'),
          reason: z.enum(EXCLUSION_REASONS).describe('Why it is excluded (stable code)'),
        }),
      )
      .describe('Items this brand may know exist but may not use for the purpose'),
  })
  .describe('The policy view')

export const policyViewQuery = z.object({
  purpose: z.string().min(1).max(64).describe('The purpose of the use, e.g. `personalization`'),
})

export const consentRecordSchema = z
  .object({
    id: z.string().describe('Ledger entry id'),
    purpose: z.string().describe('Purpose'),
    state: z.string().describe('granted, denied or withdrawn'),
    scope: z.string().describe('brand or all_brands'),
    brand: z.string().nullable().describe('The brand it applies to (null: all brands)'),
    capturedBy: z.string().describe('The brand whose notice captured it, or `other-brand`'),
    sensitiveCategory: z.string().nullable().describe('Explicit opt-in for this sensitive category'),
    sensitiveTopic: z.string().nullable().describe('Explicit opt-in for this sensitive topic'),
    source: z.string().describe('control_center, api, tcf, gpp, gpc or import'),
    basis: z.string().describe('Legal basis'),
    evidence: z.string().nullable().describe('Evidence such as a TC string'),
    policyVersion: z.string().describe('Privacy-policy version in force'),
    recordedAt: iso,
  })
  .describe('A consent ledger entry')

export const exportResponse = z
  .object({
    personId: z.string().describe("The person's pseudonym at this brand"),
    brand: z.string().describe('The brand'),
    exportedAt: iso,
    identities: z
      .array(
        z.object({
          kind: z.string().describe('user or anonymous'),
          value: z.string().describe('The identifier'),
          ref: z
            .string()
            .describe(
              'The {ref} that addresses this identity (escaped:userId:… for an id stored with control characters by an older version)',
            ),
          createdAt: iso,
        }),
      )
      .describe('Identifiers at this brand'),
    dataItems: z
      .array(
        viewItem.omit({ basis: true }).extend({
          rejectedAt: iso.nullable().describe('When the person rejected it'),
          purpose: z.string().nullable().describe('The purpose it was collected for'),
          provenance: z.string().nullable().describe('Where it came from'),
        }),
      )
      .describe('Every item this brand collected'),
    consent: z.array(consentRecordSchema).describe('Ledger entries that apply to this brand'),
    interests: z
      .array(interestSchema)
      .describe(
        "Interests built from this brand's data, whatever their state, with their evidence and journeys",
      ),
    events: z.array(eventSchema).describe("This brand's events of the person, whole, oldest first"),
    decisions: z
      .array(decisionSchema)
      .describe(
        "This brand's decision log for the person, oldest first (factors resting on another brand's data only while the person's sharing covers it)",
      ),
  })
  .describe('Everything this brand holds about the person')
