import { CandorError } from './errors.js'
import { identifierProblem, MAX_IDENTIFIER_LENGTH } from './identifier.js'

/** How a brand names a person: its own `userId`, or an `anonymousId` from a tracking SDK. */
export type PersonRef =
  | { readonly kind: 'user'; readonly value: string }
  | { readonly kind: 'anonymous'; readonly value: string }

const ANON_PREFIX = 'anonymousId:'
const USER_PREFIX = 'userId:'
/** `escaped:userId:<id>` / `escaped:anonymousId:<id>`: `\uXXXX` and `\\` escapes in the id. */
const ESCAPED_PREFIX = 'escaped:'

const REF_RULE = `ref must be a userId, userId:<id> or anonymousId:<id>, the id 1 to ${MAX_IDENTIFIER_LENGTH} characters without control characters (an id stored with control characters by an older version: escaped:userId:<id> or escaped:anonymousId:<id>, each such character written \\uXXXX)`

/**
 * Parses the `{ref}` path segment: `anonymousId:<id>`, `userId:<id>`, `escaped:userId:<id>`,
 * `escaped:anonymousId:<id>`, or a plain userId (one that starts with none of the prefixes). Every
 * identifier intake accepts can be addressed: a userId that itself starts with a prefix is
 * `userId:<it>`. Throws `invalid-person-ref` when the id breaks the identifier rule
 * (`identifierProblem`).
 *
 * The escaped form addresses identities stored before intake refused control characters (a
 * `userId` of `"tab\tuser"`): in it `\uXXXX` (four hex digits) is that UTF-16 code unit and
 * `\\` a backslash, any other backslash is refused; the decoded id may hold control characters
 * (only to find what was stored, never to store), but is still 1 to
 * {@link MAX_IDENTIFIER_LENGTH} characters. `formatPersonRef` writes it for such an id.
 *
 * @example
 * ```ts
 * parsePersonRef('escaped:userId:tab\\u0009user') // { kind: 'user', value: 'tab\tuser' }
 * ```
 */
export function parsePersonRef(raw: string): PersonRef {
  if (raw.startsWith(ESCAPED_PREFIX)) return parseEscaped(raw.slice(ESCAPED_PREFIX.length))
  if (raw.startsWith(ANON_PREFIX)) return anonymousRef(raw.slice(ANON_PREFIX.length), 'ref')
  if (raw.startsWith(USER_PREFIX)) return userRef(raw.slice(USER_PREFIX.length), 'ref')
  return userRef(raw, 'ref')
}

function parseEscaped(rest: string): PersonRef {
  const kind = rest.startsWith(USER_PREFIX) ? 'user' : rest.startsWith(ANON_PREFIX) ? 'anonymous' : undefined
  if (kind === undefined) throw refError('escaped: must be followed by userId: or anonymousId:')
  const value = unescapeId(rest.slice((kind === 'user' ? USER_PREFIX : ANON_PREFIX).length))
  if (value.length === 0 || value.length > MAX_IDENTIFIER_LENGTH)
    throw refError(`the escaped id must decode to 1 to ${MAX_IDENTIFIER_LENGTH} characters`)
  return { kind, value }
}

function unescapeId(escaped: string): string {
  let out = ''
  for (let i = 0; i < escaped.length; i++) {
    const c = escaped[i] as string
    if (c !== '\\') {
      out += c
      continue
    }
    const next = escaped[i + 1]
    if (next === '\\') {
      out += '\\'
      i += 1
      continue
    }
    const hex = escaped.slice(i + 2, i + 6)
    if (next !== 'u' || !/^[0-9a-fA-F]{4}$/.test(hex))
      throw refError(`in an escaped id a backslash starts \\uXXXX (four hex digits) or \\\\ (at ${i})`)
    out += String.fromCharCode(Number.parseInt(hex, 16))
    i += 5
  }
  return out
}

function refError(problem: string): CandorError {
  return new CandorError('invalid-person-ref', `${REF_RULE} (${problem})`, 'ref')
}

/** A userId taken literally (a body field), checked by the identifier rule. */
export function userRef(value: string, field = 'userId'): PersonRef {
  check(value, field)
  return { kind: 'user', value }
}

/** An anonymousId taken literally (a body field), checked by the identifier rule. */
export function anonymousRef(value: string, field = 'anonymousId'): PersonRef {
  check(value, field)
  return { kind: 'anonymous', value }
}

function check(value: string, field: string): void {
  const problem = identifierProblem(value)
  if (problem === undefined) return
  throw new CandorError(
    'invalid-person-ref',
    field === 'ref'
      ? `${REF_RULE} (${problem})`
      : `${field} must be 1 to ${MAX_IDENTIFIER_LENGTH} characters without control characters (${problem})`,
    field,
  )
}

/**
 * The `{ref}` that addresses `ref` (the inverse of `parsePersonRef`): the escaped form for an id
 * the identifier rule refuses (stored by an older version), the plain forms otherwise.
 */
export function formatPersonRef(ref: PersonRef): string {
  if (identifierProblem(ref.value) !== undefined)
    return `${ESCAPED_PREFIX}${ref.kind === 'anonymous' ? ANON_PREFIX : USER_PREFIX}${escapeId(ref.value)}`
  if (ref.kind === 'anonymous') return `${ANON_PREFIX}${ref.value}`
  return ref.value.startsWith(ANON_PREFIX) ||
    ref.value.startsWith(USER_PREFIX) ||
    ref.value.startsWith(ESCAPED_PREFIX)
    ? `${USER_PREFIX}${ref.value}`
    : ref.value
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is escaped
const ESCAPE = /[\\\u0000-\u001f\u007f-\u009f\ud800-\udfff]/g

/** `\` → `\\`; control characters and surrogates → `\uXXXX`. */
function escapeId(value: string): string {
  return value.replace(ESCAPE, (c) =>
    c === '\\' ? '\\\\' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}
