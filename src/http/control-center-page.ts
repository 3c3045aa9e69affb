import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { DOC_ONLY, type DocOnly } from './openapi-docs.js'

/**
 * The page's Content-Security-Policy: its own scripts, styles and API only — no inline script or
 * style, no other origin, never framed.
 */
export const CONTROL_CENTER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

/**
 * Where the built page is (scripts/build-web.mjs): next to the compiled bundle
 * (`dist/web/control-center`), or under `dist/` of the project when running the sources.
 */
export function findControlCenterBuild(from = dirname(fileURLToPath(import.meta.url))): string | undefined {
  const candidates = [join(from, 'web', 'control-center')]
  for (let dir = from; ; dir = dirname(dir)) {
    candidates.push(join(dir, 'dist', 'web', 'control-center'))
    if (dirname(dir) === dir) break
  }
  return candidates.find((c) => existsSync(join(c, 'index.html')))
}

/** A route schema with its documentation-only responses (non-JSON bodies). */
const documented = (schema: Record<string, unknown>): Record<string, unknown> => schema

/** The page's sections besides the overview at `/me` (as the page's own `sections.ts` lists them). */
const PAGE_SECTIONS: readonly string[] = [
  'data',
  'interests',
  'activity',
  'consent',
  'why',
  'download',
  'erase',
]

const html = (description: string): DocOnly => ({
  responses: {
    200: { description, contentType: 'text/html', schema: { type: 'string' } },
    503: { description: 'The page is not built (run `npm run build`)' },
  },
})

/**
 * Serves the control center's page at `/me` and its sections (`/me/interests`, …: one document,
 * the page routes itself) and its hashed assets at `/me/assets/…`, all under a strict CSP.
 */
export async function controlCenterPage(
  app: FastifyInstance,
  options: { readonly root?: string },
): Promise<void> {
  const found = options.root ?? findControlCenterBuild()
  const root = found && existsSync(join(found, 'index.html')) ? found : undefined
  const index = root ? readFileSync(join(root, 'index.html'), 'utf8') : undefined
  if (root) await app.register(fastifyStatic, { root: join(root, 'assets'), serve: false })
  const page = async (_request: unknown, reply: FastifyReply) => {
    reply.header('content-security-policy', CONTROL_CENTER_CSP).header('cache-control', 'no-store')
    if (!index)
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The control center page is not built: run `npm run build` (npm ci does it).\n')
    return reply.type('text/html; charset=utf-8').send(index)
  }
  const section = async (request: { params: { section: string } }, reply: FastifyReply) => {
    if (!PAGE_SECTIONS.includes(request.params.section)) {
      return reply
        .code(404)
        .type('text/plain; charset=utf-8')
        .send(
          `No such section of the control center; the sections are /me and /me/${PAGE_SECTIONS.join(', /me/')}.\n`,
        )
    }
    return page(request, reply)
  }
  const common = { tags: ['control-center'], security: [] }
  app.get(
    '/me',
    {
      schema: documented({
        ...common,
        operationId: 'controlCenterPage',
        summary: 'The control center page',
        description:
          "The person's control center (HTML; the page itself calls `/v1/me/...`). Opened with `?token=` from a control link, which the page exchanges once for a session.",
        [DOC_ONLY]: html('The page'),
      }),
    },
    page,
  )
  app.get<{ Params: { section: string } }>(
    '/me/:section',
    {
      schema: documented({
        ...common,
        operationId: 'controlCenterSection',
        summary: 'A section of the control center page',
        description:
          'The same page, opened at one of its sections (`overview` is `/me`; `data`, `interests`, `activity`, `consent`, `why`, `download`, `erase`), so an explanation can link straight to the action.',
        [DOC_ONLY]: {
          responses: {
            ...html('The page').responses,
            404: { description: 'No such section (the answer lists them)' },
          },
        },
      }),
    },
    section,
  )
  app.get<{ Params: { file: string } }>(
    '/me/assets/:file',
    {
      schema: documented({
        ...common,
        operationId: 'controlCenterAsset',
        summary: "The page's scripts and styles",
        description: 'Hashed file names, so they are cached for a year.',
        [DOC_ONLY]: {
          responses: {
            200: { description: 'The file', contentType: 'text/javascript', schema: { type: 'string' } },
            404: { description: 'No such file' },
          },
        },
      }),
    },
    async (request, reply) => {
      if (!root || !/^[\w.-]+\.(js|css)$/.test(request.params.file))
        return reply
          .code(404)
          .send({ error: { code: 'not-found', message: 'no such file' }, requestId: request.id })
      reply.header('content-security-policy', CONTROL_CENTER_CSP)
      return reply.sendFile(request.params.file, { immutable: true, maxAge: '365d' })
    },
  )
}
