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

  private constructor(
    private readonly data: WriterThreadData,
    private readonly log: WriterLogger,
  ) {}

  static async start(data: WriterThreadData, log: WriterLogger): Promise<WriterThread> {
    const thread = new WriterThread(data, log)
    thread.ready = thread.spawn()
    await thread.ready
    return thread
  }

  private spawn(): Promise<void> {
    const worker = new Worker(new URL('./writer-thread-entry.js', import.meta.url), {
      workerData: this.data,
      // None of the process's flags: V8 and process-wide ones (--max-old-space-size…) are refused by
      // workers, and the entry registers tsx itself.
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
    else p.reject(deserializeError(m.error))
  }

  /** Runs `op` on the writer thread; resolves once it is committed there. */
  async call<K extends WriterOp>(op: K, input: WriterOps[K]['input']): Promise<WriterOps[K]['output']> {
    if (this.closed && op !== 'close') throw unavailable()
    if (!this.worker) this.ready = this.spawn()
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
