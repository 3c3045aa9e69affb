// The events module's public surface. The whole store and the opening of a payload are person
// data: they live in `person-data.ts`, which only the policy engine, erasure and the composition
// root import. Ingestion and the interest model get named ports.
export {
  type EventPayload,
  eventContext,
  type IngestRejection,
  newEventId,
  openSignalPayload,
  type SignalEvent,
  type SignalPayload,
  type StoredEvent,
} from './event.js'
export type { EventCursor, EventIntake, InterestSignalSource } from './event-store.js'
