import { readFileSync } from 'node:fs'
import { extname } from 'node:path'
import { parse as parseYaml } from 'yaml'
import type { z } from 'zod'
import type { Candor } from '../app/create-candor.js'
import { CandorError } from '../kernel/errors.js'
import type { OfferInput } from '../modules/offers/index.js'
import { newOfferBody, offerInput, offerOut } from '../modules/offers/offer-schemas.js'

/**
 * The offers of a JSON or YAML file: one offer, a list, or `{ "offers": [...] }`, each as
 * `POST /v1/offers` takes it. Throws `invalid-request` naming the file, the offer and the field.
 */
export function readOfferFile(file: string): OfferInput[] {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new CandorError(
      'invalid-request',
      code === 'ENOENT'
        ? `${file} does not exist: give the path of a JSON or YAML file of offers`
        : `cannot read ${file} (${code ?? String(error)})`,
      'file',
    )
  }
  let doc: unknown
  const yaml = /^\.ya?ml$/i.test(extname(file))
  try {
    doc = yaml ? parseYaml(text) : JSON.parse(text)
  } catch (error) {
    throw new CandorError(
      'invalid-request',
      `${file} is not valid ${yaml ? 'YAML' : 'JSON'}: ${(error as Error).message.split('\n')[0]}${yaml ? '' : ' (a .yaml or .yml file is read as YAML)'}`,
      'file',
    )
  }
  const list =
    doc !== null && typeof doc === 'object' && !Array.isArray(doc) && Object.hasOwn(doc, 'offers')
      ? (doc as { offers: unknown }).offers
      : doc
  const items = Array.isArray(list) ? list : [list]
  if (items.length === 0) throw new CandorError('invalid-request', `${file} holds no offers`, 'file')
  return items.map((item, i) => {
    const r = newOfferBody.safeParse(item)
    if (!r.success) {
      const issue = r.error.issues[0] as z.core.$ZodIssue
      const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')
      const id =
        item !== null && typeof item === 'object' && typeof (item as { id?: unknown }).id === 'string'
          ? ` (${(item as { id: string }).id})`
          : ''
      const keys = issue.code === 'unrecognized_keys' ? ` ${issue.keys.join(', ')}` : ''
      throw new CandorError(
        'invalid-request',
        `${file}: offer ${i + 1}${id}${path}: ${issue.message}${keys}`,
        `offers[${i}]${path}`,
      )
    }
    return offerInput(r.data.id, r.data)
  })
}

/** Adds (or with `replace`, adds or replaces) the offers of `file`, all checked before any is written. */
export async function addOffers(
  candor: Candor,
  file: string,
  replace: boolean,
): Promise<ReturnType<typeof offerOut>[]> {
  const inputs = readOfferFile(file)
  try {
    return (await candor.offers.putAll(inputs, replace ? 'upsert' : 'create')).map(offerOut)
  } catch (error) {
    if (error instanceof CandorError && error.code === 'offer-exists')
      throw new CandorError(
        error.code,
        `${error.message}; nothing was written (--replace replaces existing offers)`,
        error.field,
      )
    throw error
  }
}
