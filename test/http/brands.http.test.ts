import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCandor } from '../../src/app/create-candor.js'
import { DIALECTS } from '../support/dialects.js'
import { createTestServer, type TestServer } from '../support/http.js'

for (const dialect of DIALECTS) {
  describe(`brands on ${dialect}`, () => {
    let s: TestServer
    beforeAll(async () => {
      s = await createTestServer(dialect)
    })
    afterAll(() => s.close())

    it('refuses an allowed origin that is not an origin, saying what one looks like', async () => {
      await expect(
        s.candor.brands.add({ id: 'cli-brand', name: 'CLI', allowedOrigins: ['notaurl'] }),
      ).rejects.toThrow(/"notaurl" is not a URL: an origin is scheme:\/\/host\[:port\]/)
      const r = await s.call('POST', '/v1/brands', {
        key: s.keys.admin,
        body: { id: 'shop', name: 'Shop', allowedOrigins: ['https://shop.example.com/cart'] },
      })
      expect(r.statusCode).toBe(400)
      expect(r.json().error).toMatchObject({ code: 'invalid-request', field: 'allowedOrigins' })
      expect(r.json().error.message).toContain('has a path')
      const ok = await s.call('POST', '/v1/brands', {
        key: s.keys.admin,
        body: { id: 'shop', name: 'Shop', allowedOrigins: ['https://Shop.example.com'] },
      })
      expect(ok.statusCode).toBe(201)
      expect(ok.json().allowedOrigins).toEqual(['https://shop.example.com'])
    })

    it('PATCH changes only the fields given, clears a display field with null, and needs an admin key', async () => {
      const before = await s.call('GET', '/v1/brands/baby', { key: s.keys.admin })
      expect(before.statusCode).toBe(200)
      expect(before.json()).toMatchObject({ displayName: null, primaryColor: null, logoUrl: null })
      const r = await s.call('PATCH', '/v1/brands/baby', {
        key: s.keys.admin,
        body: {
          displayName: '  Little Steps ',
          primaryColor: '#1F6F4A',
          accentColor: '#fa0',
          logoUrl: 'https://baby.example/logo.svg',
          privacyPolicyUrl: 'http://localhost:3000/privacy',
          allowedOrigins: ['https://baby.example', 'http://localhost:4100'],
        },
      })
      expect(r.statusCode).toBe(200)
      expect(r.json()).toMatchObject({
        id: 'baby',
        name: 'baby',
        displayName: 'Little Steps',
        primaryColor: '#1f6f4a',
        accentColor: '#ffaa00',
        logoUrl: 'https://baby.example/logo.svg',
        privacyPolicyUrl: 'http://localhost:3000/privacy',
        allowedOrigins: ['https://baby.example', 'http://localhost:4100'],
      })
      const renamed = await s.call('PATCH', '/v1/brands/baby', {
        key: s.keys.admin,
        body: { name: 'Baby & Kids', logoUrl: null },
      })
      expect(renamed.json()).toMatchObject({ name: 'Baby & Kids', logoUrl: null, primaryColor: '#1f6f4a' })
      const listed = await s.call('GET', '/v1/brands', { key: s.keys.admin })
      expect(listed.json().brands.find((b: { id: string }) => b.id === 'baby')).toMatchObject({
        name: 'Baby & Kids',
        displayName: 'Little Steps',
      })
      const server = await s.call('PATCH', '/v1/brands/baby', {
        key: s.keys.server.baby,
        body: { name: 'x' },
      })
      expect(server.statusCode).toBe(403)
    })

    it('PATCH refuses a bad value naming the field and what a valid one looks like', async () => {
      const cases: [Record<string, unknown>, string, RegExp][] = [
        [{ primaryColor: 'green' }, 'primaryColor', /#rrggbb/],
        [{ accentColor: '#12345' }, 'accentColor', /#rrggbb/],
        [{ logoUrl: 'http://cdn.example/logo.png' }, 'logoUrl', /https/],
        [{ privacyPolicyUrl: 'not a url' }, 'privacyPolicyUrl', /not a URL/],
        [{ allowedOrigins: ['localhost:3000'] }, 'allowedOrigins', /scheme:\/\/host/],
        [{ name: '   ' }, 'name', /must not be empty/],
        [{}, 'body', /nothing to change/],
      ]
      for (const [body, field, message] of cases) {
        const r = await s.call('PATCH', '/v1/brands/outdoor', { key: s.keys.admin, body })
        expect(r.statusCode, JSON.stringify(body)).toBe(400)
        expect(r.json().error.field).toBe(field)
        expect(r.json().error.message).toMatch(message)
      }
      const typo = await s.call('PATCH', '/v1/brands/outdoor', {
        key: s.keys.admin,
        body: { primaryColour: '#000000' },
      })
      expect(typo.statusCode).toBe(400)
      expect(typo.json().error.message).toContain('primaryColor')
      const missing = await s.call('PATCH', '/v1/brands/nope', { key: s.keys.admin, body: { name: 'N' } })
      expect(missing.statusCode).toBe(404)
      expect(missing.json().error.code).toBe('brand-not-found')
    })

    it('another process sees an update within a second (brand cache), and its origin check follows', async () => {
      const other = await createCandor(s.candor.config)
      try {
        expect((await other.brands.require('home')).allowedOrigins).toEqual(['https://home.example'])
        const write = s.keys.write.home as string
        const track = () =>
          s.app.inject({
            method: 'POST',
            url: '/v1/track',
            headers: { origin: 'http://localhost:4321', authorization: `Bearer ${write}` },
            payload: { userId: 'u-origin', event: 'Page Viewed' },
          })
        expect((await track()).statusCode).toBe(403)
        const started = Date.now()
        await other.brands.update('home', {
          allowedOrigins: ['http://localhost:4321'],
          displayName: 'Hearth',
        })
        // This process sees it within a second, without a restart.
        let seen = await s.candor.brands.require('home')
        while (seen.displayName !== 'Hearth' && Date.now() - started < 3000) {
          await new Promise((r) => setTimeout(r, 50))
          seen = await s.candor.brands.require('home')
        }
        expect(seen.displayName).toBe('Hearth')
        expect(Date.now() - started).toBeLessThan(1500)
        expect((await track()).statusCode).toBe(200)
      } finally {
        await other.close()
      }
    })
  })
}
