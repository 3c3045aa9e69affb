import type { KeyRing } from '../../crypto/key-ring.js'
import { remember } from '../../kernel/bounded-map.js'
import type { Clock } from '../../kernel/clock.js'
import { CandorError } from '../../kernel/errors.js'
import { newId } from '../../kernel/ids.js'
import type { PersonRef } from '../../kernel/person-ref.js'
import type { PersonStore } from './person-store.js'

export interface PersonUnit {
  readonly persons: PersonStore
}

/**
 * Moves another module's rows of person `from` to person `to` inside the merge transaction
 * (data items, consent, events, interests). Registered by the composition root, which knows the
 * full set of stores behind `stores`.
 */
export type PersonReassigner = (stores: PersonUnit, from: string, to: string) => Promise<void>

type Hasher = Pick<KeyRing, 'keyedHash'>

/** Audit subjects kept in memory (about 150 bytes each). */
const MAX_SUBJECTS = 50_000

/**
 * Persons and their identities per brand. A person is one consumer across brands; brands see
 * only a brand-scoped pseudonym, never the internal id.
 */
export class PersonService {
  private readonly reassigners: PersonReassigner[] = []

  /** Audit subjects already computed (a keyed hash per audited read otherwise). */
  private readonly subjects = new Map<string, string>()

  constructor(
    private readonly keys: Hasher,
    private readonly store: PersonStore,
    private readonly clock: Clock,
  ) {}

  /** Adds a table of person data that must follow a merge. */
  onMerge(reassigner: PersonReassigner): void {
    this.reassigners.push(reassigner)
  }

  /**
   * Merges person `from` into person `to` in the caller's transaction: every module's rows, the
   * data keys, identities (keeping their pseudonyms) and email links. Items stay attributed to
   * the brand that collected them; consents stay per brand.
   */
  async mergeIn(stores: PersonUnit, from: string, to: string): Promise<void> {
    if (from === to) return
    for (const r of this.reassigners) await r(stores, from, to)
    // Data keys stay filed under `from`: every row names the key it was written with, and erasure shreds
    // the keys its rows reference, so the key store needs no change in this (data) transaction.
    await stores.persons.reassign(from, to)
  }

  /**
   * Adds an identity to an existing person (e.g. the userId an anonymous visitor identified
   * with). Returns the person holding the identity afterwards (another person may hold it already).
   */
  async addIdentityIn(
    stores: PersonUnit,
    personId: string,
    brandId: string,
    ref: PersonRef,
  ): Promise<string> {
    return stores.persons.addIdentity({
      id: newId('idn'),
      personId,
      brandId,
      kind: ref.kind,
      value: ref.value,
      pseudonym: await this.pseudonym(personId, brandId, stores),
      createdAt: this.clock.now(),
    })
  }

  /** Whether any of these identities was erased with suppression at the brand. */
  async isSuppressed(stores: PersonUnit, brandId: string, refs: readonly PersonRef[]): Promise<boolean> {
    if (refs.length === 0) return false
    return stores.persons.isSuppressed(
      brandId,
      await Promise.all(refs.map((r) => this.suppressionHash(r.kind, r.value))),
    )
  }

  /**
   * Which of these identities were erased with suppression at the brand, as `kind:value` keys
   * (one query for all of them). Empty when none.
   */
  async suppressedRefs(
    stores: PersonUnit,
    brandId: string,
    refs: readonly PersonRef[],
  ): Promise<Set<string>> {
    const unique = new Map(refs.map((r) => [`${r.kind}:${r.value}`, r]))
    if (unique.size === 0) return new Set()
    const byHash = new Map<string, string>()
    for (const [key, r] of unique) byHash.set(await this.suppressionHash(r.kind, r.value), key)
    const hit = await stores.persons.suppressedAmong(brandId, [...byHash.keys()])
    return new Set([...hit].map((h) => byHash.get(h) as string))
  }

  /** The person this brand knows by `ref`, or undefined. */
  resolve(stores: PersonUnit, brandId: string, ref: PersonRef): Promise<string | undefined> {
    return stores.persons.findByIdentity(brandId, ref.kind, ref.value)
  }

  /** The persons holding these identities at the brand (one query per kind); missing refs are absent. */
  async resolveMany(
    stores: PersonUnit,
    brandId: string,
    refs: readonly PersonRef[],
  ): Promise<Map<string, string>> {
    const out = new Map<string, string>()
    for (const kind of ['user', 'anonymous'] as const) {
      const values = [...new Set(refs.filter((r) => r.kind === kind).map((r) => r.value))]
      if (values.length === 0) continue
      for (const [value, personId] of await stores.persons.findManyByIdentity(brandId, kind, values))
        out.set(`${kind}:${value}`, personId)
    }
    return out
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
    return this.createIn(stores, brandId, ref)
  }

  /**
   * A new person holding `ref`, for a caller that has just found, in this transaction, that no
   * one holds `ref` at the brand and that it is not suppressed (ingestion checks a whole request
   * at once); `resolveOrCreate` does both checks itself. If another transaction added the
   * identity meanwhile, returns its holder instead (the new person row is dropped) with
   * `created: false`.
   */
  async createIn(
    stores: PersonUnit,
    brandId: string,
    ref: PersonRef,
  ): Promise<{ personId: string; created: boolean }> {
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
    // Another request created this identity meanwhile: drop the person row made for nothing.
    if (holder !== personId) await stores.persons.deletePerson(personId)
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
    const known = this.subjects.get(personId)
    if (known) return known
    const subject = `sub_${(await this.keys.keyedHash('audit-subject', personId)).slice(0, 32)}`
    remember(this.subjects, personId, subject, MAX_SUBJECTS)
    return subject
  }

  /** Drops what this process keeps about the person (erasure). */
  forget(personId: string): void {
    this.subjects.delete(personId)
  }

  async emailHash(email: string): Promise<string> {
    return this.keys.keyedHash('email-hash', email.trim().toLowerCase())
  }

  async suppressionHash(kind: string, value: string): Promise<string> {
    return this.keys.keyedHash('suppression', `${kind}:${value}`)
  }

  /**
   * Links a verified email to the person. When another person already holds it (at any brand),
   * the two are merged into the person who linked the email first: identities, items and consents move, but every item
   * stays attributed to the brand that collected it. Returns the surviving person id.
   */
  async linkVerifiedEmail(
    stores: PersonUnit,
    personId: string,
    brandId: string,
    email: string,
  ): Promise<{ personId: string; mergedFrom?: string }> {
    const hash = await this.emailHash(email)
    const holders = (await stores.persons.findByEmailHash(hash)).filter((p) => p !== personId)
    const survivor = holders[0]
    if (survivor === undefined) {
      await stores.persons.addEmailLink(hash, brandId, personId, this.clock.now())
      return { personId }
    }
    await this.mergeIn(stores, personId, survivor)
    await stores.persons.addEmailLink(hash, brandId, survivor, this.clock.now())
    return { personId: survivor, mergedFrom: personId }
  }

  identities(stores: PersonUnit, personId: string) {
    return stores.persons.identities(personId)
  }
}
