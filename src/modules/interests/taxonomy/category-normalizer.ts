/*
 * Normalization of category strings and rule keywords. Both sides of a match go through the same
 * functions, so the word forms only have to be consistent, not linguistically correct.
 * All regular expressions are compiled once, here.
 */

/** Path separators retailers use: `>`, `/`, `|`, `›`, `\`, and the look-alikes `»` and `→`. */
const SEPARATORS = /[>/|›\\»→]/
const SEPARATORS_ALL = /[>/|›\\»→]/g
const COMBINING_MARKS = /\p{M}+/gu
const HTML_AMP = /&amp;/g
const AND_SIGNS = /[&+]/g
const APOSTROPHES = /['’ʼ`´]/g
const NON_WORD = /[^\p{L}\p{N}]+/gu

/** Words that carry no topic meaning; `&` and `+` become `and` first, so all three are ignored. */
const STOPWORDS: ReadonlySet<string> = new Set([
  'and',
  'the',
  'for',
  'of',
  'a',
  'an',
  'with',
  'in',
  'to',
  'by',
])

/** Caps that keep the work per call bounded on hostile input. */
const MAX_SEGMENTS = 24
const MAX_WORDS_PER_SEGMENT = 24

/**
 * Case-folds and strips accents: upper- then lower-casing folds special cases such as `ß`/`SS`, and
 * NFKD with mark removal folds accents and compatibility forms (`Ｏｕｔｄｏｏｒｓ`, `Café`).
 */
function fold(text: string): string {
  const stripped = text.normalize('NFKD').replace(COMBINING_MARKS, '')
  return stripped.toUpperCase().toLowerCase().normalize('NFKD').replace(COMBINING_MARKS, '')
}

/**
 * A crude singular form, applied identically to categories and keywords so that "Boots" and "boot",
 * "Accessories" and "accessory" meet. Short words and `-ss`/`-us`/`-is` endings are left alone.
 */
export function singularize(word: string): string {
  if (word.length <= 3) return word
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`
  if (
    word.endsWith('ches') ||
    word.endsWith('shes') ||
    word.endsWith('xes') ||
    word.endsWith('sses') ||
    word.endsWith('zzes')
  ) {
    return word.slice(0, -2)
  }
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) {
    return word.slice(0, -1)
  }
  return word
}

/** Words of one already-folded segment: `&` = `and`, apostrophes dropped, punctuation collapsed. */
function segmentWords(segment: string): string[] {
  const words = segment.replace(AND_SIGNS, ' and ').replace(APOSTROPHES, '').replace(NON_WORD, ' ').split(' ')
  const out: string[] = []
  for (const word of words) {
    if (word === '' || STOPWORDS.has(word)) continue
    out.push(singularize(word))
    if (out.length === MAX_WORDS_PER_SEGMENT) break
  }
  return out
}

/**
 * Splits a category path into normalized segments of words. Empty segments are dropped.
 *
 * @example
 * normalizeCategory('Home & Kitchen > Cookware') // [['home', 'kitchen'], ['cookware']]
 * normalizeCategory('outdoors/hiking/BOOTS')     // [['outdoor'], ['hiking'], ['boot']]
 */
export function normalizeCategory(category: string): string[][] {
  const folded = fold(category).replace(HTML_AMP, '&')
  const segments: string[][] = []
  for (const raw of folded.split(SEPARATORS)) {
    const words = segmentWords(raw)
    if (words.length > 0) segments.push(words)
    if (segments.length === MAX_SEGMENTS) break
  }
  return segments
}

/**
 * Normalizes one keyword phrase of a rule pattern (`"Pet Supplies"` → `['pet', 'supply']`). Path
 * separators inside a phrase are treated as spaces: a phrase always matches within one segment.
 */
export function normalizePhrase(phrase: string): string[] {
  return segmentWords(fold(phrase).replace(HTML_AMP, '&').replace(SEPARATORS_ALL, ' '))
}
