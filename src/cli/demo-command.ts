import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Candor } from '../app/create-candor.js'
import type { PersonRef } from '../kernel/person-ref.js'
import { type DemoData, type DemoPerson, generateDemo } from '../modules/demo/index.js'
import type { ProcessedMessage } from '../modules/ingestion/steps/index.js'

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
  readonly data: DemoData
}

/**
 * Loads the deterministic demo organization into the store: three brands, keys, every person's
 * consent choices, verified emails (linking people across brands), stated interests and
 * demographics, then their Segment messages through the real ingestion pipeline. Loads once per
 * data directory (a marker file remembers it); the keys are kept in `demo.json` (mode 0600).
 */
export async function loadDemo(
  candor: Candor,
  options: { persons: number; seed: number; now: number; log?: (line: string) => void },
): Promise<DemoLoad> {
  const data = generateDemo({ persons: options.persons, seed: options.seed, now: options.now })
  const markerFile = join(candor.config.dataDir, DEMO_MARKER)
  if (existsSync(markerFile)) {
    const saved = JSON.parse(readFileSync(markerFile, 'utf8')) as {
      keys: DemoKeys
      persons: number
      messages: number
      accepted: number
    }
    return { loaded: false, ...saved, data }
  }
  const log = options.log ?? (() => {})
  for (const b of data.brands) {
    if (!(await candor.brands.get(b.id)))
      await candor.brands.add({ id: b.id, name: b.name, allowedOrigins: b.allowedOrigins })
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
  log(`demo: ${data.people.length} people in ${data.brands.length} brands, ${data.offers.length} offers`)
  for (const person of data.people) await loadPerson(candor, person)
  let messages = 0
  let accepted = 0
  let chunk: { brand: string; gpc: boolean; raw: unknown[] } | undefined
  const flush = async () => {
    if (!chunk || chunk.raw.length === 0) return
    const receivedAt = candor.clock.now()
    const processed: ProcessedMessage[] = []
    for (const raw of chunk.raw) {
      const r = candor.pipeline.processMessage(raw, { receivedAt })
      if (r.type === 'ok') processed.push(r.value)
    }
    const outcome = await candor.ingestion.ingest({
      brandId: chunk.brand,
      actor: 'demo',
      endpoint: 'batch',
      receivedAt,
      messages: processed,
      rejected: [],
      gpc: chunk.gpc,
    })
    accepted += outcome.accepted
    chunk = undefined
  }
  for (const env of data.messages()) {
    messages++
    if (chunk && (chunk.brand !== env.brand || chunk.gpc !== env.gpc || chunk.raw.length >= 500))
      await flush()
    chunk ??= { brand: env.brand, gpc: env.gpc, raw: [] }
    // History loaded today: the event time is the message's timestamp. With `sentAt` present the
    // clock-skew correction would (rightly, for live traffic) move it to the receipt time.
    const { sentAt: _sentAt, ...message } = env.message as { sentAt?: string }
    chunk.raw.push(message)
    if (messages % 20_000 === 0) log(`demo: ${messages} messages`)
  }
  await flush()
  const saved = { keys, persons: data.people.length, messages, accepted }
  writeFileSync(markerFile, JSON.stringify(saved, null, 2), { mode: 0o600 })
  chmodSync(markerFile, 0o600)
  return { loaded: true, ...saved, data }
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
