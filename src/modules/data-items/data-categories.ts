/**
 * The data-category taxonomy: dotted names, a parent per dot, sensitivity flags inherited by
 * descendants. Built on fideslang's data categories (CC BY 4.0, Ethyca; see docs/NOTICE.md),
 * reshaped to the names Candor's API uses.
 */
export interface DataCategory {
  readonly name: string
  readonly description: string
  /** Sensitive categories never appear for personalization or marketing without explicit opt-in. */
  readonly sensitive: boolean
  /** Usable under the `essential` purpose (running the service the person asked for). */
  readonly essential: boolean
}

type Entry = readonly [
  name: string,
  description: string,
  flags?: { sensitive?: boolean; essential?: boolean },
]

const SENSITIVE = { sensitive: true } as const
const ESSENTIAL = { essential: true } as const

const DEFAULT_ENTRIES: readonly Entry[] = [
  ['user', 'Data about a person.'],
  ['user.contact', 'Contact details.', ESSENTIAL],
  ['user.contact.email', 'Email address.', ESSENTIAL],
  ['user.contact.phone', 'Phone number.', ESSENTIAL],
  ['user.contact.address', 'Postal address.', ESSENTIAL],
  ['user.contact.address.street', 'Street and number.', ESSENTIAL],
  ['user.contact.address.city', 'City.', ESSENTIAL],
  ['user.contact.address.state', 'State or region.', ESSENTIAL],
  ['user.contact.address.postal_code', 'Postal code (a likely proxy for protected attributes).', ESSENTIAL],
  ['user.contact.address.country', 'Country.', ESSENTIAL],
  ['user.name', 'Name.', ESSENTIAL],
  ['user.name.first', 'First name (a likely proxy for gender and ethnicity).', ESSENTIAL],
  ['user.name.last', 'Last name.', ESSENTIAL],
  ['user.account', 'Account data.', ESSENTIAL],
  ['user.account.username', 'User name.', ESSENTIAL],
  ['user.account.settings', 'Account settings.', ESSENTIAL],
  [
    'user.demographic',
    'Demographic attributes: used only in aggregate for fairness audits unless the person opts in.',
    SENSITIVE,
  ],
  ['user.demographic.gender', 'Gender.', SENSITIVE],
  ['user.demographic.age', 'Age or age range.', SENSITIVE],
  ['user.demographic.date_of_birth', 'Date of birth.', SENSITIVE],
  ['user.demographic.race_ethnicity', 'Race or ethnicity.', SENSITIVE],
  ['user.demographic.religion', 'Religious belief.', SENSITIVE],
  ['user.demographic.sexual_orientation', 'Sexual orientation.', SENSITIVE],
  ['user.demographic.marital_status', 'Marital status.', SENSITIVE],
  ['user.demographic.political_opinion', 'Political opinion.', SENSITIVE],
  ['user.demographic.language', 'Preferred language (a likely proxy for ethnicity).', SENSITIVE],
  ['user.health', 'Health and medical data.', SENSITIVE],
  ['user.health.genetic', 'Genetic data.', SENSITIVE],
  ['user.biometric', 'Biometric data.', SENSITIVE],
  ['user.financial', 'Financial data: accounts, cards, credit, hardship.', SENSITIVE],
  ['user.financial.bank_account', 'Bank account.', SENSITIVE],
  ['user.financial.credit_card', 'Payment card.', SENSITIVE],
  ['user.government_id', 'Government identifiers.', SENSITIVE],
  ['user.criminal_history', 'Criminal history.', SENSITIVE],
  ['user.childrens', "Children's data.", SENSITIVE],
  ['user.location', 'Location.'],
  ['user.location.precise', 'Precise geolocation.', SENSITIVE],
  ['user.location.approximate', 'Approximate location (city, region).'],
  ['user.device', 'Device data.'],
  ['user.device.device_id', 'Device identifier.'],
  ['user.device.ip_address', 'IP address.'],
  ['user.behavior', 'Behaviour observed by a brand.'],
  ['user.behavior.purchase', 'Purchases.'],
  ['user.behavior.browsing', 'Browsing and product views.'],
  ['user.behavior.search', 'Searches.'],
  ['user.behavior.media_consumption', 'Media consumption.'],
  ['user.preference', 'Preferences.'],
  ['user.preference.stated', 'Preferences and interests the person stated (zero-party data).'],
  ['user.preference.communication', 'Communication preferences.', ESSENTIAL],
  ['user.inferred', 'Data Candor or a brand inferred.'],
  ['user.inferred.interest', 'Interests inferred from recurring behaviour.'],
  ['user.content', 'Content the person created.'],
  ['user.unclassified', 'Data no rule classified yet; shown in the data-minimization report.'],
]

export interface DataCategoryInput {
  readonly name: string
  readonly description?: string
  readonly sensitive?: boolean
  readonly essential?: boolean
}

/** The category taxonomy in force: defaults plus the organization's additions. */
export class DataCategoryTaxonomy {
  private readonly byName: ReadonlyMap<string, DataCategory>

  constructor(categories: readonly DataCategoryInput[]) {
    const map = new Map<string, DataCategory>()
    for (const c of categories) {
      map.set(c.name, {
        name: c.name,
        description: c.description ?? '',
        sensitive: c.sensitive ?? false,
        essential: c.essential ?? false,
      })
    }
    for (const name of map.keys()) {
      const parent = parentOf(name)
      if (parent !== undefined && !map.has(parent))
        throw new Error(`data category ${name} has no parent ${parent}`)
    }
    this.byName = map
  }

  has(name: string): boolean {
    return this.byName.has(name)
  }

  get(name: string): DataCategory | undefined {
    return this.byName.get(name)
  }

  /** True when the category or any ancestor is flagged sensitive. Unknown names count as sensitive. */
  isSensitive(name: string): boolean {
    for (let n: string | undefined = name; n !== undefined; n = parentOf(n)) {
      const c = this.byName.get(n)
      if (c === undefined) return true
      if (c.sensitive) return true
    }
    return false
  }

  /** True when the category itself is usable for `essential` and not sensitive. */
  isEssential(name: string): boolean {
    return (this.byName.get(name)?.essential ?? false) && !this.isSensitive(name)
  }

  /** `a` equals `b` or is one of its descendants. */
  static within(a: string, b: string): boolean {
    return a === b || a.startsWith(`${b}.`)
  }

  list(): DataCategory[] {
    return [...this.byName.values()].map((c) => ({ ...c, sensitive: this.isSensitive(c.name) }))
  }
}

function parentOf(name: string): string | undefined {
  const i = name.lastIndexOf('.')
  return i < 0 ? undefined : name.slice(0, i)
}

/** The default taxonomy merged with configured categories (same name replaces). */
export function createDataCategoryTaxonomy(extra: readonly DataCategoryInput[] = []): DataCategoryTaxonomy {
  const defaults: DataCategoryInput[] = DEFAULT_ENTRIES.map(([name, description, flags]) => ({
    name,
    description,
    ...flags,
  }))
  const merged = new Map(defaults.map((c) => [c.name, c]))
  for (const c of extra) merged.set(c.name, c)
  return new DataCategoryTaxonomy([...merged.values()])
}
