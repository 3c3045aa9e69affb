import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { closestName, didYouMean } from '../kernel/did-you-mean.js'
import { CandorError } from '../kernel/errors.js'
import { type Config, type ConfigInput, configSchema, DEFAULT_PURPOSES, SETTINGS } from './config-schema.js'

export const CONFIG_FILE_NAME = 'candor.config.json'

/** Flags from the command line, already named after config keys. Undefined means "not given". */
export type ConfigOverrides = Partial<Record<keyof ConfigInput, unknown>>

/**
 * Builds the one frozen Config: defaults, then `candor.config.json` in the data directory,
 * then environment variables, then flags. Only this module reads `process.env`.
 * Throws `invalid-request` naming the offending setting.
 */
export function loadConfig(flags: ConfigOverrides = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const fromEnv: Record<string, unknown> = {}
  for (const s of SETTINGS) {
    if (s.env === undefined) continue
    const v = env[s.env]
    if (v === undefined) continue
    // An empty DATABASE_URL counts as unset, like every other empty variable.
    if (v === '') continue
    fromEnv[s.key] = v
  }
  const fromFlags = Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined && v !== ''))
  const dataDir = String(fromFlags.dataDir ?? fromEnv.dataDir ?? '.candor/')
  const file = join(dataDir, CONFIG_FILE_NAME)
  const fromFile = readConfigFile(file)
  const merged = { ...fromFile, ...fromEnv, ...fromFlags }
  /** Where a setting's value came from, for messages. */
  const origin = (key: string): string => {
    const info = SETTINGS.find((x) => x.key === key)
    if (Object.hasOwn(fromFlags, key)) return `flag ${info?.flag ?? `--${key}`}`
    if (Object.hasOwn(fromEnv, key)) return `env ${info?.env ?? key}`
    if (Object.hasOwn(fromFile, key)) return file
    return 'default'
  }
  const parsed = configSchema.safeParse(merged)
  if (!parsed.success) {
    // A misspelt key first: the missing fields zod also reports follow from it.
    const issues = parsed.error.issues as readonly ConfigIssue[]
    const issue = (issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0]) as ConfigIssue
    throw configError(issue, merged, origin)
  }
  const c = parsed.data
  // Organizations may add purposes; a name one or two letters from a built-in one is a typo.
  for (const name of Object.keys(c.purposes)) {
    if (Object.hasOwn(DEFAULT_PURPOSES, name)) continue
    // Only a name close to a built-in one is refused (didYouMean ends a sentence either way).
    if (closestName(name, Object.keys(DEFAULT_PURPOSES)) === undefined) continue
    const hint = didYouMean(name, Object.keys(DEFAULT_PURPOSES))
    throw new CandorError(
      'invalid-request',
      `unknown purpose "${name}" in purposes (${origin('purposes')})${hint} A purpose of your own needs a name that is not a misspelling of a built-in one (${Object.keys(DEFAULT_PURPOSES).join(', ')}).`,
      `purposes.${name}`,
    )
  }
  const masterKey = env.CANDOR_MASTER_KEY || undefined
  const newMasterKey = env.CANDOR_NEW_MASTER_KEY || undefined
  return deepFreeze({
    ...c,
    purposes: { ...DEFAULT_PURPOSES, ...c.purposes },
    masterKey,
    newMasterKey,
  }) as Config
}

function readConfigFile(file: string): Record<string, unknown> {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {}
    throw new CandorError(
      'invalid-request',
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}; check that the file is readable by this user`,
      'config',
    )
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new CandorError(
      'invalid-request',
      `${file} is not valid JSON: ${jsonErrorAt(text, error)}`,
      'config',
    )
  }
  const parsed = z.record(z.string(), z.unknown()).safeParse(value)
  if (!parsed.success)
    throw new CandorError(
      'invalid-request',
      `${file} must hold a JSON object of settings ({ "port": 3000, … }), not ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}`,
      'config',
    )
  return parsed.data
}

/** The parser's message with the line and column of the position it names. */
function jsonErrorAt(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  const m = /position (\d+)/.exec(message)
  if (!m || /line \d+/.test(message)) return message
  const before = text.slice(0, Number(m[1]))
  const line = before.split('\n').length
  const column = before.length - before.lastIndexOf('\n')
  return `${message} (line ${line}, column ${column})`
}

/** The fields of a zod issue that messages use. */
interface ConfigIssue {
  readonly code: string
  readonly path: readonly PropertyKey[]
  readonly message: string
  readonly keys?: readonly string[]
  readonly values?: readonly unknown[]
  readonly expected?: string
  readonly minimum?: number | bigint
  readonly maximum?: number | bigint
}

/** Settings with known fields, for "did you mean" inside them. */
const NESTED_KEYS: Readonly<Record<string, readonly string[]>> = {
  signalWeights: ['search', 'view', 'add_to_cart', 'purchase'],
  purposes: ['default', 'description'],
  categories: ['name', 'sensitive', 'essential', 'description'],
  topics: ['id', 'label', 'parent', 'sensitive'],
  categoryRules: ['pattern', 'topic'],
  traitCategories: ['category', 'source'],
}

/** An error that names the setting, where its value came from, the value, and what is valid. */
function configError(issue: ConfigIssue, merged: Record<string, unknown>, origin: (key: string) => string) {
  const path = issue.path.map(String)
  const key = path[0]
  if (issue.code === 'unrecognized_keys') {
    const name = issue.keys?.[0] ?? ''
    if (key === undefined) {
      const known = SETTINGS.map((x) => x.key)
      return new CandorError(
        'invalid-request',
        `unknown setting "${name}" in ${origin(name)}${didYouMean(name, known)} The settings are listed in the README, "Configuration".`,
        name,
      )
    }
    return new CandorError(
      'invalid-request',
      `unknown field "${name}" in setting ${path.join('.')} (${origin(key)})${didYouMean(name, NESTED_KEYS[key] ?? [])}${NESTED_KEYS[key] ? ` Its fields: ${NESTED_KEYS[key].join(', ')}.` : ''}`,
      [...path, name].join('.'),
    )
  }
  let value: unknown = merged
  for (const p of path)
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[p] : undefined
  const field = path.join('.') || 'config'
  return new CandorError(
    'invalid-request',
    `invalid setting ${field} (${key === undefined ? 'config' : origin(key)}): ${JSON.stringify(value) ?? 'nothing'} — ${expectation(issue)}`,
    field,
  )
}

/** What a valid value looks like, in words. */
function expectation(issue: ConfigIssue): string {
  if (issue.code === 'invalid_value' && issue.values)
    return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`
  if (issue.code === 'invalid_type' && issue.expected === 'number') return 'expected a number'
  if (issue.code === 'invalid_type' && issue.expected === 'int') return 'expected a whole number'
  if (issue.code === 'too_small' && issue.minimum !== undefined) return `must be at least ${issue.minimum}`
  if (issue.code === 'too_big' && issue.maximum !== undefined) return `must be at most ${issue.maximum}`
  return issue.message
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v)
    Object.freeze(value)
  }
  return value
}
