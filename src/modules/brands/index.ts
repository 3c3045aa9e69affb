export type { Brand } from './brand.js'
export { BRAND_ID_PATTERN } from './brand.js'
export { type AddBrandInput, BrandService } from './brand-service.js'
export type { BrandStore } from './brand-store.js'
