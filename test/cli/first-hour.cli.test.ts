// A newcomer's first hour, played from a fresh clone: build, `candor --help`, `candor demo`
// (progress, keys, the showcase table), then the README's blocks in order against that demo, and
// the first answered decision. `npm ci` is not run (minutes of native builds): the clone borrows
// this checkout's node_modules through a symlink. The times go to test-artifacts/first-hour.json.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { freePort, ROOT } from '../support/cli.js'

/** The persons the demo loads here (the default demo has 1000: minutes on a loaded 2-core machine). */
const PERSONS = process.env.FIRST_HOUR_PERSONS ?? '100'

/** The environment of a newcomer's shell: none of the test run's Candor settings. */
function newcomerEnv(): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && !/^(CANDOR_|DATABASE_URL|PORT$|LOG_LEVEL|VITEST|NODE_ENV)/.test(k)) env[k] = v
  return env
}

const ms = (from: number) => Math.round(performance.now() - from)

describe('the first hour, from a fresh clone', () => {
  const dir = mkdtempSync(join(tmpdir(), 'candor-first-hour-'))
  const clone = join(dir, 'candor')
  let demo: ChildProcess | undefined
  afterAll(async () => {
    if (demo && demo.exitCode === null) {
      await new Promise<void>((resolve) => {
        demo?.once('exit', () => resolve())
        demo?.kill('SIGTERM')
      })
    }
    rmSync(dir, { recursive: true, force: true })
  })

  it('builds, helps, loads the demo with its showcase, runs every README block and decides', {
    timeout: 900_000,
  }, async () => {
    const env = newcomerEnv()
    const times: Record<string, number | string> = { persons: PERSONS }
    const run = (cmd: string, args: string[], timeout = 120_000) => {
      const r = spawnSync(cmd, args, { cwd: clone, env, encoding: 'utf8', timeout })
      expect(r.status, `${cmd} ${args.join(' ')}: ${r.stderr}`).toBe(0)
      return r
    }

    let t = performance.now()
    const cloned = spawnSync('git', ['clone', '--quiet', ROOT, clone], { encoding: 'utf8' })
    expect(cloned.status, cloned.stderr).toBe(0)
    times.cloneMs = ms(t)
    symlinkSync(realpathSync(join(ROOT, 'node_modules')), join(clone, 'node_modules'))

    // What `npm ci` runs after installing: the `prepare` script.
    t = performance.now()
    run('npm', ['run', '-s', 'prepare'], 300_000)
    times.buildMs = ms(t)

    t = performance.now()
    const help = run('node', ['bin/candor.js', '--help'])
    times.helpMs = ms(t)
    expect(help.stdout).toContain('demo')
    expect(help.stderr).not.toContain('TypeScript sources')
    t = performance.now()
    expect(run('node', ['bin/candor.js', '--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/)
    times.versionMs = ms(t)

    // `npm start`, on a port of its own.
    const port = await freePort()
    const base = `http://127.0.0.1:${port}`
    t = performance.now()
    demo = spawn('node', ['bin/candor.js', 'demo', '--persons', PERSONS, '--port', String(port)], {
      cwd: clone,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    demo.stdout?.on('data', (d) => {
      stdout += String(d)
    })
    demo.stderr?.on('data', (d) => {
      stderr += String(d)
    })
    const deadline = Date.now() + 800_000
    let ready = false
    while (!ready && Date.now() < deadline && demo.exitCode === null) {
      await new Promise((r) => setTimeout(r, 250))
      if (!stdout.includes('see each one')) continue
      ready = await fetch(`${base}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
    }
    expect(ready, `demo not ready:\n${stdout}\n${stderr}`).toBe(true)
    times.demoReadyMs = ms(t)
    // It showed its progress, the keys and a table of the people to look at first.
    expect(stderr).toMatch(/demo: people \d+\/\d+/)
    expect(stderr).toMatch(/demo: events \d+, \d+ accepted/)
    expect(stdout).toContain('admin: cnd_admin_')
    expect(stdout).toMatch(/userId\s+brand\s+showcase\s+demonstrates/)

    // The first decision: the hiker of the showcase, with her brand's key from demo.json.
    const saved = JSON.parse(readFileSync(join(clone, '.candor', 'demo.json'), 'utf8')) as {
      keys: { server: Record<string, string> }
      showcase: { role: string; userId: string; brand: string }[]
    }
    const hiker = saved.showcase.find((p) => p.role === 'hiker')
    expect(hiker).toBeDefined()
    t = performance.now()
    const decided = await fetch(`${base}/v1/decide`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${saved.keys.server[hiker?.brand as string]}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ userId: hiker?.userId, placement: 'home_hero', limit: 3 }),
    })
    times.firstDecideMs = ms(t)
    expect(decided.status).toBe(200)
    const decision = (await decided.json()) as { items: unknown[]; personalized: boolean }
    expect(decision.items.length).toBeGreaterThan(0)

    // Every curl of the showcase table answers (no error, no unknown person).
    const curls = stdout.split('\n').filter((l) => l.trim().startsWith('curl '))
    expect(curls.length).toBe(saved.showcase.length)
    for (const c of curls) {
      const r = spawnSync('bash', ['-c', c.trim()], { cwd: clone, env, encoding: 'utf8', timeout: 60_000 })
      expect(r.stdout, c).not.toContain('"error"')
    }

    // The README's blocks that talk to a server, in order, as written, against the running demo.
    const readme = readFileSync(join(clone, 'README.md'), 'utf8')
    const blocks = [...readme.matchAll(/```(bash [a-z]+)\n([\s\S]*?)```/g)].map((m) => ({
      info: m[1] as string,
      code: m[2] as string,
    }))
    expect(blocks.map((b) => b.info)).toEqual(['bash walkthrough', 'bash demo'])
    t = performance.now()
    for (const b of blocks) {
      const r = spawnSync('bash', ['-euo', 'pipefail', '-c', b.code], {
        cwd: clone,
        env: { ...env, BASE: base },
        encoding: 'utf8',
        timeout: 300_000,
      })
      expect(r.status, `${b.info}: ${r.stderr}`).toBe(0)
      // Only the walkthrough's deliberate 404 after erasure; no other error.
      const errors = r.stdout.split('\n').filter((l) => l.includes('"error"'))
      expect(errors, b.info).toEqual([])
    }
    times.readmeBlocksMs = ms(t)

    mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true })
    writeFileSync(join(ROOT, 'test-artifacts', 'first-hour.json'), `${JSON.stringify(times, null, 2)}\n`)
    process.stdout.write(`first hour: ${JSON.stringify(times)}\n`)
  })
})
