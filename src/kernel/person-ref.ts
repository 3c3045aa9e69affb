import { CandorError } from './errors.js'
import { identifierProblem, MAX_IDENTIFIER_LENGTH } from './identifier.js'

/** How a brand names a person: its own `userId`, or an `anonymousId` from a tracking SDK. */
export type PersonRef =
  | { readonly kind: 'user'; readonly value: string }
  | { readonly kind: 'anonymous'; readonly value: string }

const ANON_PREFIX = 'anonymousId:'
const USER_PREFIX = 'userId:'

const REF_RULE = `ref must be a userId, userId:<id> or anonymousId:<id>, the id 1 to ${MAX_IDENTIFIER_LENGTH} characters without control characters`

/**
 * Parses the `{ref}` path segment: `anonymousId:<id>`, `userId:<id>`, or a plain userId (one that
 * starts with neither prefix). Every identifier intake accepts can be addressed: a userId that
 * itself starts with `anonymousId:` or `userId:` is `userId:<it>`. Throws `invalid-person-ref`
 * when the id breaks the identifier rule (`identifierProblem`).
 */
export function parsePersonRef(raw: string): PersonRef {
  if (raw.startsWith(ANON_PREFIX)) return anonymousRef(raw.slice(ANON_PREFIX.length), 'ref')
  if (raw.startsWith(USER_PREFIX)) return userRef(raw.slice(USER_PREFIX.length), 'ref')
  return userRef(raw, 'ref')
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

/** The `{ref}` that addresses `ref` (the inverse of `parsePersonRef`). */
export function formatPersonRef(ref: PersonRef): string {
  if (ref.kind === 'anonymous') return `${ANON_PREFIX}${ref.value}`
  return ref.value.startsWith(ANON_PREFIX) || ref.value.startsWith(USER_PREFIX)
    ? `${USER_PREFIX}${ref.value}`
    : ref.value
}
