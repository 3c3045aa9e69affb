import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { freePort, ROOT, startServe, stopServe, storeEnv } from '../support/cli.js'
import { createTestEnv, DIALECTS } from '../support/dialects.js'

/** The ```bash walkthrough block of the README, exactly as written. */
function walkthrough(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
  const m = /```bash walkthrough\n([\s\S]*?)```/.exec(readme)
  if (!m?.[1]) throw new Error('README has no walkthrough block')
  return m[1]
}

for (const dialect of DIALECTS) {
  describe(`the README walkthrough on ${dialect}`, () => {
    // Spawns the server and a dozen `npx candor` processes: give it room on a loaded 2-core machine.
    it('runs as written and shows every promised step', { timeout: 180_000 }, async () => {
      const env = createTestEnv(dialect)
      const e = storeEnv(env.config)
      const port = await freePort()
      const server = await startServe(e, port)
      try {
        const r = spawnSync('bash', ['-euo', 'pipefail', '-c', walkthrough()], {
          cwd: ROOT,
          env: { ...process.env, ...e, BASE: `http://127.0.0.1:${port}` },
          encoding: 'utf8',
          timeout: 120_000,
        })
        expect(r.status, r.stderr).toBe(0)
        const lines = r.stdout.split('\n')
        const json = lines
          .filter((l) => l.startsWith('{'))
          .map((l) => JSON.parse(l) as Record<string, unknown>)
        const views = json.filter((j) => j.purpose === 'personalization' && Array.isArray(j.items)) as {
          items: { key: string; brand: string }[]
          excluded: { key: string; reason: string }[]
        }[]
        expect(views).toHaveLength(4)
        const [none, granted, shared, withdrawn] = views
        expect(none?.items).toEqual([])
        expect(none?.excluded.map((x) => x.reason)).toEqual(['no-consent', 'no-consent', 'no-consent'])
        expect(granted?.items.map((i) => i.key).sort()).toEqual(['email', 'favourite_activity'])
        expect(granted?.excluded).toContainEqual(
          expect.objectContaining({ key: 'gender', reason: 'sensitive' }),
        )
        expect(shared?.items).toContainEqual(
          expect.objectContaining({ key: 'last_order', brand: 'tinytots' }),
        )
        expect(withdrawn?.items).toEqual([])
        // Linked by the verified email, but Tiny Tots is not told before Ann shares.
        expect(json).toContainEqual(expect.objectContaining({ linked: false }))
        expect(json).not.toContainEqual(expect.objectContaining({ linked: true }))
        expect(json).toContainEqual(expect.objectContaining({ scope: 'brand', brands: ['trailco'] }))
        expect(lines).toContain('404')
        expect(json).toContainEqual(expect.objectContaining({ ok: true }))
        expect(r.stdout).toContain('audit log intact')
      } finally {
        await stopServe(server)
        await env.cleanup()
      }
    })
  })
}
