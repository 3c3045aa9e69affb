export type { Brand, BrandDisplayField } from './brand.js'
export { BRAND_DISPLAY_FIELDS, BRAND_ID_PATTERN } from './brand.js'
export {
  type AddBrandInput,
  type BrandDisplayInput,
  BrandService,
  type UpdateBrandInput,
} from './brand-service.js'
export type { BrandStore } from './brand-store.js'
