import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Candor } from '../app/create-candor.js'
import type { PersonRef } from '../kernel/person-ref.js'
import { type DemoData, type DemoPerson, generateDemo } from '../modules/demo/index.js'
import type { ProcessedMessage } from '../modules/ingestion/steps/index.js'
import { type ShowcaseEntry, showcaseOf } from './demo-showcase.js'

export const DEMO_MARKER = 'demo.json'

export interface DemoKeys {
  readonly admin: string
  readonly server: Record<string, string>
  readonly write: Record<string, string>
}

export interface DemoLoad {
  readonly loaded: boolean
  readonly keys: DemoKeys
  readonly persons: number
  readonly messages: number
  readonly accepted: number
  /** The hand-picked people worth looking at first (also kept in `demo.json`). */
  readonly showcase: readonly ShowcaseEntry[]
  readonly data: DemoData
}

/** Where the load reports its progress: a line that changes (a terminal) or whole lines. */
export interface DemoProgress {
  /** Replaces the current progress line (a terminal) or is called at coarse steps only. */
  update(line: string): void
  /** A line that stays. */
  line(line: string): void
}

/**
 * Loads the deterministic demo organization into the store: three brands, keys, every person's
 * consent choices, verified emails (linking people across brands), stated interests and
 * demographics, then their Segment messages through the real ingestion pipeline. Loads once per
 * data directory (a marker file remembers it); the keys are kept in `demo.json` (mode 0600).
 */
