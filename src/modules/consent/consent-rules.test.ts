import { describe, expect, it } from 'vitest'
import type { ConsentRules } from './consent-service.js'

describe('ConsentRules', () => {
  it('requires the sensitive-topic check (a service without it would record any topic opt-in)', () => {
    // @ts-expect-error isSensitiveTopic and hasTopic are required: the typecheck fails if they become optional
    const rules: ConsentRules = {
      purposes: {},
      policyVersion: '1',
      isSensitiveCategory: () => false,
      hasCategory: () => false,
    }
    expect(rules.policyVersion).toBe('1')
  })
})
