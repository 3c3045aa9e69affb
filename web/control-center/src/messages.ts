/**
 * Every text the page shows, in one catalogue (English shipped). `{name}` placeholders are filled
 * by `t()`. Add a language by adding a catalogue with the same keys.
 */
export const en = {
  'app.title': 'Your data and choices at {brand}',
  'app.heading': 'Your data and choices',
  'app.skip': 'Skip to content',
  'app.logout': 'Log out',
  'app.loggedOut': 'You are logged out. Open a new link from {brand} to come back.',
  'app.loading': 'Loading…',
  'app.noSession':
    'This page opens with a personal link from the brand. The link may have expired or been used already: ask the brand for a new one (in your account, or by email).',
  'app.error': 'Something went wrong: {message}',
  'app.nav': 'Sections',
  'nav.overview': 'Overview',
  'nav.data': 'My data',
  'nav.interests': 'My interests',
  'nav.activity': 'My activity',
  'nav.consent': 'Consent',
  'nav.why': 'Why am I seeing this',
  'nav.download': 'Download',
  'nav.erase': 'Erase',
  'overview.intro':
    '{brand} holds the data below about you. Each section shows what it is, where it came from and what it is used for, and lets you change it.',
  'overview.items': 'Data items',
  'overview.interests': 'Interests',
  'overview.events': 'Recorded activities',
  'overview.decisions': 'Recent offers chosen for you',
  'overview.allowed': 'What {brand} may use your data for',
  'overview.noneAllowed': 'Nothing beyond running the service you asked for.',
  'overview.benefit':
    'In exchange: offers and content chosen for what you like, instead of for everyone. You can turn this off under Consent.',
  'overview.otherBrands':
    'Other brands of the same company may hold data about you too. This page shows only {brand}’s data.',
  'overview.otherBrandsNamed':
    'The company’s other brands: {names}. They may hold data about you too. This page shows only {brand}’s data: to see theirs, open the control-center link each of them gives you (in your account there).',
  'data.intro': 'Every fact {brand} holds about you, where it came from, and when it expires.',
  'data.none': '{brand} holds no data items about you.',
  'data.key': 'What',
  'data.value': 'Value',
  'data.category': 'Category',
  'data.source': 'Where it came from',
  'data.expires': 'Expires',
  'data.never': 'No expiry',
  'data.actions': 'Change',
  'data.edit': 'Edit',
  'data.save': 'Save',
  'data.newValue': 'New value for {key}',
  'data.remove': 'Remove',
  'data.wrong': 'This is wrong',
  'data.removed': 'Removed: {key}. It is no longer used, and stays away unless you give it again.',
  'data.saved': 'Saved: {key}.',
  'source.stated': 'You told us',
  'source.observed': 'We observed',
  'source.inferred': 'We inferred',
  'source.third_party': 'From a partner',
  'interests.intro':
    'Interests come from what you do again and again, never from a single visit. Remove one and it stays removed.',
  'interests.none': 'No interests yet.',
  'interests.stated': 'You told us',
  'interests.emerging': 'Not established yet',
  'interests.remove': 'Not interested in {topic}',
  'interests.removed': 'Removed: {topic}. It will not come back from your activity.',
  'interests.add': 'Add an interest of your own',
  'interests.addLabel': 'Topic id (for example sports/hiking)',
  'interests.addButton': 'Add interest',
  'interests.added': 'Added: {topic}.',
  'activity.intro':
    'Your recent purchases and visits. If something was a gift for someone else, say so: it will stop counting toward your interests.',
  'activity.none': 'No recorded activity.',
  'activity.gift': 'This was a gift',
  'activity.isGift': 'Gift — not counted toward your interests',
  'activity.marked': 'Marked as a gift. The interests it supported were recalculated.',
  'consent.intro':
    'Choose what {brand} may use your data for. Every change is recorded, with the time, as your choice.',
  'consent.on': 'Allowed',
  'consent.off': 'Not allowed',
  'consent.saved': 'Saved: {purpose} is now {state}.',
  'consent.source': 'Last changed: {source}',
  'consent.default': 'You have not chosen yet (the default applies)',
  'consent.gpc':
    'Your browser sends Global Privacy Control: brands that receive it record an opt-out of advertising and of selling or sharing your data.',
  'consent.essential': 'Needed to run the service; cannot be turned off here.',
  'why.intro': 'The offers you were shown recently, and why each one was chosen.',
  'why.none': 'No offers were chosen for you recently.',
  'why.personalized': 'Chosen for you',
  'why.general': 'Not personalized',
  'why.change': 'Change this: {action}',
  'why.notInterested': 'Not interested in {topic}',
  'why.removed': 'Removed: {topic}. Offers will no longer be chosen for it.',
  'why.stated': 'You told us: change it under My interests.',
  'download.intro':
    'Everything {brand} holds about you, as a file: the same content as the data pages, plus your consent history and recent decisions.',
  'download.json': 'Download as JSON',
  'download.csv': 'Download as CSV',
  'erase.intro':
    'Erase everything {brand} holds about you. The keys that protect your data are destroyed first, so even backups cannot be read. This cannot be undone.',
  'erase.confirm': 'I understand that this erases my data at {brand} for good',
  'erase.button': 'Erase my data at {brand}',
  'erase.done': 'Erased. Keep this receipt.',
  'erase.receipt': 'Receipt {id}: {count} data keys destroyed at {time}.',
  'erase.ok': 'Done',
  'erase.after': 'This page and your link no longer work.',
} as const

export type MessageKey = keyof typeof en

/** The text for `key`, with `{name}` placeholders filled from `vars`. */
export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  return en[key].replace(/\{(\w+)\}/g, (_, name: string) =>
    Object.hasOwn(vars, name) ? String(vars[name]) : `{${name}}`,
  )
}
