import { describe, expect, it } from 'vitest'
import { normalizeCategory, normalizePhrase, singularize } from './category-normalizer.js'

describe('normalizeCategory', () => {
  it.each([
    ['Outdoors > Hiking > Boots', [['outdoor'], ['hiking'], ['boot']]],
    ['outdoors/hiking/boots', [['outdoor'], ['hiking'], ['boot']]],
    ['Home & Kitchen > Cookware', [['home', 'kitchen'], ['cookware']]],
    ['Home and Kitchen|Cookware', [['home', 'kitchen'], ['cookware']]],
    ['Home &amp; Kitchen › Cookware', [['home', 'kitchen'], ['cookware']]],
    ['Electronics\\Audio\\Headphones', [['electronic'], ['audio'], ['headphone']]],
    ["Books > Children's Books", [['book'], ['children', 'book']]],
    ['  Luggage  &  Travel Gear ', [['luggage', 'travel', 'gear']]],
    ['Beauté > Crème', [['beaute'], ['creme']]],
    ['T-Shirts, Tops & Tees', [['t', 'shirt', 'top', 'tee']]],
    ['>>> / | ', []],
    ['', []],
  ])('%j → %j', (category, expected) => {
    expect(normalizeCategory(category)).toEqual(expected)
  })

  it('folds case, including special cases such as ß', () => {
    expect(normalizeCategory('STRASSE')).toEqual(normalizeCategory('straße'))
    expect(normalizeCategory('İstanbul')).toEqual(normalizeCategory('istanbul'))
  })

  it('bounds the work on hostile input', () => {
    const segments = normalizeCategory(Array.from({ length: 1_000 }, () => 'word '.repeat(100)).join('>'))
    expect(segments.length).toBeLessThanOrEqual(24)
    for (const segment of segments) expect(segment.length).toBeLessThanOrEqual(24)
  })
})

describe('normalizePhrase', () => {
  it('normalizes like a segment and never splits', () => {
    expect(normalizePhrase('Pet Supplies')).toEqual(['pet', 'supply'])
    expect(normalizePhrase('wine/spirits')).toEqual(['wine', 'spirit'])
    expect(normalizePhrase(' & ')).toEqual([])
  })
})

describe('singularize', () => {
  it.each([
    ['boots', 'boot'],
    ['accessories', 'accessory'],
    ['dresses', 'dress'],
    ['watches', 'watch'],
    ['boxes', 'box'],
    ['fitness', 'fitness'],
    ['tennis', 'tennis'],
    ['bus', 'bus'],
    ['gas', 'gas'],
    ['hiking', 'hiking'],
  ])('%s → %s', (word, expected) => {
    expect(singularize(word)).toBe(expected)
  })
})
