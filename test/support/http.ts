import { Writable } from 'node:stream'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { Candor, CandorOptions } from '../../src/app/create-candor.js'
import { buildServer, type ServerOptions } from '../../src/http/build-server.js'
import { createTestCandor, type DialectName } from './dialects.js'

export interface TestServer {
  readonly app: FastifyInstance
  readonly candor: Candor
  /** Server keys per brand, a write key per brand, and one admin and one reviewer key. */
  readonly keys: {
    server: Record<string, string>
    write: Record<string, string>
    admin: string
    reviewer: string
  }
  /** Every log line the server wrote. */
  readonly logs: string[]
  /** `inject` with a bearer key and JSON body. */
  call(
    method: string,
    url: string,
    opts?: { key?: string | undefined; body?: unknown; headers?: Record<string, string> },
  ): Promise<LightMyRequestResponse>
  close(): Promise<void>
}

/**
 * A real server on a fresh store (SQLite by default) with brands `outdoor`, `baby` and `home`
 * and keys for each. Requests go through Fastify's `inject`, the whole stack included.
 */
export async function createTestServer(
  dialect: DialectName = 'sqlite',
  overrides: Record<string, unknown> = {},
  brands: readonly string[] = ['outdoor', 'baby', 'home'],
  options: CandorOptions = {},
  serverOptions: Omit<ServerOptions, 'logStream'> = {},
): Promise<TestServer> {
  const { candor, close } = await createTestCandor(dialect, options, { logLevel: 'info', ...overrides })
  const logs: string[] = []
  const stream = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk))
      cb()
    },
  })
  const app = await buildServer(candor, { ...serverOptions, logStream: stream })
  const server: Record<string, string> = {}
  const write: Record<string, string> = {}
  for (const b of brands) {
    await candor.brands.add({ id: b, name: b, allowedOrigins: [`https://${b}.example`] })
    server[b] = (await candor.apiKeys.create({ kind: 'server', brandId: b })).key
    write[b] = (await candor.apiKeys.create({ kind: 'write', brandId: b })).key
  }
  const admin = (await candor.apiKeys.create({ kind: 'admin' })).key
  const reviewer = (await candor.apiKeys.create({ kind: 'reviewer' })).key
  return {
    app,
    candor,
    keys: { server, write, admin, reviewer },
    logs,
    call(method, url, opts = {}) {
      const headers: Record<string, string> = { ...(opts.headers ?? {}) }
      if (opts.key) headers.authorization = `Bearer ${opts.key}`
      return app.inject({
        method: method as 'GET',
        url,
        headers,
        ...(opts.body === undefined ? {} : { payload: opts.body as object }),
      })
    },
    async close() {
      await app.close()
      await close()
    },
  }
}
