import { z } from 'zod'
import { MODEL_CARD_FORMATS } from './model-card-service.js'

export const modelCardQuery = z.object({
  brand: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe('Only this brand (GET /v1/brands lists them); every brand when absent'),
  format: z
    .enum(MODEL_CARD_FORMATS)
    .default('json')
    .describe(
      'json (Model Card Toolkit schema v0.0.2), md (Markdown) or html (a self-contained page with charts)',
    ),
})

export const modelCardSummaryResponse = z
  .object({
    version: z.string().describe('The model version: a hash of the settings that shape decisions'),
    brand: z
      .object({ id: z.string().describe('Brand id'), name: z.string().describe('Brand name') })
      .describe('The brand of the key'),
    uses: z.array(z.string()).describe('What Candor uses to personalize, in plain language'),
    neverUses: z.array(z.string()).describe('What it never uses'),
    howToChange: z.array(z.string()).describe('How the person changes it'),
  })
  .describe('The model card for the person: what Candor uses, what it never uses, how to change it')
