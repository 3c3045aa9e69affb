export { type ApiKey, actorOf, KEY_KINDS, type KeyKind, type Principal } from './api-key.js'
export { ApiKeyService, type CreatedKey } from './api-key-service.js'
export type { ApiKeyStore } from './api-key-store.js'
