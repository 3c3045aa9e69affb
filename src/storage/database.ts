/**
 * Table types of the data database (Kysely's `Database` interface). Times are epoch
 * milliseconds; JSON columns are text; encrypted values are base64 text produced by `crypto/`.
 * Every person-scoped table carries `person_id` so the schema can be distributed on it.
 */
export interface DataDatabase {
  brands: BrandsTable
  api_keys: ApiKeysTable
  persons: PersonsTable
  /** Bumped by triggers when a person's consent ledger or identities change; gone with the person. */
  person_versions: { person_id: string; version: number }
  identities: IdentitiesTable
  email_links: EmailLinksTable
  data_items: DataItemsTable
  consent_records: ConsentRecordsTable
  audit_chains: AuditChainsTable
  audit_log: AuditLogTable
  idempotency: IdempotencyTable
  suppressions: SuppressionsTable
  write_lock: { id: number; n: number }
  events: EventsTable
  ingest_rejections: IngestRejectionsTable
  interests: InterestsTable
  offers: OffersTable
  segments: SegmentsTable
  segment_history: SegmentHistoryTable
  impressions: ImpressionsTable
  decisions: DecisionsTable
  control_link_uses: ControlLinkUsesTable
  control_sessions: ControlSessionsTable
  collection_plans: CollectionPlansTable
  collection_plan_violations: CollectionPlanViolationsTable
  collected_fields: CollectedFieldsTable
}

/** Field names (and JSON types) received per brand and day; `event` is '' for traits and context. */
export interface CollectedFieldsTable {
  brand_id: string
  /** Days since the epoch (UTC). */
  day: number
  event: string
  /** `properties.<name>`, `traits.<name>` or `context.<name>`. */
  field: string
  type: string
  seen: number
  last_seen_at: number
}

/** Every saved version of a brand's collection plan. */
export interface CollectionPlansTable {
  brand_id: string
  version: number
  /** The plan document, JSON. */
  document: string
  actor: string
  reason: string
  /** The review findings it was saved with, JSON. */
  findings: string
  created_at: number
}

/** Violations of the plan seen at intake, by field name (never values); `event` is '' for traits and context. */
export interface CollectionPlanViolationsTable {
  brand_id: string
  event: string
  field: string
  kind: string
  seen: number
  first_seen_at: number
  last_seen_at: number
}

/** Control links already exchanged (single use), kept until they would have expired. */
export interface ControlLinkUsesTable {
  token_id: string
  used_at: number
  expires_at: number
}

/** Control-center sessions; the cookie's secret is stored only as its SHA-256. */
export interface ControlSessionsTable {
  secret_hash: string
  person_id: string
  brand_id: string
  csrf_token: string
  created_at: number
  expires_at: number
  /** When the person proved control of their verified email (step-up), else null. */
  stepped_up_at: number | null
}

/** Segments: the rule and its state as JSON (no person data). */
export interface SegmentsTable {
  id: string
  brand_id: string
  body: string
  created_at: number
  updated_at: number
  deleted_at: number | null
}

/** Every version, review, activation and deactivation of a segment, in order. */
export interface SegmentHistoryTable {
  segment_id: string
  seq: number
  kind: string
  version: number
  actor: string
  at: number
  /** JSON details (the version's body, the review's findings and counts, the justification). */
  body: string
}

export interface OffersTable {
  id: string
  brand_id: string
  /** JSON of the offer (no person data). */
  body: string
  created_at: number
  updated_at: number
  deleted_at: number | null
}

export interface ImpressionsTable {
  person_id: string
  brand_id: string
  offer_id: string
  decision_id: string
  at: number
}

export interface DecisionsTable {
  id: string
  person_id: string
  brand_id: string
  placement: string
  personalized: number
  fallback_reason: string | null
  key_id: string
  /** Encrypted JSON of the items with their explanations. */
  payload_ct: string
  created_at: number
}

