/**
 * Identities stored with control characters by a version before intake refused them (issue 12):
 * the plain `{ref}` cannot spell them (`invalid-person-ref`), so the escaped form
 * `escaped:userId:<id>` / `escaped:anonymousId:<id>` (`\uXXXX`, `\\`) addresses them on every
 * `{ref}` route — access, export, consent, erasure — and the export names them by that form.
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/dialects.js'
import { createTestServer, type TestServer } from '../support/http.js'

for (const dialect of DIALECTS) {
  describe(`identities stored with control characters by an older version (${dialect})`, () => {
    let s: TestServer
    beforeAll(async () => {
      s = await createTestServer(dialect)
    })
    afterAll(() => s.close())

    /** A person stored under a valid id, whose identity is then rewritten as an older version stored it. */
    const legacy = async (placeholder: string, stored: string, kind: 'user' | 'anonymous') => {
      const res = await s.call('POST', '/v1/batch', {
        key: s.keys.write.outdoor,
        body: {
          batch: [
            {
              type: 'identify',
              messageId: `m-${placeholder}`,
              ...(kind === 'user' ? { userId: placeholder } : { anonymousId: placeholder }),
              traits: { email: `${placeholder}@example.com` },
            },
          ],
        },
      })
      expect(res.statusCode, res.body).toBe(200)
      await sql`update identities set value = ${stored} where value = ${placeholder}`.execute(
        s.candor.storage.data,
      )
    }
    const key = () => s.keys.server.outdoor as string
    const path = (ref: string) => `/v1/persons/${encodeURIComponent(ref)}`

    it('a userId with a tab, a newline and U+0001: the plain ref is refused, the escaped ref reads, exports and erases it', async () => {
      await legacy('legacy-tab', 'tab\tuser\n\u0001', 'user')
      const plain = await s.call('GET', `${path('tab\tuser\n\u0001')}?purpose=analytics`, { key: key() })
      expect(plain.statusCode).toBe(400)
      expect(plain.json()).toMatchObject({ error: { code: 'invalid-person-ref' } })
      expect(plain.body).toContain('escaped:userId:')

      const ref = 'escaped:userId:tab\\u0009user\\u000a\\u0001'
      const view = await s.call('GET', `${path(ref)}?purpose=analytics`, { key: key() })
      expect(view.statusCode, view.body).toBe(200)
      const exported = await s.call('GET', `${path(ref)}/export`, { key: key() })
      expect(exported.statusCode, exported.body).toBe(200)
      // The export names the identity in the form that addresses it.
      expect((exported.json() as { identities: { ref: string }[] }).identities.map((i) => i.ref)).toEqual([
        ref,
      ])
      const consent = await s.call('POST', `${path(ref)}/consent`, {
        key: key(),
        body: { purpose: 'analytics', state: 'withdrawn' },
      })
      expect(consent.statusCode, consent.body).toBe(200)
      const erased = await s.call('DELETE', path(ref), { key: key() })
      expect(erased.statusCode, erased.body).toBe(200)
      expect((await s.call('GET', `${path(ref)}?purpose=analytics`, { key: key() })).statusCode).toBe(404)
    })

    it('an anonymousId with a tab, and a userId with a backslash next to a control character', async () => {
      await legacy('legacy-anon', 'anon\t1', 'anonymous')
      const anon = await s.call('DELETE', path('escaped:anonymousId:anon\\u00091'), { key: key() })
      expect(anon.statusCode, anon.body).toBe(200)
      await legacy('legacy-bs', 'a\\b\u007f', 'user')
      const bs = await s.call('GET', `${path('escaped:userId:a\\\\b\\u007F')}/export`, { key: key() })
      expect(bs.statusCode, bs.body).toBe(200)
      // NUL: SQLite could store it; PostgreSQL never could, and the lookup is a plain 404 there.
      if (dialect === 'sqlite') await legacy('legacy-nul', 'nul\u0000id', 'user')
      const nul = await s.call('DELETE', path('escaped:userId:nul\\u0000id'), { key: key() })
      expect(nul.statusCode, nul.body).toBe(dialect === 'sqlite' ? 200 : 404)
    })

    it('malformed escapes and empty ids are refused with invalid-person-ref naming the form', async () => {
      for (const bad of [
        'escaped:userId:',
        'escaped:userId:a\\x41',
        'escaped:userId:a\\u12',
        'escaped:nobody:x',
        `escaped:userId:${'A'.repeat(257)}`,
      ]) {
        const res = await s.call('GET', `${path(bad)}?purpose=analytics`, { key: key() })
        expect(res.statusCode, bad).toBe(400)
        expect(res.json()).toMatchObject({ error: { code: 'invalid-person-ref', field: 'ref' } })
      }
    })
  })
}
