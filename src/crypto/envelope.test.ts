import { describe, expect, it } from 'vitest'
import { DecryptionError, newDataKey, open, openString, seal, sealString } from './envelope.js'

describe('envelope encryption (AES-256-GCM)', () => {
  const key = newDataKey()

  it('round-trips and never repeats a nonce for the same plaintext', () => {
    const a = sealString(key, 'hello', 'ctx')
    const b = sealString(key, 'hello', 'ctx')
    expect(a).not.toBe(b)
    expect(openString(key, a, 'ctx')).toBe('hello')
  })

  it('binds the ciphertext to its context (AAD)', () => {
    const sealed = sealString(key, 'hello', 'data_item|outdoor|email')
    expect(() => openString(key, sealed, 'data_item|baby|email')).toThrow(DecryptionError)
  })

  it('refuses another key, a flipped bit and a truncated tag', () => {
    const sealed = seal(key, Buffer.from('secret'), 'ctx')
    expect(() => open(newDataKey(), sealed, 'ctx')).toThrow(DecryptionError)
    const bytes = Buffer.from(sealed, 'base64')
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1
    expect(() => open(key, bytes.toString('base64'), 'ctx')).toThrow(DecryptionError)
    // Drop 12 bytes of the 16-byte tag: without authTagLength Node would accept a 4-byte tag.
    const raw = Buffer.from(sealed, 'base64')
    const short = Buffer.concat([raw.subarray(0, 13), raw.subarray(13, 17), raw.subarray(29)])
    expect(() => open(key, short.toString('base64'), 'ctx')).toThrow(DecryptionError)
  })

  it('refuses a key of the wrong length', () => {
    expect(() => seal(Buffer.alloc(16), Buffer.from('x'), 'ctx')).toThrow()
  })
})
