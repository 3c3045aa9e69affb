// Person data: the whole event store and the opening of any event's payload. Imported only by the
// policy engine, erasure and the composition root (`person-data-only-through-policy`).
export { openEventPayload } from './event.js'
export type { EventStore } from './event-store.js'
