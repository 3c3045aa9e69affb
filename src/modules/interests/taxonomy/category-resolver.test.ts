import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { normalizePhrase } from './category-normalizer.js'
import { CategoryResolver, createCategoryResolver } from './category-resolver.js'
import { DEFAULT_CATEGORY_RULES } from './category-rules.js'
import { createTopicTaxonomy } from './topic-taxonomy.js'

const taxonomy = createTopicTaxonomy()
const resolver = createCategoryResolver(taxonomy)

/** Realistic category strings as retailers send them, and the topic each must land on. */
const CASES: readonly (readonly [category: string, topic: string])[] = [
  // outdoors
  ['Outdoors > Hiking', 'outdoors.hiking'],
  ['Outdoors > Hiking > Boots', 'outdoors.hiking.footwear'],
  ['Footwear > Hiking Boots', 'outdoors.hiking.footwear'],
  ['Sports & Outdoors > Outdoor Recreation > Camping & Hiking > Tents', 'outdoors.camping.tents'],
  ['Outdoor > Camping > Sleeping Bags', 'outdoors.camping.sleeping_bags'],
  ['Camping > Camp Kitchen > Stoves', 'outdoors.camping.stoves'],
  ['Outdoor Gear > Camping Furniture > Chairs', 'outdoors.camping.furniture'],
  ['Outdoors > Climbing > Harnesses', 'outdoors.climbing.hardware'],
  ['Climbing > Climbing Shoes', 'outdoors.climbing.shoes'],
  ['Sports & Outdoors > Fishing > Rods', 'outdoors.fishing.rods_reels'],
  ['Fishing > Fly Fishing > Flies', 'outdoors.fishing.fly_fishing'],
  ['Hunting > Optics > Binoculars', 'outdoors.hunting.optics'],
  ['Water Sports > Kayaks', 'outdoors.paddling'],
  ['Outdoor Clothing > Jackets', 'outdoors.apparel.jackets'],
  ['Men > Outdoor > Fleece', 'outdoors.apparel.base_layers'],
  ['Hiking > Backpacks > Daypacks', 'outdoors.hiking.backpacks'],
  // sports
  ['Sports > Running > Shoes', 'sports.running.footwear'],
  ['Clothing, Shoes & Jewelry > Men > Shoes > Athletic > Running', 'sports.running.footwear'],
  ['Running > Apparel > Shorts', 'sports.running.apparel'],
  ['Trail Running', 'sports.running.trail'],
  ['Sports > Cycling', 'sports.cycling'],
  ['Bikes > Mountain Bikes', 'sports.cycling.mountain_biking'],
  ['Cycling > Road Bikes', 'sports.cycling.road'],
  ['Bikes > Electric Bikes', 'sports.cycling.e_bikes'],
  ['Cycling > Clothing > Jerseys', 'sports.cycling.apparel'],
  ['Cycling > Helmets', 'sports.cycling.helmets'],
  ['Bike Parts > Tires & Tubes', 'sports.cycling.parts'],
  ['Fitness > Strength Training > Dumbbells', 'sports.fitness.strength'],
  ['Exercise & Fitness > Cardio Training > Treadmills', 'sports.fitness.cardio'],
  ['Fitness > Exercise Bikes', 'sports.fitness.cardio'],
  ['Yoga > Mats', 'sports.fitness.yoga'],
  ['Sports Nutrition > Protein Powder', 'sports.fitness.nutrition'],
  ['Team Sports > Soccer > Balls', 'sports.team_sports.soccer'],
  ['Sports > Basketball', 'sports.team_sports.basketball'],
  ['Racquet Sports > Tennis > Rackets', 'sports.racket_sports.tennis'],
  ['Golf > Golf Clubs > Drivers', 'sports.golf.clubs'],
  ['Winter Sports > Ski > Boots', 'sports.winter_sports.skiing'],
  ['Snowboarding > Snowboards', 'sports.winter_sports.snowboarding'],
  ['Water Sports > Surfing > Wetsuits', 'sports.water_sports.surfing'],
  ['Swimming > Goggles', 'sports.water_sports.swimming'],
  ['Boxing > Gloves', 'sports.combat_sports.boxing'],
  ['Skateboards', 'sports.skateboarding'],
  // apparel
  ['Women > Dresses', 'apparel.dresses'],
  ['Women > Tops', 'apparel.tops'],
  ['Men > Clothing > T-Shirts', 'apparel.tops.t_shirts'],
  ['Apparel & Accessories > Clothing > Outerwear > Coats & Jackets', 'apparel.outerwear'],
  ['Men > Jeans', 'apparel.bottoms.jeans'],
  ['Clothing > Shoes > Boots', 'apparel.footwear.boots'],
  ['Shoes > Sneakers', 'apparel.footwear.sneakers'],
  ['Accessories > Handbags', 'apparel.accessories.bags'],
  ['Jewelry > Necklaces', 'apparel.jewelry.necklaces'],
  ['Jewelry > Rings', 'apparel.jewelry.rings'],
  ['Watches', 'apparel.watches'],
  ['Women > Swimwear', 'apparel.swimwear'],
  ['Clothing > Activewear > Leggings', 'apparel.activewear'],
  ['Accessories > Sunglasses', 'apparel.accessories.sunglasses'],
  // baby and kids
  ['Baby > Strollers', 'baby_kids.baby_gear.strollers'],
  ['Baby > Car Seats', 'baby_kids.baby_gear.car_seats'],
  ['Baby > Nursery > Cribs', 'baby_kids.nursery'],
  ['Baby > Feeding > Bottles', 'baby_kids.feeding'],
  ['Baby > Diapering > Diapers', 'baby_kids.diapering'],
  ['Baby > Clothing > Bodysuits', 'baby_kids.baby_clothing'],
  ['Kids > Clothing > Girls', 'baby_kids.kids_clothing'],
  ['Kids > Shoes', 'baby_kids.kids_shoes'],
  ['Baby > Toys', 'baby_kids.baby_toys'],
  ['Toys > Building Toys > LEGO', 'toys_games.toys.building'],
  ['Toys & Games > Puzzles', 'toys_games.board_games'],
  ['Video Games > PlayStation 5 > Consoles', 'toys_games.video_games.consoles'],
  // home
  ['Home & Kitchen > Cookware', 'home_garden.kitchen.cookware'],
  ['Home & Kitchen > Kitchen & Dining > Cookware > Pots & Pans', 'home_garden.kitchen.cookware'],
  ['Kitchen > Bakeware', 'home_garden.kitchen.bakeware'],
  ['Kitchen > Knives', 'home_garden.kitchen.cutlery'],
  ['Kitchen > Small Appliances > Blenders', 'home_garden.kitchen.small_appliances'],
  ['Kitchen > Coffee Makers', 'home_garden.kitchen.coffee_makers'],
  ['Home > Furniture > Sofas', 'home_garden.furniture.living_room'],
  ['Furniture > Office > Desks', 'home_garden.furniture.office'],
  ['Patio Furniture', 'home_garden.furniture.outdoor'],
  ['Home Decor > Rugs', 'home_garden.decor.rugs'],
  ['Home > Lighting > Floor Lamps', 'home_garden.decor.lighting'],
  ['Bed & Bath > Bedding > Duvet Covers', 'home_garden.bed_bath.bedding'],
  ['Bed & Bath > Towels', 'home_garden.bed_bath.towels'],
  ['Appliances > Vacuums', 'home_garden.appliances.vacuums'],
  ['Home & Garden > Garden', 'home_garden.gardening'],
  ['Garden > Plants > Succulents', 'home_garden.gardening.plants'],
  ['Lawn & Garden > Lawn Mowers', 'home_garden.gardening.lawn_care'],
  ['Garden > Garden Tools > Pruners', 'home_garden.gardening.tools'],
  ['Patio > Grills', 'home_garden.outdoor_living.grills'],
  ['Tools & Home Improvement > Power Tools > Drills', 'home_garden.improvement.tools'],
  ['Home Improvement > Paint', 'home_garden.improvement.paint'],
  ['Household > Cleaning Supplies', 'home_garden.cleaning'],
  ['Home & Garden', 'home_garden'],
  // electronics
  ['Electronics > Audio > Headphones', 'electronics.audio.headphones'],
  [
    'Electronics > Headphones, Earbuds & Accessories > Headphones > Over-Ear Headphones',
    'electronics.audio.headphones',
  ],
  ['Electronics > Audio > Speakers', 'electronics.audio.speakers'],
  ['Cell Phones & Accessories > Cases', 'electronics.phones.accessories'],
  ['Electronics > Cell Phones', 'electronics.phones'],
  ['Computers > Laptops', 'electronics.computers.laptops'],
  ['Computers & Tablets > Tablets', 'electronics.computers.tablets'],
  ['Computers > Components > Graphics Cards', 'electronics.computers.components'],
  ['Computers > Monitors', 'electronics.computers.monitors'],
  ['Electronics > Camera & Photo > Digital Cameras', 'electronics.cameras.digital'],
  ['Cameras > Lenses', 'electronics.cameras.lenses'],
  ['Electronics > Drones', 'electronics.cameras.drones'],
  ['Electronics > TV & Video > Televisions', 'electronics.tv_video.televisions'],
  ['Electronics > Wearable Technology > Smartwatches', 'electronics.wearables'],
  ['Smart Home > Smart Plugs', 'electronics.smart_home'],
  // beauty
  ['Beauty > Skincare', 'beauty.skincare'],
  ['Beauty & Personal Care > Skin Care > Face > Moisturizers', 'beauty.skincare.moisturizers'],
  ['Beauty > Skin Care > Sunscreen', 'beauty.skincare.sun_care'],
  ['Beauty > Makeup > Lips > Lipstick', 'beauty.makeup.lips'],
  ['Beauty > Makeup > Eyes > Mascara', 'beauty.makeup.eyes'],
  ['Beauty > Fragrance > Perfume', 'beauty.fragrance'],
  ['Beauty > Hair Care > Shampoo', 'beauty.hair_care.shampoo'],
  ['Beauty > Hair Tools > Hair Dryers', 'beauty.hair_care.styling'],
  ['Bath & Body', 'beauty.bath_body'],
  ['Men > Grooming > Razors', 'beauty.shaving'],
  // food
  ['Grocery > Snacks > Chips', 'food_drink.grocery.snacks'],
  ['Grocery & Gourmet Food > Breakfast > Cereal', 'food_drink.grocery.breakfast'],
  ['Food > Coffee > Whole Bean', 'food_drink.beverages.coffee'],
  ['Grocery > Beverages > Tea', 'food_drink.beverages.tea'],
  ['Grocery > Fresh > Produce', 'food_drink.fresh.produce'],
  ['Food > Chocolate', 'food_drink.sweets'],
  // pets
  ['Pet Supplies > Dogs > Food', 'pets.dogs.food'],
  ['Pet Supplies > Dogs', 'pets.dogs'],
  ['Animals & Pet Supplies > Pet Supplies > Dog Supplies > Dog Beds', 'pets.dogs.beds_crates'],
  ['Pets > Dog > Toys', 'pets.dogs.toys'],
  ['Pets > Dogs > Collars & Leashes', 'pets.dogs.walking'],
  ['Pet Supplies > Cats > Litter', 'pets.cats.litter'],
  ['Pet Supplies > Cats > Food', 'pets.cats.food'],
  ['Pet Supplies > Fish & Aquatic Pets > Aquariums', 'pets.fish'],
  ['Pet Supplies > Fish > Food', 'pets.fish'],
  ['Pet Supplies > Dogs > Health > Flea & Tick', 'pets.health'],
  ['Pets > Dog Coats', 'pets.dogs'],
  // books
  ['Books > Fiction', 'books.fiction'],
  ['Books > Literature & Fiction > Genre Fiction', 'books.fiction'],
  ['Books > Mystery, Thriller & Suspense', 'books.fiction.mystery'],
  ['Books > Science Fiction & Fantasy', 'books.fiction.scifi_fantasy'],
  ['Books > Romance', 'books.fiction.romance'],
  ['Books > Biographies & Memoirs', 'books.non_fiction.biography'],
  ['Books > History', 'books.non_fiction.history'],
  ['Books > Cookbooks, Food & Wine', 'books.non_fiction.cookbooks'],
  ["Books > Children's Books", 'books.childrens'],
  ['Books > Comics & Graphic Novels', 'books.comics'],
  ['Books > Non-Fiction', 'books.non_fiction'],
  ['Books > Business & Money', 'books.non_fiction.business'],
  ['Books > Self-Help', 'books.non_fiction.self_help'],
  ['Books > Travel', 'books.non_fiction.travel_guides'],
  // travel
  ['Luggage & Travel Gear', 'travel.luggage'],
  ['Luggage > Suitcases', 'travel.luggage.suitcases'],
  ['Luggage > Carry-On Luggage', 'travel.luggage.suitcases'],
  ['Travel > Backpacks', 'travel.luggage.bags'],
  ['Travel Accessories > Neck Pillows', 'travel.accessories'],
  ['Travel > Hotels', 'travel.hotels'],
  ['Travel > Cruises', 'travel.cruises'],
  // finance
  ['Finance > Credit Cards', 'finance.credit_cards'],
  ['Finance > Insurance > Car Insurance', 'finance.insurance.auto'],
  ['Finance > Mortgages', 'finance.loans.mortgages'],
  ['Finance > Investing > Retirement', 'finance.investing.retirement'],
  // health (non-sensitive)
  ['Health > Vitamins & Supplements', 'health.vitamins'],
  ['Health & Household > First Aid', 'health.first_aid'],
  // automotive
  ['Automotive > Tires', 'automotive.parts.tires'],
  ['Automotive > Car Electronics > Dash Cams', 'automotive.electronics'],
  ['Automotive > Car Care', 'automotive.care'],
  // other
  ['Musical Instruments > Guitars > Electric Guitars', 'hobbies.musical_instruments.guitars'],
  ['Musical Instruments > Keyboards', 'hobbies.musical_instruments.keyboards'],
  ['Arts, Crafts & Sewing > Knitting & Crochet > Yarn', 'hobbies.arts_crafts.knitting'],
  ['Arts & Crafts > Painting > Acrylic Paint', 'hobbies.arts_crafts.painting'],
  ['Office Products > Office & School Supplies > Pens', 'office.stationery'],
  ['Gifts > Gift Cards', 'gifts.gift_cards'],
  ['Party Supplies > Balloons', 'gifts.party'],
  ['Movies & TV > Blu-ray', 'entertainment.movies_tv'],
  ['Music > Vinyl', 'entertainment.music.vinyl'],
]
/** Sensitive signals: the expected topic or one of its descendants, always flagged sensitive. */
const SENSITIVE_CASES: readonly (readonly [category: string, topic: string])[] = [
  ['Health > Weight Loss > Supplements', 'health.weight_loss'],
  ['Baby > Maternity > Pregnancy Tests', 'life_events.expecting'],
  ['Wine & Spirits', 'food_drink.alcohol'],
  ['Grocery > Beer, Wine & Spirits', 'food_drink.alcohol'],
  ['Grocery > Beverages > Wine > Red Wine', 'food_drink.alcohol.wine'],
  ['Food & Drink > Beer', 'food_drink.alcohol.beer'],
  ['Whiskey', 'food_drink.alcohol.spirits'],
  ['Clothing > Maternity > Dresses', 'life_events.expecting'],
  ['Baby > Baby Registry', 'life_events.expecting'],
  ['Baby > Feeding > Breast Pumps', 'life_events.new_parent'],
  ['Baby > Nursing > Nursing Bras', 'life_events.new_parent'],
  ['Health > Fertility > Ovulation Tests', 'life_events.family_planning'],
  ['Health > Diabetes Care > Glucose Monitors', 'health.conditions.diabetes'],
  ['Health > Mental Health', 'health.conditions.mental_health'],
  ['Health & Household > Incontinence > Adult Diapers', 'health.conditions.incontinence'],
  ['Health > Medical Supplies > Mobility Aids > Wheelchairs', 'health.conditions.mobility'],
  ['Health > Pain Relief', 'health.conditions.pain'],
  ['Pharmacy > Cold & Flu', 'health.conditions.cold_flu'],
  ['Diet & Nutrition > Meal Replacement Shakes', 'health.weight_loss.meal_replacements'],
  ['Health > Sexual Wellness > Condoms', 'health.sexual_wellness'],
  ['Health > Feminine Care > Tampons', 'health.reproductive'],
  ['Dating > Apps', 'dating'],
  ['Online Casino > Slots', 'gambling.casino'],
  ['Sports Betting', 'gambling.sports_betting'],
  ['Lottery Tickets', 'gambling.lottery'],
  ['Books > Religion & Spirituality', 'religion.books'],
  ['Gifts > Religious Gifts > Rosaries', 'religion.goods'],
  ['Pride Collection > T-Shirts', 'sexual_orientation.lgbtq'],
  ['Books > LGBTQ+ Fiction', 'sexual_orientation.lgbtq'],
  ['Finance > Debt Consolidation', 'finance.hardship.debt_relief'],
  ['Loans > Payday Loans', 'finance.hardship.payday_loans'],
  ['Finance > Credit Cards > Bad Credit', 'finance.hardship.credit_repair'],
  ['Vape > E-Liquids', 'tobacco.vaping'],
  ['Health > Quit Smoking > Nicotine Patches', 'health.conditions.smoking_cessation'],
  ['Eyewear > Contact Lenses', 'health.conditions.vision'],
  ['Weddings > Bridal > Dresses', 'life_events.wedding'],
  ['Gifts > Sympathy', 'life_events.bereavement'],
]

