// The baseline: a bare Fastify route answering a JSON body of a given size, with nothing behind it.
import Fastify from 'fastify'

const size = Number(process.env.BARE_BYTES ?? 2048)
const port = Number(process.env.PORT ?? 0)
const body = JSON.stringify({ data: 'x'.repeat(Math.max(0, size - 11)) })
const app = Fastify({ logger: false })
app.get('/bare', async (_req, reply) => reply.header('content-type', 'application/json').send(body))
app.post('/bare', async (_req, reply) =>
  reply.header('content-type', 'application/json').send('{"success":true}'),
)
await app.listen({ port, host: '127.0.0.1' })
process.stdout.write(`ready ${(app.server.address() as { port: number }).port}\n`)
