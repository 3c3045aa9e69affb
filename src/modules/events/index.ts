export {
  type EventPayload,
  eventContext,
  type IngestRejection,
  newEventId,
  openEventPayload,
  type SignalEvent,
  type StoredEvent,
} from './event.js'
export type { EventCursor, EventStore } from './event-store.js'
