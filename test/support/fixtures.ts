import type { Candor } from '../../src/app/create-candor.js'
import type { PersonRef } from '../../src/kernel/person-ref.js'
import type { ConsentChoice, ConsentRecord } from '../../src/modules/consent/index.js'

/**
 * A ledger entry for tests: a brand-scoped personalization grant through the API, recorded at
 * time 0; every field can be overridden.
 */
export function consentRecord(over: Partial<ConsentRecord> = {}): ConsentRecord {
  return {
    id: 'cns_test',
    personId: 'p',
    scope: 'brand',
    brandId: 'a',
    capturedBy: 'a',
    purpose: 'personalization',
    state: 'granted',
    sensitiveCategory: null,
    sensitiveTopic: null,
    source: 'api',
    basis: 'consent',
    evidence: null,
    policyVersion: '1',
    recordedAt: 0,
    recordedSeq: 0,
    ...over,
  }
}

/** Records a person's personalization choice at a brand through the consent service (actor `test`). */
export function recordPersonalization(
  candor: Pick<Candor, 'consent'>,
  brandId: string,
  ref: PersonRef,
  state: ConsentChoice['state'] = 'granted',
): Promise<{ personId: string }> {
  return candor.consent.record({
    brandId,
    ref,
    actor: 'test',
    choices: [{ purpose: 'personalization', state }],
  })
}
