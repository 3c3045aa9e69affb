import type { KeyRing } from '../../crypto/key-ring.js'
import type { Clock } from '../../kernel/clock.js'
import { CandorError } from '../../kernel/errors.js'
import { newId } from '../../kernel/ids.js'
import type { PersonRef } from '../../kernel/person-ref.js'
import type { PersonStore } from './person-store.js'

export interface PersonUnit {
  readonly persons: PersonStore
}

/** Something else that holds rows per person and must follow a merge (data items, consent, events). */
export interface PersonReassigner {
  reassignPerson(from: string, to: string): Promise<void>
}

type Hasher = Pick<KeyRing, 'keyedHash' | 'reassign'>

/**
 * Persons and their identities per brand. A person is one consumer across brands; brands see
 * only a brand-scoped pseudonym, never the internal id.
 */
export class PersonService {
  constructor(
    private readonly keys: Hasher,
    private readonly store: PersonStore,
    private readonly clock: Clock,
  ) {}

  /** The person this brand knows by `ref`, or undefined. */
  resolve(stores: PersonUnit, brandId: string, ref: PersonRef): Promise<string | undefined> {
    return stores.persons.findByIdentity(brandId, ref.kind, ref.value)
  }

  /** Like `resolve` but throws `person-not-found`. */
  async require(stores: PersonUnit, brandId: string, ref: PersonRef): Promise<string> {
    const id = await this.resolve(stores, brandId, ref)
    if (!id) throw new CandorError('person-not-found', 'no such person at this brand', 'ref')
    return id
  }

  /**
   * The person for `ref`, created (with this identity) when new. Throws `person-suppressed` when
   * the identifiers were erased with suppression.
   */
  async resolveOrCreate(
    stores: PersonUnit,
    brandId: string,
    ref: PersonRef,
  ): Promise<{ personId: string; created: boolean }> {
    const found = await this.resolve(stores, brandId, ref)
    if (found) return { personId: found, created: false }
    if (await stores.persons.isSuppressed(brandId, [await this.suppressionHash(ref.kind, ref.value)])) {
      throw new CandorError(
        'person-suppressed',
        'this person was erased with suppression at this brand',
        'ref',
      )
    }
    const personId = newId('per')
    const now = this.clock.now()
    await stores.persons.createPerson(personId, now)
    const holder = await stores.persons.addIdentity({
      id: newId('idn'),
      personId,
      brandId,
      kind: ref.kind,
      value: ref.value,
      pseudonym: await this.newPseudonym(personId, brandId),
      createdAt: now,
    })
    return { personId: holder, created: holder === personId }
  }

  /**
   * The id a brand sees for this person: different across brands, and stable — the pseudonym
   * of the person's first identity at the brand, kept when persons are merged.
   */
  async pseudonym(
    personId: string,
    brandId: string,
    stores: PersonUnit = { persons: this.store },
  ): Promise<string> {
    return (await stores.persons.pseudonymAt(personId, brandId)) ?? this.newPseudonym(personId, brandId)
  }

  private async newPseudonym(personId: string, brandId: string): Promise<string> {
    return `psn_${(await this.keys.keyedHash('pseudonym', `${personId}|${brandId}`)).slice(0, 32)}`
  }

  /** The person as the audit log names them: a keyed hash, unlinkable once the person is erased. */
  async auditSubject(personId: string): Promise<string> {
    return `sub_${(await this.keys.keyedHash('audit-subject', personId)).slice(0, 32)}`
  }

  async emailHash(email: string): Promise<string> {
    return this.keys.keyedHash('email-hash', email.trim().toLowerCase())
  }

  async suppressionHash(kind: string, value: string): Promise<string> {
    return this.keys.keyedHash('suppression', `${kind}:${value}`)
  }

  /**
   * Links a verified email to the person. When another person already holds it (at any brand),
   * the two are merged into the older one: identities, items and consents move, but every item
   * stays attributed to the brand that collected it. Returns the surviving person id.
   */
  async linkVerifiedEmail(
    stores: PersonUnit,
    personId: string,
    brandId: string,
    email: string,
    reassigners: readonly PersonReassigner[],
  ): Promise<{ personId: string; mergedFrom?: string }> {
    const hash = await this.emailHash(email)
    const holders = (await stores.persons.findByEmailHash(hash)).filter((p) => p !== personId)
    const survivor = holders[0]
    if (survivor === undefined) {
      await stores.persons.addEmailLink(hash, brandId, personId, this.clock.now())
      return { personId }
    }
    for (const r of reassigners) await r.reassignPerson(personId, survivor)
    await this.keys.reassign(personId, survivor)
    await stores.persons.reassign(personId, survivor)
    await stores.persons.addEmailLink(hash, brandId, survivor, this.clock.now())
    return { personId: survivor, mergedFrom: personId }
  }

  identities(stores: PersonUnit, personId: string) {
    return stores.persons.identities(personId)
  }
}
