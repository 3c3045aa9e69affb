import type { KeyRing } from '../../crypto/key-ring.js'
import type { Clock } from '../../kernel/clock.js'
import { newId } from '../../kernel/ids.js'
import type { Transactor } from '../../kernel/transactor.js'
import type { AuditService, AuditUnit } from '../audit/index.js'
import type { ConsentStore } from '../consent/index.js'
import type { DataItemStore } from '../data-items/person-data.js'
import type { PersonService, PersonStore } from '../persons/index.js'

export interface ErasureUnit extends AuditUnit {
  readonly persons: PersonStore
  readonly dataItems: DataItemStore
  readonly consent: ConsentStore
}

/**
 * A table of person data that erasure must purge. Modules that add person data (events,
 * interests, decisions) register one, so erasure stays complete as the product grows.
 */
export interface ErasurePart {
  readonly table: string
  /** Runs before anything is shredded, e.g. to drop the person's rows still buffered in memory. */
  before?(personId: string): Promise<void>
  /** Key ids referenced by the person's rows at these brands (all when undefined). */
  keyIds?(stores: unknown, personId: string, brandIds: readonly string[] | undefined): Promise<string[]>
  purge(stores: unknown, personId: string, brandIds: readonly string[] | undefined): Promise<number>
}

/** What an erasure removed, where and when: the answer to the person's request. */
export interface ErasureReceipt {
  readonly erasureId: string
  /** The person as the audit log names them (pseudonymous). */
  readonly subject: string
  readonly scope: 'brand' | 'all_brands'
  readonly brands: readonly string[]
  readonly requestedAt: string
  readonly keysDestroyedAt: string
  readonly completedAt: string
  readonly keysDestroyed: number
  readonly removed: readonly { readonly table: string; readonly count: number }[]
  readonly suppressed: boolean
}

export interface StorageFlush {
  flushDestroyedKeys(): Promise<void>
  flushPurgedData(): Promise<void>
}

/**
 * Erasure: crypto-shred first (destroy the data keys, so copies in backups become unreadable),
 * then purge rows, then leave a pseudonymous audit record.
 */
export class ErasureService {
  private readonly parts: ErasurePart[] = []

  constructor(
    private readonly tx: Transactor<ErasureUnit>,
    private readonly persons: PersonService,
    private readonly keys: Pick<KeyRing, 'shred' | 'shredById'>,
    private readonly audit: AuditService,
    private readonly storage: StorageFlush,
    private readonly clock: Clock,
  ) {}

  /** Adds a table of person data to purge (events, interests, decisions…). */
  register(part: ErasurePart): void {
    this.parts.push(part)
  }

  /**
   * Erases the person at `brandId`, or everywhere when `allBrands`. With `suppress`, keyed
   * hashes of the identifiers are kept so later data for them is refused.
   */
  async erase(input: {
    personId: string
    brandId: string
    allBrands: boolean
    suppress: boolean
    actor: string
  }): Promise<ErasureReceipt> {
    const requestedAt = this.clock.now()
    const s = this.tx.stores
    const identities = await s.persons.identities(input.personId)
    const items = await s.dataItems.forPerson(input.personId)
    const brands = input.allBrands
      ? [
          ...new Set([...identities.map((i) => i.brandId), ...items.map((i) => i.brandId), input.brandId]),
        ].sort()
      : [input.brandId]
    const scopeBrands = input.allBrands ? undefined : brands
    const subject = await this.persons.auditSubject(input.personId)

    for (const part of this.parts) await part.before?.(input.personId)
    // 1. Shred: keys filed under the person, and any key a row of theirs points at.
    const referenced = new Set(await s.dataItems.keyIds(input.personId, scopeBrands))
    for (const part of this.parts)
      for (const k of (await part.keyIds?.(s, input.personId, scopeBrands)) ?? []) referenced.add(k)
    const destroyed = new Set([
      ...(await this.keys.shred(input.personId, scopeBrands)),
      ...(await this.keys.shredById([...referenced])),
    ])
    await this.storage.flushDestroyedKeys()
    const keysDestroyedAt = this.clock.now()

    // 2. Purge rows, suppress, audit — one transaction.
    const suppression = new Map<string, string[]>()
    if (input.suppress) {
      for (const i of identities.filter((x) => brands.includes(x.brandId))) {
        suppression.set(i.brandId, [
          ...(suppression.get(i.brandId) ?? []),
          await this.persons.suppressionHash(i.kind, i.value),
        ])
      }
    }
    const erasureId = newId('ers')
    const removed = await this.tx.transaction(async (t) => {
      const counts: { table: string; count: number }[] = []
      for (const part of this.parts)
        counts.push({ table: part.table, count: await part.purge(t, input.personId, scopeBrands) })
      counts.push({ table: 'data_items', count: await t.dataItems.purge(input.personId, scopeBrands) })
      counts.push({ table: 'consent_records', count: await t.consent.purge(input.personId, scopeBrands) })
      const p = await t.persons.purge(input.personId, brands)
      counts.push(
        { table: 'identities', count: p.identities },
        { table: 'email_links', count: p.emailLinks },
        { table: 'persons', count: p.persons },
      )
      for (const [brand, hashes] of suppression)
        await t.persons.addSuppressions(brand, hashes, this.clock.now())
      await this.audit.appendIn(t, [
        {
          actor: input.actor,
          action: 'person.erase',
          brandId: input.brandId,
          purpose: null,
          subject,
          itemIds: [],
          details: {
            erasureId,
            scope: input.allBrands ? 'all_brands' : 'brand',
            brands,
            removed: counts,
            keysDestroyed: destroyed.size,
            suppressed: input.suppress,
          },
        },
      ])
      return counts
    })
    await this.storage.flushPurgedData()
    return {
      erasureId,
      subject,
      scope: input.allBrands ? 'all_brands' : 'brand',
      brands,
      requestedAt: new Date(requestedAt).toISOString(),
      keysDestroyedAt: new Date(keysDestroyedAt).toISOString(),
      completedAt: new Date(this.clock.now()).toISOString(),
      keysDestroyed: destroyed.size,
      removed,
      suppressed: input.suppress,
    }
  }
}
