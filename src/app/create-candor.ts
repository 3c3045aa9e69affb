import { hostname } from 'node:os'
import type { Kysely } from 'kysely'
import type { Config } from '../config/config-schema.js'
import { KeyRing } from '../crypto/key-ring.js'
import { KyselyKeyStore } from '../crypto/kysely-key-store.js'
import { envMasterKeySource, fileMasterKeySource, type MasterKeySource } from '../crypto/master-key-source.js'
import { type Clock, systemClock } from '../kernel/clock.js'
import { CANDOR_VERSION } from '../kernel/version.js'
import { FileAnchorStore } from '../modules/audit/file-anchor-store.js'
import { AuditService, type AuditStore } from '../modules/audit/index.js'
import { KyselyAuditStore } from '../modules/audit/kysely-audit-store.js'
import { BrandService, type BrandStore } from '../modules/brands/index.js'
import { KyselyBrandStore } from '../modules/brands/kysely-brand-store.js'
import { CollectionPlanService, type CollectionPlanStore } from '../modules/collection-plan/index.js'
import { KyselyCollectionPlanStore } from '../modules/collection-plan/kysely-collection-plan-store.js'
import {
  ConsentService,
  ConsentSignalService,
  type ConsentStore,
  createSignalMapping,
  type SignalMappingOverrides,
} from '../modules/consent/index.js'
import { KyselyConsentStore } from '../modules/consent/kysely-consent-store.js'
import { ControlAccessService, type ControlSessionStore } from '../modules/control-center/index.js'
import { KyselyControlSessionStore } from '../modules/control-center/kysely-control-session-store.js'
import { createDataCategoryTaxonomy, DataItemService } from '../modules/data-items/index.js'
import { KyselyDataItemStore } from '../modules/data-items/kysely-data-item-store.js'
import type { DataItemStore } from '../modules/data-items/person-data.js'
import { DecisionService } from '../modules/decisions/index.js'
import { KyselyDecisionStore } from '../modules/decisions/kysely-decision-store.js'
import type { DecisionStore } from '../modules/decisions/person-data.js'
import { ErasureService } from '../modules/erasure/index.js'
import { KyselyEventStore } from '../modules/events/kysely-event-store.js'
import type { EventStore } from '../modules/events/person-data.js'
import { IdempotencyService, type IdempotencyStore } from '../modules/idempotency/index.js'
import { KyselyIdempotencyStore } from '../modules/idempotency/kysely-idempotency-store.js'
import {
  DEFAULT_TRAIT_RULES,
  type IngestInput,
  IngestionService,
  type IngestOutcome,
} from '../modules/ingestion/index.js'
import { createIngestionPipeline, type IngestionPipeline } from '../modules/ingestion/steps/index.js'
import { DEFAULT_JOURNEYS, InterestService, type JourneyConfig } from '../modules/interests/index.js'
import { KyselyInterestStore } from '../modules/interests/kysely-interest-store.js'
import type { InterestStore } from '../modules/interests/person-data.js'
import {
  type CategoryResolver,
  createCategoryResolver,
  createTopicTaxonomy,
  type TopicTaxonomy,
} from '../modules/interests/taxonomy/index.js'
import { ApiKeyService, type ApiKeyStore } from '../modules/keys/index.js'
import { KyselyApiKeyStore } from '../modules/keys/kysely-api-key-store.js'
import { ModelCardService } from '../modules/model-card/index.js'
import { OfferService, type OfferStore } from '../modules/offers/index.js'
import { KyselyOfferStore } from '../modules/offers/kysely-offer-store.js'
import { PersonService, type PersonStore } from '../modules/persons/index.js'
import { KyselyPersonStore } from '../modules/persons/kysely-person-store.js'
import { AGGREGATE_ONLY_PURPOSES, PolicyService } from '../modules/policy/index.js'
import { SegmentService, type SegmentStore } from '../modules/segments/index.js'
import { KyselySegmentStore } from '../modules/segments/kysely-segment-store.js'
import { createStorage, type Storage } from '../storage/create-db.js'
import { prepareDataDir } from '../storage/data-dir.js'
import type { DataDatabase } from '../storage/database.js'
import { createTransactor } from '../storage/transactor.js'
import { WriterCache } from './writer/writer-cache.js'
import { WriterThread } from './writer/writer-client.js'

