import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { EXCLUSION_REASONS } from '../modules/policy/index.js'
import { ERROR_CATALOGUE, ERROR_CODES } from './errors.js'

describe('the error catalogue', () => {
  const docs = readFileSync(join(import.meta.dirname, '../../docs/errors.md'), 'utf8')

  it('documents every code with its status in docs/errors.md, and nothing else', () => {
    for (const code of ERROR_CODES)
      expect(docs).toContain(`| \`${code}\` | ${ERROR_CATALOGUE[code].status} |`)
    const documented = [...docs.matchAll(/^\| `([a-z-]+)` \| \d{3} \|/gm)].map((m) => m[1])
    expect(documented.sort()).toEqual([...ERROR_CODES].sort())
  })

  it('documents every exclusion reason', () => {
    for (const reason of EXCLUSION_REASONS) expect(docs).toContain(`| \`${reason}\` |`)
  })

  it('uses kebab-case codes with 4xx/5xx statuses', () => {
    for (const code of ERROR_CODES) {
      expect(code).toMatch(/^[a-z]+(-[a-z]+)*$/)
      expect(ERROR_CATALOGUE[code].status).toBeGreaterThanOrEqual(400)
    }
  })
})
