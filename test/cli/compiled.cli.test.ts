import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { candorCli, freePort, ROOT, startServe, stopServe, storeEnv } from '../support/cli.js'
import { createTestEnv, type TestEnv } from '../support/dialects.js'

// The compiled program (scripts/build.mjs, which `npm ci` runs): the CLI and the writer thread run
// it without tsx. Built into a directory of its own inside the repository (packages resolve from
// its node_modules), so a developer's dist/ is neither used nor touched.
const OUT = join(ROOT, 'test-artifacts', `dist-${process.pid}`)
const MAIN = join(OUT, 'main.js')

describe('the compiled program', () => {
  let env: TestEnv
  let e: Record<string, string>
  beforeAll(() => {
    const built = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--outdir', OUT], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
    })
    expect(built.status, built.stderr).toBe(0)
    env = createTestEnv('sqlite')
    e = storeEnv(env.config)
  }, 150_000)
  afterAll(async () => {
    await env?.cleanup()
    rmSync(OUT, { recursive: true, force: true })
  })

  it('prints its version and its help without tsx', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }
    const version = candorCli(['--version'], e, MAIN)
    expect(version.status).toBe(0)
    expect(version.stdout.trim()).toBe(pkg.version)
    const help = candorCli(['--help'], e, MAIN)
    expect(help.status).toBe(0)
    for (const command of ['serve', 'demo', 'import', 'brands', 'keys', 'audit', 'erase'])
      expect(help.stdout).toContain(command)
    for (const file of readdirSync(OUT).filter((f) => f.endsWith('.js')))
      expect(readFileSync(join(OUT, file), 'utf8')).not.toMatch(/(from |import\()["']tsx/)
  })

  it('serves, commits tracked events on its compiled writer thread, and serves the reference', async () => {
    expect(candorCli(['brands', 'add', 'outdoor', '--name', 'Outdoor Co'], e, MAIN).status).toBe(0)
    const created = candorCli(['keys', 'create', '--kind', 'write', '--brand', 'outdoor'], e, MAIN)
    expect(created.status, created.stderr).toBe(0)
    const writeKey = created.stdout.trim().split('\n').pop() as string
    const port = await freePort()
    const server = await startServe(e, port, [], MAIN)
    try {
      const base = `http://127.0.0.1:${port}`
      const tracked = await fetch(`${base}/v1/track`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ userId: 'compiled-1', event: 'Product Viewed', messageId: 'm-compiled-1' }),
      })
      expect(tracked.status, await tracked.text()).toBe(200)
      expect((await fetch(`${base}/docs/json`)).status).toBe(200)
      expect((await fetch(`${base}/docs/`)).status).toBe(200)
      expect((await fetch(`${base}/metrics`)).status).toBe(200)
    } finally {
      await stopServe(server)
    }
    // The event was committed (by the writer thread): the person exists and can be erased.
    const erased = candorCli(['erase', 'compiled-1', '--brand', 'outdoor'], e, MAIN)
    expect(erased.status, erased.stderr).toBe(0)
    expect(erased.stdout).toContain('events')
  })
})
