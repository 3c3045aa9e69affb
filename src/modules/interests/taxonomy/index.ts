/**
 * Interest topics: the default taxonomy, organization overrides, and the mapping from product and
 * content category strings to topics. Pure domain code: no I/O.
 */
export { normalizeCategory, normalizePhrase } from './category-normalizer.js'
export type {
  CategoryExplanation,
  CategoryResolution,
  CategoryResolverOptions,
  CategoryResolverOverrides,
  CategoryRuleSource,
} from './category-resolver.js'
export { CategoryResolver, createCategoryResolver } from './category-resolver.js'
export type { CategoryRule } from './category-rules.js'
export { DEFAULT_CATEGORY_RULES } from './category-rules.js'
export { DEFAULT_TOPICS, NAMED_SENSITIVE_TOPICS } from './default-topics.js'
export type { Topic, TopicInput, TopicTaxonomyOverrides } from './topic-taxonomy.js'
export { createTopicTaxonomy, impliedParent, TopicTaxonomy } from './topic-taxonomy.js'
