import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEFAULT_TOPICS, NAMED_SENSITIVE_TOPICS } from './default-topics.js'
import { createTopicTaxonomy, impliedParent, type TopicInput, TopicTaxonomy } from './topic-taxonomy.js'

const SMALL: readonly TopicInput[] = [
  { id: 'outdoors', label: 'Outdoors' },
  { id: 'outdoors.hiking', label: 'Hiking' },
  { id: 'outdoors.hiking.footwear', label: 'Hiking Boots' },
  { id: 'outdoors.camping', label: 'Camping' },
  { id: 'life_events', label: 'Life Events', sensitive: true },
  { id: 'life_events.expecting', label: 'Expecting a Child' },
]

describe('TopicTaxonomy', () => {
  const taxonomy = new TopicTaxonomy(SMALL)

  it('answers get, has, list, children, ancestors and depth', () => {
    expect(taxonomy.get('outdoors.hiking')).toEqual({
      id: 'outdoors.hiking',
      label: 'Hiking',
      parent: 'outdoors',
      sensitive: false,
    })
    expect(taxonomy.get('nope')).toBeUndefined()
    expect(taxonomy.has('outdoors.camping')).toBe(true)
    expect(taxonomy.has('outdoors.fishing')).toBe(false)
    expect(taxonomy.list().map((topic) => topic.id)).toEqual([
      'outdoors',
      'outdoors.hiking',
      'outdoors.hiking.footwear',
      'outdoors.camping',
      'life_events',
      'life_events.expecting',
    ])
    expect(taxonomy.roots().map((topic) => topic.id)).toEqual(['outdoors', 'life_events'])
    expect(taxonomy.children('outdoors').map((topic) => topic.id)).toEqual([
      'outdoors.hiking',
      'outdoors.camping',
    ])
    expect(taxonomy.children('outdoors.camping')).toEqual([])
    expect(taxonomy.children('unknown')).toEqual([])
    expect(taxonomy.ancestors('outdoors.hiking.footwear').map((topic) => topic.id)).toEqual([
      'outdoors.hiking',
      'outdoors',
    ])
    expect(taxonomy.ancestors('outdoors')).toEqual([])
    expect(taxonomy.ancestors('unknown')).toEqual([])
    expect(taxonomy.depth('outdoors')).toBe(1)
    expect(taxonomy.depth('outdoors.hiking.footwear')).toBe(3)
    expect(taxonomy.depth('unknown')).toBe(0)
    expect(taxonomy.isAncestor('outdoors', 'outdoors.hiking.footwear')).toBe(true)
    expect(taxonomy.isAncestor('outdoors.hiking', 'outdoors.hiking')).toBe(false)
    expect(taxonomy.size).toBe(6)
  })

  it('inherits sensitivity from ancestors and fails closed on unknown ids', () => {
    expect(taxonomy.isSensitive('life_events')).toBe(true)
    expect(taxonomy.isSensitive('life_events.expecting')).toBe(true)
    expect(taxonomy.get('life_events.expecting')?.sensitive).toBe(true)
    expect(taxonomy.isSensitive('outdoors.hiking')).toBe(false)
    expect(taxonomy.isSensitive('no.such.topic')).toBe(true)
  })

  it('derives the parent from the dotted prefix unless one is given', () => {
    expect(impliedParent('a.b.c')).toBe('a.b')
    expect(impliedParent('a')).toBeNull()
    const custom = new TopicTaxonomy([
      { id: 'gear', label: 'Gear' },
      { id: 'packs', label: 'Packs', parent: 'gear' },
    ])
    expect(custom.get('packs')?.parent).toBe('gear')
  })

  it('returns frozen topics and lists', () => {
    expect(Object.isFrozen(taxonomy.get('outdoors'))).toBe(true)
    expect(Object.isFrozen(taxonomy.list())).toBe(true)
  })

  it.each([
    [
      [
        { id: 'a', label: 'A' },
        { id: 'a', label: 'A again' },
      ],
      /duplicate topic id 'a'/,
    ],
    [[{ id: 'a.b', label: 'B' }], /topic 'a\.b' names unknown parent 'a'/],
    [
      [
        { id: 'x', label: 'X', parent: 'y' },
        { id: 'y', label: 'Y', parent: 'x' },
      ],
      /topic '[xy]' is part of a parent cycle/,
    ],
    [[{ id: 'x', label: 'X', parent: 'x' }], /topic 'x' is its own parent/],
    [[{ id: 'Outdoors', label: 'Outdoors' }], /invalid topic id 'Outdoors'/],
    [[{ id: 'outdoors..hiking', label: 'Hiking' }], /invalid topic id 'outdoors\.\.hiking'/],
    [[{ id: 'outdoors', label: '  ' }], /topic 'outdoors' has an empty label/],
  ] as const)('rejects an invalid topic list (%#)', (topics, message) => {
    expect(() => new TopicTaxonomy(topics)).toThrow(message)
  })
})

