// Regenerates the README's configuration table and docs/errors.md's code table from the code
// (the catalogue-sync tests fail until this has run). Usage: npm run docs
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { SETTINGS } from '../src/config/config-schema.js'
import { ERROR_CATALOGUE } from '../src/kernel/errors.js'

const root = join(import.meta.dirname, '..')

function replaceTable(file: string, header: string, rows: string[]): void {
  const path = join(root, file)
  const text = readFileSync(path, 'utf8')
  const start = text.indexOf(header)
  if (start < 0) throw new Error(`${file}: table header not found`)
  const from = start + header.length
  const end = text.indexOf('\n\n', from)
  writeFileSync(path, `${text.slice(0, from)}${rows.join('\n')}${text.slice(end)}`)
}

replaceTable(
  'README.md',
  '| setting | flag | env | default | meaning |\n|---|---|---|---|---|\n',
  SETTINGS.map(
    (s) =>
      `| \`${s.key}\` | ${s.flag ? `\`${s.flag}\`` : '—'} | ${s.env ? `\`${s.env}\`` : '—'} | \`${s.default}\` | ${s.description} |`,
  ),
)
replaceTable(
  'docs/errors.md',
  '| code | status | meaning |\n|---|---|---|\n',
  Object.entries(ERROR_CATALOGUE).map(([code, v]) => `| \`${code}\` | ${v.status} | ${v.description} |`),
)
