import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'

export const ROOT = join(import.meta.dirname, '..')

export interface LoadResult {
  readonly rps: number
  readonly p50: number
  readonly p99: number
  readonly errors: number
  readonly non2xx: number
}

/** Runs autocannon against a URL and returns requests/s and latency percentiles (ms). */
export async function load(opts: autocannon.Options): Promise<LoadResult> {
  const r = await autocannon({ ...opts })
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  }
}

/** Starts a child process that prints `ready <port>` and resolves with the port. */
export function startChild(
  cmd: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let buf = ''
    child.stdout?.on('data', (d: Buffer) => {
      buf += d.toString()
      const m = /ready (\d+)/.exec(buf)
      if (m) resolve({ child, port: Number(m[1]) })
    })
    child.once('exit', (code) => reject(new Error(`${cmd} exited with ${code}`)))
  })
}

export function startBare(bytes: number): Promise<{ child: ChildProcess; port: number }> {
  return startChild(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/bare-server.ts')], {
    BARE_BYTES: String(bytes),
    PORT: '0',
  })
}

/** A Candor server child on a data dir (SQLite) with rate limiting off. */
export function startCandor(
  dataDir: string,
  extra: Record<string, string> = {},
): Promise<{ child: ChildProcess; port: number }> {
  return startChild(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/candor-server.ts')], {
    CANDOR_DATA_DIR: dataDir,
    CANDOR_RATE_LIMIT: '0',
    LOG_LEVEL: 'warn',
    DATABASE_URL: '',
    ...extra,
  })
}

export function tmpDir(name: string): string {
  return mkdtempSync(join(tmpdir(), `candor-bench-${name}-`))
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

export function row(name: string, value: number, unit: string, baseline?: number): string {
  const ratio = baseline ? ` (${((value / baseline) * 100).toFixed(1)} % of baseline)` : ''
  return `${name.padEnd(58)} ${value.toFixed(unit === 'ms' ? 2 : 0).padStart(10)} ${unit}${ratio}`
}
