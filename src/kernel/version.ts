import { readFileSync } from 'node:fs'

/** Candor's version, from its package.json (one level above src/ or dist/, or two from a chunk). */
function readVersion(): string {
  for (const path of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as {
        name?: string
        version?: string
      }
      if (pkg.name === 'candor' && pkg.version) return pkg.version
    } catch {
      // not there: the next level up
    }
  }
  return 'unknown'
}

export const CANDOR_VERSION = readVersion()
