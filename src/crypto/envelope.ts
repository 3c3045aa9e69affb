import { createCipheriv, createDecipheriv, randomBytes, randomFillSync } from 'node:crypto'

/**
 * AES-256-GCM with a 12-byte random nonce and a 16-byte tag, bound to its context through
 * associated data (AAD): a ciphertext moved to another row, person or brand fails to decrypt.
 * Format (base64): version byte 0x01 ‖ nonce(12) ‖ tag(16) ‖ ciphertext.
 */
const VERSION = 0x01
const NONCE_BYTES = 12
const TAG_BYTES = 16
export const KEY_BYTES = 32

export class DecryptionError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'DecryptionError'
  }
}

/**
 * Nonces come from a pool filled by the CSPRNG 4 KiB at a time: one call per 341 nonces instead
 * of one per seal (a per-call cost that showed in ingestion profiles). Each slice is handed out
 * once, then the pool is refilled.
 */
const noncePool = Buffer.alloc(NONCE_BYTES * 341)
let nonceOffset = noncePool.length

function nextNonce(): Buffer {
  if (nonceOffset + NONCE_BYTES > noncePool.length) {
    randomFillSync(noncePool)
    nonceOffset = 0
  }
  const nonce = Buffer.from(noncePool.subarray(nonceOffset, nonceOffset + NONCE_BYTES))
  nonceOffset += NONCE_BYTES
  return nonce
}

export function seal(key: Buffer, plaintext: Uint8Array, aad: string): string {
  if (key.length !== KEY_BYTES) throw new Error('AES-256-GCM needs a 32-byte key')
  const nonce = nextNonce()
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES })
  cipher.setAAD(Buffer.from(aad, 'utf8'))
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return Buffer.concat([Buffer.from([VERSION]), nonce, cipher.getAuthTag(), body]).toString('base64')
}

export function open(key: Buffer, sealed: string, aad: string): Buffer {
  const buf = Buffer.from(sealed, 'base64')
  if (buf.length < 1 + NONCE_BYTES + TAG_BYTES || buf[0] !== VERSION)
    throw new DecryptionError('not a Candor ciphertext')
  const nonce = buf.subarray(1, 1 + NONCE_BYTES)
  const tag = buf.subarray(1 + NONCE_BYTES, 1 + NONCE_BYTES + TAG_BYTES)
  const body = buf.subarray(1 + NONCE_BYTES + TAG_BYTES)
  // authTagLength pins the tag size: without it Node would accept a truncated tag.
  const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES })
  decipher.setAAD(Buffer.from(aad, 'utf8'))
  decipher.setAuthTag(tag)
  try {
    return Buffer.concat([decipher.update(body), decipher.final()])
  } catch {
    throw new DecryptionError('ciphertext does not authenticate under this key and context')
  }
}

export function sealString(key: Buffer, plaintext: string, aad: string): string {
  return seal(key, Buffer.from(plaintext, 'utf8'), aad)
}

export function openString(key: Buffer, sealed: string, aad: string): string {
  return open(key, sealed, aad).toString('utf8')
}

export function newDataKey(): Buffer {
  return randomBytes(KEY_BYTES)
}
