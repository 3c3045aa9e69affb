import { z } from 'zod'
import { ERROR_CODES } from '../kernel/errors.js'

/** The body of every 4xx/5xx answer. */
export const errorResponse = z
  .object({
    error: z
      .object({
        code: z
          .enum(ERROR_CODES as [string, ...string[]])
          .describe('A catalogued, stable error code (see docs/errors.md)'),
        message: z.string().describe('What went wrong, in words; never contains person data'),
        field: z.string().optional().describe('The request field at fault, when one is'),
      })
      .describe('The error'),
    requestId: z.string().describe('Correlates with the server log'),
  })
  .describe('An error')

/** Response schemas for the error statuses a route can answer with. */
export function errorResponses(...statuses: number[]): Record<number, typeof errorResponse> {
  return Object.fromEntries(statuses.map((s) => [s, errorResponse]))
}

/** `limit` and `cursor` query parameters of every list endpoint. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50).describe('Page size (1-500, default 50)'),
  cursor: z.string().max(512).optional().describe('Opaque cursor from `nextCursor` of the previous page'),
}

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}

/** Decodes a cursor with `parse`; throws `invalid-request` on a malformed one. */
export function decodeCursor<T>(cursor: string | undefined, schema: z.ZodType<T>): T | undefined {
  if (cursor === undefined) return undefined
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')))
    if (parsed.success) return parsed.data
  } catch {
    // fall through
  }
  return undefined
}