export async function loadDemo(
  candor: Candor,
  options: {
    persons: number
    seed: number
    now: number
    progress?: DemoProgress
    /** The origins the demo brands allow (the port the demo serves on); default: the catalog's. */
    origins?: readonly string[]
  },
): Promise<DemoLoad> {
  const data = generateDemo({ persons: options.persons, seed: options.seed, now: options.now })
  const markerFile = join(candor.config.dataDir, DEMO_MARKER)
  if (existsSync(markerFile)) {
    if (options.origins) await followOrigins(candor, data, options.origins)
    const saved = JSON.parse(readFileSync(markerFile, 'utf8')) as {
      keys: DemoKeys
      persons: number
      messages: number
      accepted: number
      showcase?: ShowcaseEntry[]
    }
    return { loaded: false, ...saved, showcase: saved.showcase ?? showcaseOf(data), data }
  }
  const progress = options.progress ?? { update: () => {}, line: () => {} }
  for (const b of data.brands) {
    if (!(await candor.brands.get(b.id)))
      await candor.brands.add({ id: b.id, name: b.name, allowedOrigins: options.origins ?? b.allowedOrigins })
  }
  const keys: DemoKeys = {
    admin: (await candor.apiKeys.create({ kind: 'admin', label: 'demo' })).key,
    server: {},
    write: {},
  }
  for (const b of data.brands) {
    keys.server[b.id] = (await candor.apiKeys.create({ kind: 'server', brandId: b.id, label: 'demo' })).key
    keys.write[b.id] = (await candor.apiKeys.create({ kind: 'write', brandId: b.id, label: 'demo' })).key
  }
  for (const o of data.offers) {
    await candor.offers.put(
      {
        id: o.id,
        brand: o.brand,
        title: o.title,
        placements: o.placements,
        topics: o.topics,
        beneficial: o.beneficial,
        priority: o.priority,
        ...(o.startsAt ? { startsAt: Date.parse(o.startsAt) } : {}),
        ...(o.endsAt ? { endsAt: Date.parse(o.endsAt) } : {}),
        ...(o.frequencyCap ? { frequencyCap: o.frequencyCap } : {}),
      },
      'create',
    )
  }
  progress.line(
    `demo: ${data.brands.length} brands, ${data.offers.length} offers; loading ${data.people.length} people`,
  )
  const people = data.people.length
  for (const person of data.people) {
    await loadPerson(candor, person)
    const done = person.index + 1
    if (done % 50 === 0 || done === people)
      progress.update(`demo: people ${done}/${people} (consent, verified emails, stated interests)`)
  }
  progress.line(`demo: people ${people}/${people}`)
  const days = data.options.days
  const firstDay = Math.floor((data.options.now - days * 86_400_000) / 86_400_000)
  let messages = 0
  let accepted = 0
  // One pending chunk per brand and GPC flag (a person's messages stay in order: each person
  // sends all theirs with or without GPC), so chunks stay large although brands interleave.
  const chunks = new Map<string, { brand: string; gpc: boolean; raw: unknown[] }>()
  // One chunk commits (on the writer thread when there is one) while the next is parsed.
  let committing: Promise<void> = Promise.resolve()
  const flush = async (c: { brand: string; gpc: boolean; raw: unknown[] }) => {
    if (c.raw.length === 0) return
    const raws = c.raw
    c.raw = []
    const receivedAt = candor.clock.now()
    const processed: ProcessedMessage[] = []
    for (const raw of raws) {
      const r = candor.pipeline.processMessage(raw, { receivedAt })
      if (r.type === 'ok') processed.push(r.value)
    }
    await committing
    committing = candor
      .ingest({
        brandId: c.brand,
        actor: 'demo',
        endpoint: 'batch',
        receivedAt,
        messages: processed,
        rejected: [],
        gpc: c.gpc,
      })
      .then((outcome) => {
        accepted += outcome.accepted
      })
    // Awaited before the next chunk and at the end; not an unhandled rejection in between.
    committing.catch(() => {})
  }
  for (const env of data.messages()) {
    messages++
    const key = `${env.brand}:${env.gpc}`
    let chunk = chunks.get(key)
    if (!chunk) {
      chunk = { brand: env.brand, gpc: env.gpc, raw: [] }
      chunks.set(key, chunk)
    }
    // History loaded today: the event time is the message's timestamp. With `sentAt` present the
    // clock-skew correction would (rightly, for live traffic) move it to the receipt time.
    const { sentAt: _sentAt, ...message } = env.message as { sentAt?: string }
    chunk.raw.push(message)
    if (chunk.raw.length >= 500) await flush(chunk)
    if (messages % 1000 === 0) {
      const at = Date.parse((env.message as { timestamp: string }).timestamp)
      const day = Math.min(days, Math.max(1, Math.floor(at / 86_400_000) - firstDay))
      progress.update(`demo: events ${messages} (day ${day}/${days} of history; interests follow each event)`)
    }
  }
  for (const chunk of chunks.values()) await flush(chunk)
  await committing
  progress.line(`demo: events ${messages}, ${accepted} accepted`)
  const saved = { keys, persons: data.people.length, messages, accepted, showcase: showcaseOf(data) }
  writeFileSync(markerFile, JSON.stringify(saved, null, 2), { mode: 0o600 })
  chmodSync(markerFile, 0o600)
  return { loaded: true, ...saved, data }
}

/** The demo brands allow exactly `origins` (a demo served on another port than last time). */
async function followOrigins(candor: Candor, data: DemoData, origins: readonly string[]): Promise<void> {
  for (const b of data.brands) {
    const brand = await candor.brands.get(b.id)
    if (brand && brand.allowedOrigins.join(' ') !== origins.join(' '))
      await candor.brands.update(b.id, { allowedOrigins: origins })
  }
}

/** The origins a browser page served by the demo on `port` sends. */
export function demoOrigins(port: number): string[] {
  return [`http://localhost:${port}`, `http://127.0.0.1:${port}`]
}

function refAt(person: DemoPerson, brand: string): PersonRef | undefined {
  const b = brand as keyof DemoPerson['userIds']
  const user = person.userIds[b]
  if (user) return { kind: 'user', value: user }
  const anon = person.anonymousIds[b]
  return anon ? { kind: 'anonymous', value: anon } : undefined
}

