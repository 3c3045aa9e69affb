// A Candor server for benchmarks: the real server, started from the environment's config.
import { createCandor } from '../src/app/create-candor.js'
import { loadConfig } from '../src/config/load-config.js'
import { buildServer } from '../src/http/build-server.js'

const config = loadConfig({ port: 0, logLevel: 'warn' })
const candor = await createCandor(config, { writerThread: true })
const app = await buildServer(candor)
await app.listen({ port: 0, host: '127.0.0.1' })
process.stdout.write(`ready ${(app.server.address() as { port: number }).port}\n`)
const stop = async () => {
  await app.close()
  await candor.close()
  process.exit(0)
}
process.once('SIGTERM', () => void stop())
process.once('SIGINT', () => void stop())
