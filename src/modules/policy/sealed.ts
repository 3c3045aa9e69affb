import type { KeyRing } from '../../crypto/key-ring.js'
import { type DataItem, itemContext, type StoredDataItem } from '../data-items/index.js'

export type OpeningKeys = Pick<KeyRing, 'dataKey' | 'decrypt'>

/**
 * The value of a stored item, decrypted; undefined when its key was destroyed (the person was
 * erased between the read and now). Only read models call it, and only for what the policy released.
 */
export async function openItem(keys: OpeningKeys, item: StoredDataItem): Promise<DataItem | undefined> {
  const dk = await keys.dataKey(item.keyId)
  if (!dk) return undefined
  const value = JSON.parse(
    keys.decrypt(dk, item.valueCt, itemContext(item.brandId, item.key)),
  ) as DataItem['value']
  return {
    id: item.id,
    key: item.key,
    value,
    category: item.category,
    source: item.source,
    brand: item.brandId,
    collectedAt: item.collectedAt,
    updatedAt: item.updatedAt,
    expiresAt: item.expiresAt,
    confidence: item.confidence,
    verified: item.verified,
    purpose: item.purpose,
    provenance: item.provenance,
  }
}
