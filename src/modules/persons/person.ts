import type { PersonRef } from '../../kernel/person-ref.js'

/** One identity of a person at a brand: the brand's userId or an anonymousId. */
export interface Identity {
  readonly id: string
  readonly personId: string
  readonly brandId: string
  readonly kind: PersonRef['kind']
  readonly value: string
  readonly pseudonym: string
  readonly createdAt: number
}

/** What an erasure removed from the persons tables. */
export interface PersonPurgeCounts {
  readonly identities: number
  readonly emailLinks: number
  readonly persons: number
}