async function loadPerson(candor: Candor, person: DemoPerson): Promise<void> {
  const byBrand = new Map<string, DemoPerson['consentRecords'][number][]>()
  for (const r of [...person.consentRecords].sort((a, b) => a.at - b.at)) {
    const list = byBrand.get(r.capturedBy) ?? []
    list.push(r)
    byBrand.set(r.capturedBy, list)
  }
  for (const brand of person.brands) {
    const ref = refAt(person, brand)
    if (ref?.kind !== 'user') continue
    // A verified email links the person across the company's brands (one view, one export, one erasure).
    await candor.dataItems.write({
      brandId: brand,
      ref,
      actor: 'demo',
      items: [
        {
          key: 'email',
          value: person.email,
          category: 'user.contact.email',
          source: 'stated',
          verified: true,
        },
      ],
    })
  }
  for (const [brand, records] of byBrand) {
    const ref = refAt(person, brand)
    if (!ref) continue
    await candor.consent.record({
      brandId: brand,
      ref,
      actor: 'demo',
      choices: records.map((r) => ({ purpose: r.purpose, state: r.state, scope: r.scope, source: r.source })),
    })
  }
  const primary = refAt(person, person.primaryBrand)
  if (!primary) return
  if (person.demographics) {
    const items = []
    if (person.demographics.gender)
      items.push({
        key: 'gender',
        value: person.demographics.gender,
        category: 'user.demographic.gender',
        source: 'stated' as const,
      })
    if (person.demographics.ageRange)
      items.push({
        key: 'age_range',
        value: person.demographics.ageRange,
        category: 'user.demographic.age',
        source: 'stated' as const,
      })
    if (items.length > 0)
      await candor.dataItems.write({ brandId: person.primaryBrand, ref: primary, actor: 'demo', items })
  }
  for (const topic of person.statedInterests ?? []) {
    await candor.interests.setState({
      brandId: person.primaryBrand,
      ref: primary,
      topic,
      state: 'stated',
      actor: 'demo',
    })
  }
}

/** The model card the demo leaves in its data directory, and its headline figures. */
export interface DemoModelCard {
  readonly files: readonly string[]
  readonly version: string
  readonly verdict: string
}

/**
 * Generates the model card from the demo's data (every brand) and writes it into the data
 * directory as `model-card.json` (Model Card Toolkit), `model-card.md` and `model-card.html`.
 */
export async function writeDemoModelCard(candor: Candor): Promise<DemoModelCard> {
  const { formatModelCard } = await import('../modules/model-card/index.js')
  const card = await candor.modelCard.generate({ actor: 'demo' })
  const files: string[] = []
  for (const format of ['json', 'md', 'html'] as const) {
    const file = join(candor.config.dataDir, `model-card.${format}`)
    writeFileSync(file, (await formatModelCard(card, format)).body)
    files.push(file)
  }
  return { files, version: card.version, verdict: card.quality.verdict }
}

/** The showcase people whose control center `candor demo` links to, in this order. */
const CONTROL_CENTER_ROLES = ['babyShowerGifter', 'hiker', 'youngParent'] as const

/** How long the demo's printed control-center links work (one session each). */
const DEMO_LINK_TTL_MS = 24 * 3_600_000

/**
 * Control-center links for a few showcase people (the baby-shower gifter, the hiker, the parent
 * known at two brands), each with what it shows; issued like `POST /v1/persons/{ref}/control-link`.
 */
export async function demoControlLinks(
  candor: Candor,
  showcase: readonly ShowcaseEntry[],
  base: string,
): Promise<{ role: string; userId: string; brand: string; demonstrates: string; url: string }[]> {
  const links: { role: string; userId: string; brand: string; demonstrates: string; url: string }[] = []
  for (const role of CONTROL_CENTER_ROLES) {
    const e = showcase.find((x) => x.role === role)
    if (!e) continue
    const personId = await candor.policy.resolve(e.brand, { kind: 'user', value: e.userId })
    const link = await candor.controlAccess.issueLink(personId, e.brand, DEMO_LINK_TTL_MS)
    links.push({ ...e, url: `${base}/me?token=${encodeURIComponent(link.token)}` })
  }
  return links
}
