export type { Identity, PersonPurgeCounts } from './person.js'
export { type PersonReassigner, PersonService, type PersonUnit } from './person-service.js'
export type { PersonStore } from './person-store.js'
