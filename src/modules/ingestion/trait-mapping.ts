import type { DataSource, ItemValue } from '../data-items/index.js'

/** Where an identify trait lands as a data item. */
export interface TraitRule {
  readonly category: string
  readonly source: DataSource
}

/**
 * Segment's reserved traits → data categories. Traits the person typed in (contact, name,
 * demographics they gave) are `stated`; the rest `observed`. Unknown traits land in
 * `user.unclassified` (and show up in the data-minimization report later). Configurable with
 * the `traitCategories` setting.
 */
export const DEFAULT_TRAIT_RULES: Readonly<Record<string, TraitRule>> = Object.freeze({
  email: { category: 'user.contact.email', source: 'stated' },
  phone: { category: 'user.contact.phone', source: 'stated' },
  address: { category: 'user.contact.address', source: 'stated' },
  name: { category: 'user.name', source: 'stated' },
  firstName: { category: 'user.name.first', source: 'stated' },
  first_name: { category: 'user.name.first', source: 'stated' },
  lastName: { category: 'user.name.last', source: 'stated' },
  last_name: { category: 'user.name.last', source: 'stated' },
  username: { category: 'user.account.username', source: 'stated' },
  gender: { category: 'user.demographic.gender', source: 'stated' },
  age: { category: 'user.demographic.age', source: 'stated' },
  birthday: { category: 'user.demographic.date_of_birth', source: 'stated' },
  title: { category: 'user.unclassified', source: 'stated' },
  company: { category: 'user.unclassified', source: 'observed' },
  createdAt: { category: 'user.account', source: 'observed' },
  website: { category: 'user.unclassified', source: 'stated' },
  avatar: { category: 'user.content', source: 'stated' },
  description: { category: 'user.content', source: 'stated' },
  id: { category: 'user.account', source: 'observed' },
})

export const UNCLASSIFIED_TRAIT: TraitRule = Object.freeze({
  category: 'user.unclassified',
  source: 'observed',
})

const KEY_PATTERN = /^[A-Za-z0-9_.:-]{1,120}$/

/** The data items an identify call's traits become. Keys are `trait.<name>`; odd names are skipped. */
export function traitItems(
  traits: Readonly<Record<string, unknown>>,
  rules: Readonly<Record<string, TraitRule>>,
): { key: string; value: ItemValue; category: string; source: DataSource }[] {
  const out = []
  for (const [name, value] of Object.entries(traits)) {
    if (value === undefined || !KEY_PATTERN.test(name)) continue
    const rule = (Object.hasOwn(rules, name) ? rules[name] : undefined) ?? UNCLASSIFIED_TRAIT
    // Traits arrive as parsed JSON, so every value is a JSON value.
    out.push({
      key: `trait.${name}`,
      value: value as ItemValue,
      category: rule.category,
      source: rule.source,
    })
  }
  return out
}
