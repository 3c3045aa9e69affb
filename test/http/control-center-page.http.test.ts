/**
 * The control center's page as the server serves it: one HTML document at /me and at each
 * section's URL, its hashed assets, all under a strict Content-Security-Policy (no inline script);
 * a clear 503 when the page was not built. And the page's API types: generated from the server's
 * own OpenAPI document, so this test fails when the committed file is stale.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API_TYPES_FILE, generateApiTypes } from '../../scripts/api-types.js'
import { SECTIONS } from '../../web/control-center/src/sections.js'
import { createTestServer, type TestServer } from '../support/http.js'

describe('the control center page', () => {
  let s: TestServer
  let bare: TestServer
  let root: string
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'candor-page-'))
    mkdirSync(join(root, 'assets'))
    writeFileSync(
      join(root, 'index.html'),
      '<!doctype html><html lang="en"><head><script type="module" src="/me/assets/app-1.js"></script></head><body><div id="root"></div></body></html>',
    )
    writeFileSync(join(root, 'assets', 'app-1.js'), 'console.log(1)\n')
    s = await createTestServer('sqlite', {}, ['outdoor'], {}, { controlCenterRoot: root })
    bare = await createTestServer('sqlite', {}, ['outdoor'], {}, { controlCenterRoot: join(root, 'missing') })
  })
  afterAll(async () => {
    await s.close()
    await bare.close()
    rmSync(root, { recursive: true, force: true })
  })

  it('serves one document at /me and at every section URL, under a CSP without inline script', async () => {
    for (const url of ['/me', '/me/interests', '/me/consent', '/me/erase']) {
      const res = await s.call('GET', url)
      expect(res.statusCode, url).toBe(200)
      expect(res.headers['content-type']).toMatch(/^text\/html/)
      const csp = String(res.headers['content-security-policy'])
      expect(csp).toContain("script-src 'self'")
      expect(csp).toContain("default-src 'none'")
      expect(csp).toContain("frame-ancestors 'none'")
      expect(csp).not.toContain('unsafe-inline')
      expect(res.headers['referrer-policy']).toBe('no-referrer')
      expect(res.body).toContain('/me/assets/app-1.js')
    }
  })

  it('serves every section the page itself lists, and a 404 naming the sections for any other', async () => {
    for (const { path } of SECTIONS) expect((await s.call('GET', path)).statusCode, path).toBe(200)
    const res = await s.call('GET', '/me/settings')
    expect(res.statusCode).toBe(404)
    expect(res.body).toContain('/me/interests')
  })

  it('serves the hashed assets for a year, and nothing outside the assets folder', async () => {
    const res = await s.call('GET', '/me/assets/app-1.js')
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toContain('immutable')
    expect((await s.call('GET', '/me/assets/..%2Findex.html')).statusCode).toBe(404)
    expect((await s.call('GET', '/me/assets/nothing.js')).statusCode).toBe(404)
  })

  it('says how to build the page when it is missing', async () => {
    const res = await bare.call('GET', '/me')
    expect(res.statusCode).toBe(503)
    expect(res.body).toContain('npm run build')
  })

  it('the page’s API types are generated from the server’s own OpenAPI document (npx tsx scripts/api-types.ts)', async () => {
    expect(readFileSync(API_TYPES_FILE, 'utf8')).toBe(await generateApiTypes())
  })
})
