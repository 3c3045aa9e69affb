import type { RankingMetrics } from '../evaluation/index.js'
import { type MetricPair, type ModelCard, metricText } from './model-card.js'

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ')

function metricRows(label: string, pair: MetricPair): string[] {
  const row = (who: string, m: RankingMetrics) =>
    `| ${cell(label)}${who} | ${metricText(m.precisionAtK)} | ${metricText(m.recallAtK)} | ${metricText(m.ndcgAtK)} | ${metricText(m.coverage)} | ${metricText(m.beneficialShare)} | ${m.cases} |`
  return [row('interest model', pair.interestModel), row('popularity baseline', pair.popularityBaseline)]
}

/** The card as Markdown: the same facts as the JSON, for reading. */
export function modelCardMarkdown(card: ModelCard): string {
  const o = card.observation
  const k = card.quality.k
  const lines = [
    `# Model card: ${card.name}`,
    '',
    `- **Version:** \`${card.version}\` (a hash of the settings that shape decisions)`,
    `- **Generated:** ${card.generatedAt}`,
    `- **Brands:** ${card.brands.map((b) => `${b.name} (\`${b.id}\`)`).join(', ') || 'none'}`,
    '',
    card.overview,
    '',
    '## Uses',
    '',
    '**Intended:**',
    '',
    ...card.uses.intended.map((u) => `- ${u}`),
    '',
    '**Out of scope:**',
    '',
    ...card.uses.outOfScope.map((u) => `- ${u}`),
    '',
    '## Inputs',
    '',
    '**Used:**',
    '',
    ...card.inputs.used.map((i) => `- **${i.name}**: ${i.description}`),
    '',
    '**Excluded by design:**',
    '',
    ...card.inputs.excluded.map((i) => `- **${i.name}**: ${i.reason}`),
    '',
    '## Observation',
    '',
    `- Window: ${o.from ?? '(no signals)'} to ${o.to.slice(0, 10)}; cut-off ${o.cutoff.slice(0, 10)}, then ${o.horizonDays} days evaluated`,
    `- People × brands with signals: ${o.peopleWithSignals}; allowing personalization there: ${o.peopleAllowing}`,
    `- Signals read: ${o.signals} (gifts: ${o.giftSignals}); of people not allowing personalization, counted only: ${o.signalsNotAllowed}`,
    `- Topic mentions withheld by the policy: ${o.withheldTopics}; sensitive topics used with an opt-in: ${o.sensitiveTopicsOptedIn} (${o.peopleOptedIn} people)`,
    `- Candidate offers at the cut-off: ${o.candidateOffers}; people × brands with history: ${o.casesWithHistory}`,
    '',
    '| week of | signals |',
    '|---|---|',
    ...o.weekly.map((w) => `| ${w.week} | ${w.signals} |`),
    '',
    '## Settings',
    '',
    '| setting | value | meaning |',
    '|---|---|---|',
    ...card.settings.map((s) => `| \`${s.key}\` | ${cell(s.value)} | ${cell(s.meaning)} |`),
    '',
    '## Quality',
    '',
    card.quality.verdict,
    '',
    `| slice | precision@${k} | recall@${k} | nDCG@${k} | coverage | beneficial exposure | cases |`,
    '|---|---|---|---|---|---|---|',
    ...metricRows('', card.quality.overall),
    ...card.quality.byBrand.flatMap((b) => metricRows(`brand: ${b.brand} · `, b)),
    ...card.quality.byGroup.flatMap((g) => metricRows(`group: ${g.group} · `, g)),
    '',
    fairnessNote(card),
    '',
    '## Considerations',
    '',
    '**Limitations:**',
    '',
    ...card.considerations.limitations.map((l) => `- ${l}`),
    '',
    '**Trade-offs:**',
    '',
    ...card.considerations.tradeoffs.map((t) => `- ${t}`),
    '',
    '**Ethical risks and their mitigations:**',
    '',
    ...card.considerations.risks.map((r) => `- ${r.name} *Mitigation:* ${r.mitigation}`),
    '',
  ]
  return lines.join('\n')
}

/** What the card says about its fairness-audit groups. */
export function fairnessNote(card: ModelCard): string {
  const q = card.quality
  return q.inAuditGroups === 0
    ? 'Fairness: no person evaluated has fairness_audit data released for it, so no per-group figures.'
    : `Fairness: ${q.inAuditGroups} people × brands have fairness_audit data; groups are reported from ${q.minGroupSize} evaluated people × brands on (smaller ones merged into their attribute's other group), ${q.suppressedGroups} groups suppressed as too small even merged. Aggregate only.`
}
