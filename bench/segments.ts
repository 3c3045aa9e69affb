// Segment benchmark (SQLite, in process): batch evaluation of a typical segment (4 leaves) over N
// synthetic persons through the policy engine (consent, sensitivity, expiry; decrypting each
// released value; one aggregate audit entry), beside the same selection as one plain SQL query
// over a plaintext copy of the same rows, measured in the same run; then single-person
// evaluation as /v1/decide does it (per call). Usage: npx tsx bench/segments.ts [persons]
import { sql } from 'kysely'
import { createCandor } from '../src/app/create-candor.js'
import { loadConfig } from '../src/config/load-config.js'
import { tmpDir } from './support.js'

const persons = Number(process.argv[2] ?? 10_000)
const candor = await createCandor(
  loadConfig(
    { dataDir: tmpDir('segments'), logLevel: 'silent', sqliteSynchronous: 'OFF', writerThread: 'off' },
    {},
  ),
)
await candor.brands.add({ id: 'b', name: 'B', allowedOrigins: [] })
const zips = ['10115', '10117', '20095', '80331', '50667']
const t0 = Date.now()
const db = candor.storage.data
await sql`create table bench_plain (person text, age integer, zip text, tier text, consented integer)`.execute(
  db,
)
for (let i = 0; i < persons; i++) {
  const ref = { kind: 'user' as const, value: `u${i}` }
  const age = 18 + (i % 60)
  const zip = zips[i % zips.length] as string
  const tier = i % 3 === 0 ? 'gold' : 'silver'
  await candor.dataItems.write({
    brandId: 'b',
    ref,
    actor: 'bench',
    items: [
      { key: 'age_years', value: age, category: 'user.account.settings', source: 'stated' },
      { key: 'zip', value: zip, category: 'user.contact.address.postal_code', source: 'stated' },
      { key: 'tier', value: tier, category: 'user.account', source: 'observed' },
    ],
  })
  const consented = i % 10 !== 0
  if (consented)
    await candor.consent.record({
      brandId: 'b',
      ref,
      actor: 'bench',
      choices: [{ purpose: 'personalization', state: 'granted' }],
    })
  await sql`insert into bench_plain values (${`u${i}`}, ${age}, ${zip}, ${tier}, ${consented ? 1 : 0})`.execute(
    db,
  )
}
console.log(`setup: ${persons} persons in ${((Date.now() - t0) / 1000).toFixed(0)} s`)
const rule = {
  all: [
    { data: 'age_years', op: 'between', value: [25, 54] },
    { data: 'tier', op: 'eq', value: 'gold' },
    {
      any: [
        { data: 'zip', op: 'in', value: ['10115', '10117'] },
        { not: { data: 'age_years', op: 'gte', value: 50 } },
      ],
    },
  ],
}
const who = { actor: 'cli', kind: 'cli' as const, label: 'bench' }
await candor.segments.create({ id: 's', brand: 'b', name: 's', purpose: 'personalization', rule }, who)
await candor.segments.activate('s', who)
const t1 = performance.now()
const { members } = await candor.segments.members('s', 1_000_000, 0, who)
const batchMs = performance.now() - t1
const t2 = performance.now()
const plain = await sql<{
  person: string
}>`select person from bench_plain where consented = 1 and age between 25 and 54 and tier = 'gold' and (zip in ('10115','10117') or not age >= 50)`.execute(
  db,
)
const plainMs = performance.now() - t2
if (plain.rows.length !== members.length)
  throw new Error(`members ${members.length} ≠ plain ${plain.rows.length}`)
console.log(
  `batch: ${members.length} members of ${persons} in ${batchMs.toFixed(0)} ms (${Math.round(persons / (batchMs / 1000))} persons/s); plain SQL ${plainMs.toFixed(1)} ms; ratio ${(batchMs / plainMs).toFixed(0)}×`,
)
const state = await candor.policy.personState('b', { kind: 'user', value: 'u7' })
if (!state) throw new Error('no person')
const n = 2000
for (let i = 0; i < 200; i++) await candor.segments.audienceOf('s', state, 'b', 'bench')
const t3 = performance.now()
for (let i = 0; i < n; i++) await candor.segments.audienceOf('s', state, 'b', 'bench')
console.log(
  `single person (as in /v1/decide): ${(((performance.now() - t3) / n) * 1000).toFixed(0)} µs per evaluation`,
)
await candor.close()
