import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCandor } from '../../src/app/create-candor.js'
import { readOfferFile } from '../../src/cli/offers-command.js'
import { candorCli, storeEnv } from '../support/cli.js'
import { createTestEnv, DIALECTS, type TestEnv } from '../support/dialects.js'

const boots = {
  id: 'boots-deal',
  brand: 'outdoor',
  title: 'Trail boots: 15% off',
  placements: ['home_hero'],
  topics: { 'outdoors.hiking.footwear': 1 },
  beneficial: true,
}

describe('reading an offers file', () => {
  let dir: TestEnv
  beforeAll(() => {
    dir = createTestEnv('sqlite')
  })
  afterAll(() => dir.cleanup())
  const file = (name: string, text: string) => {
    const path = join(dir.dataDir, name)
    writeFileSync(path, text)
    return path
  }

  it('takes one offer, a list, or {"offers": [...]}, in JSON or YAML', () => {
    expect(readOfferFile(file('one.json', JSON.stringify(boots))).map((o) => o.id)).toEqual(['boots-deal'])
    expect(readOfferFile(file('list.json', JSON.stringify([boots, { ...boots, id: 'b2' }]))).length).toBe(2)
    const yaml = file(
      'offers.yaml',
      'offers:\n  - id: tent\n    brand: outdoor\n    title: Tents\n    placements: [home_hero]\n    topics: { outdoors.camping: 0.8 }\n    endsAt: "2027-01-01T00:00:00Z"\n',
    )
    expect(readOfferFile(yaml)).toEqual([
      expect.objectContaining({
        id: 'tent',
        topics: { 'outdoors.camping': 0.8 },
        endsAt: Date.UTC(2027, 0, 1),
      }),
    ])
  })

  it('names the file, the offer and the field of a mistake', () => {
    expect(() => readOfferFile(join(dir.dataDir, 'missing.json'))).toThrow(/missing.json does not exist/)
    expect(() => readOfferFile(file('bad.json', '{"id": '))).toThrow(/bad.json is not valid JSON/)
    expect(() => readOfferFile(file('bad.yaml', 'offers: [\n'))).toThrow(/bad.yaml is not valid YAML/)
    expect(() =>
      readOfferFile(file('typo.json', JSON.stringify([boots, { ...boots, id: 'b2', placement: ['x'] }]))),
    ).toThrow(/offer 2 \(b2\).*placement/)
    expect(() => readOfferFile(file('nobrand.json', JSON.stringify({ ...boots, brand: undefined })))).toThrow(
      /offer 1 \(boots-deal\)\.brand/,
    )
  })
})

for (const dialect of DIALECTS) {
  describe(`candor offers on ${dialect}`, () => {
    let env: TestEnv
    let e: Record<string, string>
    beforeAll(async () => {
      env = createTestEnv(dialect)
      e = storeEnv(env.config)
      const candor = await createCandor(env.config)
      await candor.brands.add({ id: 'outdoor', name: 'Outdoor' })
      await candor.close()
    })
    afterAll(() => env.cleanup())

    it('adds from a file (all checked first), lists, replaces with --replace and removes', async () => {
      const json = join(env.dataDir, 'offers.json')
      writeFileSync(json, JSON.stringify({ offers: [boots, { ...boots, id: 'poles', title: 'Poles' }] }))
      const added = candorCli(['offers', 'add', json], e)
      expect(added.status, added.stderr).toBe(0)
      expect(added.stdout).toContain('2 offers written')

      // An unknown topic in the second offer: nothing is written, the offer and field are named.
      const yaml = join(env.dataDir, 'more.yaml')
      writeFileSync(
        yaml,
        'offers:\n  - id: tent\n    brand: outdoor\n    title: Tents\n    placements: [home_hero]\n    topics: { outdoors.camping: 1 }\n  - id: stove\n    brand: outdoor\n    title: Stoves\n    placements: [home_hero]\n    topics: { outdoors.campng: 1 }\n',
      )
      const bad = candorCli(['offers', 'add', yaml], e)
      expect(bad.status).toBe(1)
      expect(bad.stderr).toContain('offer stove: unknown topic outdoors.campng')
      expect(bad.stderr).toContain('offers[1].topics.outdoors.campng')

      const again = candorCli(['offers', 'add', json], e)
      expect(again.status).toBe(1)
      expect(again.stderr).toMatch(/offer boots-deal exists; nothing was written \(--replace/)

      writeFileSync(json, JSON.stringify([{ ...boots, title: 'Trail boots: 20% off' }]))
      expect(candorCli(['offers', 'add', json, '--replace'], e).status).toBe(0)

      const removed = candorCli(['offers', 'remove', 'poles'], e)
      expect(removed.status, removed.stderr).toBe(0)
      const list = candorCli(['offers', 'list', '--brand', 'outdoor'], e)
      expect(list.stdout.trim().split('\n')).toEqual(['boots-deal\toutdoor\thome_hero\tTrail boots: 20% off'])

      // The same store as the server's: the service sees what the CLI wrote.
      const candor = await createCandor(env.config)
      try {
        expect((await candor.offers.list('outdoor', 10)).map((o) => o.id)).toEqual(['boots-deal'])
        await expect(candor.offers.get('tent')).rejects.toThrow(/no offer tent/)
      } finally {
        await candor.close()
      }
    }, 240_000)
  })
}
