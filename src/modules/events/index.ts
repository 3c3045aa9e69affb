export {
  type EventPayload,
  eventContext,
  type IngestRejection,
  openEventPayload,
  type StoredEvent,
} from './event.js'
export type { EventCursor, EventStore } from './event-store.js'
