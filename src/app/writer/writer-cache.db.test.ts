/**
 * The writer thread's cache of ledgers and interest rows must never answer with something the
 * database no longer holds. First its rules one by one (fake stores, a real SQLite connection for
 * `data_version`), then the writer thread itself against writes of the request thread: a
 * withdrawal, a new grant (interests recomputed there), a rejection — each seen by the next batch.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestEnv, type TestEnv } from '../../../test/support/dialects.js'
import { consentRecord, recordPersonalization } from '../../../test/support/fixtures.js'
import { batchInput } from '../../../test/support/ingest.js'
import type { ConsentRecord, ConsentStore } from '../../modules/consent/index.js'
import type { Interest } from '../../modules/interests/index.js'
import type { InterestStore } from '../../modules/interests/person-data.js'
import { type Candor, createCandor } from '../create-candor.js'
import { WriterCache } from './writer-cache.js'

const NOW = Date.now()
const DAY = 86_400_000

function record(personId: string, purpose = 'personalization'): ConsentRecord {
  return consentRecord({
    id: `con_${randomUUID()}`,
    personId,
    brandId: 'outdoor',
    capturedBy: 'outdoor',
    purpose,
    recordedAt: NOW,
    recordedSeq: 1,
  })
}

function interest(personId: string, topic: string, score: number): Interest {
  return {
    personId,
    brandId: 'outdoor',
    topic,
    state: 'inferred',
    score,
    scoreAt: NOW,
    signals: { view: 1 },
    days: [],
    firstSeen: NOW,
    lastSeen: NOW,
    sampleEventIds: [],
    journeys: { fed: [], setAside: [] },
    updatedAt: NOW,
  }
}

/** Stores over arrays, counting the reads that reach them. */
function fakeStores() {
  const ledger: ConsentRecord[] = []
  const rows = new Map<string, Interest>()
  const reads = { consent: 0, interests: 0 }
  const consent: ConsentStore = {
    append: async (records) => void ledger.push(...records),
    forPerson: async (p) => ledger.filter((r) => r.personId === p),
    forPersons: async (ps) => {
      reads.consent++
      return ledger.filter((r) => ps.includes(r.personId))
    },
    reassignPerson: async () => {},
    purge: async () => 0,
  }
  const interests: InterestStore = {
    forPersonBrand: async () => [],
    forPairsAtBrand: async (_b, pairs) => {
      reads.interests++
      return pairs.flatMap((p) => rows.get(`${p.personId}|${p.topic}`) ?? [])
    },
    rejectedTopics: async () => [],
    forPerson: async () => [],
    upsert: async (list) => {
      for (const i of list) rows.set(`${i.personId}|${i.topic}`, i)
    },
    deleteInferred: async () => 0,
    activity: async () => [],
    reassignPerson: async () => {},
    purge: async () => 0,
  }
  return { ledger, rows, reads, consent, interests }
}

describe('writer cache rules', () => {
  it('remembers ledgers inside transactions; a write to the ledger forgets them', async () => {
    const cache = new WriterCache()
    const f = fakeStores()
    const store = cache.consentStore(f.consent, true)
    f.ledger.push(record('per_a'))
    expect(await store.forPersons(['per_a', 'per_a'], 'outdoor')).toHaveLength(1)
    expect(await store.forPersons(['per_a'], 'outdoor')).toHaveLength(1)
    expect(f.reads.consent).toBe(1)
    await store.append([record('per_a', 'advertising')])
    expect(await store.forPersons(['per_a'], 'outdoor')).toHaveLength(2)
    expect(f.reads.consent).toBe(2)
    // Outside a transaction nothing is remembered.
    const outside = cache.consentStore(f.consent, false)
    await outside.forPersons(['per_a'], 'outdoor')
    expect(f.reads.consent).toBe(3)
  })

  it('writes upserted interest rows through, remembers absent pairs, forgets on other writes and on failure', async () => {
    const cache = new WriterCache()
    const f = fakeStores()
    const store = cache.interestStore(f.interests, true)
    const pair = { personId: 'per_a', topic: 'outdoors.hiking' }
    expect(await store.forPairsAtBrand('outdoor', [pair])).toEqual([])
    expect(await store.forPairsAtBrand('outdoor', [pair])).toEqual([])
    expect(f.reads.interests).toBe(1)
    await store.upsert([interest('per_a', 'outdoors.hiking', 2)])
    expect((await store.forPairsAtBrand('outdoor', [pair]))[0]?.score).toBe(2)
    expect(f.reads.interests).toBe(1)
    await store.deleteInferred('per_a', 'outdoor')
    await store.forPairsAtBrand('outdoor', [pair])
    expect(f.reads.interests).toBe(2)
    cache.clear()
    await store.forPairsAtBrand('outdoor', [pair])
    expect(f.reads.interests).toBe(3)
    // Cached rows are frozen: changing one fails instead of changing the next reader's.
    const [row] = await store.forPairsAtBrand('outdoor', [pair])
    expect(() => {
      ;(row as { score: number }).score = 99
    }).toThrow()
  })
})

