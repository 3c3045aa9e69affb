import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { createServer } from 'node:net'
import { join } from 'node:path'

export const ROOT = join(import.meta.dirname, '../..')
export const BIN = join(ROOT, 'bin/candor.js')

/** Runs `candor <args>` to completion (`bin`: another entry, such as a compiled `main.js`). */
export function candorCli(
  args: string[],
  env: Record<string, string>,
  bin: string = BIN,
): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    cwd: ROOT,
    timeout: 60_000,
  })
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}

/** Environment that points the CLI at a test store. */
export function storeEnv(config: {
  dataDir: string
  databaseUrl: string
  databaseSchema: string
}): Record<string, string> {
  return {
    CANDOR_DATA_DIR: config.dataDir,
    DATABASE_URL: config.databaseUrl,
    CANDOR_DATABASE_SCHEMA: config.databaseSchema,
    LOG_LEVEL: 'warn',
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const address = s.address()
      const port = typeof address === 'object' && address ? address.port : 0
      s.close(() => resolve(port))
    })
  })
}

/** Starts `candor serve` (with these Node flags, if any) and resolves once /readyz answers. */
export async function startServe(
  env: Record<string, string>,
  port: number,
  nodeFlags: readonly string[] = [],
  bin: string = BIN,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...nodeFlags, bin, 'serve', '--port', String(port)], {
    env: { ...process.env, ...env },
    cwd: ROOT,
    stdio: 'ignore',
  })
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/readyz`)
      if (r.ok) return child
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  child.kill()
  throw new Error('candor serve did not become ready')
}

export async function stopServe(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}
