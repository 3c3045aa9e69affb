import { createCandor } from '../app/create-candor.js'
import type { Config } from '../config/config-schema.js'
import { buildServer } from '../http/build-server.js'

/** Starts the server and stops it cleanly on SIGINT/SIGTERM (flushing the audit buffer). */
export async function startServer(config: Config): Promise<void> {
  const candor = await createCandor(config, { writerThread: true })
  const app = await buildServer(candor)
  const stop = async () => {
    await app.close()
    await candor.close()
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void stop().finally(() => {
        process.exitCode = 0
      })
    })
  }
  await app.listen({ port: config.port, host: config.host })
  app.log.info({ dialect: candor.storage.helpers.kind, dataDir: config.dataDir }, 'candor ready')
}
