/**
 * Person data only through the policy engine (issue 11), on every dialect: events are read for
 * a purpose, field by field; a brand learns nothing of another brand's data the person has not
 * shared; the decision log hides factors resting on another brand's data without sharing today;
 * the export holds everything the brand holds.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/dialects.js'
import { createTestServer, type TestServer } from '../support/http.js'

interface EventOut {
  messageId: string
  event: string | null
  properties: Record<string, unknown>
  traits: Record<string, unknown>
  context: Record<string, unknown>
  topics: string[]
  excluded: { field: string; category: string; reason: string }[]
}

const uid = (label: string): string => `${label}-${randomUUID().slice(0, 8)}`
const DAY = 86_400_000
const at = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString()

for (const dialect of DIALECTS) {
  describe(`person data only through the policy (${dialect})`, () => {
    let s: TestServer

    beforeAll(async () => {
      s = await createTestServer(dialect)
    })
    afterAll(async () => {
      await s?.close()
    })

    const batch = async (brand: string, messages: unknown[]) => {
      const res = await s.call('POST', '/v1/batch', { key: s.keys.write[brand], body: { batch: messages } })
      expect(res.statusCode, res.body).toBe(200)
    }
    const consent = async (brand: string, ref: string, body: Record<string, unknown>) => {
      const res = await s.call('POST', `/v1/persons/${ref}/consent`, { key: s.keys.server[brand], body })
      expect(res.statusCode, res.body).toBe(200)
    }
    const events = async (brand: string, ref: string, purpose: string): Promise<EventOut[]> => {
      const res = await s.call('GET', `/v1/persons/${ref}/events?limit=100&purpose=${purpose}`, {
        key: s.keys.server[brand],
      })
      expect(res.statusCode, res.body).toBe(200)
      return (res.json() as { events: EventOut[] }).events
    }
    /** An identify with a sensitive trait, and a product view with a property named like a contact trait. */
    const seed = async (ref: string) => {
      const identify = {
        type: 'identify',
        userId: ref,
        messageId: uid('id'),
        timestamp: at(2),
        traits: { email: `${ref}@example.com`, gender: 'female', plan: 'gold' },
        context: { ip: '203.0.113.9', locale: 'de-DE' },
      }
      const view = {
        type: 'track',
        event: 'Product Viewed',
        userId: ref,
        messageId: uid('tr'),
        timestamp: at(1),
        properties: { category: 'Hiking Boots', email: `${ref}@example.com` },
      }
      await batch('outdoor', [identify, view])
      return { identify, view }
    }

    describe('GET /v1/persons/{ref}/events', () => {
      it('needs a purpose: 400 naming `purpose` without one, and for an unknown or aggregate-only purpose', async () => {
        const ref = uid('nopurpose')
        await seed(ref)
        const none = await s.call('GET', `/v1/persons/${ref}/events`, { key: s.keys.server.outdoor })
        expect(none.statusCode).toBe(400)
        expect(none.body).toContain('purpose')
        for (const [purpose, code] of [
          ['nonsense', 'unknown-purpose'],
          ['fairness_audit', 'aggregate-only-purpose'],
        ]) {
          const res = await s.call('GET', `/v1/persons/${ref}/events?purpose=${purpose}`, {
            key: s.keys.server.outdoor,
          })
          expect(res.statusCode, res.body).toBe(400)
          expect(res.json()).toMatchObject({ error: { code, field: 'purpose' } })
        }
      })

      it('without consent for the purpose no field is released: each is listed with no-consent, never its value', async () => {
        const ref = uid('noconsent')
        const { view } = await seed(ref)
        const evs = await events('outdoor', ref, 'personalization')
        expect(evs).toHaveLength(2)
        const body = JSON.stringify(evs)
        expect(body).not.toContain('female')
        expect(body).not.toContain(`${ref}@example.com`)
        expect(body).not.toContain('203.0.113.9')
        expect(body).not.toContain('Hiking Boots')
        const tr = evs.find((e) => e.messageId === view.messageId)
        expect(tr).toMatchObject({ event: null, properties: {}, traits: {}, topics: [] })
        expect(tr?.excluded).toContainEqual({
          field: 'properties.category',
          category: 'user.behavior.browsing',
          reason: 'no-consent',
        })
        expect(new Set(evs.flatMap((e) => e.excluded.map((x) => x.reason)))).toEqual(new Set(['no-consent']))
      })

      it('with consent: behaviour is released, a sensitive trait stays withheld without its opt-in, a contact property follows its own category', async () => {
        const ref = uid('granted')
        const { identify, view } = await seed(ref)
        await consent('outdoor', ref, { purpose: 'personalization', state: 'granted' })
        const evs = await events('outdoor', ref, 'personalization')
        const id = evs.find((e) => e.messageId === identify.messageId)
        const tr = evs.find((e) => e.messageId === view.messageId)
        expect(tr?.event).toBe('Product Viewed')
        expect(tr?.properties.category).toBe('Hiking Boots')
        expect(tr?.topics.length).toBeGreaterThan(0)
        expect(id?.traits).toMatchObject({ email: `${ref}@example.com`, plan: 'gold' })
        expect(id?.traits).not.toHaveProperty('gender')
        expect(id?.excluded).toContainEqual({
          field: 'traits.gender',
          category: 'user.demographic.gender',
          reason: 'sensitive',
        })
        // Preferred language is a proxy for ethnicity: sensitive too.
        expect(id?.excluded).toContainEqual({
          field: 'context.locale',
          category: 'user.demographic.language',
          reason: 'sensitive',
        })
        expect(JSON.stringify(evs)).not.toContain('female')
        // With the explicit opt-in for gender, it is released.
        await consent('outdoor', ref, {
          purpose: 'personalization',
          state: 'granted',
          sensitiveCategory: 'user.demographic.gender',
        })
        const again = await events('outdoor', ref, 'personalization')
        expect(again.find((e) => e.messageId === identify.messageId)?.traits.gender).toBe('female')
      })

      it('after the person withdraws the purpose, the next read releases nothing', async () => {
        const ref = uid('withdrawn')
        await seed(ref)
        await consent('outdoor', ref, { purpose: 'personalization', state: 'granted' })
        expect(JSON.stringify(await events('outdoor', ref, 'personalization'))).toContain('Hiking Boots')
        await consent('outdoor', ref, { purpose: 'personalization', state: 'withdrawn' })
        const evs = await events('outdoor', ref, 'personalization')
        expect(JSON.stringify(evs)).not.toContain('Hiking Boots')
        expect(JSON.stringify(evs)).not.toContain(`${ref}@example.com`)
      })

      it('essential releases only what running the service needs: contact traits, not behaviour', async () => {
        const ref = uid('essential')
        const { identify, view } = await seed(ref)
        const evs = await events('outdoor', ref, 'essential')
        const id = evs.find((e) => e.messageId === identify.messageId)
        const tr = evs.find((e) => e.messageId === view.messageId)
        expect(id?.traits).toEqual({ email: `${ref}@example.com` })
        expect(tr?.properties).toEqual({ email: `${ref}@example.com` })
        expect(tr?.excluded).toContainEqual(
          expect.objectContaining({ field: 'properties.category', reason: 'not-essential' }),
        )
      })

      it('every read is audited as events.read with the purpose and the withheld counts, never a value', async () => {
        const ref = uid('audited')
        await seed(ref)
        await events('outdoor', ref, 'analytics')
        await s.candor.audit.flush()
        const personId = (
          (
            await s.call('GET', `/v1/persons/${ref}?purpose=essential`, { key: s.keys.server.outdoor })
          ).json() as {
            personId: string
          }
        ).personId
        const res = await s.call('GET', `/v1/audit?personId=${personId}`, { key: s.keys.admin })
        const entry = (
          res.json() as {
            entries: { action: string; purpose: string | null; details: Record<string, unknown> }[]
          }
        ).entries.find((e) => e.action === 'events.read')
        expect(entry?.purpose).toBe('analytics')
        expect(entry?.details).toMatchObject({ events: 2, withheld: { 'no-consent': expect.any(Number) } })
        expect(res.body).not.toContain('female')
      })
    })

    describe('decision log across brands', () => {
      const STROLLERS = 'baby_kids.baby_gear.strollers'
      const writeEmail = async (brand: string, ref: string, email: string) => {
        const res = await s.call('POST', `/v1/persons/${ref}/data-items`, {
          key: s.keys.server[brand],
          body: {
            items: [
              {
                key: 'email',
                value: email,
                category: 'user.contact.email',
                source: 'stated',
                verified: true,
              },
            ],
          },
        })
        expect(res.statusCode, res.body).toBe(200)
      }
      const log = async (ref: string) => {
        const res = await s.call('GET', `/v1/persons/${ref}/decisions`, { key: s.keys.server.outdoor })
        expect(res.statusCode, res.body).toBe(200)
        return res.body
      }

      it("after sharing is withdrawn, the brand's log no longer shows factors or sentences built from the other brand's data", async () => {
        const o = uid('logo')
        const b = uid('logb')
        const email = `${uid('log')}@example.com`
        await writeEmail('outdoor', o, email)
        await writeEmail('baby', b, email)
        const stated = await s.call('POST', `/v1/persons/${b}/interests`, {
          key: s.keys.server.baby,
          body: { topic: STROLLERS, state: 'stated' },
        })
        expect(stated.statusCode, stated.body).toBeLessThan(300)
        await consent('outdoor', o, { purpose: 'personalization', state: 'granted' })
        await consent('outdoor', o, { purpose: 'cross_brand_sharing', state: 'granted', scope: 'all_brands' })
        const placement = uid('pl')
        const offer = await s.call('POST', '/v1/offers', {
          key: s.keys.admin,
          body: {
            id: uid('stroller-offer'),
            brand: 'outdoor',
            title: 'Jogging strollers',
            placements: [placement],
            topics: { [STROLLERS]: 1 },
          },
        })
        expect(offer.statusCode, offer.body).toBe(201)
        const d = await s.call('POST', '/v1/decide', {
          key: s.keys.server.outdoor,
          body: { userId: o, placement },
        })
        expect(d.statusCode, d.body).toBe(200)
        // Under sharing, baby's stated interest explains the offer, at decision time and in the log.
        expect(d.body).toContain('Strollers')
        await s.candor.decisions.flush()
        expect(await log(o)).toContain('Strollers')
        // Baby records the withdrawal of sharing: outdoor's log forgets what rested on baby's data.
        await consent('baby', b, { purpose: 'cross_brand_sharing', state: 'withdrawn' })
        const after = await log(o)
        expect(after).not.toContain('Strollers')
        expect(after).not.toContain(STROLLERS)
        expect(after).not.toContain('baby')
        expect(after).toContain('Jogging strollers')
        // The export's decision log too.
        const exp = await s.call('GET', `/v1/persons/${o}/export`, { key: s.keys.server.outdoor })
        expect(exp.statusCode, exp.body).toBe(200)
        expect(exp.body).toContain('Jogging strollers')
        expect(exp.body).not.toContain('Strollers')
        expect(exp.body).not.toContain(STROLLERS)
      })
    })

    describe('GET /v1/persons/{ref}/export — everything the brand holds', () => {
      it('holds identities, data items, consent, interests with their evidence, every event whole, and the decision log', async () => {
        const ref = uid('export')
        const { identify, view } = await seed(ref)
        await consent('outdoor', ref, { purpose: 'personalization', state: 'granted' })
        const views = [3, 5, 8].map((d) => ({
          type: 'track',
          event: 'Product Viewed',
          userId: ref,
          messageId: uid('v'),
          timestamp: at(d),
          properties: { category: 'Hiking Boots' },
        }))
        await batch('outdoor', views)
        const placement = uid('pl')
        const offer = await s.call('POST', '/v1/offers', {
          key: s.keys.admin,
          body: {
            id: uid('boots'),
            brand: 'outdoor',
            title: 'Boots',
            placements: [placement],
            topics: { outdoors: 1 },
          },
        })
        expect(offer.statusCode, offer.body).toBe(201)
        const d = await s.call('POST', '/v1/decide', {
          key: s.keys.server.outdoor,
          body: { userId: ref, placement },
        })
        expect(d.statusCode, d.body).toBe(200)
        const res = await s.call('GET', `/v1/persons/${ref}/export`, { key: s.keys.server.outdoor })
        expect(res.statusCode, res.body).toBe(200)
        const e = res.json() as {
          identities: { value: string }[]
          dataItems: { key: string }[]
          consent: { purpose: string }[]
          interests: {
            topic: string
            evidence: { distinctDays: number; sampleEventIds: string[]; why: string }
          }[]
          events: EventOut[]
          decisions: { decisionId: string; items: { offerId: string }[] }[]
        }
        expect(e.identities.map((i) => i.value)).toEqual([ref])
        expect(e.dataItems.map((i) => i.key)).toContain('trait.gender')
        expect(e.consent.map((c) => c.purpose)).toContain('personalization')
        // Events: every one, oldest first, whole (the brand's own record, gender included).
        expect(e.events.map((x) => x.messageId)).toEqual([
          ...views.map((v) => v.messageId).reverse(),
          identify.messageId,
          view.messageId,
        ])
        expect(e.events.find((x) => x.messageId === identify.messageId)?.traits.gender).toBe('female')
        // Interests with their evidence.
        const boots = e.interests.find((i) => i.evidence.sampleEventIds.includes(views[0]?.messageId ?? ''))
        expect(boots?.evidence.distinctDays).toBeGreaterThanOrEqual(3)
        expect(boots?.evidence.why.length).toBeGreaterThan(0)
        // The decision log.
        expect(e.decisions.map((x) => x.decisionId)).toEqual([
          (d.json() as { decisionId: string }).decisionId,
        ])
      })
    })
  })
}
