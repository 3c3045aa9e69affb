import { isIP } from 'node:net'
import { z } from 'zod'

/** `10.0.0.7`, `10.0.0.0/8`, `fd00::/8`: an IP address, optionally with a prefix length. */
function isAddressOrRange(entry: string): boolean {
  const [address, bits, extra] = entry.split('/')
  const family = isIP(address ?? '')
  if (family === 0 || extra !== undefined) return false
  if (bits === undefined) return true
  const n = Number(bits)
  return /^\d+$/.test(bits) && n <= (family === 4 ? 32 : 128)
}

/** The purposes Candor ships with. Organizations may add more in `candor.config.json`. */
export const DEFAULT_PURPOSES = {
  essential: {
    default: 'opt-out',
    description: 'Running the service the person asked for; never marketing.',
  },
  analytics: { default: 'opt-in', description: 'Measuring use in aggregate.' },
  personalization: { default: 'opt-in', description: 'Tailoring offers and content, including profiling.' },
  email_marketing: { default: 'opt-in', description: 'Marketing by email.' },
  advertising: {
    default: 'opt-in',
    description: 'Advertising, including the sale or sharing of personal data.',
  },
  cross_brand_sharing: {
    default: 'opt-in',
    description: "Using one brand's data at another brand of the organization.",
  },
  fairness_audit: {
    default: 'opt-in',
    description: 'Demographic attributes used in aggregate to audit fairness.',
  },
} as const

const purposeSchema = z
  .object({
    default: z.enum(['opt-in', 'opt-out']).describe('State when the person has not chosen'),
    description: z.string().default(''),
  })
  .strict()

const categorySchema = z
  .object({
    name: z
      .string()
      .regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/)
      .describe('Dotted category name'),
    sensitive: z.boolean().default(false),
    essential: z.boolean().default(false),
    description: z.string().default(''),
  })
  .strict()

/**
 * One setting: where it comes from and what it means. The README's configuration table lists
 * exactly these rows (a test checks it).
 */
export interface SettingInfo {
  readonly key: keyof ConfigInput
  readonly flag?: string
  readonly env?: string
  readonly default: string
  readonly description: string
}