describe('CategoryResolver: default mapping', () => {
  it.each(CASES)('%s → %s', (category, topic) => {
    expect(resolver.resolve(category)).toEqual({
      topic,
      label: taxonomy.get(topic)?.label,
      sensitive: false,
    })
  })

  it.each(SENSITIVE_CASES)('%s → sensitive %s', (category, topic) => {
    const result = resolver.resolve(category)
    expect(result?.sensitive).toBe(true)
    expect(result?.topic === topic || taxonomy.isAncestor(topic, result?.topic ?? ''), result?.topic).toBe(
      true,
    )
  })

  it('keeps the topics of the brief distinct, at least two levels deep', () => {
    const categories = {
      hiking: 'Outdoors > Hiking',
      camping: 'Outdoors > Camping',
      running: 'Sports > Running',
      cycling: 'Sports > Cycling',
      cookware: 'Home & Kitchen > Cookware',
      gardening: 'Home & Garden > Gardening',
      skincare: 'Beauty > Skincare',
      headphones: 'Electronics > Audio > Headphones',
      dogSupplies: 'Pet Supplies > Dogs',
      fictionBooks: 'Books > Fiction',
      luggage: 'Luggage & Travel Gear',
    }
    const topics = Object.values(categories).map((category) => resolver.resolve(category)?.topic ?? '')
    expect(topics).toEqual([
      'outdoors.hiking',
      'outdoors.camping',
      'sports.running',
      'sports.cycling',
      'home_garden.kitchen.cookware',
      'home_garden.gardening',
      'beauty.skincare',
      'electronics.audio.headphones',
      'pets.dogs',
      'books.fiction',
      'travel.luggage',
    ])
    for (const a of topics) {
      expect(taxonomy.depth(a), a).toBeGreaterThanOrEqual(2)
      for (const b of topics) {
        if (a === b) continue
        expect(taxonomy.isAncestor(a, b), `${a} / ${b}`).toBe(false)
      }
    }
    expect(new Set(topics).size).toBe(topics.length)
  })

  it.each([
    'Outdoors > Hiking > Boots',
    'outdoors > hiking > boots',
    'OUTDOORS > HIKING > BOOTS',
    'outdoors/hiking/boots',
    'Outdoors/Hiking/Boots',
    'Outdoors | Hiking | Boots',
    'Outdoors › Hiking › Boots',
    'Outdoors\\Hiking\\Boots',
    '  Outdoors   >Hiking>  Boots  ',
    'Outdoors >> Hiking > > Boots >',
    '/outdoors/hiking/boots/',
    'Outdoors > Hiking > Boots.',
    'Outdoors > Hiking > Boot',
  ])('resolves the shape %j the same way', (category) => {
    expect(resolver.resolve(category)?.topic).toBe('outdoors.hiking.footwear')
  })

  it.each([
    ['Home & Kitchen > Cookware', 'Home and Kitchen > Cookware'],
    ['Home & Kitchen > Cookware', 'Home &amp; Kitchen > Cookware'],
    ['Home & Kitchen > Cookware', 'home+kitchen/cookware'],
    ['Pet Supplies > Dogs > Food', 'pet-supplies/dogs/food'],
    ['Pet Supplies > Dogs > Food', 'PET_SUPPLIES > DOGS > FOOD'],
    ["Books > Children's Books", 'Books > Childrens Books'],
    ["Books > Children's Books", 'Books > Children’s Books'],
    ['Beauty > Skincare', 'Beauté > Skincare'],
    ['Electronics > Audio > Headphones', 'Ｅｌｅｃｔｒｏｎｉｃｓ > Ａｕｄｉｏ > Ｈｅａｄｐｈｏｎｅｓ'],
  ])('treats %j and %j alike', (a, b) => {
    expect(resolver.resolve(b)).toEqual(resolver.resolve(a))
    expect(resolver.resolve(a)).toBeDefined()
  })

  it.each([
    '',
    '   ',
    '>>>',
    '/ / /',
    'Clearance',
    'New Arrivals',
    'Sale > Last Chance',
    'Misc',
    '12345',
    'Pride and Prejudice',
  ])('answers undefined when nothing maps: %j', (category) => {
    expect(resolver.resolve(category)).toBeUndefined()
  })

  it('never folds a sensitive signal into its non-sensitive neighbours', () => {
    expect(resolver.resolve('Baby > Maternity > Pregnancy Tests')?.topic).toBe('life_events.expecting')
    expect(resolver.resolve('Baby > Feeding > Breast Pumps')?.topic).toBe('life_events.new_parent')
    expect(resolver.resolve('Health > Weight Loss > Supplements')?.topic).toMatch(/^health\.weight_loss/)
    expect(resolver.resolve('Grocery > Beverages > Wine')?.topic).toBe('food_drink.alcohol.wine')
    // The ordinary retail topic stays ordinary.
    expect(resolver.resolve('Baby > Feeding > Bottles')).toEqual({
      topic: 'baby_kids.feeding',
      label: 'Baby Feeding',
      sensitive: false,
    })
  })

  it('reads keywords in context', () => {
    expect(resolver.resolve('Pet Supplies > Dogs > Food')?.topic).toBe('pets.dogs.food')
    expect(resolver.resolve('Grocery > Food')?.topic).toBe('food_drink.grocery')
    expect(resolver.resolve('Garden > Climbing Plants')?.topic).toBe('home_garden.gardening.plants')
    expect(resolver.resolve('Outdoors > Climbing')?.topic).toBe('outdoors.climbing')
    expect(resolver.resolve('Kitchen > Wine Glasses')?.topic).toBe('home_garden.kitchen.tableware')
    expect(resolver.resolve('Fitness > Exercise Bikes')?.topic).toBe('sports.fitness.cardio')
  })

  it('lets every default rule resolve to its own topic (no dead or contradicted rules)', () => {
    const contradicted = DEFAULT_CATEGORY_RULES.filter((rule) => {
      const result = resolver.resolve(rule.pattern.join(' > '))
      return (
        result === undefined ||
        (result.topic !== rule.topic && !taxonomy.isAncestor(rule.topic, result.topic))
      )
    })
    expect(contradicted).toEqual([])
  })

  it('names only topics of the taxonomy in its default rules', () => {
    for (const rule of DEFAULT_CATEGORY_RULES) {
      expect(taxonomy.has(rule.topic), rule.topic).toBe(true)
      for (const phrase of rule.pattern) expect(normalizePhrase(phrase).length, phrase).toBeGreaterThan(0)
    }
  })

  it('explains which rule won', () => {
    expect(resolver.explain('Outdoors > Hiking > Boots')).toMatchObject({
      topic: 'outdoors.hiking.footwear',
      pattern: ['hiking', 'boot'],
      source: 'default',
    })
    expect(resolver.explain('Apparel > Coats & Jackets')).toMatchObject({
      topic: 'apparel.outerwear',
      source: 'label',
    })
    expect(resolver.explain('Clearance')).toBeUndefined()
  })

  it('gives the same answers with and without its cache', () => {
    const uncached = new CategoryResolver(taxonomy, { cacheSize: 0 })
    const tiny = new CategoryResolver(taxonomy, { cacheSize: 2 })
    for (const [category] of [...CASES, ...SENSITIVE_CASES]) {
      const expected = resolver.resolve(category)
      expect(uncached.resolve(category)).toEqual(expected)
      expect(tiny.resolve(category)).toEqual(expected)
      expect(tiny.resolve(category)).toEqual(expected)
    }
  })

  it('resolves thousands of distinct categories quickly', () => {
    const fresh = createCategoryResolver(taxonomy)
    const started = performance.now()
    for (let i = 0; i < 5_000; i++) {
      const [category] = CASES[i % CASES.length] ?? ['']
      fresh.resolve(`${category} > Item ${i}`)
    }
    // About 25-70 µs per uncached call here; the bound only catches pathological regressions.
    expect(performance.now() - started).toBeLessThan(5_000)
  })
})