/** Every store, bound to one connection or transaction. */
export interface Stores {
  readonly brands: BrandStore
  readonly apiKeys: ApiKeyStore
  readonly persons: PersonStore
  readonly dataItems: DataItemStore
  readonly consent: ConsentStore
  readonly audit: AuditStore
  readonly idempotency: IdempotencyStore
  readonly events: EventStore
  readonly interests: InterestStore
  readonly offers: OfferStore
  readonly segments: SegmentStore
  readonly decisions: DecisionStore
  readonly controlSessions: ControlSessionStore
  readonly collectionPlans: CollectionPlanStore
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
  /**
   * A server or a bulk import: commit the hot paths' writes on a writer thread when the config
   * allows it (`writerThread`: auto = SQLite, whose commits block the thread while they fsync).
   */
  readonly writerThread?: boolean
  /**
   * Return before the writer thread is up (a server builds its routes meanwhile, then awaits
   * `started()`); default: wait for it.
   */
  readonly writerInBackground?: boolean
  /** Set by the writer thread for its own Candor (it never starts another). */
  readonly thread?: 'writer'
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
  readonly interests: InterestService
  readonly topics: TopicTaxonomy
  readonly resolver: CategoryResolver
  readonly pipeline: IngestionPipeline
  readonly ingestion: IngestionService
  /** Ingests on the writer thread when there is one, else here. Resolves after the commit. */
  ingest(input: IngestInput): Promise<IngestOutcome>
  readonly offers: OfferService
  /** Segments with moments of review. */
  readonly segments: SegmentService
  readonly decisions: DecisionService
  readonly dataItems: DataItemService
  readonly policy: PolicyService
  /** The model card: what personalization uses, excludes and achieves, from the live configuration. */
  readonly modelCard: ModelCardService
  readonly audit: AuditService
  readonly erasure: ErasureService
  /** Control-center links and sessions. */
  readonly controlAccess: ControlAccessService
  readonly idempotency: IdempotencyService
  /** Collection plans: versions, review, the plan in force at intake, violations. */
  readonly collectionPlans: CollectionPlanService
  readonly categories: ReturnType<typeof createDataCategoryTaxonomy>
  readonly stores: Stores
  transaction<T>(fn: (s: Stores) => Promise<T>): Promise<T>
  /** Resolves once the writer thread (if any) is up; rejects if it could not start. */
  started(): Promise<void>
  /** Why an audit chain of this process (or its writer thread) refuses writes; undefined when sound. */
  auditProblem(): string | undefined
  /** Flushes the audit buffer and closes the databases. */
  close(): Promise<void>
}

/**
 * WAL pages (4 KiB) the writer thread lets accumulate before it checkpoints them into the
 * database file. Index and interest pages that several commits touch are copied once per
 * checkpoint, not once per thousand pages as with SQLite's default.
 */
const WRITER_CHECKPOINT_PAGES = 8000

const silentLogger: Logger = { warn: () => {}, info: () => {} }

export function masterKeySourceFor(config: Config): MasterKeySource {
  return config.masterKey
    ? envMasterKeySource(config.masterKey, config.newMasterKey)
    : fileMasterKeySource(config.dataDir)
}

