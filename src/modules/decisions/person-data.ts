// Person data: the decision log's store. Imported only by its module, erasure and the composition root
// (`person-data-only-through-policy`).
export type { DecisionStore, Impression, StoredDecision } from './decision-store.js'