describe('createCategoryResolver: organization overrides', () => {
  const orgTaxonomy = createTopicTaxonomy({
    topics: [
      { id: 'outdoors.hiking.ultralight', label: 'Ultralight Gear' },
      { id: 'outdoors.hiking', label: 'Hiking & Trekking' },
    ],
  })

  it('checks organization rules before the defaults', () => {
    const org = createCategoryResolver(orgTaxonomy, {
      rules: [
        { pattern: ['ultralight'], topic: 'outdoors.hiking.ultralight' },
        { pattern: ['Boots'], topic: 'apparel.workwear' },
      ],
    })
    expect(org.resolve('Outdoors > Hiking > Ultralight Packs')).toEqual({
      topic: 'outdoors.hiking.ultralight',
      label: 'Ultralight Gear',
      sensitive: false,
    })
    expect(org.resolve('Outdoors > Hiking > Boots')?.topic).toBe('apparel.workwear')
    expect(org.explain('Outdoors > Hiking > Boots')?.source).toBe('organization')
    // Defaults still apply where no organization rule matches, with the organization's labels.
    expect(org.resolve('Outdoors > Hiking')).toEqual({
      topic: 'outdoors.hiking',
      label: 'Hiking & Trekking',
      sensitive: false,
    })
    expect(org.resolve('Books > Fiction')?.topic).toBe('books.fiction')
  })

  it('matches an organization topic by its label without any rule', () => {
    const org = createCategoryResolver(orgTaxonomy)
    expect(org.resolve('Hiking > Ultralight Gear')?.topic).toBe('outdoors.hiking.ultralight')
  })

  it('keeps a sensitive default unless the organization rule covers the same words', () => {
    const org = createCategoryResolver(taxonomy, {
      rules: [
        { pattern: ['gift set'], topic: 'gifts' },
        { pattern: ['non alcoholic beer'], topic: 'food_drink.beverages' },
      ],
    })
    expect(org.resolve('Wine Gift Set')).toMatchObject({ topic: 'food_drink.alcohol.wine', sensitive: true })
    expect(org.resolve('Drinks > Non-Alcoholic Beer')).toMatchObject({
      topic: 'food_drink.beverages',
      sensitive: false,
    })
    expect(resolver.resolve('Drinks > Non-Alcoholic Beer')?.sensitive).toBe(true)
  })

  it('rejects rules that name unknown topics or have no words', () => {
    expect(() =>
      createCategoryResolver(taxonomy, { rules: [{ pattern: ['kites'], topic: 'outdoors.kites' }] }),
    ).toThrow(/unknown topic 'outdoors\.kites'/)
    expect(() => createCategoryResolver(taxonomy, { rules: [{ pattern: [], topic: 'outdoors' }] })).toThrow(
      /empty pattern/,
    )
    expect(() =>
      createCategoryResolver(taxonomy, { rules: [{ pattern: [' & / '], topic: 'outdoors' }] }),
    ).toThrow(/without words/)
  })
})

