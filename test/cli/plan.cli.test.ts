/**
 * `candor plan lint <file>` (issue 19): the review a save would do, for a brand's own CI — a
 * sensitive field without a reviewer, a field without purpose, a field without justification are
 * blocking findings (exit 1); a plan that is not valid exits 2 naming the path; a clean plan exits 0.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { candorCli } from '../support/cli.js'

const dir = mkdtempSync(join(tmpdir(), 'candor-plan-'))
const env = { CANDOR_DATA_DIR: dir, LOG_LEVEL: 'warn' }
const file = (name: string, text: string) => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

describe('candor plan lint', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('prints the blocking findings and exits 1', () => {
    const plan = file(
      'blocked.yaml',
      `mode: strip
traits:
  condition: { category: user.health, purposes: [personalization], retentionDays: 30, justification: "Offers that suit your condition" }
  shoe: { category: user.behavior.purchase, retentionDays: 30, justification: "Boots that fit" }
  fax: { category: user.contact.phone, purposes: [essential], retentionDays: 30 }
`,
    )
    const r = candorCli(['plan', 'lint', plan], env)
    expect(r.status).toBe(1)
    const lines = r.stdout.trim().split('\n')
    expect(lines.slice(0, 3).map((l) => l.split(/\s+/).slice(0, 3).join(' '))).toEqual([
      'block sensitive-field traits.condition:',
      'block missing-purpose traits.shoe.purposes:',
      'block missing-justification traits.fax.justification:',
    ])
    expect(lines.at(-1)).toContain('3 blocking')
    // The plan in force already has the reviewed sensitive field: it no longer blocks.
    const json = candorCli(['plan', 'lint', plan, '--previous', plan, '--json'], env)
    expect(JSON.parse(json.stdout).findings.map((f: { code: string }) => f.code)).toEqual([
      'missing-purpose',
      'missing-justification',
    ])
  })

  it('exits 0 on a clean plan (warnings only) and 2 on an invalid one, naming the path', () => {
    const clean = file(
      'clean.json',
      JSON.stringify({
        mode: 'observe',
        events: [
          {
            name: 'Product Viewed',
            properties: {
              category: {
                category: 'user.behavior.browsing',
                purposes: ['analytics'],
                justification: 'Aisles',
              },
            },
          },
        ],
      }),
    )
    const ok = candorCli(['plan', 'lint', clean], env)
    expect(ok.stdout).toContain('0 blocking, 1 warnings')
    expect(ok.status).toBe(0)
    const bad = candorCli(
      ['plan', 'lint', file('bad.yaml', 'mode: strp\ntraits:\n  email: { category: user.contact.emial }\n')],
      env,
    )
    expect(bad.status).toBe(2)
    expect(bad.stdout).toContain('error  mode: mode must be one of observe, strip, reject')
    const vocabulary = candorCli(
      [
        'plan',
        'lint',
        file(
          'vocab.yaml',
          'mode: strip\ntraits:\n  email: { category: user.contact.emial, purposes: [essential] }\n',
        ),
      ],
      env,
    )
    expect(vocabulary.status).toBe(2)
    expect(vocabulary.stdout).toContain(
      'traits.email.category: unknown data category "user.contact.emial"; did you mean "user.contact.email"?',
    )
    expect(candorCli(['plan', 'lint', join(dir, 'missing.yaml')], env).status).toBe(1)
  })
})
