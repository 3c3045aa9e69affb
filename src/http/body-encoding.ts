import { PassThrough, type Readable } from 'node:stream'
import { createGunzip, createInflate } from 'node:zlib'
import { CandorError } from '../kernel/errors.js'

/** The `Content-Encoding` values a body may have (`x-gzip` is gzip's old name). */
export const ACCEPTED_ENCODINGS = ['gzip', 'deflate', 'identity'] as const

/** A body stream as Fastify's `preParsing` hook returns it: Fastify compares the Content-Length with the encoded bytes. */
export type DecodedBody = Readable & { receivedEncodedLength: number }

/**
 * The body of a request with `Content-Encoding` gzip or deflate, decompressed while it streams in,
 * and at most `limit` decompressed bytes: one byte more and the stream fails with `413
 * payload-too-large` naming the limit, stops reading the request and stops decompressing — a small
 * compressed body that expands into gigabytes is never expanded beyond the limit. Corrupt
 * compressed data is a `400 invalid-request` naming `Content-Encoding`. No (or `identity`)
 * encoding returns the payload unchanged; any other encoding throws `415 unsupported-media-type`
 * naming the accepted ones.
 */
export function decodeBody(
  payload: Readable,
  contentEncoding: string | undefined,
  limit: number,
): Readable | DecodedBody {
  const encoding = (contentEncoding ?? '').trim().toLowerCase()
  if (encoding === '' || encoding === 'identity') return payload
  if (encoding !== 'gzip' && encoding !== 'x-gzip' && encoding !== 'deflate')
    throw new CandorError(
      'unsupported-media-type',
      `Content-Encoding "${printable(encoding)}" is not accepted; send the body uncompressed or with Content-Encoding ${ACCEPTED_ENCODINGS.filter((e) => e !== 'identity').join(' or ')}`,
      'Content-Encoding',
    )
  const inflater = encoding === 'deflate' ? createInflate() : createGunzip()
  const out = new PassThrough() as PassThrough & DecodedBody
  out.receivedEncodedLength = 0
  let decoded = 0
  let stopped = false
  const stop = (error: CandorError) => {
    if (stopped) return
    stopped = true
    payload.unpipe(inflater)
    payload.removeListener('data', countEncoded)
    payload.pause()
    inflater.destroy()
    out.destroy(error)
  }
  const countEncoded = (chunk: Buffer) => {
    out.receivedEncodedLength += chunk.length
  }
  payload.on('data', countEncoded)
  payload.on('error', (error) => out.destroy(error))
  inflater.on('data', (chunk: Buffer) => {
    if (stopped) return
    decoded += chunk.length
    if (decoded > limit) {
      stop(
        new CandorError(
          'payload-too-large',
          `the decompressed body exceeds ${limit} bytes (${formatBytes(limit)}); send smaller batches`,
          'body',
        ),
      )
      return
    }
    if (!out.write(chunk)) {
      inflater.pause()
      out.once('drain', () => inflater.resume())
    }
  })
  inflater.on('end', () => {
    if (!stopped) out.end()
  })
  inflater.on('error', () =>
    stop(
      new CandorError(
        'invalid-request',
        `the body is not valid ${encoding === 'deflate' ? 'deflate' : 'gzip'} data`,
        'Content-Encoding',
      ),
    ),
  )
  payload.pipe(inflater)
  return out
}

function formatBytes(n: number): string {
  return n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : `${Math.round(n / 1024)} KiB`
}

/** An echoed header value, cut short and without control characters. */
function printable(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  return value.replace(/[\u0000-\u001f\u007f]/g, '?').slice(0, 40)
}
