// The writer thread: its own Candor (own connections, own audit chain) that commits what the
// request thread hands it, so no SQLite commit (fsync) ever blocks a request.
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
      return candor.ingestion.ingest(request.input as WriterOps['ingest']['input'])
    case 'decisions':
      await candor.decisions.commitBatch(request.input as WriterOps['decisions']['input'])
      return undefined
    case 'audit':
      await candor.audit.commitBatch(request.input as WriterOps['audit']['input'])
      return undefined
    case 'close':
      await candor.close()
      return undefined
  }
}

try {
  const candor = await createCandor(
    { ...(data.config as Config), writerThread: 'off' },
    {
      masterKeySource,
      thread: 'writer',
      logger: {
        warn: (obj, msg) =>
          send({
            type: 'log',
            level: 'warn',
            obj: { err: serializeError((obj as { err?: unknown }).err) },
            msg,
          }),
        info: (_obj, msg) => send({ type: 'log', level: 'info', obj: {}, msg }),
      },
    },
  )
  port.on('message', (request: WriterRequest) => {
    run(candor, request).then(
      (value) => {
        send({ type: 'reply', id: request.id, value })
        if (request.op === 'close') port.close()
      },
      (error: unknown) => send({ type: 'error', id: request.id, error: serializeError(error) }),
    )
  })
  send({ type: 'ready' })
} catch (error) {
  send({ type: 'failed', error: serializeError(error) })
}
