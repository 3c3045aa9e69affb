import type { DemoData, DemoShowcaseRole } from '../modules/demo/index.js'

/** One showcase person of the demo, as `candor demo` prints it and keeps it in `demo.json`. */
export interface ShowcaseEntry {
  readonly role: DemoShowcaseRole
  readonly userId: string
  readonly brand: string
  /** What this person demonstrates, in a few words. */
  readonly demonstrates: string
  /** One request that shows it (a path under the server; the brand's server key authorizes it). */
  readonly request: { readonly method: 'GET' | 'POST'; readonly path: string; readonly body?: string }
}

const interests = (userId: string) => ({
  method: 'GET' as const,
  path: `/v1/persons/${encodeURIComponent(userId)}/interests?purpose=personalization`,
})
const decide = (userId: string) => ({
  method: 'POST' as const,
  path: '/v1/decide',
  body: JSON.stringify({ userId, placement: 'home_hero', limit: 3 }),
})
const consent = (userId: string) => ({
  method: 'GET' as const,
  path: `/v1/persons/${encodeURIComponent(userId)}/consent`,
})

/** What each hand-picked person shows, and the request that shows it. */
const ROLES: Readonly<
  Record<DemoShowcaseRole, { demonstrates: string; request: (userId: string) => ShowcaseEntry['request'] }>
> = {
  hiker: {
    demonstrates: 'hiking on several days: an established interest, explained offers; known at two brands',
    request: decide,
  },
  babyShowerGifter: {
    demonstrates: 'baby orders marked as gifts: no baby interest for the buyer',
    request: interests,
  },
  oneOffBabyBuyer: { demonstrates: 'one baby purchase on one day: not an interest', request: interests },
  youngParent: {
    demonstrates: 'recurring baby purchases: an established interest; known at two brands',
    request: interests,
  },
  oneTimeSearcher: { demonstrates: 'one search for a drill: never an interest', request: interests },
  sensitiveBrowser: {
    demonstrates: 'recurring sensitive-topic signals: dropped without an explicit opt-in',
    request: interests,
  },
  anonymousThenIdentified: {
    demonstrates: 'anonymous visits joined to the person when they identified',
    request: interests,
  },
  gpcHiker: {
    demonstrates: 'Global Privacy Control: advertising opted out, whatever was granted before',
    request: consent,
  },
  hikerWithoutConsent: {
    demonstrates: 'no consent recorded: decisions fall back to non-personalized, and say why',
    request: decide,
  },
  hikerWhoWithdrew: {
    demonstrates: 'withdrew personalization: nothing personalized since',
    request: decide,
  },
}

/** The demo's showcase people (people 0–9 of the generated data), at their primary brand. */
export function showcaseOf(data: DemoData): ShowcaseEntry[] {
  const entries: ShowcaseEntry[] = []
  for (const [role, index] of Object.entries(data.expectations.showcase) as [DemoShowcaseRole, number][]) {
    const person = data.people[index]
    const userId = person?.userIds[person.primaryBrand]
    if (!person || !userId) continue
    const r = ROLES[role]
    entries.push({
      role,
      userId,
      brand: person.primaryBrand,
      demonstrates: r.demonstrates,
      request: r.request(userId),
    })
  }
  return entries
}

/** A runnable curl for an entry (the key is the brand's server key). */
export function showcaseCurl(entry: ShowcaseEntry, base: string, key: string): string {
  const { method, path, body } = entry.request
  const quoted = body === undefined ? '' : ` -H 'Content-Type: application/json' -d '${body}'`
  return `curl -s${method === 'POST' ? ' -X POST' : ''} "${base}${path}" -H "Authorization: Bearer ${key}"${quoted}`
}

/** The table `candor demo` prints: who to look at, where, and what they show. */
export function showcaseTable(entries: readonly ShowcaseEntry[]): string[] {
  const rows = entries.map((e) => [e.userId, e.brand, e.role, e.demonstrates])
  const head = ['userId', 'brand', 'showcase', 'demonstrates']
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd()
  return [line(head), ...rows.map(line)]
}
