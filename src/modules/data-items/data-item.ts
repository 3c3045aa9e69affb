/** Where a fact came from. `stated` outranks everything: the person told us. */
export const DATA_SOURCES = ['stated', 'observed', 'inferred', 'third_party'] as const
export type DataSource = (typeof DATA_SOURCES)[number]

/** A JSON value as stored (encrypted) in a data item. */
export type ItemValue =
  | string
  | number
  | boolean
  | null
  | readonly ItemValue[]
  | { readonly [k: string]: ItemValue }

/** A data item as the store holds it: the value is ciphertext. */
export interface StoredDataItem {
  readonly id: string
  readonly personId: string
  readonly brandId: string
  readonly key: string
  readonly category: string
  readonly source: DataSource
  readonly valueCt: string
  readonly keyId: string
  readonly purpose: string | null
  readonly collectedAt: number
  readonly updatedAt: number
  readonly expiresAt: number | null
  readonly confidence: number | null
  readonly verified: boolean
  readonly rejectedAt: number | null
  readonly provenance: string | null
  /** On a rewrite: whether an earlier rejection by the person is lifted (only when the person restates it). */
  readonly clearsRejection?: boolean
}

/** A decrypted data item, as a policy view returns it. */
export interface DataItem {
  readonly id: string
  readonly key: string
  readonly value: ItemValue
  readonly category: string
  readonly source: DataSource
  /** The brand that collected it. */
  readonly brand: string
  readonly collectedAt: number
  readonly updatedAt: number
  readonly expiresAt: number | null
  readonly confidence: number | null
  readonly verified: boolean
  readonly purpose: string | null
  readonly provenance: string | null
}

/** The encryption context of an item's value: the collecting brand and the key. */
export const itemContext = (brandId: string, key: string): string => `data_item|${brandId}|${key}`
