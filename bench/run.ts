// Runs every benchmark and prints each figure with its same-run baseline and ratio.
// BENCH_SECONDS (default 10) per load phase; BENCH_PERSONS (default 10 000) for the decide dataset.
// `npm run bench -- first-decide` runs only the newcomer's path (clone → first answered decide).
import { benchControlCenter } from './control-center.js'
import { benchDecide } from './decide.js'
import { benchFirstDecide } from './first-decide.js'
import { benchIngest } from './ingest.js'
import { benchJourneys } from './journeys-eval.js'

const seconds = Number(process.env.BENCH_SECONDS ?? 10)
const persons = Number(process.env.BENCH_PERSONS ?? 10_000)
if (process.argv[2] === 'control-center') {
  console.log(`Candor: the control center's overview in chromium (${new Date().toISOString()})`)
  for (const l of await benchControlCenter()) console.log(l)
  process.exit(0)
}
if (process.argv[2] === 'first-decide') {
  console.log(`Candor: clone → first answered decide (${new Date().toISOString()})`)
  for (const l of await benchFirstDecide()) console.log(l)
  process.exit(0)
}
console.log(`Candor benchmarks (${new Date().toISOString()}, ${seconds} s per phase)`)
console.log('\n# ingestion')
for (const l of await benchIngest(seconds)) console.log(l)
console.log('\n# decisions and policy views')
for (const l of await benchDecide(persons, seconds)) console.log(l)
console.log('\n# interest model: offline time split, before and after journeys')
for (const l of benchJourneys()) console.log(l)
