import { readFileSync } from 'node:fs'
import type { Candor } from '../app/create-candor.js'
import { CandorError } from '../kernel/errors.js'
import type { Review } from '../modules/segments/index.js'

/**
 * `candor review <segment.json>`: the segment file as `POST /v1/segments` takes it (id, brand,
 * name, purpose, rule, description?), reviewed against the same data as every other command,
 * without storing it. `--brand` sets or overrides the brand.
 */
export async function reviewSegmentFile(c: Candor, file: string, brand?: string): Promise<Review> {
  let doc: unknown
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new CandorError(
      'invalid-request',
      code === 'ENOENT'
        ? `${file} does not exist: give the path of a segment JSON file`
        : `${file} is not a JSON segment (${code ?? (error instanceof Error ? error.message : String(error))})`,
      'file',
    )
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
    throw new CandorError('invalid-request', `${file}: a JSON object {"brand", "purpose", "rule", …}`, 'file')
  const o = doc as Record<string, unknown>
  const text = (k: string, fallback?: string): string => {
    const v = Object.hasOwn(o, k) ? o[k] : fallback
    if (typeof v !== 'string' || v.length === 0)
      throw new CandorError('invalid-request', `${file}: "${k}" is missing or not a string`, k)
    return v
  }
  return c.segments.reviewDraft(
    {
      id: text('id', 'draft'),
      brand: brand ?? text('brand'),
      name: text('name', 'draft'),
      purpose: text('purpose'),
      rule: o.rule,
    },
    { actor: 'cli', kind: 'cli', label: 'candor review' },
  )
}

/** The review as a marketer reads it in a terminal or a CI log. */
export function reviewLines(file: string, r: Review): string[] {
  const lines = [
    `${file}: ${r.findings.filter((f) => f.severity === 'block').length} blocking, ${r.findings.filter((f) => f.severity === 'warn').length} warnings`,
  ]
  for (const f of r.findings) {
    lines.push(`  ${f.severity.toUpperCase().padEnd(5)} ${f.code}${f.path ? ` at ${f.path}` : ''}`)
    lines.push(`        ${f.message}`)
    lines.push(`        fix: ${f.fix}`)
  }
  lines.push(
    `  reach: ${r.reach.afterConsent} people (${r.reach.matched} match the data, ${r.reach.lostToConsent} without consent) of ${r.people}`,
  )
  if (r.fairness.length > 0) {
    lines.push(
      '  fairness (people held under fairness_audit; groups under the minimum size merged or suppressed):',
    )
    for (const g of r.fairness)
      lines.push(
        `    ${g.attribute} ${g.group}: ${g.members}/${g.people} selected (${(g.selectionRate * 100).toFixed(1)} %), ${(g.ratioToMax * 100).toFixed(0)} % of the best rate`,
      )
  }
  for (const s of r.suggestions) lines.push(`  suggestion: ${s.description} → ${s.afterConsent} people`)
  return lines
}
