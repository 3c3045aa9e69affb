import type { Migration, MigrationProvider } from 'kysely'
import * as createCoreTables from './data/2026_11_29_0900_create_core_tables.js'
import * as createEventsAndInterests from './data/2026_11_29_1000_create_events_and_interests.js'
import * as createOffersAndDecisions from './data/2026_11_29_1100_create_offers_and_decisions.js'
import * as coverImpressions from './data/2026_11_29_1200_cover_impressions.js'
import * as personVersions from './data/2026_11_30_0900_person_versions.js'
import * as interestJourneys from './data/2026_12_02_1400_interest_journeys.js'
import * as controlCenterSessions from './data/2026_12_02_1800_control_center_sessions.js'
import * as brandDisplay from './data/2026_12_02_1830_brand_display.js'
import * as collectionPlans from './data/2026_12_02_1900_collection_plans.js'
import * as createSegments from './data/2026_12_02_1910_create_segments.js'
import * as collectedFields from './data/2026_12_02_2000_collected_fields.js'
import * as createKeyStore from './keys/2026_11_29_0901_create_key_store.js'

/** Migrations of the data database, in order. Never edit one after it has shipped; add a new one. */
export const dataMigrations: Record<string, Migration> = {
  '2026_11_29_0900_create_core_tables': createCoreTables,
  '2026_11_29_1000_create_events_and_interests': createEventsAndInterests,
  '2026_11_29_1100_create_offers_and_decisions': createOffersAndDecisions,
  '2026_11_29_1200_cover_impressions': coverImpressions,
  '2026_11_30_0900_person_versions': personVersions,
  '2026_12_02_1400_interest_journeys': interestJourneys,
  '2026_12_02_1800_control_center_sessions': controlCenterSessions,
  '2026_12_02_1830_brand_display': brandDisplay,
  '2026_12_02_1900_collection_plans': collectionPlans,
  '2026_12_02_1910_create_segments': createSegments,
  '2026_12_02_2000_collected_fields': collectedFields,
}

/** Migrations of the key store. */
export const keyMigrations: Record<string, Migration> = {
  '2026_11_29_0901_create_key_store': createKeyStore,
}

export function staticProvider(migrations: Record<string, Migration>): MigrationProvider {
  return { getMigrations: async () => migrations }
}