export async function createCandor(config: Config, options: CandorOptions = {}): Promise<Candor> {
  // The master key (unless given by env), the SQLite files and the audit anchors live there.
  prepareDataDir(config.dataDir)
  const clock = options.clock ?? systemClock
  const log = options.logger ?? silentLogger
  // SQLite commits block the thread while they fsync: writes of the hot paths go to a writer thread.
  const threaded =
    options.writerThread === true &&
    options.thread === undefined &&
    (config.writerThread === 'on' || (config.writerThread === 'auto' && config.databaseUrl === ''))
  const storage = await createStorage(config, {
    // Checkpoints are the writer thread's work, in big steps; the request thread's connections
    // checkpoint only if the WAL grows far past that (a writer thread that stopped).
    walCheckpointPages:
      options.thread === 'writer'
        ? WRITER_CHECKPOINT_PAGES
        : threaded
          ? 4 * WRITER_CHECKPOINT_PAGES
          : undefined,
  })
  let writer: WriterThread | undefined
  try {
    const masterKeys = options.masterKeySource ?? masterKeySourceFor(config)
    const keyRing = await KeyRing.open(new KyselyKeyStore(storage.keys), masterKeys, clock)
    // The writer thread (SQLite) remembers ledgers and interest rows between its transactions.
    const cache =
      options.thread === 'writer' && storage.helpers.kind === 'sqlite' ? new WriterCache() : undefined
    const bind = (db: Kysely<DataDatabase>, inTransaction: boolean): Stores => {
      const stores = bindStores(db)
      return cache
        ? {
            ...stores,
            consent: cache.consentStore(stores.consent, inTransaction),
            interests: cache.interestStore(stores.interests, inTransaction),
          }
        : stores
    }
    const bindStores = (db: Kysely<DataDatabase>): Stores => ({
      brands: new KyselyBrandStore(db),
      apiKeys: new KyselyApiKeyStore(db),
      persons: new KyselyPersonStore(db, storage.helpers),
      dataItems: new KyselyDataItemStore(db),
      consent: new KyselyConsentStore(db),
      audit: new KyselyAuditStore(db, storage.helpers),
      idempotency: new KyselyIdempotencyStore(db),
      events: new KyselyEventStore(db),
      interests: new KyselyInterestStore(db),
      offers: new KyselyOfferStore(db),
      segments: new KyselySegmentStore(db),
      decisions: new KyselyDecisionStore(db),
      controlSessions: new KyselyControlSessionStore(db),
      collectionPlans: new KyselyCollectionPlanStore(db),
    })
    const tx = createTransactor(
      storage.data,
      storage.read,
      storage.helpers,
      bind,
      cache ? { begin: (trx) => cache.begin(trx), failed: () => cache.clear() } : {},
    )
    const categories = createDataCategoryTaxonomy(config.categories)
    const audit = new AuditService(
      tx,
      new FileAnchorStore(config.dataDir, {
        dir: config.auditAnchorDir,
        url: config.auditAnchorUrl,
        log,
        now: () => clock.now(),
      }),
      clock,
      config.auditFlushMs,
      `${hostname()}:${process.pid}${options.thread ? `:${options.thread}` : ''}`,
      log,
      () => keyRing.secretKey('audit-chain'),
    )
    if (storage.helpers.kind === 'postgres') await audit.startChain()
    const brands = new BrandService(tx.stores.brands, clock)
    const persons = new PersonService(keyRing, tx.stores.persons, clock)
    const topics = createTopicTaxonomy({
      topics: config.topics.map((t) => ({ ...t, parent: t.parent ?? undefined })),
    })
    const consent = new ConsentService(
      tx,
      persons,
      audit,
      {
        purposes: config.purposes,
        policyVersion: config.policyVersion,
        hasCategory: (c) => categories.has(c),
        isSensitiveCategory: (c) => categories.isSensitive(c),
        isSensitiveTopic: (t) => topics.has(t) && topics.isSensitive(t),
        hasTopic: (t) => topics.has(t),
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
    const resolver = createCategoryResolver(topics, { rules: config.categoryRules })
    const interestModel = {
      halfLifeDays: config.interestHalfLifeDays,
      minDistinctDays: config.interestMinDays,
      weights: config.signalWeights,
      journeys: journeyConfig(config),
    }
    const consentSignals = new ConsentSignalService(tx, consent, persons, mapping, config.tcfVendorId, clock)
    const dataItems = new DataItemService(
      tx,
      persons,
      keyRing,
      audit,
      categories,
      Object.keys(config.purposes),
      clock,
    )
    const interests = new InterestService(tx, persons, consent, keyRing, topics, interestModel, audit, clock)
    const erasure = new ErasureService(tx, persons, keyRing, audit, storage, clock)
    // The composition root knows that every `stores` handed around is the full Stores bag.
    const full = (s: unknown) => s as Stores
    consent.onRecordedIn((s, personId, brandId, records) =>
      interests.onConsentIn(full(s), personId, brandId, records),
    )
    persons.onMerge(async (s, from, to) => {
      const st = full(s)
      await st.dataItems.reassignPerson(from, to)
      await st.consent.reassignPerson(from, to)
      await st.events.reassignPerson(from, to)
      await st.interests.reassignPerson(from, to)
      await st.decisions.reassignPerson(from, to)
      await st.controlSessions.reassignPerson(from, to)
      // Derived data follows its sources: the merged history counts toward the survivor's interests.
      const brandsOf = new Set(
        (await st.events.brandsOf(to)).concat((await st.persons.identities(to)).map((i) => i.brandId)),
      )
      for (const b of brandsOf) await interests.recomputeIn(st, to, b)
    })
    erasure.register({
      table: 'events',
      keyIds: (s, personId, brandIds) => full(s).events.keyIds(personId, brandIds),
      purge: (s, personId, brandIds) => full(s).events.purge(personId, brandIds),
    })
    erasure.register({
      table: 'decisions',
      before: (personId) => {
        policy.forgetPerson(personId)
        persons.forget(personId)
        return decisions.forget(personId)
      },
      keyIds: (s, personId, brandIds) => full(s).decisions.keyIds(personId, brandIds),
      purge: (s, personId, brandIds) => full(s).decisions.purge(personId, brandIds),
    })
    erasure.register({
      table: 'idempotency',
      purge: (s, personId, brandIds) => full(s).idempotency.purgePerson(personId, brandIds),
    })
    // Erasure ends the person's control-center sessions at the brands erased.
    erasure.register({
      table: 'control_sessions',
      purge: (s, personId, brandIds) => full(s).controlSessions.purge(personId, brandIds),
    })
    erasure.register({
      table: 'interests',
      purge: (s, personId, brandIds) => full(s).interests.purge(personId, brandIds),
    })
    const pipeline = createIngestionPipeline({
      mapCategoryPreferences: (prefs) => ({
        decisions: consentSignals.choicesFromCategoryPreferences(prefs).map((c) => ({
          purpose: c.purpose,
          state: c.state === 'granted' ? 'granted' : 'denied',
        })),
      }),
    })
    const traitRules = new Map(Object.entries({ ...DEFAULT_TRAIT_RULES, ...config.traitCategories }))
    const policy = new PolicyService({
      tx,
      persons,
      consent,
      keys: keyRing,
      audit,
      categories,
      confidenceThreshold: config.confidenceThreshold,
      interestModel,
      isSensitiveTopic: (topic) => topics.isSensitive(topic),
      traitCategory: (name) => traitRules.get(name)?.category,
      clock,
      personCacheSize: config.personCacheSize,
    })
    const offers = new OfferService(tx.stores.offers, brands, topics, clock)
    const segments = new SegmentService({
      store: tx.stores.segments,
      policy,
      brands,
      audit,
      beneficialOffers: async (brandId, segmentId) =>
        (await tx.stores.offers.forBrand(brandId))
          .filter((o) => o.segment === segmentId && o.beneficial)
          .map((o) => o.id),
      vocabulary: {
        hasTopic: (t) => topics.has(t),
        isSensitiveTopic: (t) => topics.has(t) && topics.isSensitive(t),
        hasCategory: (c) => categories.has(c),
        isSensitiveCategory: (c) => categories.isSensitive(c),
        categoryOfKey: (key) => traitRules.get(key)?.category,
        purposes: () => consent.purposes().filter((p) => !AGGREGATE_ONLY_PURPOSES.includes(p)),
      },
      settings: {
        confidenceThreshold: config.confidenceThreshold,
        proxyThreshold: config.segmentProxyThreshold,
        freshnessDays: config.segmentFreshnessDays,
        minGroupSize: config.segmentMinGroupSize,
      },
      clock,
    })
    const decisions = new DecisionService(
      tx,
      persons,
      policy,
      offers,
      brands,
      consentSignals,
      topics,
      keyRing,
      audit,
      config.decisionRetentionDays,
      config.auditFlushMs,
      clock,
      { log, maxPending: config.decisionBufferLimit },
      { popularityMinPeople: config.popularityMinPeople },
    )
    const modelCard = new ModelCardService({
      policy,
      offers,
      brands,
      config: {
        interestModel,
        confidenceThreshold: config.confidenceThreshold,
        popularityMinPeople: config.popularityMinPeople,
        topics: config.topics,
        categoryRules: config.categoryRules,
        personalizationDefault: Object.hasOwn(config.purposes, 'personalization')
          ? String(config.purposes.personalization?.default)
          : 'opt-in',
        codeVersion: CANDOR_VERSION,
      },
      sensitiveTopics: topics.list().filter((t) => t.sensitive).length,
      decisionRetentionDays: config.decisionRetentionDays,
      minGroupSize: config.fairnessMinGroupSize,
      clock,
    })
    decisions.checkSegmentsWith((segmentId, person, brandId, actor) =>
      segments.audienceOf(segmentId, person, brandId, actor),
    )
    const ingestion = new IngestionService(
      tx,
      persons,
      consent,
      consentSignals,
      dataItems,
      interests,
      keyRing,
      resolver,
      { ...DEFAULT_TRAIT_RULES, ...config.traitCategories },
      audit,
      clock,
      { isUnavailable: (error) => storage.helpers.isUnavailable(error), log },
    )
    if (threaded) {
      const thread = WriterThread.launch({ config, masterKeys: masterKeys.candidates() }, log)
      writer = thread
      if (!options.writerInBackground) await thread.started()
      audit.delegateTo((entries) => thread.call('audit', entries))
      decisions.delegateTo((batch) => thread.call('decisions', batch))
      policy.delegatePopularityTo((brandId, since) => thread.call('popularity', { brandId, since }))
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
      consentSignals,
      dataItems,
      interests,
      topics,
      resolver,
      pipeline,
      ingestion,
      ingest: writer
        ? (input) => (writer as WriterThread).call('ingest', ingestion.prepare(input))
        : (input) => ingestion.ingest(input),
      policy,
      modelCard,
      offers,
      segments,
      decisions,
      audit,
      erasure,
      controlAccess: new ControlAccessService(
        tx.stores.controlSessions,
        {
          pseudonym: (personId, brandId) => persons.pseudonym(personId, brandId),
          resolve: (pseudonym) => tx.stores.persons.findByPseudonym(pseudonym),
        },
        () => keyRing.secretKey('control-link'),
        {
          linkTtlMs: config.controlLinkTtlMinutes * 60_000,
          sessionTtlMs: config.controlSessionMinutes * 60_000,
        },
        clock,
      ),
      idempotency: new IdempotencyService(
        tx.stores.idempotency,
        (value) => keyRing.keyedHash('idempotency', value),
        config.idempotencyTtlHours * 3_600_000,
        clock,
      ),
      categories,
      collectionPlans: new CollectionPlanService(
        tx,
        brands,
        audit,
        {
          hasCategory: (c) => categories.has(c),
          categoryNames: categories.list().map((c) => c.name),
          purposes: Object.keys(config.purposes),
          isSensitive: (c) => categories.isSensitive(c),
          traitCategory: (name) => traitRules.get(name)?.category,
        },
        clock,
      ),
      stores: tx.stores,
      transaction: (fn) => tx.transaction(fn),
      started: () => writer?.started() ?? Promise.resolve(),
      auditProblem: () => audit.problem() ?? writer?.auditProblem,
      async close() {
        await decisions.close()
        await audit.close()
        await writer?.close()
        await storage.close()
      },
    }
    return candor
  } catch (error) {
    await writer?.close()
    await storage.close()
    throw error
  }
}

/** The journey settings: the defaults, then the configured ones (a satiation of 0 days removes a topic). */
function journeyConfig(config: Config): JourneyConfig {
  const satiation: Record<string, number> = { ...DEFAULT_JOURNEYS.satiation }
  for (const [topic, days] of Object.entries(config.satiationDays)) {
    if (days === 0) delete satiation[topic]
    else satiation[topic] = days
  }
  return {
    ...DEFAULT_JOURNEYS,
    giftWindowDays: config.interestGiftWindowDays,
    possibleGiftWeight: config.interestPossibleGiftWeight,
    spikeHalfLifeDays: config.interestSpikeHalfLifeDays,
    satiation,
    ...(config.registryPaths ? { registryPaths: config.registryPaths } : {}),
    ...(config.shippingAddressPaths ? { shippingAddressPaths: config.shippingAddressPaths } : {}),
  }
}
