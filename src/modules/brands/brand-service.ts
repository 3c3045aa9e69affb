import type { Clock } from '../../kernel/clock.js'
import { CandorError } from '../../kernel/errors.js'
import { BRAND_ID_PATTERN, type Brand } from './brand.js'
import type { BrandStore } from './brand-store.js'

export interface AddBrandInput {
  readonly id: string
  readonly name: string
  readonly allowedOrigins?: readonly string[]
}

export class BrandService {
  constructor(
    private readonly store: BrandStore,
    private readonly clock: Clock,
  ) {}

  /** Adds a brand. Throws `brand-exists` when the id is taken, `invalid-request` for a bad id. */
  async add(input: AddBrandInput): Promise<Brand> {
    if (!BRAND_ID_PATTERN.test(input.id)) {
      throw new CandorError(
        'invalid-request',
        'brand id must be 1-63 of a-z, 0-9, _ and -, starting with a letter or digit',
        'id',
      )
    }
    if (input.name.trim() === '')
      throw new CandorError('invalid-request', 'brand name must not be empty', 'name')
    const brand: Brand = {
      id: input.id,
      name: input.name.trim(),
      allowedOrigins: input.allowedOrigins ?? [],
      createdAt: this.clock.now(),
    }
    if (!(await this.store.insert(brand)))
      throw new CandorError('brand-exists', `brand ${input.id} exists`, 'id')
    return brand
  }

  /** The brand, or throws `brand-not-found`. */
  async require(id: string): Promise<Brand> {
    const brand = await this.store.get(id)
    if (!brand) throw new CandorError('brand-not-found', `no brand ${id}`, 'brand')
    return brand
  }

  get(id: string): Promise<Brand | undefined> {
    return this.store.get(id)
  }

  list(limit: number, cursor?: string): Promise<Brand[]> {
    return this.store.list(limit, cursor)
  }
}
