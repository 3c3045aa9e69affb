/**
 * The collection plan API (issue 19): `GET/PUT /v1/brands/{id}/collection-plan` with admin keys
 * (reviewer keys for sensitive fields), versions with who and why in the audit log, YAML export
 * and import, errors naming the path and the fix, review findings before a version is accepted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/dialects.js'
import { createTestServer, type TestServer } from '../support/http.js'

const PLAN = {
  mode: 'strip',
  events: [
    {
      name: 'Product Viewed',
      properties: {
        category: {
          category: 'user.behavior.browsing',
          purposes: ['personalization', 'analytics'],
          retentionDays: 365,
          required: true,
          justification: 'Which aisles you browse, so offers match them',
        },
      },
    },
  ],
  traits: {
    email: {
      category: 'user.contact.email',
      purposes: ['essential'],
      retentionDays: 730,
      justification: 'Receipts',
    },
  },
  context: {},
}

for (const dialect of DIALECTS) {
  describe(`collection plan API (${dialect})`, () => {
    let s: TestServer
    beforeAll(async () => {
      s = await createTestServer(dialect)
    })
    afterAll(async () => s.close())

    const url = '/v1/brands/outdoor/collection-plan'

    it('is 404 before a plan is saved, and refuses server and write keys', async () => {
      const none = await s.call('GET', url, { key: s.keys.admin })
      expect(none.statusCode).toBe(404)
      expect(none.json().error.code).toBe('collection-plan-not-found')
      expect((await s.call('GET', url, { key: s.keys.server.outdoor })).statusCode).toBe(403)
      expect(
        (await s.call('PUT', url, { key: s.keys.write.outdoor, body: { reason: 'x', plan: PLAN } }))
          .statusCode,
      ).toBe(403)
      expect((await s.call('GET', '/v1/brands/nope/collection-plan', { key: s.keys.admin })).statusCode).toBe(
        404,
      )
    })

    it('saves versions with who and why, lists them, and records each in the audit log', async () => {
      const first = await s.call('PUT', url, {
        key: s.keys.admin,
        body: { reason: 'First plan', plan: PLAN },
      })
      expect(first.statusCode).toBe(200)
      expect(first.json()).toMatchObject({ brand: 'outdoor', version: 1, reason: 'First plan', plan: PLAN })
      expect(first.json().savedBy).toMatch(/^key:/)
      const yaml = await s.call('GET', `${url}?format=yaml`, { key: s.keys.admin })
      expect(yaml.headers['content-type']).toContain('application/yaml')
      expect(yaml.body).toContain('mode: strip')
      const second = await s.call('PUT', url, {
        key: s.keys.admin,
        body: { reason: 'Observe first', document: yaml.body.replace('mode: strip', 'mode: observe') },
      })
      expect(second.statusCode).toBe(200)
      expect(second.json()).toMatchObject({ version: 2, plan: { ...PLAN, mode: 'observe' } })
      const current = await s.call('GET', url, { key: s.keys.admin })
      expect(current.json()).toMatchObject({ version: 2, reason: 'Observe first' })
      const versions = await s.call('GET', `${url}/versions?limit=1`, { key: s.keys.admin })
      expect(versions.json().versions.map((v: { version: number }) => v.version)).toEqual([2])
      const older = await s.call('GET', `${url}/versions?limit=1&cursor=${versions.json().nextCursor}`, {
        key: s.keys.admin,
      })
      expect(older.json().versions.map((v: { reason: string }) => v.reason)).toEqual(['First plan'])
      const entries = (await s.candor.audit.query({ brandId: 'outdoor', limit: 100 })).filter(
        (e) => e.action === 'collection-plan.save',
      )
      expect(entries.map((e) => [e.details.version, e.details.reason])).toEqual(
        expect.arrayContaining([
          [1, 'First plan'],
          [2, 'Observe first'],
        ]),
      )
      expect(entries.every((e) => e.actor === first.json().savedBy)).toBe(true)
    })

    it('names the path and the fix of a bad plan, and checks categories and purposes', async () => {
      const bad = await s.call('PUT', url, {
        key: s.keys.admin,
        body: {
          reason: 'typo',
          plan: { ...PLAN, traits: { email: { ...PLAN.traits.email, category: 'user.contact.emial' } } },
        },
      })
      expect(bad.statusCode).toBe(400)
      expect(bad.json().error).toMatchObject({ code: 'invalid-request', field: 'plan.traits.email.category' })
      expect(bad.json().error.message).toContain('did you mean "user.contact.email"?')
      const purpose = await s.call('PUT', url, {
        key: s.keys.admin,
        body: {
          reason: 'typo',
          plan: { ...PLAN, traits: { email: { ...PLAN.traits.email, purposes: ['ads'] } } },
        },
      })
      expect(purpose.json().error).toMatchObject({
        code: 'invalid-request',
        field: 'plan.traits.email.purposes',
      })
      const noReason = await s.call('PUT', url, { key: s.keys.admin, body: { reason: ' ', plan: PLAN } })
      expect(noReason.json().error.field).toBe('reason')
      const both = await s.call('PUT', url, { key: s.keys.admin, body: { reason: 'x' } })
      expect(both.json().error).toMatchObject({ code: 'invalid-request', field: 'plan' })
    })

    it('blocks a version with review findings until a reviewer saves the sensitive field with a justification', async () => {
      const sensitive = {
        ...PLAN,
        traits: {
          ...PLAN.traits,
          birthday: {
            category: 'user.demographic.date_of_birth',
            purposes: ['personalization'],
            retentionDays: 365,
            justification: 'A birthday offer',
          },
          fax: { category: 'user.contact.phone', purposes: [] },
        },
      }
      const blocked = await s.call('PUT', url, {
        key: s.keys.admin,
        body: { reason: 'More', plan: sensitive },
      })
      expect(blocked.statusCode).toBe(422)
      expect(blocked.json().error.code).toBe('plan-review-blocked')
      expect(
        blocked.json().findings.map((f: { code: string; severity: string }) => [f.code, f.severity]),
      ).toEqual([
        ['sensitive-field', 'block'],
        ['missing-purpose', 'block'],
        ['missing-justification', 'block'],
        ['missing-retention', 'warning'],
      ])
      const { fax: _fax, ...justified } = sensitive.traits
      const byAdmin = await s.call('PUT', url, {
        key: s.keys.admin,
        body: { reason: 'Birthday', plan: { ...sensitive, traits: justified } },
      })
      expect(byAdmin.statusCode).toBe(422)
      const byReviewer = await s.call('PUT', url, {
        key: s.keys.reviewer,
        body: { reason: 'Birthday, reviewed', plan: { ...sensitive, traits: justified } },
      })
      expect(byReviewer.statusCode).toBe(200)
      expect(byReviewer.json().findings).toEqual([
        expect.objectContaining({ code: 'sensitive-field', severity: 'info', path: 'traits.birthday' }),
      ])
      // Once reviewed, the admin may change other parts without a reviewer.
      const later = await s.call('PUT', url, {
        key: s.keys.admin,
        body: { reason: 'Strip again', plan: { ...sensitive, mode: 'strip', traits: justified } },
      })
      expect(later.statusCode).toBe(200)
      expect(later.json().findings).toEqual([])
    })
  })
}
