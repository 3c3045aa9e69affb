import * as vega from 'vega'
import * as vl from 'vega-lite'
import type { RankingMetrics } from '../evaluation/index.js'
import type { MetricPair, ModelCard } from './model-card.js'

/** A chart of the card: its Vega-Lite specification rendered to SVG on the server, and its words. */
export interface ModelCardChart {
  readonly id: string
  readonly title: string
  /** What the chart shows, in a sentence (the image's text alternative). */
  readonly description: string
  readonly svg: string
}

const RANKINGS = ['interest model', 'popularity baseline'] as const
/** Colours with at least 3:1 contrast against white and against each other's lightness. */
const COLOURS = ['#1f5fa8', '#b5520f']

const CONFIG = {
  // No ARIA roles inside the SVG: the page gives each chart one text alternative and a table.
  aria: false,
  font: 'system-ui, sans-serif',
  axis: { labelFontSize: 12, titleFontSize: 12, labelColor: '#222', titleColor: '#222', labelLimit: 0 },
  header: { labelFontSize: 13, labelColor: '#111' },
  legend: { labelFontSize: 12, titleFontSize: 12, labelColor: '#222', titleColor: '#222', labelLimit: 0 },
  title: { fontSize: 14, color: '#111' },
  view: { stroke: null },
}

function metricRows(pair: MetricPair, k: number, extra: Record<string, string> = {}) {
  const rows = (m: RankingMetrics, ranking: string) => [
    { ...extra, metric: `precision@${k}`, ranking, value: m.precisionAtK },
    { ...extra, metric: `recall@${k}`, ranking, value: m.recallAtK },
    { ...extra, metric: `nDCG@${k}`, ranking, value: m.ndcgAtK },
    { ...extra, metric: 'coverage', ranking, value: m.coverage },
  ]
  return [
    ...rows(pair.interestModel, 'interest model'),
    ...rows(pair.popularityBaseline, 'popularity baseline'),
  ]
}

const colour = {
  field: 'ranking',
  type: 'nominal',
  title: 'ranking',
  scale: { domain: [...RANKINGS], range: COLOURS },
  legend: { orient: 'bottom' },
} as const

/** The Vega-Lite specifications of the card's charts (pure data: no rendering). */
export function modelCardChartSpecs(
  card: ModelCard,
): { id: string; title: string; description: string; spec: vl.TopLevelSpec }[] {
  const k = card.quality.k
  const m = card.quality.overall.interestModel
  const b = card.quality.overall.popularityBaseline
  const groups = [
    ...card.quality.byBrand.map((g) => ({ group: g.brand, pair: g })),
    ...card.quality.byGroup.map((g) => ({ group: `group: ${g.group}`, pair: g })),
  ]
  const perGroup = groups.flatMap((g) =>
    metricRows(g.pair, k, { group: g.group }).filter(
      (r) => r.metric === `precision@${k}` || r.metric === `nDCG@${k}`,
    ),
  )
  const weeks = card.observation.weekly
  return [
    {
      id: 'metrics-vs-baseline',
      title: 'The interest model against the popularity baseline',
      description: `Bar chart: precision@${k} ${m.precisionAtK.toFixed(4)} against ${b.precisionAtK.toFixed(4)}, recall@${k} ${m.recallAtK.toFixed(4)} against ${b.recallAtK.toFixed(4)}, nDCG@${k} ${m.ndcgAtK.toFixed(4)} against ${b.ndcgAtK.toFixed(4)}, coverage ${m.coverage.toFixed(4)} against ${b.coverage.toFixed(4)} (interest model against popularity baseline).`,
      spec: {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        config: CONFIG,
        width: 520,
        height: 240,
        data: { values: metricRows(card.quality.overall, k) },
        mark: { type: 'bar' },
        encoding: {
          x: { field: 'metric', type: 'nominal', title: null, sort: null, axis: { labelAngle: 0 } },
          xOffset: { field: 'ranking', type: 'nominal', sort: [...RANKINGS] },
          y: { field: 'value', type: 'quantitative', title: 'value (0 to 1)', scale: { domain: [0, 1] } },
          color: colour,
        },
      },
    },
    {
      id: 'metrics-per-group',
      title: 'Per brand and group',
      description:
        groups.length === 0
          ? 'No group had evaluated cases.'
          : `Bar chart of precision@${k} and nDCG@${k} per group: ${groups
              .map(
                (g) =>
                  `${g.group}: interest model ${g.pair.interestModel.precisionAtK.toFixed(4)} and ${g.pair.interestModel.ndcgAtK.toFixed(4)}, baseline ${g.pair.popularityBaseline.precisionAtK.toFixed(4)} and ${g.pair.popularityBaseline.ndcgAtK.toFixed(4)}`,
              )
              .join('; ')}.`,
      spec: {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        config: CONFIG,
        data: { values: perGroup },
        facet: {
          row: { field: 'metric', type: 'nominal', title: null, sort: [`precision@${k}`, `nDCG@${k}`] },
        },
        spec: {
          width: 420,
          height: { step: 14 },
          mark: { type: 'bar' },
          encoding: {
            y: { field: 'group', type: 'nominal', title: null },
            yOffset: { field: 'ranking', type: 'nominal', sort: [...RANKINGS] },
            x: { field: 'value', type: 'quantitative', title: 'value (0 to 1)', scale: { domain: [0, 1] } },
            color: colour,
          },
        },
      },
    },
    {
      id: 'signal-volume',
      title: 'Signals per week',
      description:
        weeks.length === 0
          ? 'No signals in the observation window.'
          : `Bar chart of the signals per week of the people who allow personalization, from ${weeks[0]?.signals} in the week of ${weeks[0]?.week} to ${weeks[weeks.length - 1]?.signals} in the week of ${weeks[weeks.length - 1]?.week}; ${card.observation.signals} in all. The evaluation cut-off is ${card.observation.cutoff.slice(0, 10)}.`,
      spec: {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        config: CONFIG,
        width: 520,
        height: 180,
        data: { values: weeks.map((w) => ({ week: w.week, signals: w.signals })) },
        mark: { type: 'bar', color: COLOURS[0] },
        encoding: {
          x: { field: 'week', type: 'ordinal', title: 'week of', axis: { labelAngle: -40 } },
          y: { field: 'signals', type: 'quantitative', title: 'signals' },
        },
      },
    },
  ]
}

/** Renders the card's charts to SVG with Vega, headless (no canvas, no browser, no network). */
export async function renderModelCardCharts(card: ModelCard): Promise<ModelCardChart[]> {
  const out: ModelCardChart[] = []
  for (const c of modelCardChartSpecs(card)) {
    const view = new vega.View(vega.parse(vl.compile(c.spec).spec), { renderer: 'none' })
    try {
      out.push({ id: c.id, title: c.title, description: c.description, svg: await view.toSVG() })
    } finally {
      view.finalize()
    }
  }
  return out
}
