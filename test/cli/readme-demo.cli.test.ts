import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { candorCli, freePort, ROOT, startServe, stopServe, storeEnv } from '../support/cli.js'
import { createTestEnv, DIALECTS } from '../support/dialects.js'

const README = readFileSync(join(ROOT, 'README.md'), 'utf8')

/** The README's fenced blocks with their info string. */
function blocks(): { info: string; code: string }[] {
  return [...README.matchAll(/```([^\n]*)\n([\s\S]*?)```/g)].map((m) => ({
    info: m[1] ?? '',
    code: m[2] ?? '',
  }))
}

describe('the README', () => {
  it('runs every block that talks to a server in a test: each is a walkthrough or demo block', () => {
    const talking = blocks().filter((b) => b.info.startsWith('bash') && /curl |\$BASE/.test(b.code))
    expect(talking.map((b) => b.info)).toEqual(['bash walkthrough', 'bash demo'])
  })
})

for (const dialect of DIALECTS) {
  describe(`the README's demo block on ${dialect}`, () => {
    it('runs as written on a freshly loaded demo', { timeout: 240_000 }, async () => {
      const env = createTestEnv(dialect)
      const e = storeEnv(env.config)
      const loaded = candorCli(['demo', '--persons', '12', '--no-serve'], e)
      expect(loaded.status, loaded.stderr).toBe(0)
      const port = await freePort()
      const server = await startServe(e, port)
      try {
        const code = blocks().find((b) => b.info === 'bash demo')?.code as string
        const r = spawnSync('bash', ['-euo', 'pipefail', '-c', code], {
          cwd: ROOT,
          env: { ...process.env, ...e, BASE: `http://127.0.0.1:${port}` },
          encoding: 'utf8',
          timeout: 120_000,
        })
        expect(r.status, r.stderr).toBe(0)
        const lines = r.stdout.split('\n').filter((l) => l !== '')
        // Every answer is an answer: no error, no unknown person.
        for (const l of lines) expect(l).not.toContain('"error"')
        const json = lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l))
        const [interests, before, rejected, after, log] = json
        expect(interests.interests.some((i: { established: boolean }) => i.established)).toBe(true)
        expect(before.personalized).toBe(true)
        expect(before.items.length).toBeGreaterThan(0)
        expect(lines).toContain('204')
        expect(rejected).toMatchObject({ topic: 'outdoors.hiking', state: 'rejected' })
        for (const item of after.items)
          for (const f of item.explanation.factors)
            expect(String(f.topic ?? f.offerTopic ?? '')).not.toMatch(/^outdoors\.hiking/)
        expect(log.decisions.length).toBeGreaterThanOrEqual(2)
      } finally {
        await stopServe(server)
        await env.cleanup()
      }
    })
  })
}
