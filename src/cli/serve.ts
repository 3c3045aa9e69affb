import { createServer } from 'node:net'
import { createCandor } from '../app/create-candor.js'
import type { Config } from '../config/config-schema.js'
import { buildServer } from '../http/build-server.js'

/** Starts the server and stops it cleanly on SIGINT/SIGTERM (flushing the audit buffer). */
export async function startServer(config: Config): Promise<void> {
  const candor = await createCandor(config, { writerThread: true, writerInBackground: true })
  let app: Awaited<ReturnType<typeof buildServer>>
  try {
    // The writer thread loads and opens the store while this thread builds the routes.
    ;[app] = await Promise.all([buildServer(candor), candor.started()])
  } catch (error) {
    await candor.close()
    throw error
  }
  // Data past its retention: hidden by the policy engine once expired, removed here on a schedule.
  const purge =
    config.purgeIntervalMinutes > 0
      ? setInterval(() => {
          candor.dataItems.purgeExpired('system:purge').then(
            (r) => {
              if (r.dataItems > 0) app.log.info({ dataItems: r.dataItems }, 'expired data purged')
            },
            (error: unknown) => app.log.warn({ code: (error as { code?: string }).code }, 'purge failed'),
          )
        }, config.purgeIntervalMinutes * 60_000)
      : undefined
  purge?.unref()
  const stop = async () => {
    if (purge) clearInterval(purge)
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
  try {
    await app.listen({ port: config.port, host: config.host })
  } catch (error) {
    await stop()
    throw listenError(error as NodeJS.ErrnoException, config)
  }
  app.log.info({ dialect: candor.storage.helpers.kind, dataDir: config.dataDir }, 'candor ready')
}

/**
 * Refuses a port another process holds, before any work: `candor demo` checks it before it
 * loads and prints keys. (The server's own listen reports the same error if the port is taken
 * in between.)
 */
export async function ensurePortFree(config: Config): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer()
    probe.once('error', (error: NodeJS.ErrnoException) => reject(listenError(error, config)))
    probe.listen({ port: config.port, host: config.host, exclusive: true }, () =>
      probe.close(() => resolve()),
    )
  })
}

/** A listen error that says which port or interface and how to choose another. */
export function listenError(error: NodeJS.ErrnoException, config: Config): Error {
  if (error.code === 'EADDRINUSE')
    return new Error(
      `port ${config.port} on ${config.host} is already in use (another Candor?): stop that process, or choose another port with --port <n> or PORT=<n>`,
    )
  if (error.code === 'EACCES')
    return new Error(
      `not allowed to listen on port ${config.port}: ports below 1024 need privileges; choose another with --port <n> or PORT=<n>`,
    )
  if (error.code === 'EADDRNOTAVAIL')
    return new Error(
      `cannot listen on ${config.host}: no such interface on this machine; choose one with --host <address> or CANDOR_HOST`,
    )
  return error
}
