/** A wrapped data key as the key store holds it. */
export interface WrappedDataKey {
  readonly keyId: string
  readonly personId: string
  readonly brandId: string
  readonly wrapped: string
  readonly createdAt: number
}

/**
 * Persistence of wrapped keys, kept in a database apart from person data so that a backup of
 * the data never brings an erased person back.
 */
export interface KeyStore {
  /** The oldest live key of (person, brand), or undefined. */
  findDataKey(personId: string, brandId: string): Promise<WrappedDataKey | undefined>
  getDataKey(keyId: string): Promise<WrappedDataKey | undefined>
  /** Inserts keys in one write (one transaction). */
  insertDataKeys(keys: readonly WrappedDataKey[]): Promise<void>
  /** Deletes the keys of a person at the given brands (all brands when undefined); returns the key ids destroyed. */
  deleteDataKeys(personId: string, brandIds: readonly string[] | undefined): Promise<string[]>
  /** Deletes keys by id; returns the ids that existed. */
  deleteDataKeysById(keyIds: readonly string[]): Promise<string[]>
  /** Re-points keys after two persons were merged. */
  reassignDataKeys(fromPersonId: string, toPersonId: string): Promise<void>
  getSecret(name: string): Promise<string | undefined>
  /** Inserts unless present; returns the stored value (the first writer wins). */
  putSecretIfAbsent(name: string, wrapped: string, createdAt: number): Promise<string>
  /** Rewraps everything in one transaction: `rewrap` receives a wrapped value and its AAD. */
  rewrapAll(rewrap: (wrapped: string, aad: string) => string): Promise<{ dataKeys: number; secrets: number }>
}

/** AAD of a wrapped data key. Not bound to the person id, because merging two persons re-points keys. */
export const dataKeyAad = (keyId: string, brandId: string): string => `candor:dek:v1:${keyId}:${brandId}`
export const secretAad = (name: string): string => `candor:secret:v1:${name}`
