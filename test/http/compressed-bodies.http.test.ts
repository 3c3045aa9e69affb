/**
 * `Content-Encoding: gzip` and `deflate` on the tracking routes (issue 15): decompressed while
 * streaming, the size limits applied to the decompressed bytes, a compression bomb refused after
 * reading no more than the limit, an unknown encoding a 415 naming the accepted encodings.
 */
import { randomUUID } from 'node:crypto'
import { request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Readable } from 'node:stream'
import { brotliCompressSync, createGzip, deflateSync, gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/dialects.js'
import { createTestServer, type TestServer } from '../support/http.js'

const uid = (label: string): string => `${label}-${randomUUID().slice(0, 8)}`
const TRACKING_LIMIT = 4 * 1024 * 1024

for (const dialect of DIALECTS) {
  describe(`compressed tracking bodies on ${dialect}`, () => {
    let s: TestServer
    let writeKey: string
    let serverKey: string
    let port: number
    beforeAll(async () => {
      s = await createTestServer(dialect)
      writeKey = s.keys.write.outdoor as string
      serverKey = s.keys.server.outdoor as string
      await s.app.listen({ port: 0, host: '127.0.0.1' })
      port = (s.app.server.address() as AddressInfo).port
    })
    afterAll(() => s.close())

    const send = (url: string, payload: Buffer, encoding: string | undefined) =>
      s.app.inject({
        method: 'POST',
        url,
        headers: {
          authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`,
          'content-type': 'application/json',
          ...(encoding === undefined ? {} : { 'content-encoding': encoding }),
        },
        payload,
      })
    const stored = async (user: string) => {
      const res = await s.call('GET', `/v1/persons/${user}/events?limit=100&purpose=analytics`, {
        key: serverKey,
      })
      return res.statusCode === 200 ? (res.json() as { events: { messageId: string }[] }).events : []
    }

    for (const [encoding, compress] of [
      ['gzip', gzipSync],
      ['x-gzip', gzipSync],
      ['deflate', deflateSync],
    ] as const) {
      it(`a ${encoding} batch and a ${encoding} single message are stored once each`, async () => {
        const user = uid(encoding)
        const batch = {
          batch: [
            { type: 'track', userId: user, event: 'Product Viewed', messageId: uid('m') },
            { type: 'identify', userId: user, traits: { plan: 'free' }, messageId: uid('m') },
          ],
        }
        const res = await send('/v1/batch', compress(Buffer.from(JSON.stringify(batch))), encoding)
        expect(res.statusCode, res.body).toBe(200)
        const one = { userId: user, event: 'Order Completed', messageId: uid('m') }
        const res2 = await send('/v1/track', compress(Buffer.from(JSON.stringify(one))), encoding)
        expect(res2.statusCode, res2.body).toBe(200)
        const events = await stored(user)
        expect(events.map((e) => e.messageId).sort()).toEqual(
          [...batch.batch.map((m) => m.messageId), one.messageId].sort(),
        )
      })
    }

    it('an unknown encoding is a 415 naming the accepted encodings, and nothing is stored', async () => {
      const user = uid('br')
      const body = { userId: user, event: 'Product Viewed', messageId: uid('m') }
      const res = await send('/v1/track', brotliCompressSync(Buffer.from(JSON.stringify(body))), 'br')
      expect(res.statusCode).toBe(415)
      const error = (res.json() as { error: { code: string; message: string; field: string } }).error
      expect(error.code).toBe('unsupported-media-type')
      expect(error.field).toBe('Content-Encoding')
      expect(error.message).toMatch(/gzip or deflate/)
      expect(await stored(user)).toEqual([])
    })

    it('corrupt gzip data is a 400 naming Content-Encoding, not a 500', async () => {
      const good = gzipSync(Buffer.from(JSON.stringify({ userId: 'x', event: 'E' })))
      const res = await send('/v1/track', Buffer.concat([good.subarray(0, 12), Buffer.alloc(40, 7)]), 'gzip')
      expect(res.statusCode).toBe(400)
      expect(res.json()).toMatchObject({ error: { code: 'invalid-request', field: 'Content-Encoding' } })
    })

    it('the batch limit counts decompressed bytes: 600 KB that compress to a few KB are 400 batch-too-large', async () => {
      const user = uid('big')
      const batch = {
        batch: [{ type: 'track', userId: user, event: 'E', properties: { pad: 'a'.repeat(600_000) } }],
      }
      const compressed = gzipSync(Buffer.from(JSON.stringify(batch)))
      expect(compressed.length).toBeLessThan(10_000)
      const res = await send('/v1/batch', compressed, 'gzip')
      expect(res.statusCode).toBe(400)
      expect(res.json()).toMatchObject({ error: { code: 'message-rejected' } })
      expect((res.json() as { error: { message: string } }).error.message).toMatch(/batch-too-large.*512000/)
      expect(await stored(user)).toEqual([])
    })

    it('a compression bomb (100 MB of zeros in ~100 KB of gzip) is a 413 naming the limit', async () => {
      const bomb = gzipSync(Buffer.alloc(100 * 1024 * 1024), { level: 9 })
      expect(bomb.length).toBeLessThan(200_000)
      const res = await send('/v1/batch', bomb, 'gzip')
      expect(res.statusCode).toBe(413)
      const error = (res.json() as { error: { code: string; message: string } }).error
      expect(error.code).toBe('payload-too-large')
      expect(error.message).toContain(`decompressed body exceeds ${TRACKING_LIMIT} bytes (4 MiB)`)
    })

    it('an endless compressed stream is answered 413 while the client is still sending: the server read no more than the limit', async () => {
      // A body that never ends: gzip of zeros for as long as the client is allowed to write.
      let produced = 0
      let stop = false
      const zeros = new Readable({
        read() {
          if (stop) {
            this.push(null)
            return
          }
          produced += 65_536
          this.push(Buffer.alloc(65_536))
        },
      })
      const answer = await new Promise<{ status: number; body: string; producedAtAnswer: number }>(
        (resolve, reject) => {
          const req = httpRequest(
            {
              host: '127.0.0.1',
              port,
              method: 'POST',
              path: '/v1/batch',
              headers: {
                authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`,
                'content-type': 'application/json',
                'content-encoding': 'gzip',
                'transfer-encoding': 'chunked',
              },
            },
            (res) => {
              const producedAtAnswer = produced
              stop = true
              const chunks: Buffer[] = []
              res.on('data', (c: Buffer) => chunks.push(c))
              res.on('end', () => {
                req.destroy()
                resolve({
                  status: res.statusCode ?? 0,
                  body: Buffer.concat(chunks).toString(),
                  producedAtAnswer,
                })
              })
            },
          )
          req.on('error', (e) => {
            if (!stop) reject(e)
          })
          zeros.pipe(createGzip()).pipe(req)
        },
      )
      expect(answer.status).toBe(413)
      expect(answer.body).toContain('decompressed body exceeds')
      // The answer came while the client was still sending (a server without the limit would read until the
      // client stops, which it never does). What the client had produced by then is the limit plus what the
      // gzip stream, the pipes and both sockets buffer, which grows when the machine is busy: bounded loosely.
      expect(answer.producedAtAnswer).toBeLessThan(TRACKING_LIMIT * 16)
      // And the server still answers normally afterwards.
      const after = await send('/v1/track', gzipSync(Buffer.from('{"userId":"u","event":"E"}')), 'gzip')
      expect(after.statusCode).toBe(200)
    })
  })
}
