import type { RankingMetrics } from '../evaluation/index.js'
import { type MetricPair, type ModelCard, metricText } from './model-card.js'
import type { ModelCardChart } from './model-card-charts.js'
import { fairnessNote } from './model-card-markdown.js'

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  )

const STYLE = `
:root { color-scheme: light; --ink: #1b1b1b; --muted: #4a4a4a; --line: #c9c9c9; --accent: #1f5fa8; --bg: #fff; --panel: #f4f6f8; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
header, main, footer { max-width: 62rem; margin: 0 auto; padding: 0 1.25rem; }
header { padding-top: 1.5rem; border-bottom: 3px solid var(--accent); }
h1 { font-size: 1.75rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .25rem; }
.meta { color: var(--muted); margin: 0 0 1rem; }
.verdict { background: var(--panel); border-left: 4px solid var(--accent); padding: .75rem 1rem; font-weight: 600; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .95rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
thead th { background: var(--panel); }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1rem 0; }
figure img { max-width: 100%; height: auto; border: 1px solid var(--line); background: #fff; }
figcaption { color: var(--muted); font-size: .9rem; }
code { font-size: .9em; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
footer { color: var(--muted); font-size: .9rem; padding: 2rem 1.25rem; }
`

function metricsTable(caption: string, rows: { label: string; pair: MetricPair }[], k: number): string {
  const row = (label: string, who: string, m: RankingMetrics) =>
    `<tr><th scope="row">${escapeHtml(label)}${who}</th><td class="num">${metricText(m.precisionAtK)}</td><td class="num">${metricText(m.recallAtK)}</td><td class="num">${metricText(m.ndcgAtK)}</td><td class="num">${metricText(m.coverage)}</td><td class="num">${metricText(m.beneficialShare)}</td><td class="num">${m.cases}</td></tr>`
  return `<table><caption>${escapeHtml(caption)}</caption><thead><tr><th scope="col">slice</th><th scope="col">precision@${k}</th><th scope="col">recall@${k}</th><th scope="col">nDCG@${k}</th><th scope="col">coverage</th><th scope="col">beneficial exposure</th><th scope="col">cases</th></tr></thead><tbody>${rows
    .map(
      (r) =>
        row(r.label, 'interest model', r.pair.interestModel) +
        row(r.label, 'popularity baseline', r.pair.popularityBaseline),
    )
    .join('')}</tbody></table>`
}

function figure(chart: ModelCardChart | undefined): string {
  if (!chart) return ''
  const src = `data:image/svg+xml;base64,${Buffer.from(chart.svg, 'utf8').toString('base64')}`
  return `<figure><img src="${src}" alt="${escapeHtml(chart.description)}"><figcaption>${escapeHtml(chart.title)}</figcaption></figure>`
}

const list = (items: readonly string[]) =>
  `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`

/**
 * The card as one self-contained HTML page: inline style, charts as SVG images in data URIs
 * (rendered on the server), every figure also in a table. No script, no network.
 */
