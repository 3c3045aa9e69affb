import {
  closeSync,
  createReadStream,
  existsSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { createInterface } from 'node:readline'
import { SingleBar } from 'cli-progress'
import type { Candor } from '../app/create-candor.js'
import type { PipelineRejection } from '../modules/ingestion/index.js'
import type { ProcessedMessage } from '../modules/ingestion/steps/index.js'

/** What an import did. Rejections name the line, the reason and the field, never a value. */
export interface ImportSummary {
  accepted: number
  duplicates: number
  rejected: { line: number; reason: string; field?: string }[]
  /** Lines already committed by an earlier, interrupted run of the same file. */
  resumedFrom: number
}

interface Checkpoint extends ImportSummary {
  readonly file: string
  readonly size: number
  readonly mtimeMs: number
  readonly brand: string
  committedLine: number
}

export interface ImportOptions {
  readonly file: string
  readonly brandId: string
  /** Lines per transaction (default 500). */
  readonly chunk?: number
  /** Stops after the current chunk is committed (Ctrl-C). */
  readonly signal?: AbortSignal
  /** Where the progress bar goes; none when undefined. */
  readonly progress?: NodeJS.WriteStream
}

export const checkpointPath = (file: string): string => `${file}.candor-import.json`

/**
 * Imports Segment-format JSON lines (or one batch file `{ "batch": [...] }`) into a brand through
 * the same pipeline as the HTTP API. Each chunk commits in one transaction and is then recorded in
 * a checkpoint file beside the input, so an interrupted import resumes after the last committed
 * chunk; messageId deduplication makes any overlap harmless. The checkpoint is removed at the end.
 */
export async function runImport(
  candor: Candor,
  options: ImportOptions,
): Promise<ImportSummary & { interrupted: boolean }> {
  await candor.brands.require(options.brandId)
  const chunkSize = options.chunk ?? 500
  const stat = statSync(options.file)
  const cpFile = checkpointPath(options.file)
  let cp: Checkpoint = {
    file: options.file,
    size: stat.size,
    mtimeMs: stat.mtimeMs,
    brand: options.brandId,
    committedLine: 0,
    accepted: 0,
    duplicates: 0,
    rejected: [],
    resumedFrom: 0,
  }
  if (existsSync(cpFile)) {
    const saved = JSON.parse(readFileSync(cpFile, 'utf8')) as Checkpoint
    if (saved.size === stat.size && saved.mtimeMs === stat.mtimeMs && saved.brand === options.brandId)
      cp = { ...saved, resumedFrom: saved.committedLine }
  }
  const bar = options.progress
    ? new SingleBar({
        stream: options.progress,
        format: 'importing [{bar}] {percentage}% | {value}/{total} bytes | {accepted} accepted',
        hideCursor: true,
      })
    : undefined
  bar?.start(stat.size, 0, { accepted: cp.accepted })
  let bytes = 0
  let line = 0
  let pending: { line: number; raw: string }[] = []
  let interrupted = false

  // One chunk commits (on the writer thread when there is one) while the next is parsed.
  let committing: Promise<void> = Promise.resolve()
  const flush = async () => {
    await committing
    if (pending.length === 0) return
    const chunk = pending
    pending = []
    const receivedAt = candor.clock.now()
    const messages: ProcessedMessage[] = []
    const rejected: PipelineRejection[] = []
    for (const p of chunk) {
      let json: unknown
      try {
        json = JSON.parse(p.raw)
      } catch {
        rejected.push({ index: p.line, reason: 'invalid-json' })
        continue
      }
      const r = candor.pipeline.processMessage(json, { receivedAt, trustClientReceivedAt: true })
      if (r.type === 'ok') messages.push(r.value)
      else rejected.push({ index: p.line, reason: r.reason, ...(r.field ? { field: r.field } : {}) })
    }
    const ingested = candor.ingest({
      brandId: options.brandId,
      actor: 'cli',
      endpoint: 'import',
      receivedAt,
      messages,
      rejected,
      gpc: false,
    })
    const readBytes = bytes
    committing = ingested.then((outcome) => {
      cp.accepted += outcome.accepted
      cp.duplicates += outcome.duplicates
      for (const r of rejected)
        cp.rejected.push({ line: r.index, reason: r.reason, ...(r.field ? { field: r.field } : {}) })
      // Messages the ingestion refused (suppressed identities) are counted as rejected without a line.
      cp.committedLine = chunk[chunk.length - 1]?.line ?? cp.committedLine
      writeCheckpoint(cpFile, cp)
      bar?.update(readBytes, { accepted: cp.accepted })
    })
    // A failure surfaces where `committing` is awaited (the next flush or the end), not as an
    // unhandled rejection while the next chunk is being read.
    committing.catch(() => {})
  }

  const lines = isBatchFile(options.file) ? batchLines(options.file) : fileLines(options.file)
  for await (const raw of lines) {
    line++
    bytes += Buffer.byteLength(raw) + 1
    if (line <= cp.committedLine || raw.trim() === '') continue
    pending.push({ line, raw })
    if (pending.length >= chunkSize) {
      await flush()
      if (options.signal?.aborted) {
        interrupted = true
        break
      }
    }
  }
  if (!interrupted) await flush()
  await committing
  if (!interrupted) rmSync(cpFile, { force: true })
  bar?.update(interrupted ? bytes : stat.size, { accepted: cp.accepted })
  bar?.stop()
  return {
    accepted: cp.accepted,
    duplicates: cp.duplicates,
    rejected: cp.rejected,
    resumedFrom: cp.resumedFrom,
    interrupted,
  }
}

function writeCheckpoint(path: string, cp: Checkpoint): void {
  const tmp = `${path}.tmp`
  writeFileSync(tmp, JSON.stringify(cp))
  renameSync(tmp, path)
}

function isBatchFile(file: string): boolean {
  const fd = openSync(file, 'r')
  try {
    const buf = Buffer.alloc(4096)
    const n = readSync(fd, buf, 0, buf.length, 0)
    return /^\s*\{\s*"batch"\s*:/.test(buf.subarray(0, n).toString('utf8'))
  } finally {
    closeSync(fd)
  }
}

async function* fileLines(file: string): AsyncIterable<string> {
  const rl = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Number.POSITIVE_INFINITY })
  for await (const l of rl) yield l
}

/** A batch file's messages, one per "line" (its index in the batch, 1-based). */
async function* batchLines(file: string): AsyncIterable<string> {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { batch?: unknown }
  if (!Array.isArray(parsed.batch)) throw new Error('a batch file must hold { "batch": [ … ] }')
  for (const m of parsed.batch) yield JSON.stringify(m)
}
