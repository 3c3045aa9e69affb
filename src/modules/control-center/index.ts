export {
  ControlAccessService,
  type ControlAccessSettings,
  type ControlLink,
  type OpenedSession,
  type PseudonymPort,
} from './control-access-service.js'
export type { ControlSession, ControlSessionStore } from './control-session-store.js'
