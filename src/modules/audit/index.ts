export type { AnchorStore } from './anchor-store.js'
export type { AuditEntry, ChainBreak, NewAuditEntry, VerifyResult } from './audit-entry.js'
export { AuditService, type AuditUnit } from './audit-service.js'
export type { AuditQuery, AuditStore } from './audit-store.js'