export const SETTINGS: readonly SettingInfo[] = [
  { key: 'port', flag: '--port', env: 'PORT', default: '3000', description: 'HTTP port.' },
  {
    key: 'host',
    flag: '--host',
    env: 'CANDOR_HOST',
    default: '127.0.0.1',
    description: 'Interface to listen on.',
  },
  {
    key: 'dataDir',
    flag: '--data-dir',
    env: 'CANDOR_DATA_DIR',
    default: '.candor/',
    description:
      'Directory for the config file, the SQLite files, the generated master key and the audit anchors.',
  },
  {
    key: 'databaseUrl',
    flag: '--database-url',
    env: 'DATABASE_URL',
    default: '(empty: SQLite)',
    description:
      'PostgreSQL connection string; when set and non-empty, PostgreSQL is used instead of SQLite.',
  },
  {
    key: 'databaseSchema',
    flag: '--database-schema',
    env: 'CANDOR_DATABASE_SCHEMA',
    default: 'candor',
    description: 'PostgreSQL schema for data; wrapped keys live in `<schema>_keys`.',
  },
  {
    key: 'logLevel',
    flag: '--log-level',
    env: 'LOG_LEVEL',
    default: 'info',
    description: 'fatal, error, warn, info, debug, trace or silent.',
  },
  {
    key: 'rateLimit',
    flag: '--rate-limit',
    env: 'CANDOR_RATE_LIMIT',
    default: '1000',
    description: 'Requests per second per key; 0 turns rate limiting off.',
  },
  {
    key: 'unauthenticatedRateLimit',
    env: 'CANDOR_UNAUTHENTICATED_RATE_LIMIT',
    default: '(rateLimit)',
    description:
      'Requests per second per client address that carry no valid key (none, unknown, revoked, wrong secret), counted before authentication; 0 turns it off.',
  },
  {
    key: 'requestTimeoutMs',
    env: 'CANDOR_REQUEST_TIMEOUT_MS',
    default: '30000',
    description:
      'A request (headers and body) must arrive within this time; a slower one is answered 408 and its connection closed.',
  },
  {
    key: 'connectionsPerAddress',
    env: 'CANDOR_CONNECTIONS_PER_ADDRESS',
    default: '256',
    description:
      'Open connections one client address may hold (trusted proxies are exempt); more are closed at once. 0 turns it off.',
  },
  {
    key: 'trustProxy',
    env: 'CANDOR_TRUST_PROXY',
    default: '(none)',
    description:
      'Comma-separated addresses or CIDR ranges of load balancers whose `X-Forwarded-For` is believed: the client address (rate limits, connection limits) is then the one they forwarded.',
  },
  {
    key: 'auditAnchorDir',
    env: 'CANDOR_AUDIT_ANCHOR_DIR',
    default: '(dataDir/audit-anchors)',
    description:
      "Where each audit chain's head is anchored outside the database; put it on a volume the database's owner cannot rewrite.",
  },
  {
    key: 'auditAnchorUrl',
    env: 'CANDOR_AUDIT_ANCHOR_URL',
    default: '(none)',
    description:
      'Optional HTTP endpoint that receives each anchored head as a POST of `{ chainId, seq, hash }` (best effort; failures are reported by /readyz, /metrics and audit verify).',
  },
  {
    key: 'decisionBufferLimit',
    env: 'CANDOR_DECISION_BUFFER_LIMIT',
    default: '10000',
    description:
      'Decisions plus impressions kept for a retry while their commits fail; past it the oldest are dropped and counted (`candor_decision_log_dropped_total`).',
  },
  {
    key: 'bodyLimit',
    env: 'CANDOR_BODY_LIMIT',
    default: '1048576',
    description: 'Largest accepted request body in bytes.',
  },
  {
    key: 'auditFlushMs',
    env: 'CANDOR_AUDIT_FLUSH_MS',
    default: '50',
    description: 'Audit entries of reads are group-committed within this window (0 to 50 ms).',
  },
  {
    key: 'personCacheSize',
    env: 'CANDOR_PERSON_CACHE_SIZE',
    default: '10000',
    description:
      'People whose identity and consent a process keeps for decisions, checked against the database version on every use (0 turns it off).',
  },
  {
    key: 'popularityMinPeople',
    env: 'CANDOR_POPULARITY_MIN_PEOPLE',
    default: '10',
    description:
      'An explanation cites popularity only when at least this many people engaged with the topic (never on a sensitive topic), so a count never points at a few people.',
  },
  {
    key: 'fairnessMinGroupSize',
    env: 'CANDOR_FAIRNESS_MIN_GROUP_SIZE',
    default: '10',
    description:
      "The model card reports a fairness-audit group only from this many evaluated people × brands; smaller groups are merged into their attribute's other group, or suppressed.",
  },
  {
    key: 'segmentProxyThreshold',
    env: 'CANDOR_SEGMENT_PROXY_THRESHOLD',
    default: '0.3',
    description:
      "A segment review blocks a likely proxy (postal code, first name, language…) whose measured association (Cramér's V) with an audit attribute reaches this.",
  },
  {
    key: 'segmentMinGroupSize',
    env: 'CANDOR_SEGMENT_MIN_GROUP_SIZE',
    default: '10',
    description:
      'Fairness tables of segment reviews merge audit groups smaller than this into `other` and suppress what stays smaller, so no figure points at a few people.',
  },
  {
    key: 'segmentFreshnessDays',
    env: 'CANDOR_SEGMENT_FRESHNESS_DAYS',
    default: '365',
    description: 'A segment review warns (`stale-data`) when a rule matches on data items older than this.',
  },
  {
    key: 'confidenceThreshold',
    env: 'CANDOR_CONFIDENCE_THRESHOLD',
    default: '0.6',
    description: 'Inferred items below this confidence never appear in a policy view.',
  },
  {
    key: 'idempotencyTtlHours',
    env: 'CANDOR_IDEMPOTENCY_TTL_HOURS',
    default: '24',
    description: 'How long a repeated Idempotency-Key returns the first result.',
  },
  {
    key: 'sqliteSynchronous',
    env: 'CANDOR_SQLITE_SYNCHRONOUS',
    default: 'FULL',
    description: 'SQLite `synchronous` pragma (FULL: an acknowledged write survives power loss).',
  },
  {
    key: 'writerThread',
    env: 'CANDOR_WRITER_THREAD',
    default: 'auto',
    description:
      'Servers and `candor import` commit ingestion, decision logs and audit entries on a writer thread (`on`/`off`; `auto`: on for SQLite, whose commits would otherwise block requests while they fsync).',
  },
  {
    key: 'policyVersion',
    env: 'CANDOR_POLICY_VERSION',
    default: '1',
    description: 'Privacy-policy version recorded with each consent entry.',
  },
  {
    key: 'interestHalfLifeDays',
    env: 'CANDOR_INTEREST_HALF_LIFE_DAYS',
    default: '30',
    description: 'Half-life of interest scores in days.',
  },
  {
    key: 'interestMinDays',
    env: 'CANDOR_INTEREST_MIN_DAYS',
    default: '2',
    description: 'Distinct UTC days with signals before an inferred interest is established.',
  },
  {
    key: 'signalWeights',
    default: '{ search: 1, view: 2, add_to_cart: 4, purchase: 6 }',
    description: 'Weight per signal kind in interest scores; config file only.',
  },
  {
    key: 'interestGiftWindowDays',
    env: 'CANDOR_INTEREST_GIFT_WINDOW_DAYS',
    default: '14',
    description:
      "Days before a gift purchase whose views, searches and cart adds in the gift's topics do not count.",
  },
  {
    key: 'interestPossibleGiftWeight',
    env: 'CANDOR_INTEREST_POSSIBLE_GIFT_WEIGHT',
    default: '0.5',
    description:
      'Weight factor of a purchase that may be a gift (registry, new shipping address) and its journey.',
  },
  {
    key: 'interestSpikeHalfLifeDays',
    env: 'CANDOR_INTEREST_SPIKE_HALF_LIFE_DAYS',
    default: '3',
    description: 'Half-life in days of a short burst of research that ended in a purchase.',
  },
  {
    key: 'satiationDays',
    default: '{ "outdoors.camping.tents": 365, "home_garden.furniture": 365, … }',
    description:
      'Durable topics → days offers in them are held back after a purchase (merged over the defaults; 0 removes one); config file only.',
  },
  {
    key: 'registryPaths',
    default: '["registry", "registry_id", "registryId", "gift_registry", "giftRegistry"]',
    description: 'Order property paths marking a registry order (a possible gift); config file only.',
  },
  {
    key: 'shippingAddressPaths',
    default: '["shipping_address", "shippingAddress", "shipping.address", "shipping"]',
    description:
      'Order property paths of the shipping address (a new one marks a possible gift); config file only.',
  },
  {
    key: 'topics',
    default: '[]',
    description:
      'Extra interest topics `{ id, label, parent?, sensitive? }` (same id replaces a default); config file only.',
  },
  {
    key: 'categoryRules',
    default: '[]',
    description:
      'Category-path rules `{ pattern: [phrases], topic }` checked before the defaults; config file only.',
  },
  {
    key: 'traitCategories',
    default: '(Segment reserved traits)',
    description: 'Identify trait → `{ category, source }`, merged over the defaults; config file only.',
  },
  {
    key: 'decisionRetentionDays',
    env: 'CANDOR_DECISION_RETENTION_DAYS',
    default: '90',
    description: 'How long the decision log (what a person was shown, and why) is kept.',
  },
  {
    key: 'purgeIntervalMinutes',
    env: 'CANDOR_PURGE_INTERVAL_MINUTES',
    default: '60',
    description:
      'How often a server purges data past its retention (declared in the collection plan); 0 = never (run `candor purge` from cron).',
  },
  {
    key: 'publicUrl',
    env: 'CANDOR_PUBLIC_URL',
    default: "(the request's own origin)",
    description:
      'The address people reach Candor at, e.g. `https://privacy.example.com`: control links point there, and the control center accepts changes only from that origin.',
  },
  {
    key: 'controlLinkTtlMinutes',
    env: 'CANDOR_CONTROL_LINK_TTL_MINUTES',
    default: '15',
    description:
      'How long a control-center link (`POST /v1/persons/{ref}/control-link`) can be opened; each opens one session only.',
  },
  {
    key: 'controlSessionMinutes',
    env: 'CANDOR_CONTROL_SESSION_MINUTES',
    default: '60',
    description:
      'How long a control-center session lasts after its link was opened (logout and erasure end it sooner).',
  },
  {
    key: 'tcfVendorId',
    env: 'CANDOR_TCF_VENDOR_ID',
    default: '(none)',
    description: "The organization's own IAB vendor id; its vendor consent is recorded with TCF signals.",
  },
  {
    key: 'signalMapping',
    default: '(see src/modules/consent/signals/README.md)',
    description:
      'Overrides of the TCF / GPP / categoryPreferences → purpose mapping `{ tcf?, gpp?, categoryPreferences? }`; config file only.',
  },
  {
    key: 'purposes',
    default: '(the seven built-in purposes)',
    description:
      'Map of purpose → `{ default, description }` with default `opt-in` or `opt-out`; config file only. Entries are merged over the built-ins.',
  },
  {
    key: 'categories',
    default: '[]',
    description: 'Extra data categories `{ name, sensitive, essential, description }`; config file only.',
  },
]

