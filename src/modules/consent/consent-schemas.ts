import { z } from 'zod'
import { consentRecordSchema } from '../policy/policy-schemas.js'
import { API_CONSENT_SOURCES, CONSENT_SCOPES, CONSENT_STATES } from './consent.js'

export const recordConsentRequest = z
  .object({
    purpose: z.string().min(1).max(64).describe('A configured purpose, e.g. `personalization`'),
    state: z.enum(CONSENT_STATES).describe('granted, denied or withdrawn'),
    scope: z
      .enum(CONSENT_SCOPES)
      .default('brand')
      .describe(
        "`brand` (default): this brand only; `all_brands`: a choice the person made on this brand's notice for every brand",
      ),
    source: z
      .enum(API_CONSENT_SOURCES)
      .default('api')
      .describe(
        'api (default) or import; tcf, gpp, gpc, segment and control_center are recorded by their own endpoints',
      ),
    evidence: z
      .string()
      .max(10_000)
      .optional()
      .describe('Evidence of the choice, e.g. the notice text version or a TC string'),
    sensitiveCategory: z
      .string()
      .max(128)
      .optional()
      .describe('Explicit opt-in (or its withdrawal) for one sensitive data category'),
    sensitiveTopic: z
      .string()
      .max(128)
      .optional()
      .describe('Explicit opt-in (or its withdrawal) for one sensitive interest topic'),
  })
  .strict()
  .describe('A consent choice')

export const recordConsentResponse = z
  .object({
    personId: z.string().describe("The person's pseudonym at this brand"),
    recorded: consentRecordSchema.describe('The ledger entry written'),
  })
  .describe('The entry written')

export const consentStateResponse = z
  .object({
    personId: z.string().describe("The person's pseudonym at this brand"),
    brand: z.string().describe('The requesting brand'),
    current: z
      .array(
        z.object({
          purpose: z.string().describe('Purpose'),
          granted: z.boolean().describe('Whether the purpose may be used now'),
          state: z.string().describe('granted, denied, withdrawn, or default (no choice recorded)'),
          consentId: z.string().nullable().describe('The entry that decided it'),
          source: z.string().nullable().describe('Its source'),
          recordedAt: z.string().nullable().describe('When'),
        }),
      )
      .describe('Current state per purpose at this brand'),
    sensitive: z
      .array(consentRecordSchema)
      .describe('Current explicit choices for sensitive categories and topics'),
    history: z
      .array(consentRecordSchema)
      .describe('Ledger entries that apply to this brand, oldest first (one page)'),
    nextCursor: z.string().nullable().describe('Cursor of the next page of history, or null'),
  })
  .describe('Consent at this brand')

export const consentSignalRequest = z
  .object({
    tcString: z.string().min(1).max(10_240).optional().describe('An IAB TCF v2.2 TC string from the CMP'),
    gppString: z.string().min(1).max(10_240).optional().describe('An IAB GPP string from the CMP'),
  })
  .strict()
  .refine((b) => (b.tcString === undefined) !== (b.gppString === undefined), {
    message: 'give exactly one of tcString or gppString',
    path: ['tcString'],
  })
  .describe('A consent signal')

export const consentSignalResponse = z
  .object({
    personId: z.string().describe("The person's pseudonym at this brand"),
    kind: z.enum(['tcf', 'gpp']).describe('What was decoded'),
    cmpId: z.number().nullable().describe('The CMP id in the signal'),
    policyVersion: z.number().nullable().describe('TCF policy version in the signal'),
    vendorConsent: z
      .boolean()
      .nullable()
      .describe("Consent for the organization's own vendor id, when configured"),
    recorded: z
      .array(consentRecordSchema)
      .describe('Ledger entries written (source tcf or gpp, the raw string as evidence)'),
    skipped: z
      .array(
        z.object({
          purpose: z.string().describe('Purpose'),
          reason: z.string().describe('Why the choice was not taken, e.g. gpc-opt-out-is-newer'),
        }),
      )
      .describe('Choices of the signal the ledger did not take'),
  })
  .describe('What the signal recorded')
