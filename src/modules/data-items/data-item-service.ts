import type { KeyRing, PendingKeys } from '../../crypto/key-ring.js'
import type { Clock } from '../../kernel/clock.js'
import { didYouMean } from '../../kernel/did-you-mean.js'
import { CandorError, unknownPurpose } from '../../kernel/errors.js'
import { newId } from '../../kernel/ids.js'
import type { PersonRef } from '../../kernel/person-ref.js'
import type { Transactor } from '../../kernel/transactor.js'
import type { AuditService, AuditUnit } from '../audit/index.js'
import type { PersonService, PersonUnit } from '../persons/index.js'
import type { DataCategoryTaxonomy } from './data-categories.js'
import { type DataSource, type ItemValue, itemContext, type StoredDataItem } from './data-item.js'
import type { DataItemStore } from './data-item-store.js'

export interface DataItemUnit extends PersonUnit, AuditUnit {
  readonly dataItems: DataItemStore
}

/** One fact to store, as the API hands it over. */
export interface DataItemInput {
  readonly key: string
  readonly value: ItemValue
  readonly category: string
  readonly source: DataSource
  readonly expiresAt?: number | undefined
  readonly confidence?: number | undefined
  readonly verified?: boolean | undefined
  readonly purpose?: string | undefined
  readonly provenance?: string | undefined
}

export interface WriteResult {
  readonly personId: string
  readonly itemIds: readonly string[]
  readonly created: boolean
  readonly linked: boolean
}

/** Writes data items: encrypted per (person, collecting brand), all-or-nothing, audited. */
export class DataItemService {
  constructor(
    private readonly tx: Transactor<DataItemUnit>,
    private readonly persons: PersonService,
    private readonly keys: Pick<KeyRing, 'dataKeyFor' | 'encrypt'>,
    private readonly audit: AuditService,
    private readonly categories: DataCategoryTaxonomy,
    private readonly purposes: readonly string[],
    private readonly clock: Clock,
  ) {}

  /**
   * Stores the items for the person this brand knows by `ref` (created when new) in one
   * transaction. A verified `user.contact.email` links the person to the same person at other
   * brands. Throws `unknown-category` naming `items[i].category`; nothing is written then.
   */
  async write(input: {
    brandId: string
    ref: PersonRef
    actor: string
    items: readonly DataItemInput[]
  }): Promise<WriteResult> {
    input.items.forEach((item, i) => {
      if (!this.categories.has(item.category)) {
        throw new CandorError(
          'unknown-category',
          `unknown data category "${item.category}"${didYouMean(
            item.category,
            this.categories.list().map((c) => c.name),
          )} GET /v1/categories lists them.`,
          `items[${i}].category`,
        )
      }
      if (item.purpose !== undefined && !this.purposes.includes(item.purpose)) {
        throw unknownPurpose(item.purpose, this.purposes, `items[${i}].purpose`)
      }
      if (item.confidence !== undefined && item.source !== 'inferred') {
        throw new CandorError(
          'invalid-request',
          'confidence applies to inferred items only',
          `items[${i}].confidence`,
        )
      }
    })
    const keys = new Set<string>()
    input.items.forEach((item, i) => {
      if (keys.has(item.key))
        throw new CandorError('invalid-request', 'the same key appears twice in one write', `items[${i}].key`)
      keys.add(item.key)
    })
    return this.tx.transaction((stores) => this.writeIn(stores, input))
  }

