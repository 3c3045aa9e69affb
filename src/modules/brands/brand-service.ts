import type { Clock } from '../../kernel/clock.js'
import { CandorError } from '../../kernel/errors.js'
import { BRAND_ID_PATTERN, type Brand, parseOrigin } from './brand.js'
import type { BrandStore } from './brand-store.js'

export interface AddBrandInput {
  readonly id: string
  readonly name: string
  readonly allowedOrigins?: readonly string[]
}

/** Brands are never changed or removed once added, so a brand found once can be kept. */
const MAX_CACHED_BRANDS = 1000

export class BrandService {
  private readonly known = new Map<string, Brand>()

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
      allowedOrigins: origins(input.allowedOrigins ?? []),
      createdAt: this.clock.now(),
    }
    if (!(await this.store.insert(brand)))
      throw new CandorError('brand-exists', `brand ${input.id} exists`, 'id')
    return brand
  }

  /** The brand, or throws `brand-not-found`. */
  async require(id: string): Promise<Brand> {
    const brand = await this.get(id)
    if (!brand) throw new CandorError('brand-not-found', `no brand ${id}`, 'brand')
    return brand
  }

  async get(id: string): Promise<Brand | undefined> {
    const known = this.known.get(id)
    if (known) return known
    const brand = await this.store.get(id)
    if (brand && this.known.size < MAX_CACHED_BRANDS) this.known.set(id, brand)
    return brand
  }

  list(limit: number, cursor?: string): Promise<Brand[]> {
    return this.store.list(limit, cursor)
  }
}

/** Each origin checked and normalized (as browsers send it), or `invalid-request` saying how to fix it. */
function origins(values: readonly string[]): string[] {
  return values.map((value) => {
    const r = parseOrigin(value)
    if (!r.ok) throw new CandorError('invalid-request', r.message, 'allowedOrigins')
    return r.origin
  })
}
