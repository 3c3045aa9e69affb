import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { prepareDataDir } from './data-dir.js'

describe('prepareDataDir', () => {
  const root = mkdtempSync(join(tmpdir(), 'candor-datadir-'))
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('creates a missing directory, nested', () => {
    prepareDataDir(join(root, 'a', 'b'))
    expect(statSync(join(root, 'a', 'b')).isDirectory()).toBe(true)
  })

  it('refuses a file where the directory should be, naming the path and the fix', () => {
    const file = join(root, 'candor-data')
    writeFileSync(file, 'not a directory')
    expect(() => prepareDataDir(file)).toThrow(
      `the data directory ${file} is a file, not a directory: move that file away, or choose another with --data-dir <dir> or CANDOR_DATA_DIR`,
    )
    expect(() => prepareDataDir(join(file, 'inner'))).toThrow(/a part of that path is a file.*--data-dir/)
  })
})
