// The cost of the collection plan at intake: /v1/batch events/s (in-process inject, SQLite, durable
// commits) with a 50-field plan in each mode, beside the same run without a plan — rounds
// interleaved so that a busy machine slows every mode alike; the median round is reported.
import { createCandor } from '../src/app/create-candor.js'
import { loadConfig } from '../src/config/load-config.js'
import { buildServer } from '../src/http/build-server.js'
import { parsePlanDocument } from '../src/modules/collection-plan/index.js'
import { generateDemo } from '../src/modules/demo/index.js'
import { applyCollectionPlan, createIngestionPipeline } from '../src/modules/ingestion/steps/index.js'
import { tmpDir } from './support.js'

const NOW = Date.UTC(2026, 10, 29)
const FIELD = (category: string) => ({
  category,
  purposes: ['analytics'],
  retentionDays: 365,
  justification: 'bench',
})

/** The demo's fields, declared, plus filler traits to make 50. */
export function plan50(mode: string, messages: readonly Record<string, unknown>[]) {
  type Field = ReturnType<typeof FIELD>
  const events = new Map<string, Map<string, Field>>()
  const traits = new Map<string, Field>()
  const context = new Map<string, Field>()
  const declare = (into: Map<string, Field>, names: string[], category: string) => {
    for (const k of names) if (!into.has(k)) into.set(k, FIELD(category))
  }
  for (const m of messages) {
    const name = m.type === 'track' ? String(m.event) : m.type === 'page' ? 'page' : undefined
    if (name) {
      const props = events.get(name) ?? new Map<string, Field>()
      declare(props, Object.keys((m.properties as object) ?? {}), 'user.behavior.browsing')
      events.set(name, props)
    }
    if (m.type === 'identify') declare(traits, Object.keys((m.traits as object) ?? {}), 'user.unclassified')
    declare(
      context,
      Object.keys((m.context as object) ?? {}).filter((k) => k !== 'library' && k !== 'consent'),
      'user.device',
    )
  }
  const count = () => [...events.values()].reduce((a, p) => a + p.size, 0) + traits.size + context.size
  for (let i = 0; count() < 50; i++) traits.set(`filler_${i}`, FIELD('user.unclassified'))
  return {
    mode,
    events: [...events].map(([name, properties]) => ({ name, properties: Object.fromEntries(properties) })),
    traits: Object.fromEntries(traits),
    context: Object.fromEntries(context),
    fields: count(),
  }
}

export async function benchCollectionPlan(seconds: number): Promise<string[]> {
  const data = generateDemo({ persons: 300, seed: 7, now: NOW })
  const messages = [...data.messages()]
    .filter((e) => e.brand === 'outdoor' && !e.gpc)
    .map((e) => {
      const { sentAt: _s, ...m } = e.message as unknown as Record<string, unknown>
      return m
    })
  const modes = ['none', 'observe', 'strip', 'reject'] as const
  const rates = new Map<string, number[]>(modes.map((m) => [m, []]))
  const setups = new Map<string, { run(): Promise<number>; close(): Promise<void> }>()
  let fields = 0
  for (const mode of modes) {
    const candor = await createCandor(
      loadConfig({ dataDir: tmpDir(`plan-${mode}`), logLevel: 'silent', writerThread: 'off' }, {}),
    )
    await candor.brands.add({ id: 'outdoor', name: 'Outdoor' })
    const key = (await candor.apiKeys.create({ kind: 'write', brandId: 'outdoor' })).key
    if (mode !== 'none') {
      const { fields: n, ...doc } = plan50(mode, messages)
      fields = n
      const saved = await candor.collectionPlans.save({
        brandId: 'outdoor',
        document: doc,
        reason: 'bench',
        actor: 'bench',
        reviewer: true,
      })
      if (!saved.accepted) throw new Error(`bench plan blocked: ${JSON.stringify(saved.findings)}`)
    }
    const app = await buildServer(candor)
    let offset = 0
    let round = 0
    setups.set(mode, {
      async run() {
        round++
        const t0 = process.hrtime.bigint()
        let sent = 0
        while (Number(process.hrtime.bigint() - t0) / 1e9 < seconds) {
          const batch = messages
            .slice(offset % messages.length, (offset % messages.length) + 100)
            .map((m, i) => ({
              ...m,
              messageId: `r${round}-${offset + i}`,
            }))
          offset += batch.length
          const r = await app.inject({
            method: 'POST',
            url: '/v1/batch',
            headers: { authorization: `Bearer ${key}` },
            payload: { batch },
          })
          if (r.statusCode !== 200) throw new Error(`batch answered ${r.statusCode}: ${r.body}`)
          sent += batch.length
        }
        return sent / (Number(process.hrtime.bigint() - t0) / 1e9)
      },
      async close() {
        await app.close()
        await candor.close()
      },
    })
  }
  for (let round = 0; round < 3; round++)
    for (const mode of modes)
      rates.get(mode)?.push(await (setups.get(mode) as { run(): Promise<number> }).run())
  for (const s of setups.values()) await s.close()
  // The check alone, on the request thread's CPU: the pipeline per message, and the plan on top.
  const pipeline = createIngestionPipeline({ mapCategoryPreferences: () => ({ decisions: [] }) })
  const processed = messages.flatMap((m) => {
    const r = pipeline.processMessage(m, { receivedAt: NOW })
    return r.type === 'ok' ? [r.value] : []
  })
  const { fields: _f, ...doc } = plan50('strip', messages)
  const parsed = parsePlanDocument(doc)
  if (!parsed.ok) throw new Error('bench plan invalid')
  const perMessage = (fn: () => void) => {
    const t0 = process.hrtime.bigint()
    let n = 0
    while (Number(process.hrtime.bigint() - t0) < 1e9) {
      fn()
      n += processed.length
    }
    return Number(process.hrtime.bigint() - t0) / 1e3 / n
  }
  const pipelineUs = perMessage(() => {
    for (const m of messages) pipeline.processMessage(m, { receivedAt: NOW })
  })
  const checkUs = perMessage(() => {
    for (const m of processed) applyCollectionPlan(m, parsed.value)
  })
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number
  const base = median(rates.get('none') as number[])
  return [
    ...modes.map((mode) => {
      const r = median(rates.get(mode) as number[])
      return `/v1/batch ${mode === 'none' ? 'without a plan' : `${mode}, ${fields}-field plan`}: ${r.toFixed(0)} events/s (median of 3 × ${seconds} s)${
        mode === 'none' ? '' : `, ${((r / base) * 100).toFixed(1)} % of no plan`
      }`
    }),
    `plan check alone (${fields} fields, strip): ${checkUs.toFixed(2)} µs/message, beside the pipeline's ${pipelineUs.toFixed(2)} µs/message (${((checkUs / pipelineUs) * 100).toFixed(1)} %)`,
  ]
}
