import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCandor } from '../../src/app/create-candor.js'
import { candorCli, freePort, startServe, stopServe, storeEnv } from '../support/cli.js'
import { createTestEnv, DIALECTS, type TestEnv } from '../support/dialects.js'

for (const dialect of DIALECTS) {
  describe(`candor CLI on ${dialect}`, () => {
    let env: TestEnv
    let e: Record<string, string>
    beforeAll(() => {
      env = createTestEnv(dialect)
      e = storeEnv(env.config)
    })
    afterAll(() => env.cleanup())

    it('adds and lists brands, and refuses a duplicate with a non-zero exit', () => {
      expect(candorCli(['brands', 'add', 'outdoor', '--name', 'Outdoor Co'], e).status).toBe(0)
      const dup = candorCli(['brands', 'add', 'outdoor', '--name', 'Again'], e)
      expect(dup.status).toBe(1)
      expect(dup.stderr).toContain('brand-exists')
      expect(candorCli(['brands', 'list'], e).stdout).toContain('outdoor\tOutdoor Co')
    })

    it('updates a brand: a bad colour names the option, good values show in brands list --json', () => {
      const bad = candorCli(['brands', 'update', 'outdoor', '--primary-color', 'green'], e)
      expect(bad.status).toBe(1)
      expect(bad.stderr).toMatch(/primaryColor: "green" is not a colour: give it as #rrggbb/)
      const ok = candorCli(
        [
          'brands',
          'update',
          'outdoor',
          '--display-name',
          'Northwind',
          '--primary-color',
          '#1F6F4A',
          '--add-origin',
          'https://shop.example',
          'http://localhost:4000',
        ],
        e,
      )
      expect(ok.status, ok.stderr).toBe(0)
      const listed = JSON.parse(candorCli(['brands', 'list', '--json'], e).stdout) as {
        id: string
        displayName: string
        primaryColor: string
        allowedOrigins: string[]
      }[]
      expect(listed.find((b) => b.id === 'outdoor')).toMatchObject({
        displayName: 'Northwind',
        primaryColor: '#1f6f4a',
        allowedOrigins: ['https://shop.example', 'http://localhost:4000'],
      })
      const removed = candorCli(
        ['brands', 'update', 'outdoor', '--remove-origin', 'http://localhost:4000'],
        e,
      )
      expect(removed.stdout).toContain('"https://shop.example"')
      expect(removed.stdout).not.toContain('localhost:4000')
    }, 180_000)

    it("shows a person's interests and says why none is usable without consent", async () => {
      const c = await createCandor(env.config)
      try {
        await c.dataItems.write({
          brandId: 'outdoor',
          ref: { kind: 'user', value: 'int-1' },
          actor: 'test',
          items: [{ key: 'email', value: 'i@example.com', category: 'user.contact.email', source: 'stated' }],
        })
      } finally {
        await c.close()
      }
      const r = candorCli(['interests', 'int-1', '--brand', 'outdoor'], e)
      expect(r.status, r.stderr).toBe(0)
      expect(JSON.parse(r.stdout)).toMatchObject({ reason: 'no-consent', interests: [] })
      expect(r.stderr).toContain('has not granted personalization at outdoor')
    }, 120_000)

    it('prints a new key alone on the last line, lists it without the secret, and revokes it by prefix', async () => {
      const created = candorCli(['keys', 'create', '--kind', 'server', '--brand', 'outdoor'], e)
      expect(created.status).toBe(0)
      const key = created.stdout.trim().split('\n').pop() as string
      expect(key).toMatch(/^cnd_server_[a-z0-9]{10}_[A-Za-z0-9_-]{43}$/)
      const id = key.split('_')[2] as string
      const listed = candorCli(['keys', 'list'], e).stdout
      expect(listed).toContain(id)
      expect(listed).not.toContain(key.slice(`cnd_server_${id}_`.length))
      expect(candorCli(['keys', 'create', '--kind', 'server'], e).status).toBe(1)
      expect(candorCli(['keys', 'revoke', id.slice(0, 6)], e).status).toBe(0)
      const candor = await createCandor(env.config)
      try {
        expect(await candor.apiKeys.authenticate(key)).toBeUndefined()
      } finally {
        await candor.close()
      }
    })

    it("serves under Node's heap flags, which its writer thread may not inherit, and acknowledges tracking after the commit", async () => {
      const write = candorCli(['keys', 'create', '--kind', 'write', '--brand', 'outdoor'], e)
      const key = write.stdout.trim().split('\n').pop() as string
      const port = await freePort()
      const server = await startServe(e, port, ['--max-old-space-size=512', '--max-semi-space-size=16'])
      try {
        const res = await fetch(`http://127.0.0.1:${port}/v1/track`, {
          method: 'POST',
          headers: {
            authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({
            type: 'track',
            event: 'Product Viewed',
            userId: 'flags-1',
            messageId: 'flags-m1',
          }),
        })
        expect(res.status, await res.text()).toBe(200)
      } finally {
        await stopServe(server)
      }
      const candor = await createCandor(env.config)
      try {
        const personId = await candor.persons.resolve(candor.stores, 'outdoor', {
          kind: 'user',
          value: 'flags-1',
        })
        expect(
          (await candor.stores.events.page(personId as string, 'outdoor', 10)).map((x) => x.messageId),
        ).toEqual(['flags-m1'])
      } finally {
        await candor.close()
      }
    })

    it('audit verify exits 0 on an intact log and 2 naming the first edited entry', async () => {
      const candor = await createCandor(env.config)
      try {
        const w = await candor.dataItems.write({
          brandId: 'outdoor',
          ref: { kind: 'user', value: 'u1' },
          actor: 'test',
          items: [{ key: 'k', value: 'v', category: 'user.unclassified', source: 'observed' }],
        })
        await candor.policy.view(w.personId, { brandId: 'outdoor', purpose: 'analytics', actor: 'test' })
        await candor.audit.flush()
        const ok = candorCli(['audit', 'verify'], e)
        expect(ok.status).toBe(0)
        expect(ok.stdout).toContain('audit log intact')
        await sql`update audit_log set purpose = 'advertising' where chain_id = ${candor.audit.chainId} and seq = 2`.execute(
          candor.storage.data,
        )
        const broken = candorCli(['audit', 'verify'], e)
        expect(broken.status).toBe(2)
        expect(broken.stdout).toContain(`chain ${candor.audit.chainId} entry 2: hash-mismatch`)
      } finally {
        await candor.close()
      }
    })

    it('erases from the command line and prints the receipt', () => {
      const r = candorCli(['erase', 'u1', '--brand', 'outdoor'], e)
      expect(r.status).toBe(0)
      const receipt = JSON.parse(r.stdout) as {
        brands: string[]
        keysDestroyed: number
        removed: { table: string; count: number }[]
      }
      expect(receipt.brands).toEqual(['outdoor'])
      expect(receipt.keysDestroyed).toBe(1)
      expect(receipt.removed).toContainEqual({ table: 'data_items', count: 1 })
      const again = candorCli(['erase', 'u1', '--brand', 'outdoor'], e)
      expect(again.status).toBe(1)
      expect(again.stderr).toContain('person-not-found')
    })

    it('erases a userId that looks like a prefix, addressed as userId:<id>', async () => {
      const candor = await createCandor(env.config)
      try {
        await candor.dataItems.write({
          brandId: 'outdoor',
          ref: { kind: 'user', value: 'anonymousId:cli-look' },
          actor: 'test',
          items: [{ key: 'k', value: 'v', category: 'user.unclassified', source: 'observed' }],
        })
      } finally {
        await candor.close()
      }
      // The plain spelling means the anonymousId cli-look, which nobody has.
      expect(candorCli(['erase', 'anonymousId:cli-look', '--brand', 'outdoor'], e).status).toBe(1)
      const r = candorCli(['erase', 'userId:anonymousId:cli-look', '--brand', 'outdoor'], e)
      expect(r.status, r.stderr).toBe(0)
      expect((JSON.parse(r.stdout) as { keysDestroyed: number }).keysDestroyed).toBe(1)
    })

    it('erases an identity stored with a control character by an older version, addressed as escaped:userId:<id>', async () => {
      const candor = await createCandor(env.config)
      try {
        // (The brand exists when the whole file runs; this test can also run alone.)
        if (!(await candor.brands.get('outdoor')))
          await candor.brands.add({ id: 'outdoor', name: 'Outdoor', allowedOrigins: [] })
        await candor.dataItems.write({
          brandId: 'outdoor',
          ref: { kind: 'user', value: 'cli-legacy-tab' },
          actor: 'test',
          items: [{ key: 'k', value: 'v', category: 'user.unclassified', source: 'observed' }],
        })
        await sql`update identities set value = ${'cli\tlegacy'} where value = 'cli-legacy-tab'`.execute(
          candor.storage.data,
        )
      } finally {
        await candor.close()
      }
      const plain = candorCli(['erase', 'cli\tlegacy', '--brand', 'outdoor'], e)
      expect(plain.status).toBe(1)
      expect(plain.stderr).toContain('escaped:userId:')
      const r = candorCli(['erase', 'escaped:userId:cli\\u0009legacy', '--brand', 'outdoor'], e)
      expect(r.status, r.stderr).toBe(0)
      expect((JSON.parse(r.stdout) as { keysDestroyed: number }).keysDestroyed).toBe(1)
    })

    it('rotates the master key: every value stays readable', async () => {
      const candor = await createCandor(env.config)
      let personId: string
      try {
        personId = (
          await candor.dataItems.write({
            brandId: 'outdoor',
            ref: { kind: 'user', value: 'rot' },
            actor: 'test',
            items: [
              { key: 'email', value: 'r@example.com', category: 'user.contact.email', source: 'stated' },
            ],
          })
        ).personId
      } finally {
        await candor.close()
      }
      const extra: Record<string, string> = dialect === 'postgres' ? { CANDOR_MASTER_KEY: '' } : {}
      const r = candorCli(['master-key', 'rotate'], { ...e, ...extra })
      expect(r.status, r.stderr).toBe(0)
      expect(r.stdout).toMatch(/rewrapped \d+ data keys/)
      const after = await createCandor(env.config)
      try {
        const view = await after.policy.view(personId, {
          brandId: 'outdoor',
          purpose: 'essential',
          actor: 'test',
        })
        expect(view.items.map((i) => i.value)).toEqual(['r@example.com'])
      } finally {
        await after.close()
      }
    })
  })
}
