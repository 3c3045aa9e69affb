// Decision benchmark: POST /v1/decide on the demo dataset (≥ 10k people, ≥ 100 active offers for
// the placement), beside a bare Fastify route answering the same number of bytes, measured in
// the same run; then decide latency while /v1/batch ingestion runs in parallel. Also the policy
// view (GET /v1/persons/{ref}?purpose=…) beside the same baseline.
import { createCandor } from '../src/app/create-candor.js'
import { loadDemo } from '../src/cli/demo-command.js'
import { loadConfig } from '../src/config/load-config.js'
import { load, row, startBare, startCandor, stop, tmpDir } from './support.js'

const NOW = Date.now()
/** Unmeasured load before each measured phase of a server, so JIT compilation is not measured. */
const WARMUP_SECONDS = 3

export async function benchDecide(persons: number, seconds: number): Promise<string[]> {
  const lines: string[] = []
  const dataDir = tmpDir('decide')
  // Setup only: loading history with synchronous=NORMAL; the measured server runs with FULL.
  const setup = await createCandor(
    loadConfig({ dataDir, logLevel: 'silent', sqliteSynchronous: 'NORMAL' }, {}),
  )
  const t0 = Date.now()
  const demo = await loadDemo(setup, { persons, seed: 42, now: NOW })
  await setup.close()
  lines.push(
    `demo dataset: ${demo.persons} people, ${demo.accepted} events, ${demo.data.offers.length} offers (loaded in ${((Date.now() - t0) / 1000).toFixed(0)} s)`,
  )
  const users = demo.data.people.map((p) => p.userIds.outdoor).filter((u): u is string => u !== undefined)
  const server = await startCandor(dataDir)
  const base = `http://127.0.0.1:${server.port}`
  const auth = { authorization: `Bearer ${demo.keys.server.outdoor}`, 'content-type': 'application/json' }
  let i = 0
  const decideBody = () =>
    JSON.stringify({ userId: users[i++ % users.length], placement: 'home_hero', limit: 3 })
  const probe = await fetch(`${base}/v1/decide`, { method: 'POST', headers: auth, body: decideBody() })
  const size = (await probe.text()).length
  const viewProbe = await fetch(`${base}/v1/persons/${users[0]}?purpose=personalization`, { headers: auth })
  const viewSize = (await viewProbe.text()).length

  const bare = await startBare(size)
  const bareUrl = `http://127.0.0.1:${bare.port}/bare`
  const decideLoad = (connections: number, duration: number) =>
    load({
      url: `${base}/v1/decide`,
      connections,
      duration,
      requests: [{ method: 'POST', headers: auth, setupRequest: (r) => ({ ...r, body: decideBody() }) }],
    })
  // Both servers warm up (JIT, caches) for a few unmeasured seconds first.
  await load({ url: bareUrl, connections: 32, duration: WARMUP_SECONDS })
  const bare32 = await load({ url: bareUrl, connections: 32, duration: seconds })
  await decideLoad(32, WARMUP_SECONDS)
  const decide32 = await decideLoad(32, seconds)
  lines.push(row(`bare Fastify GET, ${size} bytes, 32 connections (baseline)`, bare32.rps, 'req/s'))
  lines.push(row('POST /v1/decide, 32 connections', decide32.rps, 'req/s', bare32.rps))
  lines.push(row('  p50', decide32.p50, 'ms'))
  lines.push(row('  p99', decide32.p99, 'ms'))
  const decide4 = await decideLoad(4, seconds)
  lines.push(row('POST /v1/decide, 4 connections', decide4.rps, 'req/s'))
  lines.push(row('  p50', decide4.p50, 'ms'))
  lines.push(row('  p99', decide4.p99, 'ms'))
  if (decide32.errors + decide32.non2xx + decide4.errors + decide4.non2xx > 0)
    lines.push(`  (errors ${decide32.errors + decide4.errors}, non-2xx ${decide32.non2xx + decide4.non2xx})`)
  await stop(bare.child)

  // Decide at light load while /v1/batch ingestion runs in parallel (target 10k events/s).
  const writeAuth = `Basic ${Buffer.from(`${demo.keys.write.outdoor}:`).toString('base64')}`
  let n = 0
  const batchBody = () => {
    const batch = []
    for (let k = 0; k < 100; k++) {
      batch.push({
        type: 'track',
        event: 'Product Viewed',
        userId: users[(n * 100 + k) % users.length],
        messageId: `par-${n}-${k}`,
        properties: { category: 'Outdoors > Hiking > Boots', product_id: `p${k}` },
      })
    }
    n++
    return JSON.stringify({ batch })
  }
  const ingest = load({
    url: `${base}/v1/batch`,
    connections: 4,
    duration: seconds,
    overallRate: 100,
    requests: [
      {
        method: 'POST',
        headers: { authorization: writeAuth, 'content-type': 'application/json' },
        setupRequest: (r) => ({ ...r, body: batchBody() }),
      },
    ],
  })
  const during = decideLoad(4, seconds)
  const [ing, dur] = await Promise.all([ingest, during])
  lines.push(row('POST /v1/batch in parallel (asked 10k events/s)', ing.rps * 100, 'events/s'))
  lines.push(row('  POST /v1/decide meanwhile, 4 connections', dur.rps, 'req/s'))
  lines.push(row('  p50', dur.p50, 'ms'))
  lines.push(row('  p99', dur.p99, 'ms'))

  // Policy view beside a bare route of the same size.
  const bareView = await startBare(viewSize)
  const bareViewUrl = `http://127.0.0.1:${bareView.port}/bare`
  await load({ url: bareViewUrl, connections: 32, duration: WARMUP_SECONDS })
  const bv = await load({ url: bareViewUrl, connections: 32, duration: seconds })
  let j = 0
  const viewLoad = (duration: number) =>
    load({
      url: `${base}/v1/persons/x`,
      connections: 32,
      duration,
      requests: [
        {
          method: 'GET',
          headers: auth,
          setupRequest: (r) => ({
            ...r,
            path: `/v1/persons/${users[j++ % users.length]}?purpose=personalization`,
          }),
        },
      ],
    })
  await viewLoad(WARMUP_SECONDS)
  const view = await viewLoad(seconds)
  lines.push(row(`bare Fastify GET, ${viewSize} bytes, 32 connections (baseline)`, bv.rps, 'req/s'))
  lines.push(row('GET /v1/persons/{ref}?purpose=personalization (policy view)', view.rps, 'req/s', bv.rps))
  lines.push(row('  p99', view.p99, 'ms'))
  await stop(bareView.child)
  await stop(server.child)
  return lines
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const l of await benchDecide(
    Number(process.env.BENCH_PERSONS ?? 10_000),
    Number(process.env.BENCH_SECONDS ?? 10),
  ))
    console.log(l)
}
