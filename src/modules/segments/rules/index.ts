import type { ReviewRule } from '../review.js'
import { beneficialExclusionRule } from './beneficial-exclusion.js'
import { crossBrandDataRule } from './cross-brand-data.js'
import { demographicOnlyRule } from './demographic-only.js'
import { giftSignalRule } from './gift-signal.js'
import { lowConfidenceInferenceRule } from './low-confidence-inference.js'
import { proxyAttributeRule } from './proxy-attribute.js'
import { purposeMismatchRule } from './purpose-mismatch.js'
import { sensitiveCategoryRule } from './sensitive-category.js'
import { singleEventRule } from './single-event.js'
import { staleDataRule } from './stale-data.js'

/** Every review rule, in the order findings of one severity are listed. */
export const REVIEW_RULES: readonly ReviewRule[] = [
  sensitiveCategoryRule,
  proxyAttributeRule,
  beneficialExclusionRule,
  demographicOnlyRule,
  singleEventRule,
  giftSignalRule,
  crossBrandDataRule,
  staleDataRule,
  lowConfidenceInferenceRule,
  purposeMismatchRule,
]
