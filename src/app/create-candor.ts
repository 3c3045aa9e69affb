import { hostname } from 'node:os'
import type { Kysely } from 'kysely'
import type { Config } from '../config/config-schema.js'
import { KeyRing } from '../crypto/key-ring.js'
import { KyselyKeyStore } from '../crypto/kysely-key-store.js'
import { envMasterKeySource, fileMasterKeySource, type MasterKeySource } from '../crypto/master-key-source.js'
import { type Clock, systemClock } from '../kernel/clock.js'
import { FileAnchorStore } from '../modules/audit/file-anchor-store.js'
import { AuditService, type AuditStore } from '../modules/audit/index.js'
import { KyselyAuditStore } from '../modules/audit/kysely-audit-store.js'
import { BrandService, type BrandStore } from '../modules/brands/index.js'
import { KyselyBrandStore } from '../modules/brands/kysely-brand-store.js'
import {
  ConsentService,
  ConsentSignalService,
  type ConsentStore,
  createSignalMapping,
  type SignalMappingOverrides,
} from '../modules/consent/index.js'
import { KyselyConsentStore } from '../modules/consent/kysely-consent-store.js'
import {
  createDataCategoryTaxonomy,
  DataItemService,
  type DataItemStore,
} from '../modules/data-items/index.js'
import { KyselyDataItemStore } from '../modules/data-items/kysely-data-item-store.js'
import { ErasureService } from '../modules/erasure/index.js'
import { IdempotencyService, type IdempotencyStore } from '../modules/idempotency/index.js'
import { KyselyIdempotencyStore } from '../modules/idempotency/kysely-idempotency-store.js'
import { ApiKeyService, type ApiKeyStore } from '../modules/keys/index.js'
import { KyselyApiKeyStore } from '../modules/keys/kysely-api-key-store.js'
import { PersonService, type PersonStore } from '../modules/persons/index.js'
import { KyselyPersonStore } from '../modules/persons/kysely-person-store.js'
import { PolicyService } from '../modules/policy/index.js'
import { createStorage, type Storage } from '../storage/create-db.js'
import type { DataDatabase } from '../storage/database.js'
import { createTransactor } from '../storage/transactor.js'

/** Every store, bound to one connection or transaction. */
export interface Stores {
  readonly brands: BrandStore
  readonly apiKeys: ApiKeyStore
  readonly persons: PersonStore
  readonly dataItems: DataItemStore
  readonly consent: ConsentStore
  readonly audit: AuditStore
  readonly idempotency: IdempotencyStore
}

export interface Logger {
  warn(obj: object, msg: string): void
  info(obj: object, msg: string): void
}

export interface CandorOptions {
  readonly clock?: Clock
  readonly logger?: Logger
  /** Replaces the master-key source (tests). */
  readonly masterKeySource?: MasterKeySource
}

/** The composition root: every service wired once, for the server and the CLI alike. */
export interface Candor {
  readonly config: Config
  readonly storage: Storage
  readonly clock: Clock
  readonly keyRing: KeyRing
  readonly brands: BrandService
  readonly apiKeys: ApiKeyService
  readonly persons: PersonService
  readonly consent: ConsentService
  readonly consentSignals: ConsentSignalService
  readonly dataItems: DataItemService
  readonly policy: PolicyService
  readonly audit: AuditService
  readonly erasure: ErasureService
  readonly idempotency: IdempotencyService
  readonly categories: ReturnType<typeof createDataCategoryTaxonomy>
  readonly stores: Stores
  transaction<T>(fn: (s: Stores) => Promise<T>): Promise<T>
  /** Flushes the audit buffer and closes the databases. */
  close(): Promise<void>
}

const silentLogger: Logger = { warn: () => {}, info: () => {} }

export function masterKeySourceFor(config: Config): MasterKeySource {
  return config.masterKey
    ? envMasterKeySource(config.masterKey, config.newMasterKey)
    : fileMasterKeySource(config.dataDir)
}

export async function createCandor(config: Config, options: CandorOptions = {}): Promise<Candor> {
  const clock = options.clock ?? systemClock
  const log = options.logger ?? silentLogger
  const storage = await createStorage(config)
  try {
    const keyRing = await KeyRing.open(
      new KyselyKeyStore(storage.keys),
      options.masterKeySource ?? masterKeySourceFor(config),
      clock,
    )
    const bind = (db: Kysely<DataDatabase>): Stores => ({
      brands: new KyselyBrandStore(db),
      apiKeys: new KyselyApiKeyStore(db),
      persons: new KyselyPersonStore(db),
      dataItems: new KyselyDataItemStore(db),
      consent: new KyselyConsentStore(db),
      audit: new KyselyAuditStore(db, storage.helpers),
      idempotency: new KyselyIdempotencyStore(db),
    })
    const tx = createTransactor(storage.data, storage.helpers, bind)
    const categories = createDataCategoryTaxonomy(config.categories)
    const audit = new AuditService(
      tx,
      new FileAnchorStore(config.dataDir),
      clock,
      config.auditFlushMs,
      `${hostname()}:${process.pid}`,
      log,
    )
    const brands = new BrandService(tx.stores.brands, clock)
    const persons = new PersonService(keyRing, tx.stores.persons, clock)
    const consent = new ConsentService(
      tx,
      persons,
      audit,
      {
        purposes: config.purposes,
        policyVersion: config.policyVersion,
        hasCategory: (c) => categories.has(c),
        isSensitiveCategory: (c) => categories.isSensitive(c),
      },
      clock,
    )
    let mapping: ReturnType<typeof createSignalMapping>
    try {
      mapping = createSignalMapping(config.signalMapping as SignalMappingOverrides)
    } catch (error) {
      throw new Error(
        `invalid setting signalMapping: ${error instanceof Error ? error.message : String(error)}`,
      )
    }
    const candor: Candor = {
      config,
      storage,
      clock,
      keyRing,
      brands,
      apiKeys: new ApiKeyService(tx.stores.apiKeys, brands, clock),
      persons,
      consent,
      consentSignals: new ConsentSignalService(tx, consent, persons, mapping, config.tcfVendorId, clock),
      dataItems: new DataItemService(
        tx,
        persons,
        keyRing,
        audit,
        categories,
        Object.keys(config.purposes),
        clock,
      ),
      policy: new PolicyService(
        tx,
        persons,
        consent,
        keyRing,
        audit,
        categories,
        config.confidenceThreshold,
        clock,
      ),
      audit,
      erasure: new ErasureService(tx, persons, keyRing, audit, storage, clock),
      idempotency: new IdempotencyService(
        tx.stores.idempotency,
        config.idempotencyTtlHours * 3_600_000,
        clock,
      ),
      categories,
      stores: tx.stores,
      transaction: (fn) => tx.transaction(fn),
      async close() {
        await audit.close()
        await storage.close()
      },
    }
    return candor
  } catch (error) {
    await storage.close()
    throw error
  }
}