export const configSchema = z
  .object({
    port: z.coerce.number().int().min(0).max(65535).default(3000),
    host: z.string().min(1).default('127.0.0.1'),
    dataDir: z.string().min(1).default('.candor/'),
    databaseUrl: z.string().default(''),
    databaseSchema: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,50}$/, 'lower-case letters, digits and _')
      .default('candor'),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    rateLimit: z.coerce.number().int().min(0).default(1000),
    unauthenticatedRateLimit: z.coerce.number().int().min(0).optional(),
    requestTimeoutMs: z.coerce.number().int().min(100).max(600_000).default(30_000),
    connectionsPerAddress: z.coerce.number().int().min(0).default(256),
    trustProxy: z
      .union([z.string(), z.array(z.string())])
      .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter((s) => s !== ''))
      .refine((list) => list.every(isAddressOrRange), 'addresses or CIDR ranges, e.g. 10.0.0.0/8')
      .default([]),
    auditAnchorDir: z.string().default(''),
    auditAnchorUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]).default(''),
    decisionBufferLimit: z.coerce.number().int().min(1).default(10_000),
    bodyLimit: z.coerce.number().int().min(1024).default(1_048_576),
    auditFlushMs: z.coerce.number().int().min(0).max(50).default(50),
    personCacheSize: z.coerce.number().int().min(0).max(1_000_000).default(10_000),
    popularityMinPeople: z.coerce.number().int().min(1).max(1_000_000).default(10),
    fairnessMinGroupSize: z.coerce.number().int().min(1).max(1_000_000).default(10),
    confidenceThreshold: z.coerce.number().min(0).max(1).default(0.6),
    segmentProxyThreshold: z.coerce.number().min(0).max(1).default(0.3),
    segmentMinGroupSize: z.coerce.number().int().min(2).max(1_000_000).default(10),
    segmentFreshnessDays: z.coerce.number().int().min(1).max(36_500).default(365),
    idempotencyTtlHours: z.coerce.number().positive().default(24),
    sqliteSynchronous: z.enum(['OFF', 'NORMAL', 'FULL', 'EXTRA']).default('FULL'),
    writerThread: z.enum(['auto', 'on', 'off']).default('auto'),
    policyVersion: z.string().min(1).default('1'),
    interestHalfLifeDays: z.coerce.number().positive().default(30),
    interestMinDays: z.coerce.number().int().min(1).default(2),
    signalWeights: z
      .object({
        search: z.number().positive(),
        view: z.number().positive(),
        add_to_cart: z.number().positive(),
        purchase: z.number().positive(),
      })
      .strict()
      .default({ search: 1, view: 2, add_to_cart: 4, purchase: 6 }),
    interestGiftWindowDays: z.coerce.number().min(0).default(14),
    interestPossibleGiftWeight: z.coerce.number().min(0).max(1).default(0.5),
    interestSpikeHalfLifeDays: z.coerce.number().positive().default(3),
    satiationDays: z.record(z.string(), z.number().min(0)).default({}),
    registryPaths: z.array(z.string().min(1)).optional(),
    shippingAddressPaths: z.array(z.string().min(1)).optional(),
    topics: z
      .array(
        z
          .object({
            id: z.string(),
            label: z.string(),
            parent: z.string().nullable().optional(),
            sensitive: z.boolean().optional(),
          })
          .strict(),
      )
      .default([]),
    categoryRules: z
      .array(z.object({ pattern: z.array(z.string()).min(1), topic: z.string() }).strict())
      .default([]),
    traitCategories: z
      .record(
        z.string(),
        z
          .object({ category: z.string(), source: z.enum(['stated', 'observed', 'inferred', 'third_party']) })
          .strict(),
      )
      .default({}),
    decisionRetentionDays: z.coerce.number().positive().default(90),
    purgeIntervalMinutes: z.coerce.number().int().min(0).max(10_080).default(60),
    publicUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]).default(''),
    controlLinkTtlMinutes: z.coerce.number().positive().max(10_080).default(15),
    controlSessionMinutes: z.coerce.number().positive().max(10_080).default(60),
    tcfVendorId: z.coerce.number().int().positive().optional(),
    signalMapping: z.record(z.string(), z.unknown()).default({}),
    purposes: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), purposeSchema).default({}),
    categories: z.array(categorySchema).default([]),
  })
  .strict()

