// Person data: the data-item store. Imported only by its module, the policy engine, erasure and the
// composition root (`person-data-only-through-policy`).
export type { DataItemStore } from './data-item-store.js'