/** Category strings built from the rules' own vocabulary, so that properties exercise real matches. */
const vocabulary = [...new Set(DEFAULT_CATEGORY_RULES.flatMap((rule) => rule.pattern))]
const noise = ['new', 'sale', 'misc', 'item', '2024', 'mens', "women's", 'set', 'pro', '&', 'and', 'x']
const segment = fc
  .array(fc.oneof(fc.constantFrom(...vocabulary), fc.constantFrom(...noise)), { minLength: 1, maxLength: 3 })
  .map((words) => words.join(' '))
const separator = fc.constantFrom(' > ', '/', ' | ', ' › ', '\\', '>', ' / ')
const retailCategory = fc
  .tuple(fc.array(segment, { minLength: 1, maxLength: 5 }), separator)
  .map(([segments, sep]) => segments.join(sep))
const anyCategory = fc.oneof(
  retailCategory,
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
)

describe('CategoryResolver properties', () => {
  const uncached = new CategoryResolver(taxonomy, { cacheSize: 0 })

  it('never throws, and only answers existing topics with their sensitivity', () => {
    fc.assert(
      fc.property(anyCategory, (category) => {
        const result = uncached.resolve(category)
        if (result === undefined) return
        const topic = taxonomy.get(result.topic)
        expect(topic).toBeDefined()
        expect(result.label).toBe(topic?.label)
        expect(result.sensitive).toBe(taxonomy.isSensitive(result.topic))
      }),
      { numRuns: 500 },
    )
  })

  it('is invariant under case changes', () => {
    fc.assert(
      fc.property(anyCategory, (category) => {
        const expected = uncached.resolve(category)
        expect(uncached.resolve(category.toUpperCase())).toEqual(expected)
        expect(uncached.resolve(category.toLowerCase())).toEqual(expected)
      }),
      { numRuns: 500 },
    )
  })

  it("is invariant under swapping ' > ' with '/'", () => {
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 5 }), (segments) => {
        const angled = segments.join(' > ')
        expect(uncached.resolve(segments.join('/'))).toEqual(uncached.resolve(angled))
        expect(uncached.resolve(angled.replaceAll(' > ', '/'))).toEqual(uncached.resolve(angled))
      }),
      { numRuns: 500 },
    )
    fc.assert(
      fc.property(anyCategory, (category) => {
        expect(uncached.resolve(category.replaceAll(' > ', '/'))).toEqual(uncached.resolve(category))
      }),
      { numRuns: 300 },
    )
  })

  it('never loses a sensitive keyword among keywords that take part in no context rule', () => {
    const contextWords = new Set(
      DEFAULT_CATEGORY_RULES.filter((rule) => rule.pattern.length > 1).flatMap((rule) =>
        rule.pattern.flatMap((phrase) => normalizePhrase(phrase)),
      ),
    )
    const keywords = DEFAULT_CATEGORY_RULES.filter((rule) => rule.pattern.length === 1)
    const sensitiveKeywords = keywords
      .filter((rule) => taxonomy.isSensitive(rule.topic))
      .map((rule) => rule.pattern[0] as string)
    const plainKeywords = keywords
      .map((rule) => rule.pattern[0] as string)
      .filter((phrase) => normalizePhrase(phrase).every((word) => !contextWords.has(word)))
    const plainSegment = fc
      .array(fc.oneof(fc.constantFrom(...plainKeywords), fc.constantFrom(...noise)), {
        minLength: 1,
        maxLength: 3,
      })
      .map((words) => words.join(' '))
    fc.assert(
      fc.property(
        fc.array(plainSegment, { maxLength: 3 }),
        fc.constantFrom(...sensitiveKeywords),
        fc.nat(),
        (segments, keyword, at) => {
          const path = [...segments]
          path.splice(at % (path.length + 1), 0, keyword)
          expect(uncached.resolve(path.join(' > '))?.sensitive).toBe(true)
        },
      ),
      { numRuns: 500 },
    )
  })
})