export type ConfigInput = z.input<typeof configSchema>

/** The frozen, validated configuration every factory receives. */
export interface Config {
  readonly port: number
  readonly host: string
  readonly dataDir: string
  readonly databaseUrl: string
  readonly databaseSchema: string
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
  readonly rateLimit: number
  /** Absent: the same as `rateLimit`. */
  readonly unauthenticatedRateLimit: number | undefined
  readonly requestTimeoutMs: number
  readonly connectionsPerAddress: number
  /** Empty: `<dataDir>/audit-anchors`. */
  readonly auditAnchorDir: string
  /** Empty: none. */
  readonly auditAnchorUrl: string
  readonly decisionBufferLimit: number
  readonly trustProxy: readonly string[]
  readonly bodyLimit: number
  readonly auditFlushMs: number
  readonly personCacheSize: number
  readonly popularityMinPeople: number
  readonly fairnessMinGroupSize: number
  readonly confidenceThreshold: number
  readonly segmentProxyThreshold: number
  readonly segmentMinGroupSize: number
  readonly segmentFreshnessDays: number
  readonly idempotencyTtlHours: number
  readonly sqliteSynchronous: 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA'
  readonly writerThread: 'auto' | 'on' | 'off'
  readonly policyVersion: string
  readonly interestHalfLifeDays: number
  readonly interestMinDays: number
  readonly signalWeights: Readonly<{ search: number; view: number; add_to_cart: number; purchase: number }>
  readonly interestGiftWindowDays: number
  readonly interestPossibleGiftWeight: number
  readonly interestSpikeHalfLifeDays: number
  readonly satiationDays: Readonly<Record<string, number>>
  readonly registryPaths?: readonly string[] | undefined
  readonly shippingAddressPaths?: readonly string[] | undefined
  readonly topics: readonly {
    readonly id: string
    readonly label: string
    readonly parent?: string | null | undefined
    readonly sensitive?: boolean | undefined
  }[]
  readonly categoryRules: readonly { readonly pattern: readonly string[]; readonly topic: string }[]
  readonly traitCategories: Readonly<
    Record<
      string,
      { readonly category: string; readonly source: 'stated' | 'observed' | 'inferred' | 'third_party' }
    >
  >
  readonly decisionRetentionDays: number
  /** Minutes between a server's purges of expired data; 0 = never. */
  readonly purgeIntervalMinutes: number
  /** Where people reach Candor (control links point there); '' = the request's own origin. */
  readonly publicUrl: string
  /** How long a control link can be opened. */
  readonly controlLinkTtlMinutes: number
  /** How long a control-center session lasts. */
  readonly controlSessionMinutes: number
  readonly tcfVendorId: number | undefined
  /** Overrides of the signal mapping (validated when the mapping is built). */
  readonly signalMapping: Readonly<Record<string, unknown>>
  /** Built-in purposes merged with configured ones. */
  readonly purposes: Readonly<
    Record<string, { readonly default: 'opt-in' | 'opt-out'; readonly description: string }>
  >
  readonly categories: readonly {
    readonly name: string
    readonly sensitive: boolean
    readonly essential: boolean
    readonly description: string
  }[]
  /** `CANDOR_MASTER_KEY` (base64, 32 bytes), env only; undefined means "use the key file in dataDir". */
  readonly masterKey: string | undefined
  /** `CANDOR_NEW_MASTER_KEY`, read only by `candor master-key rotate`. */
  readonly newMasterKey: string | undefined
}
