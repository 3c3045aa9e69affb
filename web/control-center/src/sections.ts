import type { MessageKey } from './messages.js'

/** The page's sections, each at its own URL under /me (explanations link straight to them). */
export const SECTIONS = [
  { id: 'overview', path: '/me', label: 'nav.overview' },
  { id: 'data', path: '/me/data', label: 'nav.data' },
  { id: 'interests', path: '/me/interests', label: 'nav.interests' },
  { id: 'activity', path: '/me/activity', label: 'nav.activity' },
  { id: 'consent', path: '/me/consent', label: 'nav.consent' },
  { id: 'why', path: '/me/why', label: 'nav.why' },
  { id: 'download', path: '/me/download', label: 'nav.download' },
  { id: 'erase', path: '/me/erase', label: 'nav.erase' },
] as const satisfies readonly { id: string; path: string; label: MessageKey }[]

export type SectionId = (typeof SECTIONS)[number]['id']

export function sectionFromPath(path: string): SectionId {
  const clean = path.replace(/\/+$/, '') || '/me'
  return SECTIONS.find((s) => s.path === clean)?.id ?? 'overview'
}
