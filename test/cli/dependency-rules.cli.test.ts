/**
 * The central rule holds by construction: a module that imports person data (a store, or the
 * opening of an event's payload) instead of asking the policy engine fails the dependency check
 * that `npm test` runs. Each case plants a file, checks only that file, and removes it.
 */
import { spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..')
const DEPCRUISE = join(ROOT, 'node_modules', '.bin', 'depcruise')

/** Plants `source` at `dir/<random>.ts`, runs the dependency check on it alone, removes it. */
function check(dir: string, source: string): { status: number | null; output: string } {
  const file = join(dir, `planted-${randomUUID().slice(0, 8)}.ts`)
  writeFileSync(join(ROOT, file), source)
  try {
    const r = spawnSync(DEPCRUISE, [file, '--config', '.dependency-cruiser.cjs'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    })
    return { status: r.status, output: `${r.stdout}${r.stderr}` }
  } finally {
    rmSync(join(ROOT, file), { force: true })
  }
}

describe('the dependency check enforces person data only through the policy engine', () => {
  it('passes a module that asks the policy engine (the control case)', () => {
    const r = check(
      'src/modules/offers',
      "import type { PolicyService } from '../policy/index.js'\nexport type P = PolicyService\n",
    )
    expect(r.status, r.output).toBe(0)
  })

  it("fails a module that opens events itself (the events module's person data)", () => {
    const r = check(
      'src/modules/offers',
      "import { openEventPayload } from '../events/person-data.js'\nexport const open = openEventPayload\n",
    )
    expect(r.status, r.output).not.toBe(0)
    expect(r.output).toContain('person-data-only-through-policy')
  })

  it('fails a module that imports the data-item, interest or decision store (each import named)', () => {
    const r = check(
      'src/modules/offers',
      [
        "import type * as A from '../data-items/data-item-store.js'",
        "import type * as B from '../interests/person-data.js'",
        "import type * as C from '../decisions/decision-store.js'",
        'export type X = [typeof A, typeof B, typeof C]',
        '',
      ].join('\n'),
    )
    expect(r.status, r.output).not.toBe(0)
    for (const target of [
      'data-items/data-item-store.ts',
      'interests/person-data.ts',
      'decisions/decision-store.ts',
    ])
      expect(r.output).toContain(target)
    expect(r.output.match(/person-data-only-through-policy:/g)).toHaveLength(3)
  })

  it('fails code outside the modules (the HTTP layer) that imports person data', () => {
    const r = check(
      'src/http',
      "import type { EventStore } from '../modules/events/person-data.js'\nexport type E = EventStore\n",
    )
    expect(r.status, r.output).not.toBe(0)
    expect(r.output).toContain('person-data-only-through-policy-outside-modules')
  })

  it('no module index re-exports person data, so the rule cannot be bypassed through an index', () => {
    const r = check(
      'src/modules/offers',
      "import * as events from '../events/index.js'\nimport * as items from '../data-items/index.js'\nimport * as interests from '../interests/index.js'\nexport const all = [events, items, interests]\n",
    )
    expect(r.status, r.output).toBe(0)
    for (const m of ['events', 'data-items', 'interests', 'decisions']) {
      const index = spawnSync('grep', ['-E', 'Store\\b|openEventPayload', `src/modules/${m}/index.ts`], {
        cwd: ROOT,
        encoding: 'utf8',
      })
      expect(index.stdout, `${m}/index.ts`).toBe('')
    }
  })
})
