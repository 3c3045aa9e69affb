// The writer thread: its own Candor (own connections, own audit chain) that commits what the
// request thread hands it, so no SQLite commit (fsync) ever blocks a request.
import { readlinkSync } from 'node:fs'
import { setPriority } from 'node:os'
import { parentPort, workerData } from 'node:worker_threads'
import type { Config } from '../../config/config-schema.js'
import type { MasterKeySource } from '../../crypto/master-key-source.js'
import { type Candor, createCandor } from '../create-candor.js'
import {
  serializeError,
  type WriterMessage,
  type WriterOps,
  type WriterRequest,
  type WriterThreadData,
} from './writer-protocol.js'

const port = parentPort
if (!port) throw new Error('writer-thread.ts runs as a worker thread')
const data = workerData as WriterThreadData
const send = (m: WriterMessage) => port.postMessage(m)

/** The keys the request thread opened the key ring with; rotation stays the request thread's job. */
const masterKeySource: MasterKeySource = {
  kind: 'env',
  candidates: () => data.masterKeys.map((k) => Buffer.from(k)),
  promote: () => {},
  stagePending: () => {
    throw new Error('the writer thread does not rotate keys')
  },
}

async function run(candor: Candor, request: WriterRequest): Promise<unknown> {
  switch (request.op) {
    case 'ingest':
      return candor.ingestion.ingestPrepared(request.input as WriterOps['ingest']['input'])
    case 'decisions':
      await candor.decisions.commitBatch(request.input as WriterOps['decisions']['input'])
      return undefined
    case 'audit':
      await candor.audit.commitBatch(request.input as WriterOps['audit']['input'])
      return undefined
    case 'popularity': {
      const { brandId, since } = request.input as WriterOps['popularity']['input']
      return candor.policy.computePopularity(brandId, since)
    }
    case 'close':
      await candor.close()
      return undefined
  }
}

/**
 * Ingestion batches queued together commit in one transaction (one fsync) up to this many
 * messages: enough to share the fsync, short enough that a write of the request thread (consent,
 * erasure) never waits long for SQLite's write lock.
 */
const GROUP_MESSAGES = 500

/**
 * Runs requests one after another in arrival order. Ingestion batches that queued up meanwhile
 * (concurrent tracking requests) commit together in one transaction — group commit: one fsync
 * for all of them. If that transaction fails, each batch is retried alone, so one bad batch
 * never fails the others.
 */
function serve(candor: Candor): void {
  const queue: WriterRequest[] = []
  let draining = false
  const reply = (request: WriterRequest, value: unknown) => {
    send({ type: 'reply', id: request.id, value })
    if (request.op === 'close') port?.close()
  }
  const fail = (request: WriterRequest, error: unknown) =>
    send({ type: 'error', id: request.id, error: serializeError(error) })
  const one = (request: WriterRequest) =>
    run(candor, request).then(
      (value) => reply(request, value),
      (error: unknown) => fail(request, error),
    )
  const group = async (requests: WriterRequest[]) => {
    const inputs = requests.map((r) => r.input as WriterOps['ingest']['input'])
    let outcomes: WriterOps['ingest']['output'][]
    try {
      outcomes = await candor.transaction(async (s) => {
        const out: WriterOps['ingest']['output'][] = []
        for (const input of inputs) out.push(await candor.ingestion.ingestIn(s, input))
        return out
      })
    } catch (error) {
      const { code, name } = serializeError(error)
      send({
        type: 'log',
        level: 'warn',
        obj: { code: code ?? name, requests: requests.length },
        msg: 'group commit failed; committing its requests one by one',
      })
      for (const r of requests) await one(r)
      return
    }
    for (const [i, r] of requests.entries()) reply(r, outcomes[i])
  }
  const drain = async () => {
    draining = true
    while (queue.length > 0) {
      // Let the requests that arrived meanwhile join the queue (SQLite calls never yield on their own).
      await new Promise<void>((resolve) => setImmediate(resolve))
      const head = queue.shift() as WriterRequest
      if (head.op !== 'ingest' || queue[0]?.op !== 'ingest') {
        await one(head)
        continue
      }
      const batch = [head]
      let messages = (head.input as WriterOps['ingest']['input']).messages.length
      while (queue[0]?.op === 'ingest' && messages < GROUP_MESSAGES) {
        const next = queue.shift() as WriterRequest
        messages += (next.input as WriterOps['ingest']['input']).messages.length
        batch.push(next)
      }
      await group(batch)
    }
    draining = false
  }
  port?.on('message', (request: WriterRequest) => {
    queue.push(request)
    if (!draining) void drain()
  })
}

/**
 * Requests come first: on Linux this thread runs at a lower CPU priority (nice 10) than the
 * request thread, so ingestion takes the CPU that requests leave (best effort elsewhere).
 */
function yieldToRequests(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop())
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, 10)
  } catch {
    // Not Linux, or not allowed: same priority as the request thread.
  }
}

try {
  yieldToRequests()
  const candor = await createCandor(
    { ...(data.config as Config), writerThread: 'off' },
    {
      masterKeySource,
      thread: 'writer',
      logger: {
        warn: (obj, msg) => {
          // Plain fields (codes, counts) pass as they are; an error travels serialized.
          const { err, ...fields } = obj as { err?: unknown }
          send({
            type: 'log',
            level: 'warn',
            obj: { ...fields, ...(err === undefined ? {} : { err: serializeError(err) }) },
            msg,
          })
        },
        info: (_obj, msg) => send({ type: 'log', level: 'info', obj: {}, msg }),
      },
    },
  )
  serve(candor)
  send({ type: 'ready' })
} catch (error) {
  send({ type: 'failed', error: serializeError(error) })
}
