export {
  type ErasurePart,
  type ErasureReceipt,
  ErasureService,
  type ErasureUnit,
  type StorageFlush,
} from './erasure-service.js'
