import { appendFileSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { AnchorEndpointStatus, AnchorStore } from './anchor-store.js'

export const ANCHOR_DIR = 'audit-anchors'
/** The registry of chains: one chain id per line, only ever appended to. */
export const REGISTRY_FILE = 'chains.log'
/** The anchor endpoint's record (not `.json`: it is no chain's anchor). */
export const ENDPOINT_STATUS_FILE = 'anchor-endpoint.status'

/**
 * One small JSON file per chain in a directory (`auditAnchorDir`, default
 * `<dataDir>/audit-anchors/`), replaced atomically (write + rename). Put it on a volume the
 * database's owner cannot rewrite. With `auditAnchorUrl`, each head is also POSTed there as
 * `{ chainId, seq, hash }` (best effort, failures logged with their code), for an anchor
 * outside this machine; each outcome is recorded in `anchor-endpoint.status` (last success, last
 * failure and its code, failures since the last success), which `/readyz`, `/metrics` and
 * `audit verify` report. `chains.log` registers every chain started, appended to only: a chain
 * dropped from the database together with its anchor file is still missed by `audit verify`.
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
      readonly now?: () => number
    } = {},
  ) {
    this.dir = options.dir ? options.dir : join(dataDir, ANCHOR_DIR)
    mkdirSync(this.dir, { recursive: true })
    this.url = options.url ? options.url : undefined
    this.log = options.log
    this.now = options.now ?? Date.now
  }

  private readonly now: () => number

  private readonly url: string | undefined
  private readonly log: { warn(obj: object, msg: string): void } | undefined

  write(chainId: string, head: { seq: number; hash: string }): void {
    // Commits can finish out of order; never move an anchor backwards.
    if ((this.written.get(chainId) ?? -1) >= head.seq) return
    const file = join(this.dir, `${chainId}.json`)
    const tmp = `${file}.${process.pid}.tmp`
    const body = JSON.stringify({ chainId, seq: head.seq, hash: head.hash, registered: true })
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
        if (res.ok) return this.recordOutcome(undefined)
        this.recordOutcome(`http-${res.status}`)
        this.log?.warn({ code: `http-${res.status}` }, 'audit anchor endpoint refused a head')
      },
      (error: unknown) => {
        const code = (error as { name?: string }).name ?? 'error'
        this.recordOutcome(code)
        this.log?.warn({ code }, 'audit anchor endpoint unreachable')
      },
    )
  }

  /** Records a POST's outcome (`undefined`: accepted) in the shared status file. */
  private recordOutcome(failure: string | undefined): void {
    const was = this.readStatus()
    const now = this.now()
    const next: AnchorEndpointStatus =
      failure === undefined
        ? { ...was, lastSuccessAt: Math.max(now, was.lastSuccessAt ?? 0), failuresSinceSuccess: 0 }
        : {
            ...was,
            lastFailureAt: now,
            lastFailureCode: failure,
            failuresSinceSuccess: was.failuresSinceSuccess + 1,
          }
    try {
      const file = join(this.dir, ENDPOINT_STATUS_FILE)
      const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
      writeFileSync(tmp, JSON.stringify(next))
      renameSync(tmp, file)
    } catch (error) {
      this.log?.warn(
        { code: (error as { code?: string }).code ?? 'error' },
        'audit anchor endpoint status not written',
      )
    }
  }

  private readStatus(): AnchorEndpointStatus {
    try {
      const parsed = JSON.parse(readFileSync(join(this.dir, ENDPOINT_STATUS_FILE), 'utf8')) as Partial<
        Record<keyof AnchorEndpointStatus, unknown>
      >
      const num = (v: unknown) => (typeof v === 'number' ? v : null)
      return {
        lastSuccessAt: num(parsed.lastSuccessAt),
        lastFailureAt: num(parsed.lastFailureAt),
        lastFailureCode: typeof parsed.lastFailureCode === 'string' ? parsed.lastFailureCode : null,
        failuresSinceSuccess: num(parsed.failuresSinceSuccess) ?? 0,
      }
    } catch {
      return { lastSuccessAt: null, lastFailureAt: null, lastFailureCode: null, failuresSinceSuccess: 0 }
    }
  }

  endpointStatus(): AnchorEndpointStatus | undefined {
    return this.url ? this.readStatus() : undefined
  }

  register(chainIds: readonly string[]): void {
    const known = new Set(this.registered() ?? [])
    const fresh = [...new Set(chainIds)].filter((id) => !known.has(id))
    if (fresh.length === 0 && this.registered() !== undefined) return
    // One append (O_APPEND): writers in other threads and processes never overwrite each other.
    appendFileSync(join(this.dir, REGISTRY_FILE), fresh.map((id) => `${id}\n`).join(''))
  }

  registered(): string[] | undefined {
    let text: string
    try {
      text = readFileSync(join(this.dir, REGISTRY_FILE), 'utf8')
    } catch {
      return undefined
    }
    return [...new Set(text.split('\n').filter((line) => line !== ''))]
  }

  registryExpected(): boolean {
    return this.list().some((chainId) => {
      try {
        const parsed = JSON.parse(readFileSync(join(this.dir, `${chainId}.json`), 'utf8')) as {
          registered?: unknown
        }
        return parsed.registered === true
      } catch {
        return false
      }
    })
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
