import type { Clock } from '../../kernel/clock.js'
import { CandorError } from '../../kernel/errors.js'
import {
  BRAND_ID_PATTERN,
  type Brand,
  type BrandDisplayField,
  parseColor,
  parseOrigin,
  parsePageUrl,
} from './brand.js'
import type { BrandStore } from './brand-store.js'

/** The display fields, each optional; null clears one. */
export type BrandDisplayInput = { readonly [F in BrandDisplayField]?: string | null | undefined }

export interface AddBrandInput extends BrandDisplayInput {
  readonly id: string
  readonly name: string
  readonly allowedOrigins?: readonly string[]
}

/** What a brand update changes: only the fields given (null clears a display field). */
export interface UpdateBrandInput extends BrandDisplayInput {
  readonly name?: string | undefined
  /** Replaces the list. */
  readonly allowedOrigins?: readonly string[] | undefined
}

/** A brand is read again at most once a second: every process sees an update within a second. */
const BRAND_CACHE_MS = 1000
const MAX_CACHED_BRANDS = 1000
const MAX_DISPLAY_NAME = 200

export class BrandService {
  private readonly known = new Map<string, { brand: Brand; at: number }>()

  constructor(
    private readonly store: BrandStore,
    private readonly clock: Clock,
  ) {}

  /** Adds a brand. Throws `brand-exists` when the id is taken, `invalid-request` naming the bad field. */
  async add(input: AddBrandInput): Promise<Brand> {
    if (!BRAND_ID_PATTERN.test(input.id)) {
      throw new CandorError(
        'invalid-request',
        'brand id must be 1-63 of a-z, 0-9, _ and -, starting with a letter or digit',
        'id',
      )
    }
    const now = this.clock.now()
    const brand: Brand = {
      id: input.id,
      name: brandName(input.name),
      allowedOrigins: origins(input.allowedOrigins ?? []),
      ...display(input, undefined),
      createdAt: now,
      updatedAt: now,
    }
    if (!(await this.store.insert(brand)))
      throw new CandorError('brand-exists', `brand ${input.id} exists`, 'id')
    return brand
  }

  /**
   * Changes the fields given (name, allowed origins, display fields). Throws `brand-not-found`,
   * or `invalid-request` naming the field and what a valid value looks like. Seen at once in this
   * process and within a second in every other one.
   */
  async update(id: string, input: UpdateBrandInput): Promise<Brand> {
    const given = Object.entries(input).filter(([, v]) => v !== undefined)
    if (given.length === 0)
      throw new CandorError(
        'invalid-request',
        'nothing to change: give name, allowedOrigins, displayName, primaryColor, accentColor, logoUrl or privacyPolicyUrl',
        'body',
      )
    const current = await this.store.get(id)
    if (!current) throw new CandorError('brand-not-found', `no brand ${id}`, 'brand')
    const brand: Brand = {
      ...current,
      ...(input.name === undefined ? {} : { name: brandName(input.name) }),
      ...(input.allowedOrigins === undefined ? {} : { allowedOrigins: origins(input.allowedOrigins) }),
      ...display(input, current),
      updatedAt: Math.max(this.clock.now(), current.updatedAt),
    }
    if (!(await this.store.update(brand))) throw new CandorError('brand-not-found', `no brand ${id}`, 'brand')
    this.remember(brand)
    return brand
  }

  /** The brand, or throws `brand-not-found`. */
  async require(id: string): Promise<Brand> {
    const brand = await this.get(id)
    if (!brand) throw new CandorError('brand-not-found', `no brand ${id}`, 'brand')
    return brand
  }

  /** The brand as stored at most a second ago (an update through another process shows within a second). */
  async get(id: string): Promise<Brand | undefined> {
    const hit = this.known.get(id)
    if (hit && this.clock.now() - hit.at < BRAND_CACHE_MS) return hit.brand
    const brand = await this.store.get(id)
    if (brand) this.remember(brand)
    else this.known.delete(id)
    return brand
  }

  list(limit: number, cursor?: string): Promise<Brand[]> {
    return this.store.list(limit, cursor)
  }

  private remember(brand: Brand): void {
    this.known.delete(brand.id)
    if (this.known.size >= MAX_CACHED_BRANDS) {
      const oldest = this.known.keys().next().value
      if (oldest !== undefined) this.known.delete(oldest)
    }
    this.known.set(brand.id, { brand, at: this.clock.now() })
  }
}

function brandName(value: string): string {
  const name = value.trim()
  if (name === '') throw new CandorError('invalid-request', 'brand name must not be empty', 'name')
  if (name.length > MAX_DISPLAY_NAME)
    throw new CandorError(
      'invalid-request',
      `brand name must be at most ${MAX_DISPLAY_NAME} characters`,
      'name',
    )
  return name
}

/** Each origin checked and normalized (as browsers send it), or `invalid-request` saying how to fix it. */
function origins(values: readonly string[]): string[] {
  return [
    ...new Set(
      values.map((value) => {
        const r = parseOrigin(value)
        if (!r.ok) throw new CandorError('invalid-request', r.message, 'allowedOrigins')
        return r.origin
      }),
    ),
  ]
}

/** The display fields after applying `input` to `current` (absent: kept; null or blank: cleared). */
function display(input: BrandDisplayInput, current: Brand | undefined): Pick<Brand, BrandDisplayField> {
  const pick = <T>(field: BrandDisplayField, check: (value: string) => T): T | string | null => {
    const value = input[field]
    if (value === undefined) return current?.[field] ?? null
    if (value === null || value.trim() === '') return null
    return check(value)
  }
  const color = (field: 'primaryColor' | 'accentColor') => (value: string) => {
    const r = parseColor(value)
    if (!r.ok) throw new CandorError('invalid-request', `${field}: ${r.message}`, field)
    return r.color
  }
  const url = (field: 'logoUrl' | 'privacyPolicyUrl') => (value: string) => {
    const r = parsePageUrl(value)
    if (!r.ok) throw new CandorError('invalid-request', `${field}: ${r.message}`, field)
    return r.url
  }
  return {
    displayName: pick('displayName', (value) => {
      const v = value.trim()
      if (v.length > MAX_DISPLAY_NAME)
        throw new CandorError(
          'invalid-request',
          `displayName must be at most ${MAX_DISPLAY_NAME} characters`,
          'displayName',
        )
      return v
    }),
    primaryColor: pick('primaryColor', color('primaryColor')),
    accentColor: pick('accentColor', color('accentColor')),
    logoUrl: pick('logoUrl', url('logoUrl')),
    privacyPolicyUrl: pick('privacyPolicyUrl', url('privacyPolicyUrl')),
  }
}