export function modelCardHtml(card: ModelCard, charts: readonly ModelCardChart[]): string {
  const o = card.observation
  const k = card.quality.k
  const chart = (id: string) => charts.find((c) => c.id === id)
  const brands = card.brands.map((b) => b.name).join(', ') || 'no brand'
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>Model card: ${escapeHtml(card.name)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>Model card: ${escapeHtml(card.name)}</h1>
<p class="meta">Version <code>${escapeHtml(card.version)}</code> · generated ${escapeHtml(card.generatedAt)} · ${escapeHtml(brands)}</p>
</header>
<main>
<p>${escapeHtml(card.overview)}</p>
<section aria-labelledby="quality">
<h2 id="quality">Quality</h2>
<p class="verdict">${escapeHtml(card.quality.verdict)}</p>
${figure(chart('metrics-vs-baseline'))}
${metricsTable(`Measured on a time split: learned before ${o.cutoff.slice(0, 10)}, scored on the next ${o.horizonDays} days`, [{ label: '', pair: card.quality.overall }], k)}
<h3>Per brand and group</h3>
${figure(chart('metrics-per-group'))}
<p>${escapeHtml(fairnessNote(card))}</p>
${metricsTable('Per brand and group', [...card.quality.byBrand.map((b) => ({ label: `brand: ${b.brand} · `, pair: b as MetricPair })), ...card.quality.byGroup.map((g) => ({ label: `group: ${g.group} · `, pair: g as MetricPair }))], k)}
</section>
<section aria-labelledby="uses">
<h2 id="uses">Uses</h2>
<h3>Intended</h3>
${list(card.uses.intended)}
<h3>Out of scope</h3>
${list(card.uses.outOfScope)}
</section>
<section aria-labelledby="inputs">
<h2 id="inputs">Inputs</h2>
<h3>Used</h3>
<dl class="facts">${card.inputs.used.map((i) => `<dt>${escapeHtml(i.name)}</dt><dd>${escapeHtml(i.description)}</dd>`).join('')}</dl>
<h3>Excluded by design</h3>
<dl class="facts">${card.inputs.excluded.map((i) => `<dt>${escapeHtml(i.name)}</dt><dd>${escapeHtml(i.reason)}</dd>`).join('')}</dl>
</section>
<section aria-labelledby="observation">
<h2 id="observation">Observation</h2>
<dl class="facts">
<dt>Window</dt><dd>${escapeHtml(o.from ?? '(no signals)')} to ${escapeHtml(o.to.slice(0, 10))}; cut-off ${escapeHtml(o.cutoff.slice(0, 10))}</dd>
<dt>People × brands</dt><dd>${o.peopleWithSignals} with signals; ${o.peopleAllowing} allow personalization there</dd>
<dt>Signals read</dt><dd>${o.signals} (gifts: ${o.giftSignals}); ${o.signalsNotAllowed} of people not allowing personalization counted, never opened</dd>
<dt>Withheld by the policy</dt><dd>${o.withheldTopics} topic mentions; sensitive topics used with an opt-in: ${o.sensitiveTopicsOptedIn} (${o.peopleOptedIn} people)</dd>
<dt>Evaluation</dt><dd>${o.candidateOffers} offers active at the cut-off; ${o.casesWithHistory} people × brands with history</dd>
</dl>
${figure(chart('signal-volume'))}
<table><caption>Signals per week</caption><thead><tr><th scope="col">week of</th><th scope="col">signals</th></tr></thead><tbody>${o.weekly.map((w) => `<tr><td>${w.week}</td><td class="num">${w.signals}</td></tr>`).join('')}</tbody></table>
</section>
<section aria-labelledby="settings">
<h2 id="settings">Settings</h2>
<table><caption>The settings that shape decisions (the version is their hash)</caption><thead><tr><th scope="col">setting</th><th scope="col">value</th><th scope="col">meaning</th></tr></thead><tbody>${card.settings.map((s) => `<tr><th scope="row"><code>${escapeHtml(s.key)}</code></th><td>${escapeHtml(s.value)}</td><td>${escapeHtml(s.meaning)}</td></tr>`).join('')}</tbody></table>
</section>
<section aria-labelledby="considerations">
<h2 id="considerations">Considerations</h2>
<h3>Limitations</h3>
${list(card.considerations.limitations)}
<h3>Trade-offs</h3>
${list(card.considerations.tradeoffs)}
<h3>Ethical risks and their mitigations</h3>
<dl class="facts">${card.considerations.risks.map((r) => `<dt>Risk</dt><dd>${escapeHtml(r.name)}</dd><dt>Mitigation</dt><dd>${escapeHtml(r.mitigation)}</dd>`).join('')}</dl>
</section>
</main>
<footer><p>Generated by Candor from the live configuration and the organization's own events; never hand-written.</p></footer>
</body>
</html>
`
}
