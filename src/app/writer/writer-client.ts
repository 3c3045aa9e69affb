import { Worker } from 'node:worker_threads'
import { CandorError } from '../../kernel/errors.js'
import {
  deserializeError,
  type WriterMessage,
  type WriterOp,
  type WriterOps,
  type WriterThreadData,
} from './writer-protocol.js'

export interface WriterLogger {
  warn(obj: object, msg: string): void
  info(obj: object, msg: string): void
}

interface Pending {
  resolve(value: unknown): void
  reject(error: Error): void
}

/**
 * The thread's module: compiled (dist/, this file is `writer-client.js`), it is the compiled
 * `writer-thread.js`; run from the TypeScript sources (tests, `npm run dev`), an entry that
 * loads them through tsx first (a worker starts without its parent's module hooks).
 */
const WRITER_ENTRY = import.meta.url.endsWith('.ts') ? './writer-thread-entry.js' : './writer-thread.js'

const unavailable = () =>
  new CandorError('storage-unavailable', 'the writer thread stopped; nothing was written')

/**
 * The request thread's handle on the writer thread (`writer-thread.ts`). Calls are processed in
 * the order they are made; each resolves once the thread has committed. If the thread dies, the
 * calls in flight fail as `storage-unavailable` (503: nothing acknowledged) and the next call
 * starts a new thread.
 */
export class WriterThread {
  private worker: Worker | undefined
  private ready: Promise<void> = Promise.resolve()
  private readonly pending = new Map<number, Pending>()
  private seq = 0
  private closed = false
  /** Set once the thread refused a write because its audit chain does not continue its anchor. */
  auditProblem: string | undefined

  private constructor(
    private readonly data: WriterThreadData,
    private readonly log: WriterLogger,
  ) {}

  static async start(data: WriterThreadData, log: WriterLogger): Promise<WriterThread> {
    const thread = WriterThread.launch(data, log)
    await thread.started()
    return thread
  }

  /**
   * Starts the thread without waiting for it (a server builds its routes meanwhile). Calls wait
   * for it; `started()` says whether it came up.
   */
  static launch(data: WriterThreadData, log: WriterLogger): WriterThread {
    const thread = new WriterThread(data, log)
    thread.ready = thread.spawn()
    // Awaited by started() and by every call; not an unhandled rejection in between.
    thread.ready.catch(() => {})
    return thread
  }

  /** Resolves once the thread is ready; rejects with the reason it could not start. */
  started(): Promise<void> {
    return this.ready
  }

  private spawn(): Promise<void> {
    const worker = new Worker(new URL(WRITER_ENTRY, import.meta.url), {
      workerData: this.data,
      // None of the process's flags: V8 and process-wide ones (--max-old-space-size…) are refused by
      // workers, and the sources' entry registers tsx itself.
      execArgv: [],
    })
    this.worker = worker
    return new Promise<void>((resolve, reject) => {
      worker.on('message', (m: WriterMessage) => {
        if (m.type === 'ready') {
          // Idle, the thread does not keep the process alive; a call in flight does.
          if (this.pending.size === 0) worker.unref()
          resolve()
        } else if (m.type === 'failed') reject(deserializeError(m.error))
        else if (m.type === 'log') this.log[m.level](m.obj, `writer thread: ${m.msg}`)
        else this.settle(m)
      })
      worker.on('error', (error) => {
        this.log.warn({ err: { type: error.name } }, 'writer thread failed')
        reject(error)
      })
      worker.on('exit', () => {
        if (this.worker === worker) this.worker = undefined
        reject(unavailable())
        for (const p of this.pending.values()) p.reject(unavailable())
        this.pending.clear()
      })
    })
  }

  private settle(m: Extract<WriterMessage, { type: 'reply' | 'error' }>): void {
    const p = this.pending.get(m.id)
    if (!p) return
    this.pending.delete(m.id)
    if (this.pending.size === 0) this.worker?.unref()
    if (m.type === 'reply') p.resolve(m.value)
    else {
      if (m.error.code === 'audit-chain-broken') this.auditProblem = m.error.message
      p.reject(deserializeError(m.error))
    }
  }

  /** Runs `op` on the writer thread; resolves once it is committed there. */
  async call<K extends WriterOp>(op: K, input: WriterOps[K]['input']): Promise<WriterOps[K]['output']> {
    if (this.closed && op !== 'close') throw unavailable()
    if (!this.worker) {
      this.ready = this.spawn()
      this.ready.catch(() => {})
    }
    await this.ready
    const worker = this.worker
    if (!worker) throw unavailable()
    const id = ++this.seq
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
      // A call in flight keeps the process alive until it is answered.
      worker.ref()
      worker.postMessage({ id, op, input })
    })
  }

  /** Lets the thread finish what it was given, close its connections, and exit. */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    const worker = this.worker
    if (!worker) return
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
    try {
      await this.call('close', undefined)
    } catch {
      // It already stopped.
    }
    worker.ref()
    await exited
  }
}
