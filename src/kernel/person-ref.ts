import { CandorError } from './errors.js'

/** How a brand names a person: its own `userId`, or an `anonymousId` from a tracking SDK. */
export type PersonRef =
  | { readonly kind: 'user'; readonly value: string }
  | { readonly kind: 'anonymous'; readonly value: string }

const ANON_PREFIX = 'anonymousId:'
const MAX_REF_LENGTH = 256

/**
 * Parses the `{ref}` path segment: `anonymousId:<id>` or a plain userId.
 * Throws `invalid-person-ref` for an empty or over-long value or a control character.
 */
export function parsePersonRef(raw: string): PersonRef {
  const isAnon = raw.startsWith(ANON_PREFIX)
  const value = isAnon ? raw.slice(ANON_PREFIX.length) : raw
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (value.length === 0 || value.length > MAX_REF_LENGTH || /[\u0000-\u001f\u007f]/.test(value)) {
    throw new CandorError(
      'invalid-person-ref',
      'ref must be a userId or anonymousId:<id> of 1 to 256 printable characters',
      'ref',
    )
  }
  return isAnon ? { kind: 'anonymous', value } : { kind: 'user', value }
}

export function formatPersonRef(ref: PersonRef): string {
  return ref.kind === 'anonymous' ? `${ANON_PREFIX}${ref.value}` : ref.value
}
