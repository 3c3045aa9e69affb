import type { Brand } from './brand.js'

export interface BrandStore {
  /** Inserts; returns false when the id exists (nothing changed). */
  insert(brand: Brand): Promise<boolean>
  /** Replaces the brand's fields (not its id or creation time); false when there is no such brand. */
  update(brand: Brand): Promise<boolean>
  get(id: string): Promise<Brand | undefined>
  /** Brands ordered by id, after `cursor` (an id), at most `limit`. */
  list(limit: number, cursor?: string): Promise<Brand[]>
}
