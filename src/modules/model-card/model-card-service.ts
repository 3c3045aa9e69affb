import type { Clock } from '../../kernel/clock.js'
import type { Offer } from '../offers/index.js'
import type { ModelSignalsView } from '../policy/index.js'
import { buildModelCard, type DecisionShapingConfig, type ModelCard } from './model-card.js'
import { renderModelCardCharts } from './model-card-charts.js'
import { modelCardHtml } from './model-card-html.js'
import { modelCardMarkdown } from './model-card-markdown.js'
import { type ModelCardSummary, modelCardSummary } from './model-card-summary.js'
import { toModelCardToolkit } from './model-card-toolkit.js'

/** The services the card reads: the policy engine (model signals), offers and brands. */
export interface ModelCardDeps {
  readonly policy: { signalsForModel(brandId: string, actor: string): Promise<ModelSignalsView> }
  readonly offers: { list(brandId: string | undefined, limit: number, cursor?: string): Promise<Offer[]> }
  readonly brands: {
    list(limit: number, cursor?: string): Promise<readonly { id: string; name: string }[]>
    require(id: string): Promise<{ id: string; name: string }>
  }
  readonly config: DecisionShapingConfig
  readonly sensitiveTopics: number
  readonly decisionRetentionDays: number
  /** Fairness-audit groups smaller than this (evaluated people × brands) are merged, then suppressed. */
  readonly minGroupSize: number
  readonly clock: Clock
}

/** Top k scored; the days after the cut-off; the popularity window decisions use. */
export const MODEL_CARD_K = 3
export const MODEL_CARD_HORIZON_DAYS = 14
export const POPULARITY_WINDOW_DAYS = 30

const PAGE = 500

/**
 * Generates the model card from the live configuration and the organization's own events, read
 * through the policy engine (people who allow personalization only). Deterministic for the same
 * data, settings and clock.
 */
export class ModelCardService {
  constructor(private readonly d: ModelCardDeps) {}

  /**
   * The card of one brand, or of every brand when `brandId` is undefined. Throws
   * `brand-not-found` for an unknown brand.
   */
  async generate(input: { brandId?: string | undefined; actor: string }): Promise<ModelCard> {
    const brands =
      input.brandId === undefined ? await this.allBrands() : [await this.d.brands.require(input.brandId)]
    const signals: ModelSignalsView[] = []
    const offers = new Map<string, Offer[]>()
    for (const b of brands) {
      signals.push(await this.d.policy.signalsForModel(b.id, input.actor))
      offers.set(b.id, await this.offersOf(b.id))
    }
    return buildModelCard({
      context: {
        config: this.d.config,
        sensitiveTopics: this.d.sensitiveTopics,
        decisionRetentionDays: this.d.decisionRetentionDays,
        brands: brands.map((b) => ({ id: b.id, name: b.name })),
        now: this.d.clock.now(),
        k: MODEL_CARD_K,
        horizonDays: MODEL_CARD_HORIZON_DAYS,
        popularityWindowDays: POPULARITY_WINDOW_DAYS,
        minGroupSize: this.d.minGroupSize,
      },
      signals,
      offers,
    })
  }

  /** The plain-language version for the brand's people; reads no person data. Throws `brand-not-found`. */
  async summary(brandId: string): Promise<ModelCardSummary> {
    const brand = await this.d.brands.require(brandId)
    return modelCardSummary({
      config: this.d.config,
      brand: { id: brand.id, name: brand.name },
      decisionRetentionDays: this.d.decisionRetentionDays,
    })
  }

  private async allBrands(): Promise<{ id: string; name: string }[]> {
    const out: { id: string; name: string }[] = []
    for (let cursor: string | undefined; ; ) {
      const page = await this.d.brands.list(PAGE, cursor)
      out.push(...page.map((b) => ({ id: b.id, name: b.name })))
      if (page.length < PAGE) return out
      cursor = page[page.length - 1]?.id
    }
  }

  private async offersOf(brandId: string): Promise<Offer[]> {
    const out: Offer[] = []
    for (let cursor: string | undefined; ; ) {
      const page = await this.d.offers.list(brandId, PAGE, cursor)
      out.push(...page)
      if (page.length < PAGE) return out
      cursor = page[page.length - 1]?.id
    }
  }
}

/** The card's formats. */
export const MODEL_CARD_FORMATS = ['json', 'md', 'html'] as const
export type ModelCardFormat = (typeof MODEL_CARD_FORMATS)[number]

/** The card in a format: the Model Card Toolkit JSON, Markdown, or the self-contained HTML page with charts. */
export async function formatModelCard(
  card: ModelCard,
  format: ModelCardFormat,
): Promise<{ contentType: string; body: string }> {
  switch (format) {
    case 'json':
      return {
        contentType: 'application/json; charset=utf-8',
        body: `${JSON.stringify(toModelCardToolkit(card), null, 2)}\n`,
      }
    case 'md':
      return { contentType: 'text/markdown; charset=utf-8', body: modelCardMarkdown(card) }
    case 'html':
      return {
        contentType: 'text/html; charset=utf-8',
        body: modelCardHtml(card, await renderModelCardCharts(card)),
      }
  }
}
