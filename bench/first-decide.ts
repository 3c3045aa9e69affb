// A newcomer's first minutes, measured: a fresh clone of this checkout's HEAD, `npm ci` (which
// builds the native SQLite module and compiles Candor), `npm start` until the demo serves, the
// first answered decide, `candor --help`, and a restart on the now existing data directory.
//   npm run bench -- first-decide        (BENCH_NPM_CI=skip links this checkout's node_modules
//                                          instead of installing: everything but the install)
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT } from './support.js'

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer()
    s.listen(0, '127.0.0.1', () => {
      const a = s.address()
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0))
    })
  })
}

async function untilReady(base: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) return
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error('the server did not become ready')
}

export async function benchFirstDecide(): Promise<string[]> {
  const lines: string[] = []
  const dir = mkdtempSync(join(tmpdir(), 'candor-first-'))
  const clone = join(dir, 'candor')
  const env = { ...process.env, CANDOR_DATA_DIR: '', DATABASE_URL: '', CANDOR_FROM_SOURCE: '' }
  try {
    const t0 = Date.now()
    execFileSync('git', ['clone', '--quiet', '--no-hardlinks', ROOT, clone], { stdio: 'inherit' })
    const tClone = Date.now()
    if (process.env.BENCH_NPM_CI === 'skip') {
      symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'))
      execFileSync('npm', ['run', '-s', 'build'], { cwd: clone, stdio: 'inherit', env })
    } else {
      execFileSync('npm', ['ci', '--no-audit', '--no-fund'], {
        cwd: clone,
        stdio: ['ignore', 'ignore', 'inherit'],
        env,
      })
    }
    const tInstall = Date.now()
    const help0 = Date.now()
    execFileSync(process.execPath, ['bin/candor.js', '--help'], { cwd: clone, stdio: 'ignore', env })
    const tHelp = Date.now() - help0
    const port = await freePort()
    const base = `http://127.0.0.1:${port}`
    const start0 = Date.now()
    const demo = spawn(process.execPath, ['bin/candor.js', 'demo', '--port', String(port)], {
      cwd: clone,
      env: { ...env, LOG_LEVEL: 'warn' },
      stdio: 'ignore',
    })
    let tReady = 0
    let tDecide = 0
    try {
      await untilReady(base, Date.now() + 600_000)
      tReady = Date.now()
      const saved = JSON.parse(readFileSync(join(clone, '.candor', 'demo.json'), 'utf8')) as {
        keys: { server: Record<string, string> }
        showcase: { role: string; userId: string; brand: string }[]
      }
      const hiker = saved.showcase.find((s) => s.role === 'hiker') ?? saved.showcase[0]
      if (!hiker) throw new Error('no showcase person')
      const r = await fetch(`${base}/v1/decide`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${saved.keys.server[hiker.brand]}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ userId: hiker.userId, placement: 'home_hero', limit: 3 }),
      })
      if (!r.ok) throw new Error(`decide answered ${r.status}`)
      tDecide = Date.now()
    } finally {
      demo.kill('SIGTERM')
      await new Promise((r) => demo.once('exit', r))
    }
    // A restart on the data directory the demo left.
    const restart0 = Date.now()
    const serve = spawn(process.execPath, ['bin/candor.js', 'serve', '--port', String(port)], {
      cwd: clone,
      env: { ...env, LOG_LEVEL: 'warn' },
      stdio: 'ignore',
    })
    let tRestart = 0
    try {
      await untilReady(base, Date.now() + 60_000)
      tRestart = Date.now() - restart0
    } finally {
      serve.kill('SIGTERM')
      await new Promise((r) => serve.once('exit', r))
    }
    lines.push(`clone                                ${seconds(tClone - t0)}`)
    lines.push(
      `npm ci (native SQLite build, compile) ${process.env.BENCH_NPM_CI === 'skip' ? 'skipped (linked); build only: ' : ''}${seconds(tInstall - tClone)}`,
    )
    lines.push(`candor --help                        ${tHelp} ms`)
    lines.push(`npm start until the demo serves       ${seconds(tReady - start0)}`)
    lines.push(`first answered decide after that     ${tDecide - tReady} ms`)
    lines.push(`clone → first answered decide        ${seconds(tDecide - t0)}`)
    lines.push(`restart on the existing data: ready  ${tRestart} ms`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return lines
}