describe('default taxonomy', () => {
  const taxonomy = createTopicTaxonomy()

  it('has at least 250 topics and validates', () => {
    expect(DEFAULT_TOPICS.length).toBeGreaterThanOrEqual(250)
    expect(taxonomy.size).toBe(DEFAULT_TOPICS.length)
  })

  it('follows the id convention: the parent is the dotted prefix', () => {
    for (const topic of DEFAULT_TOPICS) {
      expect(topic.parent, topic.id).toBe(impliedParent(topic.id))
    }
  })

  it('covers the retail areas of the brief at two levels or more', () => {
    for (const id of [
      'apparel.footwear',
      'outdoors.hiking',
      'outdoors.camping',
      'outdoors.climbing',
      'outdoors.fishing',
      'sports.running',
      'sports.cycling',
      'sports.fitness',
      'sports.team_sports',
      'baby_kids.feeding',
      'home_garden.kitchen.cookware',
      'home_garden.furniture',
      'home_garden.gardening',
      'electronics.audio.headphones',
      'electronics.phones',
      'electronics.computers',
      'electronics.cameras',
      'beauty.skincare',
      'beauty.makeup',
      'beauty.fragrance',
      'food_drink.grocery',
      'pets.dogs',
      'pets.cats',
      'books.fiction',
      'books.non_fiction',
      'travel.luggage',
      'finance.banking',
      'health.vitamins',
    ]) {
      expect(taxonomy.has(id), id).toBe(true)
    }
  })

  it('flags every sensitive topic the brief names', () => {
    for (const id of Object.values(NAMED_SENSITIVE_TOPICS)) {
      expect(taxonomy.has(id), id).toBe(true)
      expect(taxonomy.isSensitive(id), id).toBe(true)
    }
    expect(NAMED_SENSITIVE_TOPICS.expecting).toBe('life_events.expecting')
    expect(NAMED_SENSITIVE_TOPICS.newParent).toBe('life_events.new_parent')
  })

  it('keeps baby & kids an ordinary topic, distinct from the sensitive life events', () => {
    expect(taxonomy.isSensitive('baby_kids')).toBe(false)
    for (const child of taxonomy.children('baby_kids')) expect(taxonomy.isSensitive(child.id)).toBe(false)
    expect(taxonomy.isAncestor('baby_kids', 'life_events.expecting')).toBe(false)
    expect(taxonomy.isAncestor('baby_kids', 'life_events.new_parent')).toBe(false)
  })

  it('carries the sensitive flag explicitly on every descendant of a sensitive topic', () => {
    const byId = new Map(DEFAULT_TOPICS.map((topic) => [topic.id, topic]))
    for (const topic of DEFAULT_TOPICS) {
      const parent = topic.parent === null ? undefined : byId.get(topic.parent)
      if (parent?.sensitive) expect(topic.sensitive, topic.id).toBe(true)
      expect(taxonomy.isSensitive(topic.id), topic.id).toBe(topic.sensitive)
    }
  })

  it('lists parents before children', () => {
    const seen = new Set<string>()
    for (const topic of taxonomy.list()) {
      if (topic.parent !== null) expect(seen.has(topic.parent), topic.id).toBe(true)
      seen.add(topic.id)
    }
  })

  it('agrees with itself on every topic (property)', () => {
    const ids = taxonomy.list().map((topic) => topic.id)
    fc.assert(
      fc.property(fc.constantFrom(...ids), (id) => {
        const chain = taxonomy.ancestors(id)
        expect(taxonomy.depth(id)).toBe(chain.length + 1)
        expect(chain[0]?.id ?? null).toBe(taxonomy.get(id)?.parent ?? null)
        expect(chain.at(-1)?.parent ?? null).toBeNull()
        const flagged = [taxonomy.get(id), ...chain].some((topic) => topic?.sensitive === true)
        expect(taxonomy.isSensitive(id)).toBe(flagged)
        for (const child of taxonomy.children(id)) expect(child.parent).toBe(id)
      }),
    )
  })
})

describe('createTopicTaxonomy', () => {
  it('adds organization topics and replaces same-id defaults in place', () => {
    const base = createTopicTaxonomy()
    const taxonomy = createTopicTaxonomy({
      topics: [
        { id: 'outdoors.hiking.ultralight', label: 'Ultralight Hiking' },
        { id: 'outdoors.hiking', label: 'Hiking & Trekking' },
      ],
    })
    expect(taxonomy.get('outdoors.hiking')?.label).toBe('Hiking & Trekking')
    expect(taxonomy.ancestors('outdoors.hiking.ultralight').map((topic) => topic.id)).toEqual([
      'outdoors.hiking',
      'outdoors',
    ])
    expect(taxonomy.size).toBe(base.size + 1)
    const order = taxonomy.list().map((topic) => topic.id)
    expect(order.indexOf('outdoors.hiking')).toBe(
      base.list().findIndex((topic) => topic.id === 'outdoors.hiking'),
    )
  })

  it('makes an organization topic under a sensitive parent sensitive', () => {
    const taxonomy = createTopicTaxonomy({
      topics: [{ id: 'health.conditions.migraine', label: 'Migraine' }],
    })
    expect(taxonomy.isSensitive('health.conditions.migraine')).toBe(true)
  })

  it('rejects invalid organization topics', () => {
    expect(() => createTopicTaxonomy({ topics: [{ id: 'brand_x.thing', label: 'Thing' }] })).toThrow(
      /names unknown parent 'brand_x'/,
    )
    expect(() =>
      createTopicTaxonomy({
        topics: [
          { id: 'pets.ferrets', label: 'Ferrets' },
          { id: 'pets.ferrets', label: 'Ferrets again' },
        ],
      }),
    ).toThrow(/duplicate topic id 'pets\.ferrets'/)
    expect(() =>
      createTopicTaxonomy({ topics: [{ id: 'outdoors', label: 'Outdoors', parent: 'outdoors.hiking' }] }),
    ).toThrow(/parent cycle/)
  })
})
