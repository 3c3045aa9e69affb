import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv, type ErrorObject } from 'ajv'
import addFormatsModule from 'ajv-formats'

const SCHEMA = join(import.meta.dirname, '..', 'fixtures', 'model-card-toolkit', 'model_card.schema.json')

// ajv-formats is CommonJS: its default export arrives as the module object under some loaders.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => Ajv

/** Validates a document against the Model Card Toolkit schema; returns ajv's errors (empty when valid). */
export function modelCardSchemaErrors(doc: unknown): ErrorObject[] {
  const ajv = new Ajv({ allErrors: true, strict: false })
  addFormats(ajv)
  const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')) as object)
  return validate(doc) ? [] : [...(validate.errors ?? [])]
}
