// Person data: the interest store. Imported only by its module, the policy engine, erasure and the
// composition root (`person-data-only-through-policy`).
export type { InterestStore } from './interest-store.js'