describe('the writer thread against writes of the request thread (SQLite)', () => {
  let env: TestEnv
  let candor: Candor
  const user = `cache-${randomUUID().slice(0, 8)}`
  const ref = { kind: 'user' as const, value: user }
  let n = 0

  beforeAll(async () => {
    env = createTestEnv('sqlite', { writerThread: 'on' })
    candor = await createCandor(env.config, { writerThread: true })
    await candor.brands.add({ id: 'outdoor', name: 'Outdoor' })
  })
  afterAll(async () => {
    await candor.close()
    await env.cleanup()
  })

  /** Hiking views on these days ago, through the writer thread. */
  const views = async (...daysAgo: number[]) => {
    const batch = daysAgo.map((d) => ({
      type: 'track',
      event: 'Product Viewed',
      userId: user,
      messageId: `cache-${++n}`,
      timestamp: new Date(NOW - d * DAY).toISOString(),
      properties: { category: 'Outdoors > Hiking > Boots' },
    }))
    const outcome = await candor.ingest(batchInput(candor, batch, Date.now()))
    expect(outcome.accepted).toBe(daysAgo.length)
  }
  const consent = (state: 'granted' | 'withdrawn') => recordPersonalization(candor, 'outdoor', ref, state)
  const hiking = async () => {
    const personId = await candor.transaction((s) => candor.persons.resolve(s, 'outdoor', ref))
    if (!personId) return undefined
    const rows = await candor.stores.interests.forPersonBrand(personId, 'outdoor')
    return rows.find((i) => i.topic.startsWith('outdoors.hiking'))
  }

  it('counts views while personalization is granted', async () => {
    await consent('granted')
    await views(3, 2)
    expect((await hiking())?.signals.view).toBe(2)
  })

  it('sees a withdrawal made on the request thread: no interest from the next batch', async () => {
    await consent('withdrawn')
    expect(await hiking()).toBeUndefined()
    await views(1)
    expect(await hiking()).toBeUndefined()
  })

  it('sees a new grant (interests recomputed on the request thread): the next batch counts once more', async () => {
    await consent('granted')
    // Recomputed from the three stored views.
    expect((await hiking())?.signals.view).toBe(3)
    await views(0)
    expect((await hiking())?.signals.view).toBe(4)
  })

  it("follows its own ledger writes: a withdrawal in a batch's consent banner stops the next batch", async () => {
    const other = { kind: 'user' as const, value: `${user}-banner` }
    const banner = (personalization: boolean, daysAgo: number) => ({
      type: 'track',
      event: 'Product Viewed',
      userId: other.value,
      messageId: `cache-${++n}`,
      timestamp: new Date(NOW - daysAgo * DAY).toISOString(),
      properties: { category: 'Outdoors > Camping > Tents' },
      context: { consent: { categoryPreferences: { Personalization: personalization } } },
    })
    const camping = async () => {
      const personId = await candor.transaction((s) => candor.persons.resolve(s, 'outdoor', other))
      const rows = personId ? await candor.stores.interests.forPersonBrand(personId, 'outdoor') : []
      return rows.find((i) => i.topic.startsWith('outdoors.camping'))
    }
    // Granted by the banner of the first batch (the writer records it), then remembered.
    await candor.ingest(batchInput(candor, [banner(true, 3), banner(true, 2)], Date.now()))
    expect((await camping())?.signals.view).toBe(2)
    // The writer records the withdrawal itself: nothing the request thread wrote tells it.
    await candor.ingest(batchInput(candor, [banner(false, 1)], Date.now()))
    expect(await camping()).toBeUndefined()
    // A later batch without a banner must see the withdrawal, not the remembered grant.
    await candor.ingest(batchInput(candor, [{ ...banner(false, 0), context: {} }], Date.now()))
    expect(await camping()).toBeUndefined()
  })

  it('sees a rejection made on the request thread: new views do not bring the interest back', async () => {
    const topic = (await hiking())?.topic as string
    await candor.interests.setState({ brandId: 'outdoor', ref, topic, state: 'rejected', actor: 'test' })
    await views(0, 1)
    expect((await hiking())?.state).toBe('rejected')
  })
})
