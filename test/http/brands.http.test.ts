import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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
  })
}
