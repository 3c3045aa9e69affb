export {
  createDataCategoryTaxonomy,
  type DataCategory,
  type DataCategoryInput,
  DataCategoryTaxonomy,
} from './data-categories.js'
export {
  DATA_SOURCES,
  type DataItem,
  type DataSource,
  type ItemValue,
  itemContext,
  type StoredDataItem,
} from './data-item.js'
export {
  type DataItemInput,
  DataItemService,
  type DataItemUnit,
  type WriteResult,
} from './data-item-service.js'
