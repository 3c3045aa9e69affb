import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { AnchorStore } from './anchor-store.js'

export const ANCHOR_DIR = 'audit-anchors'

/**
 * One small JSON file per chain in a directory (`auditAnchorDir`, default
 * `<dataDir>/audit-anchors/`), replaced atomically (write + rename). Put it on a volume the
 * database's owner cannot rewrite. With `auditAnchorUrl`, each head is also POSTed there as
 * `{ chainId, seq, hash }` (best effort, failures logged with their code), for an anchor
 * outside this machine.
 */
export class FileAnchorStore implements AnchorStore {
  private readonly dir: string
  private readonly written = new Map<string, number>()

  constructor(
    dataDir: string,
    options: {
      readonly dir?: string
      readonly url?: string
      readonly log?: { warn(obj: object, msg: string): void }
    } = {},
  ) {
    this.dir = options.dir ? options.dir : join(dataDir, ANCHOR_DIR)
    mkdirSync(this.dir, { recursive: true })
    this.url = options.url ? options.url : undefined
    this.log = options.log
  }

  private readonly url: string | undefined
  private readonly log: { warn(obj: object, msg: string): void } | undefined

  write(chainId: string, head: { seq: number; hash: string }): void {
    // Commits can finish out of order; never move an anchor backwards.
    if ((this.written.get(chainId) ?? -1) >= head.seq) return
    const file = join(this.dir, `${chainId}.json`)
    const tmp = `${file}.${process.pid}.tmp`
    const body = JSON.stringify({ chainId, seq: head.seq, hash: head.hash })
    writeFileSync(tmp, body)
    renameSync(tmp, file)
    this.written.set(chainId, head.seq)
    if (this.url) this.post(body)
  }

  private post(body: string): void {
    fetch(this.url as string, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(5000),
    }).then(
      (res) => {
        if (!res.ok) this.log?.warn({ code: `http-${res.status}` }, 'audit anchor endpoint refused a head')
      },
      (error: unknown) =>
        this.log?.warn(
          { code: (error as { name?: string }).name ?? 'error' },
          'audit anchor endpoint unreachable',
        ),
    )
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
