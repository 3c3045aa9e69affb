/**
 * Likely proxies for protected attributes: data that is not itself sensitive but often stands in
 * for gender, ethnicity, age or income. A rule that reads one gets `proxy-attribute` (warn, or
 * block when the organization's own audit data shows the association is strong).
 */
const PROXY_CATEGORIES: readonly [string, string][] = [
  ['user.contact.address.postal_code', 'ethnicity, income and, through neighbourhoods, gender and age'],
  ['user.contact.address.city', 'ethnicity and income'],
  ['user.contact.address.street', 'ethnicity and income'],
  ['user.location', 'ethnicity and income'],
  ['user.name.first', 'gender, ethnicity and age'],
  ['user.demographic.language', 'ethnicity and national origin'],
]
const PROXY_KEYS: readonly [RegExp, string][] = [
  [/postal|zip|post_?code|plz/i, 'ethnicity, income and, through neighbourhoods, gender and age'],
  [/first_?name|given_?name|forename/i, 'gender, ethnicity and age'],
  [/language|locale/i, 'ethnicity and national origin'],
  [/neighbou?rhood|district|city/i, 'ethnicity and income'],
]

/** What the data (a key or category) may stand in for; undefined when it is not a known proxy. */
export function proxyFor(data: string, category: string): string | undefined {
  for (const [c, what] of PROXY_CATEGORIES) if (category === c || category.startsWith(`${c}.`)) return what
  for (const [re, what] of PROXY_KEYS) if (re.test(data)) return what
  return undefined
}
