import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { AnchorStore } from './anchor-store.js'

export const ANCHOR_DIR = 'audit-anchors'

/** One small JSON file per chain in `<dataDir>/audit-anchors/`, replaced atomically (write + rename). */
export class FileAnchorStore implements AnchorStore {
  private readonly dir: string
  private readonly written = new Map<string, number>()

  constructor(dataDir: string) {
    this.dir = join(dataDir, ANCHOR_DIR)
    mkdirSync(this.dir, { recursive: true })
  }

  write(chainId: string, head: { seq: number; hash: string }): void {
    // Commits can finish out of order; never move an anchor backwards.
    if ((this.written.get(chainId) ?? -1) >= head.seq) return
    const file = join(this.dir, `${chainId}.json`)
    const tmp = `${file}.${process.pid}.tmp`
    writeFileSync(tmp, JSON.stringify({ chainId, seq: head.seq, hash: head.hash }))
    renameSync(tmp, file)
    this.written.set(chainId, head.seq)
  }

  read(chainId: string): { seq: number; hash: string } | undefined {
    try {
      const parsed = JSON.parse(readFileSync(join(this.dir, `${chainId}.json`), 'utf8')) as {
        seq: number
        hash: string
      }
      return { seq: parsed.seq, hash: parsed.hash }
    } catch {
      return undefined
    }
  }

  list(): string[] {
    return readdirSync(this.dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -'.json'.length))
  }
}
