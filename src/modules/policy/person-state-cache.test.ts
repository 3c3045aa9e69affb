import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { consentRecord } from '../../../test/support/fixtures.js'
import type { PersonRef } from '../../kernel/person-ref.js'
import { ConsentState } from '../consent/index.js'
import { PersonStateCache, type PersonStateSource } from './person-state-cache.js'

/**
 * A database in miniature, with the triggers' contract: a person's version changes whenever their
 * ledger or one of their identities changes, and disappears with the person.
 */
class World {
  readonly identities = new Map<string, string>()
  readonly versions = new Map<string, number>()
  readonly ledgers = new Map<string, number>()
  private nextPerson = 0
  reads = 0
  /** Runs before each read, once: a write committed by another process between two reads. */
  interleave: (() => void) | undefined

  addPerson(ref: string): string {
    const id = `p${this.nextPerson++}`
    this.versions.set(id, 1)
    this.ledgers.set(id, 0)
    this.identities.set(ref, id)
    return id
  }

  changeLedger(personId: string): void {
    if (!this.versions.has(personId)) return
    this.ledgers.set(personId, (this.ledgers.get(personId) ?? 0) + 1)
    this.bump(personId)
  }

  /** A merge: the reference moves to another person (both versions change). */
  repoint(ref: string, to: string): void {
    const from = this.identities.get(ref)
    if (from === undefined || !this.versions.has(to)) return
    this.identities.set(ref, to)
    this.bump(from)
    this.bump(to)
  }

  erase(personId: string): void {
    for (const [ref, p] of this.identities) if (p === personId) this.identities.delete(ref)
    this.versions.delete(personId)
    this.ledgers.delete(personId)
  }

  /** What a fresh read gives: the person and their ledger's generation. */
  truth(ref: string): { personId: string; ledger: number } | undefined {
    const personId = this.identities.get(ref)
    return personId === undefined ? undefined : { personId, ledger: this.ledgers.get(personId) ?? -1 }
  }

  source(): PersonStateSource {
    const read = <T>(f: () => T): Promise<T> => {
      this.reads++
      const before = this.interleave
      this.interleave = undefined
      before?.()
      return Promise.resolve(f())
    }
    return {
      resolve: (_brand, ref) =>
        read(() => {
          const personId = this.identities.get(ref.value)
          return personId === undefined ? undefined : { personId, version: this.versions.get(personId) }
        }),
      versionOf: (personId) => read(() => this.versions.get(personId)),
      consentOf: (personId) =>
        read(
          () =>
            new ConsentState(
              [consentRecord({ personId, id: `gen-${this.ledgers.get(personId) ?? -1}` })],
              {},
            ),
        ),
    }
  }

  /** The reads one use of the cache makes for a reference. */
  async readsFor(cache: PersonStateCache, value: string): Promise<number> {
    this.reads = 0
    await cache.get(this.source(), 'a', ref(value))
    return this.reads
  }

  private bump(personId: string): void {
    const v = this.versions.get(personId)
    if (v !== undefined) this.versions.set(personId, v + 1)
  }
}

const ref = (value: string): PersonRef => ({ kind: 'user', value })
const seen = (state: { personId: string; consent: ConsentState } | undefined) =>
  state && {
    personId: state.personId,
    ledger: Number(state.consent.decide('a', 'personalization').record?.id.slice(4)),
  }

const REFS = ['r0', 'r1', 'r2']
type Change =
  | { kind: 'ledger'; ref: number }
  | { kind: 'repoint'; ref: number; to: number }
  | { kind: 'erase'; ref: number }
  | { kind: 'add'; ref: number }

const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ kind: fc.constant('ledger' as const), ref: fc.nat(2) }),
  fc.record({ kind: fc.constant('repoint' as const), ref: fc.nat(2), to: fc.nat(2) }),
  fc.record({ kind: fc.constant('erase' as const), ref: fc.nat(2) }),
  fc.record({ kind: fc.constant('add' as const), ref: fc.nat(2) }),
)

function apply(w: World, c: Change): void {
  const r = REFS[c.ref] ?? 'r0'
  const person = w.identities.get(r)
  if (c.kind === 'ledger' && person) w.changeLedger(person)
  if (c.kind === 'repoint') {
    const to = w.identities.get(REFS[c.to] ?? 'r0')
    if (to) w.repoint(r, to)
  }
  if (c.kind === 'erase' && person) w.erase(person)
  if (c.kind === 'add' && !person) w.addPerson(r)
}

describe('PersonStateCache', () => {
  it('answers like a fresh read after any changes, also those committed between its own reads', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            before: fc.array(change, { maxLength: 3 }),
            // A change committed by another process just before the n-th read of this use.
            during: fc.option(fc.record({ at: fc.nat(4), change }), { nil: undefined }),
            ref: fc.nat(2),
          }),
          { minLength: 1, maxLength: 25 },
        ),
        async (steps) => {
          const w = new World()
          for (const r of REFS) w.addPerson(r)
          const cache = new PersonStateCache(100, () => 0)
          const source = w.source()
          for (const step of steps) {
            for (const c of step.before) apply(w, c)
            const r = REFS[step.ref] ?? 'r0'
            let countdown = step.during?.at ?? -1
            const during = step.during
            const arm = () => {
              w.interleave = () => {
                if (countdown-- === 0 && during) apply(w, during.change)
                else arm()
              }
            }
            if (during) arm()
            await cache.get(source, 'a', ref(r))
            w.interleave = undefined
            // Whatever happened during that use, the next one (with nothing in between) is exact.
            expect(seen(await cache.get(source, 'a', ref(r)))).toEqual(w.truth(r))
          }
        },
      ),
      { numRuns: 300 },
    )
  })

  it('a kept person costs one version read, a new one two reads; size 0 keeps nobody', async () => {
    const w = new World()
    w.addPerson('r0')
    const kept = new PersonStateCache(10, () => 0)
    expect(await w.readsFor(kept, 'r0')).toBe(2)
    expect(await w.readsFor(kept, 'r0')).toBe(1)

    const off = new PersonStateCache(0, () => 0)
    expect(await w.readsFor(off, 'r0')).toBe(2)
    expect(await w.readsFor(off, 'r0')).toBe(2)
    expect(seen(await off.get(w.source(), 'a', ref('r0')))).toEqual(w.truth('r0'))
  })

  it('drops entries after five minutes, and forgets a person on request', async () => {
    const w = new World()
    const p = w.addPerson('r0')
    let now = 0
    const cache = new PersonStateCache(10, () => now)
    expect(await w.readsFor(cache, 'r0')).toBe(2)
    now = 5 * 60_000
    expect(await w.readsFor(cache, 'r0')).toBe(2)
    expect(await w.readsFor(cache, 'r0')).toBe(1)
    cache.forget(p)
    expect(await w.readsFor(cache, 'r0')).toBe(2)
  })

  it('keeps at most its size, dropping the oldest', async () => {
    const w = new World()
    for (const r of REFS) w.addPerson(r)
    const cache = new PersonStateCache(2, () => 0)
    for (const r of REFS) await w.readsFor(cache, r)
    expect(await w.readsFor(cache, 'r2')).toBe(1)
    expect(await w.readsFor(cache, 'r0')).toBe(2)
  })
})
