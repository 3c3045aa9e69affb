import { existsSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_SHOWCASE_ROLES } from '../../src/modules/demo/index.js'
import { candorCli, freePort, storeEnv } from '../support/cli.js'
import { createTestEnv, DIALECTS, type TestEnv } from '../support/dialects.js'

for (const dialect of DIALECTS) {
  describe(`candor demo on ${dialect}`, () => {
    let env: TestEnv
    let e: Record<string, string>
    beforeAll(() => {
      env = createTestEnv(dialect)
      e = storeEnv(env.config)
    })
    afterAll(() => env.cleanup())

    it('refuses a port in use before it loads anything, naming the port and the flag', async () => {
      const port = await freePort()
      const holder = createServer()
      await new Promise<void>((resolve) => holder.listen(port, '127.0.0.1', resolve))
      try {
        const r = candorCli(['demo', '--persons', '12', '--port', String(port)], e)
        expect(r.status).toBe(1)
        expect(r.stderr).toContain(`port ${port}`)
        expect(r.stderr).toContain('--port')
        expect(r.stdout).not.toContain('cnd_')
        expect(existsSync(join(env.config.dataDir, 'demo.json'))).toBe(false)
      } finally {
        await new Promise<void>((resolve) => holder.close(() => resolve()))
      }
    })

    it('shows its progress, then a table of the showcase people with a request for each, kept in demo.json; its brands allow the port it uses', () => {
      const r = candorCli(['demo', '--persons', '12', '--no-serve', '--port', '4100'], e)
      expect(r.status, r.stderr).toBe(0)
      expect(r.stderr).toContain('demo: people 12/12')
      expect(r.stderr).toMatch(/demo: events \d+, \d+ accepted/)
      const saved = JSON.parse(readFileSync(join(env.config.dataDir, 'demo.json'), 'utf8')) as {
        keys: { server: Record<string, string> }
        showcase: { role: string; userId: string; brand: string; demonstrates: string }[]
      }
      expect(saved.showcase.map((s) => s.role)).toEqual([...DEMO_SHOWCASE_ROLES])
      expect(r.stdout).toMatch(/userId\s+brand\s+showcase\s+demonstrates/)
      for (const s of saved.showcase) {
        expect(s.demonstrates.length).toBeGreaterThan(10)
        expect(r.stdout).toMatch(new RegExp(`${s.userId}\\s+${s.brand}\\s+${s.role}\\s+`))
        // One runnable request per person, with the key of the brand that knows them.
        const curl = r.stdout.split('\n').find((l) => l.includes('curl') && l.includes(s.userId))
        expect(curl).toContain(`Bearer ${saved.keys.server[s.brand]}`)
      }
      // Control-center links for the gifter, the hiker and the parent, at the port the demo serves.
      const links = r.stdout.split('\n').filter((l) => l.includes('/me?token='))
      expect(links).toHaveLength(3)
      for (const l of links) expect(l.trim()).toMatch(/^http:\/\/127\.0\.0\.1:4100\/me\?token=[\w.-]+$/)
      for (const role of ['babyShowerGifter', 'hiker', 'youngParent'])
        expect(r.stdout).toMatch(new RegExp(`at \\w+ \\(${role}\\): `))
      // It leaves a model card measured on the demo's data, and says where.
      expect(r.stdout).toMatch(/^model card sha256:[0-9a-f]{16}, measured on the demo's data: /m)
      for (const format of ['json', 'md', 'html']) {
        const file = join(env.config.dataDir, `model-card.${format}`)
        expect(r.stdout).toContain(file)
        expect(existsSync(file)).toBe(true)
      }
      const card = JSON.parse(readFileSync(join(env.config.dataDir, 'model-card.json'), 'utf8')) as {
        model_parameters: { data: { description: string }[] }
      }
      expect(card.model_parameters.data[0]?.description).toMatch(
        /of the \d+ people × brands \(of \d+ with signals\)/,
      )
      // A second run reuses the data and prints the same table.
      // A second run reuses the data and prints the same table; on another port, its brands follow.
      const again = candorCli(['demo', '--persons', '12', '--no-serve', '--port', '4200'], e)
      expect(again.status, again.stderr).toBe(0)
      expect(again.stdout).toContain('already loaded')
      for (const s of saved.showcase) expect(again.stdout).toContain(s.userId)
      const brands = candorCli(['brands', 'list'], e).stdout
      expect(brands).toContain('outdoor\tNorthwind Outdoor\thttp://localhost:4200 http://127.0.0.1:4200')
      expect(brands).not.toContain('4100')
    }, 240_000)
  })
}
