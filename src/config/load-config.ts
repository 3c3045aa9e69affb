import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
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
  const fromFile = readConfigFile(dataDir)
  const merged = { ...fromFile, ...fromEnv, ...fromFlags }
  const parsed = configSchema.safeParse(merged)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const field = issue?.path.join('.') || 'config'
    throw new CandorError(
      'invalid-request',
      `invalid setting ${field}: ${issue?.message ?? 'invalid'}`,
      field,
    )
  }
  const c = parsed.data
  const masterKey = env.CANDOR_MASTER_KEY || undefined
  const newMasterKey = env.CANDOR_NEW_MASTER_KEY || undefined
  return deepFreeze({
    ...c,
    purposes: { ...DEFAULT_PURPOSES, ...c.purposes },
    masterKey,
    newMasterKey,
  }) as Config
}

function readConfigFile(dataDir: string): Record<string, unknown> {
  let text: string
  try {
    text = readFileSync(join(dataDir, CONFIG_FILE_NAME), 'utf8')
  } catch {
    return {}
  }
  const parsed = z.record(z.string(), z.unknown()).safeParse(safeJson(text))
  if (!parsed.success)
    throw new CandorError('invalid-request', `${CONFIG_FILE_NAME} must hold a JSON object`, 'config')
  return parsed.data
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v)
    Object.freeze(value)
  }
  return value
}