export interface EventsTable {
  id: string
  brand_id: string
  message_id: string
  person_id: string
  type: string
  /** Signal kind for the interest model: search, view, add_to_cart, purchase or none. */
  kind: string
  /** Skew-corrected event time. */
  event_time: number
  received_at: number
  /** 1 when the event is a gift (detected, or marked by the person). */
  gift: number
  gift_by_person: number
  key_id: string
  /** Encrypted JSON: event name, properties, traits, context, topics, gift rules. */
  payload_ct: string
}

export interface IngestRejectionsTable {
  id: string
  brand_id: string
  received_at: number
  endpoint: string
  reason: string
  field: string | null
  batch_index: number | null
}

export interface InterestsTable {
  person_id: string
  brand_id: string
  topic: string
  /** inferred, stated or rejected. */
  state: string
  /** Decayed score as of `score_at`. */
  score: number
  score_at: number
  /** JSON { kind: count }. */
  signals: string
  /** JSON sorted array of distinct UTC day numbers with signals. */
  days: string
  first_seen: number | null
  last_seen: number | null
  /** JSON array of up to 5 recent event message ids. */
  sample_event_ids: string
  /** JSON { fed: journeys, setAside } (interests/journeys.ts). */
  journeys: string
  updated_at: number
}

export interface BrandsTable {
  id: string
  name: string
  /** JSON array of origins allowed for browser tracking (CORS). */
  allowed_origins: string
  display_name: string | null
  /** `#rrggbb` */
  primary_color: string | null
  accent_color: string | null
  logo_url: string | null
  privacy_policy_url: string | null
  created_at: number
  updated_at: number
}

export interface ApiKeysTable {
  id: string
  kind: string
  brand_id: string | null
  /** SHA-256 of the secret part, hex. The key itself is never stored. */
  secret_hash: string
  label: string
  created_at: number
  revoked_at: number | null
}

export interface PersonsTable {
  id: string
  created_at: number
}

export interface IdentitiesTable {
  id: string
  person_id: string
  brand_id: string
  kind: string
  value: string
  /** The person's brand-scoped pseudonym (the `personId` this brand sees). */
  pseudonym: string
  created_at: number
}

export interface EmailLinksTable {
  email_hash: string
  brand_id: string
  person_id: string
  created_at: number
}

export interface DataItemsTable {
  id: string
  person_id: string
  brand_id: string
  key: string
  category: string
  source: string
  value_ct: string
  key_id: string
  purpose: string | null
  collected_at: number
  updated_at: number
  expires_at: number | null
  confidence: number | null
  verified: number
  rejected_at: number | null
  provenance: string | null
}

export interface ConsentRecordsTable {
  id: string
  person_id: string
  scope: string
  /** The brand the choice applies to; null for an all-brands choice. */
  brand_id: string | null
  /** The brand whose notice captured the choice. */
  captured_by: string
  purpose: string
  state: string
  sensitive_category: string | null
  sensitive_topic: string | null
  source: string
  basis: string
  evidence: string | null
  policy_version: string
  recorded_at: number
  /** Tie-breaker for records in the same millisecond: process-local counter. */
  recorded_seq: number
}

export interface AuditChainsTable {
  id: string
  node: string
  started_at: number
  head_seq: number
  head_hash: string
}

export interface AuditLogTable {
  chain_id: string
  seq: number
  at: number
  actor: string
  action: string
  brand_id: string | null
  purpose: string | null
  subject: string | null
  item_ids: string
  details: string
  prev_hash: string
  hash: string
}

export interface IdempotencyTable {
  brand_id: string
  key: string
  /** Keyed hash of the request (values never stored in the clear). */
  request_hash: string
  /** The person the write concerned, so erasure removes the stored answer too. */
  person_id: string | null
  status_code: number
  response: string
  created_at: number
}

export interface SuppressionsTable {
  brand_id: string
  id_hash: string
  created_at: number
}

/** Tables of the key store, a database apart from the data (own SQLite file or PG schema). */
export interface KeyDatabase {
  data_keys: DataKeysTable
  secrets: SecretsTable
}

export interface DataKeysTable {
  key_id: string
  person_id: string
  brand_id: string
  wrapped: string
  created_at: number
}

export interface SecretsTable {
  name: string
  wrapped: string
  created_at: number
}
