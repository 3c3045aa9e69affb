import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Candor } from '../../src/app/create-candor.js'
import { loadDemo } from '../../src/cli/demo-command.js'
import { fixedClock } from '../../src/kernel/clock.js'
import { type ModelCard, toModelCardToolkit } from '../../src/modules/model-card/index.js'
import { createTestCandor } from '../support/dialects.js'
import { modelCardSchemaErrors } from '../support/model-card-schema.js'

// A fixed demo seed and clock: the card's metrics come from the demo data and are reproducible.
const NOW = Date.UTC(2026, 10, 20, 12)
const PERSONS = Number(process.env.MODEL_CARD_DEMO_PERSONS ?? 300)

describe('the model card on the demo data (sqlite)', () => {
  let candor: Candor
  let close: () => Promise<void>
  let card: ModelCard
  beforeAll(async () => {
    const t = await createTestCandor('sqlite', { clock: fixedClock(NOW) }, { logLevel: 'silent' })
    candor = t.candor
    close = t.close
    await loadDemo(candor, { persons: PERSONS, seed: 42, now: NOW })
    card = await candor.modelCard.generate({ actor: 'test' })
  }, 600_000)
  afterAll(async () => close?.())

  it('beats the popularity baseline on precision@3 and nDCG@3, and says so', () => {
    const { interestModel, popularityBaseline } = card.quality.overall
    expect(interestModel.cases).toBeGreaterThan(30)
    expect(interestModel.precisionAtK).toBeGreaterThan(popularityBaseline.precisionAtK)
    expect(interestModel.ndcgAtK).toBeGreaterThan(popularityBaseline.ndcgAtK)
    expect(card.quality.beatsBaseline).toBe(true)
    expect(card.quality.verdict).toMatch(/^The interest model beats the popularity baseline/)
  })

  it('is a valid Model Card Toolkit document whose figures come from the demo data', () => {
    expect(modelCardSchemaErrors(toModelCardToolkit(card))).toEqual([])
    expect(card.brands.map((b) => b.id)).toEqual(['hearth', 'littlesteps', 'outdoor'])
    expect(card.observation.peopleAllowing).toBeGreaterThan(0)
    expect(card.observation.peopleAllowing).toBeLessThan(card.observation.peopleWithSignals)
    expect(card.observation.signals).toBe(card.observation.weekly.reduce((s, w) => s + w.signals, 0))
    expect(card.quality.byBrand).toHaveLength(3)
    // Fairness-audit groups: only from people who allow fairness_audit, and never under the minimum size.
    expect(card.quality.inAuditGroups).toBeGreaterThan(0)
    expect(card.quality.inAuditGroups).toBeLessThan(card.observation.peopleAllowing)
    for (const g of card.quality.byGroup) expect(g.interestModel.cases).toBeGreaterThanOrEqual(10)
  })

  it('gives the same figures for the same data, also loaded again into another store (other internal ids)', async () => {
    const again = await candor.modelCard.generate({ actor: 'test' })
    expect(toModelCardToolkit(again)).toEqual(toModelCardToolkit(card))
    const other = await createTestCandor('sqlite', { clock: fixedClock(NOW) }, { logLevel: 'silent' })
    try {
      await loadDemo(other.candor, { persons: PERSONS, seed: 42, now: NOW })
      const reloaded = await other.candor.modelCard.generate({ actor: 'test' })
      expect(toModelCardToolkit(reloaded)).toEqual(toModelCardToolkit(card))
    } finally {
      await other.close()
    }
  }, 600_000)
})
