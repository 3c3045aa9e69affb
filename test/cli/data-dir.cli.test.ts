// A data directory Candor cannot use says why and how to fix it; `audit verify`, which only
// reads, works on a read-only one. Run as root (CI containers), the commands run as `nobody`, for
// whom a directory of mode 0555 is read-only as it is for any user.
import { spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCandor } from '../../src/app/create-candor.js'
import { BIN, ROOT } from '../support/cli.js'
import { createTestEnv, type TestEnv } from '../support/dialects.js'

const filesIn = (dir: string) =>
  readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => d.name)
    .sort()

const asRoot = process.getuid?.() === 0
const NOBODY = 65534

function cli(args: string[], dataDir: string): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, CANDOR_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    cwd: ROOT,
    timeout: 90_000,
    ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
  })
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}

describe('data directories', () => {
  let env: TestEnv
  beforeAll(async () => {
    env = createTestEnv('sqlite')
    // The user the commands run as may enter it, not write it.
    chmodSync(env.dataDir, 0o755)
    const c = await createCandor(env.config)
    try {
      await c.brands.add({ id: 'outdoor', name: 'Outdoor' })
      await c.dataItems.write({
        brandId: 'outdoor',
        ref: { kind: 'user', value: 'ann-1' },
        actor: 'test',
        items: [{ key: 'email', value: 'ann@example.com', category: 'user.contact.email', source: 'stated' }],
      })
    } finally {
      await c.close()
    }
  })
  afterAll(async () => {
    chmodSync(env.dataDir, 0o755)
    await env.cleanup()
  })

  it('audit verify works on a read-only data directory and leaves it as it was', () => {
    const files = filesIn(env.dataDir)
    for (const f of files) chmodSync(join(env.dataDir, f), 0o444)
    chmodSync(env.dataDir, 0o555)
    const before = files.map((f) => `${f}:${statSync(join(env.dataDir, f)).mtimeMs}`)
    try {
      const r = cli(['audit', 'verify'], env.dataDir)
      expect(r.status, r.stderr).toBe(0)
      expect(r.stdout).toMatch(/audit log intact: [1-9]\d* entries/)
      expect(r.stderr).toContain('is read-only: reading a private copy of it')
      expect(filesIn(env.dataDir)).toEqual(files)
      expect(files.map((f) => `${f}:${statSync(join(env.dataDir, f)).mtimeMs}`)).toEqual(before)
      // A command that writes says what is wrong and how to fix it.
      const w = cli(['brands', 'add', 'more', '--name', 'More'], env.dataDir)
      expect(w.status).toBe(1)
      expect(w.stderr).toContain(`the data directory ${env.dataDir} is not writable`)
      expect(w.stderr).toContain('--data-dir')
    } finally {
      chmodSync(env.dataDir, 0o755)
      for (const f of files) chmodSync(join(env.dataDir, f), 0o644)
    }
  }, 180_000)

  it('a data directory that cannot be created names the directory in the way', () => {
    const parent = join(env.dataDir, 'locked')
    mkdirSync(parent)
    chmodSync(parent, 0o555)
    try {
      const r = cli(['brands', 'list'], join(parent, 'data'))
      expect(r.status).toBe(1)
      expect(r.stderr).toContain(`cannot create the data directory ${join(parent, 'data')}`)
      expect(r.stderr).toContain(
        `${parent} is not writable; create it yourself, or choose another with --data-dir`,
      )
    } finally {
      chmodSync(parent, 0o755)
    }
  }, 120_000)
})
