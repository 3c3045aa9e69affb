import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { KEY_BYTES, newDataKey } from './envelope.js'

export const MASTER_KEY_FILE = 'master.key'
export const NEXT_MASTER_KEY_FILE = 'master.key.next'

/** Parses a base64 master key; throws when it is not exactly 32 bytes. */
export function parseMasterKey(base64: string, origin: string): Buffer {
  const key = Buffer.from(base64.trim(), 'base64')
  if (key.length !== KEY_BYTES)
    throw new Error(`${origin} must be base64 of exactly 32 bytes (got ${key.length})`)
  return key
}

/**
 * Where the master key comes from: `CANDOR_MASTER_KEY`, or for the embedded default a file in
 * the data directory, generated with mode 0600 on first start. The file sits beside the data;
 * production deployments should pass the key through the environment from a secret manager.
 */
export interface MasterKeySource {
  /** Candidate keys, current first; a pending rotation's key comes second. */
  candidates(): Buffer[]
  /** Makes `key` the current key (for the file source: renames the pending file into place). */
  promote(key: Buffer): void
  /** Stores a key as pending before a rotation starts (file source only). */
  stagePending(key: Buffer): void
  readonly kind: 'env' | 'file'
}

export function envMasterKeySource(base64: string, pendingBase64?: string): MasterKeySource {
  const key = parseMasterKey(base64, 'CANDOR_MASTER_KEY')
  const pending = pendingBase64 ? parseMasterKey(pendingBase64, 'CANDOR_NEW_MASTER_KEY') : undefined
  return {
    kind: 'env',
    candidates: () => (pending ? [key, pending] : [key]),
    promote: () => {},
    stagePending: () => {},
  }
}

export function fileMasterKeySource(dataDir: string): MasterKeySource {
  const file = join(dataDir, MASTER_KEY_FILE)
  const next = join(dataDir, NEXT_MASTER_KEY_FILE)
  mkdirSync(dataDir, { recursive: true })
  if (!existsSync(file)) writeKeyFile(file, newDataKey())
  return {
    kind: 'file',
    candidates() {
      const keys = [parseMasterKey(readFileSync(file, 'utf8'), file)]
      if (existsSync(next)) keys.push(parseMasterKey(readFileSync(next, 'utf8'), next))
      return keys
    },
    stagePending(key) {
      writeKeyFile(next, key)
    },
    promote(key) {
      if (existsSync(next) && parseMasterKey(readFileSync(next, 'utf8'), next).equals(key))
        renameSync(next, file)
    },
  }
}

function writeKeyFile(path: string, key: Buffer): void {
  const tmp = `${path}.tmp`
  writeFileSync(tmp, `${key.toString('base64')}\n`, { mode: 0o600 })
  chmodSync(tmp, 0o600)
  renameSync(tmp, path)
}
