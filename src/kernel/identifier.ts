/** Longest identifier Candor stores (`userId`, `anonymousId`, `messageId`, `groupId`, `previousId`). */
export const MAX_IDENTIFIER_LENGTH = 256

/** Why an identifier cannot be stored; `undefined` when it can. */
export type IdentifierProblem = 'empty' | 'too-long' | 'control-character' | 'lone-surrogate'

// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/**
 * The one rule for identifiers, shared by intake (tracking, decide) and every `{ref}`: 1 to
 * {@link MAX_IDENTIFIER_LENGTH} characters, no control character (C0, DEL, C1 — tab, newline
 * and NUL included: PostgreSQL cannot store NUL, and a person could not type the others into a
 * request for their data) and no unpaired UTF-16 surrogate (not valid Unicode: SQLite would
 * store invalid UTF-8, PostgreSQL would collide it with other ids). What intake accepts, a
 * `{ref}` can always address.
 */
export function identifierProblem(value: string): IdentifierProblem | undefined {
  if (value.length === 0) return 'empty'
  if (value.length > MAX_IDENTIFIER_LENGTH) return 'too-long'
  if (CONTROL.test(value)) return 'control-character'
  if (LONE_SURROGATE.test(value)) return 'lone-surrogate'
  return undefined
}

/** A string that is not well-formed Unicode or holds NUL: no store takes it as text. */
export function unstorableText(value: string): 'nul' | 'lone-surrogate' | undefined {
  if (value.includes('\u0000')) return 'nul'
  if (LONE_SURROGATE.test(value)) return 'lone-surrogate'
  return undefined
}