  /**
   * The write inside the caller's transaction (ingestion stores identify traits this way). Does
   * not validate categories: call `write` for untrusted input, or pass only taxonomy categories.
   */
  async writeIn(
    stores: DataItemUnit,
    input: {
      brandId: string
      ref: PersonRef
      actor: string
      items: readonly DataItemInput[]
      personId?: string
      /** Ingestion re-sends identify traits: a person's earlier rejection must hold. */
      keepRejections?: boolean
      /**
       * Keys created for this unit of work, stored by its caller before the commit (ingestion):
       * a person new in the request gets one data key, not one per writer.
       */
      pendingKeys?: PendingKeys
    },
  ): Promise<WriteResult> {
    const resolved = input.personId
      ? { personId: input.personId, created: false }
      : await this.persons.resolveOrCreate(stores, input.brandId, input.ref)
    let personId = resolved.personId
    let linked = false
    for (const item of input.items) {
      if (item.verified && item.category === 'user.contact.email' && typeof item.value === 'string') {
        const link = await this.persons.linkVerifiedEmail(stores, personId, input.brandId, item.value)
        linked ||= link.mergedFrom !== undefined
        personId = link.personId
      }
    }
    const dk = await this.keys.dataKeyFor(personId, input.brandId, input.pendingKeys, (p) =>
      stores.persons.versionOf(p),
    )
    const now = this.clock.now()
    const rows: StoredDataItem[] = input.items.map((item) => ({
      id: newId('itm'),
      personId,
      brandId: input.brandId,
      key: item.key,
      category: item.category,
      source: item.source,
      valueCt: this.keys.encrypt(dk, JSON.stringify(item.value), itemContext(input.brandId, item.key)),
      keyId: dk.keyId,
      purpose: item.purpose ?? null,
      collectedAt: now,
      updatedAt: now,
      expiresAt: item.expiresAt ?? null,
      confidence: item.confidence ?? null,
      verified: item.verified ?? false,
      rejectedAt: null,
      provenance: item.provenance ?? null,
      // A stated value written through the API is the person saying it again: it lifts a rejection.
      clearsRejection: item.source === 'stated' && !input.keepRejections,
    }))
    const itemIds = await stores.dataItems.upsert(rows)
    const subject = await this.persons.auditSubject(personId)
    await this.audit.appendIn(stores, [
      {
        actor: input.actor,
        action: 'data-items.write',
        brandId: input.brandId,
        purpose: null,
        subject,
        itemIds,
        details: { count: itemIds.length, categories: [...new Set(rows.map((r) => r.category))], linked },
      },
    ])
    return { personId, itemIds, created: resolved.created, linked }
  }

  /** Records the person's rejection of one of this brand's items; it never appears in a view again until rewritten. */
  async reject(input: { brandId: string; ref: PersonRef; actor: string; itemId: string }): Promise<void> {
    await this.tx.transaction(async (stores) => {
      const personId = await this.persons.require(stores, input.brandId, input.ref)
      if (!(await stores.dataItems.reject(personId, input.brandId, input.itemId, this.clock.now()))) {
        throw new CandorError('not-found', 'no such data item for this person at this brand', 'itemId')
      }
      await this.audit.appendIn(stores, [
        {
          actor: input.actor,
          action: 'data-items.reject',
          brandId: input.brandId,
          purpose: null,
          subject: await this.persons.auditSubject(personId),
          itemIds: [input.itemId],
          details: {},
        },
      ])
    })
  }

  /**
   * Deletes every data item past its expiry (the retention the brand's collection plan declares,
   * or an expiry given on write), in one transaction with its audit entries: `retention.purge`
   * per brand with the count, and one for the run (brand null) with the total. The policy engine
   * already hid these items from the moment they expired; this removes them.
   */
  async purgeExpired(actor: string): Promise<{ dataItems: number; brands: Record<string, number> }> {
    const now = this.clock.now()
    return this.tx.transaction(async (stores) => {
      const counts = await stores.dataItems.purgeExpired(now)
      const brands = Object.fromEntries(counts)
      const total = [...counts.values()].reduce((a, b) => a + b, 0)
      await this.audit.appendIn(stores, [
        ...[...counts].map(([brandId, n]) => ({
          actor,
          action: 'retention.purge',
          brandId,
          purpose: null,
          subject: null,
          itemIds: [],
          details: { dataItems: n, before: now },
        })),
        {
          actor,
          action: 'retention.purge',
          brandId: null,
          purpose: null,
          subject: null,
          itemIds: [],
          details: { dataItems: total, brands: counts.size, before: now },
        },
      ])
      return { dataItems: total, brands }
    })
  }
}
