import type { FastifyInstance, FastifyRequest } from 'fastify'
import { CandorError } from '../kernel/errors.js'
import { unstorableText } from '../kernel/identifier.js'

/** Deepest nesting a JSON body of the server and admin APIs may have (data item values included). */
export const MAX_BODY_DEPTH = 32

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })

/**
 * JSON bodies of this context are read as bytes and decoded strictly: invalid UTF-8 is a 400
 * `invalid-json` naming the body (Node would replace it with U+FFFD and the value would be stored
 * changed), as the tracking routes already answer. Then Fastify's own JSON parser (which refuses
 * `__proto__` and `constructor.prototype` keys).
 */
export function strictJsonBodies(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error')
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string
    try {
      text = decoder.decode(body as Buffer)
    } catch {
      done(new CandorError('invalid-json', 'the body is not valid UTF-8', 'body'), undefined)
      return
    }
    parseJson(request, text, done)
  })
}

/**
 * A `preValidation` hook: every string and key of the body, query and path parameters must be
 * storable text — no NUL (PostgreSQL refuses it, SQLite would cut it) and no unpaired surrogate
 * (not Unicode: SQLite would store invalid UTF-8, PostgreSQL would collide it with other
 * values) — and the body at most {@link MAX_BODY_DEPTH} deep (deeper values overflowed the stack
 * of the size check). A 400 names the first offending field. Iterative: no input can overflow it.
 */
export function checkInputText(app: FastifyInstance): void {
  app.addHook('preValidation', async (request: FastifyRequest) => {
    // `{ref}` is checked by `parsePersonRef` (invalid-person-ref), the same rule as intake.
    const { ref: _ref, ...params } = (request.params ?? {}) as Record<string, unknown>
    checkValue(params, 'params')
    checkValue(request.query, 'query')
    checkValue(request.body, 'body')
  })
}

function checkValue(root: unknown, context: 'params' | 'query' | 'body'): void {
  if (root === undefined || root === null) return
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: '', depth: 0 }]
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop() as { value: unknown; path: string; depth: number }
    if (typeof value === 'string') {
      const problem = unstorableText(value)
      if (problem)
        refuse(
          context,
          path,
          problem === 'nul' ? 'contains NUL (\\u0000)' : 'is not valid Unicode (an unpaired surrogate)',
        )
      continue
    }
    // Raw bodies (the tracking routes) are checked by their own pipeline.
    if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) continue
    if (depth >= MAX_BODY_DEPTH) refuse(context, path, `is nested deeper than ${MAX_BODY_DEPTH} levels`)
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--)
        stack.push({ value: value[i], path: `${path}[${i}]`, depth: depth + 1 })
      continue
    }
    const keys = Object.keys(value)
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i] as string
      const child = path === '' ? key : `${path}.${key}`
      if (unstorableText(key)) refuse(context, path, 'has a key with NUL or an unpaired surrogate')
      stack.push({ value: (value as Record<string, unknown>)[key], path: child, depth: depth + 1 })
    }
  }
}

function refuse(context: 'params' | 'query' | 'body', path: string, what: string): never {
  const field = context === 'body' ? path || 'body' : path ? `${context}.${path}` : context
  throw new CandorError('invalid-request', `${field} ${what}`, field)
}
