import type { DemoBrand, DemoBrandId } from './demo-types.js'

/** The demo's brands: one parent company, three brands. */
export const DEMO_BRANDS: readonly DemoBrand[] = Object.freeze([
  { id: 'outdoor', name: 'Northwind Outdoor', allowedOrigins: ['http://localhost:3000'] },
  { id: 'littlesteps', name: 'Little Steps Baby & Kids', allowedOrigins: ['http://localhost:3000'] },
  { id: 'hearth', name: 'Hearth Home', allowedOrigins: ['http://localhost:3000'] },
])

/** Per-brand details used in ids and URLs. */
export const BRAND_DETAILS: Readonly<
  Record<DemoBrandId, { readonly prefix: string; readonly site: string }>
> = {
  outdoor: { prefix: 'nw', site: 'https://northwind-outdoor.example' },
  littlesteps: { prefix: 'ls', site: 'https://littlesteps.example' },
  hearth: { prefix: 'hh', site: 'https://hearth-home.example' },
}

/** One product: name and list price in USD. */
export type DemoProduct = readonly [name: string, price: number]

/** One category string a retailer sends, with the topic the default resolver maps it to. */
export interface DemoCategory {
  /** The category string exactly as sent in `properties.category`. */
  readonly category: string
  /** The topic id it must resolve to with `createCategoryResolver(createTopicTaxonomy())` (checked by a test). */
  readonly topic: string
  /** Products sold under it (non-empty). */
  readonly products: readonly DemoProduct[]
}

/**
 * A product line: related categories a persona engages with together (hiking, cookware, …). Lines
 * of one brand never share a topic, so single views of different lines never add up to one topic.
 */
export interface DemoProductLine {
  /** Stable key, e.g. `hiking`. */
  readonly key: string
  /** The brand that sells it. */
  readonly brand: DemoBrandId
  /** Whether its topics are sensitive (checked by a test against the resolver). */
  readonly sensitive: boolean
  /** Search phrase for `Products Searched`. */
  readonly query: string
  /** Its categories (non-empty); the first is the most common. */
  readonly categories: readonly DemoCategory[]
}

const line = (
  key: string,
  brand: DemoBrandId,
  query: string,
  categories: readonly DemoCategory[],
  sensitive = false,
): DemoProductLine => ({ key, brand, sensitive, query, categories })

/** Every product line of the demo catalogue. */
export const DEMO_PRODUCT_LINES: readonly DemoProductLine[] = Object.freeze([
  // Northwind Outdoor
  line('hiking', 'outdoor', 'hiking boots', [
    {
      category: 'Outdoors > Hiking > Boots',
      topic: 'outdoors.hiking.footwear',
      products: [
        ['Ridgeline Mid GTX Hiking Boot', 189],
        ['Switchback Trail Boot', 149],
        ['Summit Lite Hiker', 129],
      ],
    },
    {
      category: 'Outdoors/Hiking/Backpacks',
      topic: 'outdoors.hiking.backpacks',
      products: [
        ['Trailhead 28L Daypack', 99],
        ['Pathfinder 45L Pack', 179],
      ],
    },
    {
      category: 'outdoors > hiking > trekking poles',
      topic: 'outdoors.hiking.poles',
      products: [
        ['Carbon Trekking Poles', 119],
        ['Alloy Trekking Poles', 69],
      ],
    },
  ]),
  line('camping', 'outdoor', 'tent', [
    {
      category: 'Outdoors/Camping/Tents',
      topic: 'outdoors.camping.tents',
      products: [
        ['Basecamp 2P Tent', 249],
        ['Alpine 3P Tent', 349],
      ],
    },
    {
      category: 'Outdoors > Camping > Sleeping Bags',
      topic: 'outdoors.camping.sleeping_bags',
      products: [['Ember 20F Sleeping Bag', 159]],
    },
    {
      category: 'Outdoors > Camping > Stoves',
      topic: 'outdoors.camping.stoves',
      products: [['Pocket Canister Stove', 49]],
    },
  ]),
  line('running', 'outdoor', 'trail running shoes', [
    {
      category: 'Sports > Running > Shoes',
      topic: 'sports.running.footwear',
      products: [
        ['Tempo Road Running Shoe', 139],
        ['Fellside Trail Runner', 149],
      ],
    },
    {
      category: 'Sports & Fitness/Running/Apparel',
      topic: 'sports.running.apparel',
      products: [['Breeze Running Tee', 35]],
    },
  ]),
  line('cycling', 'outdoor', 'bike helmet', [
    {
      category: 'Sports > Cycling > Helmets',
      topic: 'sports.cycling.helmets',
      products: [['Aero MIPS Helmet', 129]],
    },
    {
      category: 'Bikes > Road Bikes',
      topic: 'sports.cycling.road',
      products: [['Velo Sport 105 Road Bike', 1499]],
    },
  ]),
  line('climbing', 'outdoor', 'climbing harness', [
    {
      category: 'Outdoors > Climbing > Harnesses',
      topic: 'outdoors.climbing.hardware',
      products: [['Crag Harness', 69]],
    },
    {
      category: 'Outdoors > Climbing > Climbing Shoes',
      topic: 'outdoors.climbing.shoes',
      products: [['Edge Pro Climbing Shoe', 159]],
    },
  ]),
  line('fishing', 'outdoor', 'fly rod', [
    {
      category: 'Sports & Outdoors > Fishing > Rods',
      topic: 'outdoors.fishing.rods_reels',
      products: [['Riverbend 9ft Fly Rod', 219]],
    },
    {
      category: 'Fishing > Tackle',
      topic: 'outdoors.fishing.tackle',
      products: [['Tackle Box Starter Kit', 39]],
    },
  ]),
  line('paddling', 'outdoor', 'kayak', [
    {
      category: 'Outdoors > Water Sports > Kayaks',
      topic: 'outdoors.paddling',
      products: [['Drift 10 Recreational Kayak', 599]],
    },
  ]),
  line('outdoor-apparel', 'outdoor', 'base layer', [
    {
      category: 'Outdoor Clothing/Base Layers',
      topic: 'outdoors.apparel.base_layers',
      products: [['Merino 200 Base Layer Top', 89]],
    },
  ]),
  line('luggage', 'outdoor', 'carry-on suitcase', [
    {
      category: 'Luggage & Travel Gear > Carry-On',
      topic: 'travel.luggage.suitcases',
      products: [
        ['Nomad 22in Carry-On', 229],
        ['Transit Hardside Spinner', 279],
      ],
    },
    {
      category: 'Travel > Backpacks',
      topic: 'travel.luggage.bags',
      products: [['Voyager 40L Travel Pack', 169]],
    },
    {
      category: 'Luggage & Travel Gear > Packing Cubes',
      topic: 'travel.accessories',
      products: [['Packing Cube Set', 39]],
    },
  ]),
  // Little Steps Baby & Kids
  line('nursery', 'littlesteps', 'crib', [
    {
      category: 'Baby & Kids > Nursery > Cribs',
      topic: 'baby_kids.nursery',
      products: [
        ['Willow Convertible Crib', 399],
        ['Maple Changing Table', 229],
      ],
    },
  ]),
  line('baby-gear', 'littlesteps', 'stroller', [
    {
      category: 'Baby & Kids > Strollers',
      topic: 'baby_kids.baby_gear.strollers',
      products: [['CityGlide Stroller', 449]],
    },
    {
      category: 'Baby & Kids > Car Seats',
      topic: 'baby_kids.baby_gear.car_seats',
      products: [['SafeRide Infant Car Seat', 279]],
    },
  ]),
  line('feeding', 'littlesteps', 'baby bottles', [
    {
      category: 'Baby & Kids > Feeding > Bottles',
      topic: 'baby_kids.feeding',
      products: [
        ['Anti-Colic Bottle 3-Pack', 29],
        ['Silicone Bib Set', 18],
      ],
    },
    {
      category: 'baby & kids/feeding/high chairs',
      topic: 'baby_kids.feeding',
      products: [['Grow High Chair', 189]],
    },
  ]),
  line('diapering', 'littlesteps', 'diapers', [
    {
      category: 'Baby > Diapering > Diapers',
      topic: 'baby_kids.diapering',
      products: [
        ['Soft Care Diapers Size 2', 42],
        ['Sensitive Wipes 6-Pack', 19],
      ],
    },
  ]),
  line('baby-clothing', 'littlesteps', 'baby bodysuit', [
    {
      category: 'Baby & Kids > Baby Clothing > Bodysuits',
      topic: 'baby_kids.baby_clothing',
      products: [
        ['Organic Cotton Bodysuit 5-Pack', 34],
        ['Knit Baby Cardigan', 28],
      ],
    },
  ]),
  line('kids-clothing', 'littlesteps', 'kids pajamas', [
    {
      category: 'Kids > Clothing > Pajamas',
      topic: 'baby_kids.kids_clothing',
      products: [['Glow Stars Pajama Set', 26]],
    },
  ]),
  line('baby-toys', 'littlesteps', 'rattle', [
    {
      category: 'Baby & Kids > Baby Toys > Rattles',
      topic: 'baby_kids.baby_toys',
      products: [
        ['Wooden Rattle', 16],
        ['Soft Activity Cube', 24],
      ],
    },
  ]),
  line('bath-care', 'littlesteps', 'baby bathtub', [
    {
      category: 'Baby & Kids > Bath > Baby Bathtubs',
      topic: 'baby_kids.bath_care',
      products: [['Foldable Baby Bathtub', 45]],
    },
  ]),
  line(
    'pregnancy',
    'littlesteps',
    'pregnancy test',
    [
      {
        category: 'Maternity > Pregnancy Tests',
        topic: 'life_events.expecting',
        products: [['Early Pregnancy Test 2-Pack', 15]],
      },
      {
        category: 'Health > Pregnancy > Prenatal Vitamins',
        topic: 'life_events.expecting',
        products: [['Prenatal Multivitamin 90ct', 24]],
      },
    ],
    true,
  ),
  line(
    'nursing',
    'littlesteps',
    'nursing bra',
    [
      {
        category: 'Baby & Kids > Maternity > Nursing Bras',
        topic: 'life_events.new_parent',
        products: [['Seamless Nursing Bra', 38]],
      },
    ],
    true,
  ),
  // Hearth Home
  line('cookware', 'hearth', 'cast iron skillet', [
    {
      category: 'Home & Kitchen > Cookware > Skillets',
      topic: 'home_garden.kitchen.cookware',
      products: [
        ['Cast Iron Skillet 12in', 59],
        ['Carbon Steel Pan', 79],
      ],
    },
    {
      category: 'Home & Kitchen/Cookware/Dutch Ovens',
      topic: 'home_garden.kitchen.cookware',
      products: [['Enameled Dutch Oven 5.5qt', 199]],
    },
  ]),
  line('bakeware', 'hearth', 'sheet pan', [
    {
      category: 'Home & Kitchen > Bakeware',
      topic: 'home_garden.kitchen.bakeware',
      products: [['Half Sheet Pan 2-Pack', 32]],
    },
  ]),
  line('knives', 'hearth', 'chef knife', [
    {
      category: 'Home & Kitchen > Cutlery > Chef Knives',
      topic: 'home_garden.kitchen.cutlery',
      products: [['8in Chef Knife', 129]],
    },
  ]),
  line('tableware', 'hearth', 'wine glasses', [
    {
      category: 'Home & Kitchen > Tableware > Wine Glasses',
      topic: 'home_garden.kitchen.tableware',
      products: [['Crystal Wine Glasses Set of 4', 49]],
    },
  ]),
  line('gardening', 'hearth', 'garden trowel', [
    {
      category: 'Garden & Outdoor > Gardening > Hand Tools',
      topic: 'home_garden.gardening.tools',
      products: [
        ['Stainless Trowel', 19],
        ['Bypass Pruners', 34],
      ],
    },
    {
      category: 'Garden > Seeds & Bulbs',
      topic: 'home_garden.gardening.plants',
      products: [['Heirloom Tomato Seeds', 6]],
    },
  ]),
  line('dogs', 'hearth', 'dog food', [
    {
      category: 'Pet Supplies > Dogs > Food',
      topic: 'pets.dogs.food',
      products: [['Grain-Free Dog Food 24lb', 64]],
    },
    { category: 'Pet Supplies > Dogs > Toys', topic: 'pets.dogs.toys', products: [['Rope Tug Toy', 12]] },
  ]),
  line('cats', 'hearth', 'cat litter', [
    {
      category: 'Pet Supplies > Cats > Litter',
      topic: 'pets.cats.litter',
      products: [['Clumping Cat Litter 20lb', 22]],
    },
  ]),
  line('books', 'hearth', 'mystery novel', [
    {
      category: 'Books > Fiction',
      topic: 'books.fiction',
      products: [['The Lighthouse Keeper (novel)', 17]],
    },
    {
      category: 'Books > Fiction > Mystery',
      topic: 'books.fiction.mystery',
      products: [['Murder at Hollow Lane', 15]],
    },
  ]),
  line('cookbooks', 'hearth', 'cookbook', [
    {
      category: 'Books > Cookbooks',
      topic: 'books.non_fiction.cookbooks',
      products: [['Weeknight Suppers', 29]],
    },
  ]),
  line('bedding', 'hearth', 'duvet cover', [
    {
      category: 'Home > Bedding > Duvet Covers',
      topic: 'home_garden.bed_bath.bedding',
      products: [['Linen Duvet Cover Queen', 149]],
    },
  ]),
  line('bath', 'hearth', 'bath towels', [
    {
      category: 'Home > Bath > Towels',
      topic: 'home_garden.bed_bath.towels',
      products: [['Turkish Towel Set', 59]],
    },
  ]),
  line('candles', 'hearth', 'soy candle', [
    {
      category: 'Home Decor > Candles',
      topic: 'home_garden.decor.candles',
      products: [['Cedar Soy Candle', 28]],
    },
  ]),
  line('audio', 'hearth', 'wireless headphones', [
    {
      category: 'Electronics > Audio > Headphones',
      topic: 'electronics.audio.headphones',
      products: [['Quiet Comfort Wireless Headphones', 249]],
    },
    {
      category: 'Electronics > Audio > Speakers',
      topic: 'electronics.audio.speakers',
      products: [['Bookshelf Speaker Pair', 199]],
    },
  ]),
  line('tools', 'hearth', 'cordless drill', [
    {
      category: 'Tools > Power Tools > Drills',
      topic: 'home_garden.improvement.tools',
      products: [
        ['20V Cordless Drill Kit', 129],
        ['Compact Hammer Drill', 159],
      ],
    },
  ]),
  line(
    'weight-loss',
    'hearth',
    'weight loss supplement',
    [
      {
        category: 'Health > Weight Loss > Supplements',
        topic: 'health.weight_loss.supplements',
        products: [['Metabolism Support Capsules', 34]],
      },
      {
        category: 'Health > Weight Loss > Meal Replacement Shakes',
        topic: 'health.weight_loss.meal_replacements',
        products: [['Chocolate Meal Shake 14ct', 39]],
      },
    ],
    true,
  ),
  line(
    'wine',
    'hearth',
    'red wine',
    [
      {
        category: 'Wine & Spirits > Red Wine',
        topic: 'food_drink.alcohol.wine',
        products: [['Valley Cabernet 2019', 24]],
      },
      {
        category: 'Home & Kitchen > Bar Tools > Cocktail Shakers',
        topic: 'food_drink.alcohol.spirits',
        products: [['Boston Cocktail Shaker', 29]],
      },
    ],
    true,
  ),
  line(
    'sleep',
    'hearth',
    'sleep aid',
    [
      {
        category: 'Health > Sleep > Sleep Aids',
        topic: 'health.conditions.sleep',
        products: [['Nighttime Sleep Aid 30ct', 12]],
      },
    ],
    true,
  ),
])

const LINES_BY_KEY = new Map(DEMO_PRODUCT_LINES.map((entry) => [entry.key, entry]))

/** The product line with this key; throws for an unknown key (a bug in the generator's tables). */
export function productLine(key: string): DemoProductLine {
  const found = LINES_BY_KEY.get(key)
  if (found === undefined) throw new Error(`unknown demo product line '${key}'`)
  return found
}

/** Non-sensitive lines of a brand (for casual browsing). */
export function ordinaryLines(brand: DemoBrandId): readonly DemoProductLine[] {
  return DEMO_PRODUCT_LINES.filter((entry) => entry.brand === brand && !entry.sensitive)
}

/** Baby and kids lines whose topics are ordinary `baby_kids.*` topics. */
export const BABY_LINE_KEYS = [
  'nursery',
  'baby-gear',
  'feeding',
  'diapering',
  'baby-clothing',
  'kids-clothing',
  'baby-toys',
  'bath-care',
] as const

/** Topics offers may target, with a human label for titles, per brand. Never sensitive (checked by a test). */
export const OFFER_TOPICS: Readonly<
  Record<DemoBrandId, readonly (readonly [topic: string, label: string])[]>
> = {
  outdoor: [
    ['outdoors.hiking', 'Hiking'],
    ['outdoors.hiking.footwear', 'Hiking Boots'],
    ['outdoors.hiking.backpacks', 'Hiking Packs'],
    ['outdoors.hiking.poles', 'Trekking Poles'],
    ['outdoors.camping', 'Camping'],
    ['outdoors.camping.tents', 'Tents'],
    ['outdoors.camping.sleeping_bags', 'Sleeping Bags'],
    ['outdoors.camping.stoves', 'Camp Stoves'],
    ['outdoors.climbing', 'Climbing'],
    ['outdoors.fishing', 'Fishing'],
    ['outdoors.paddling', 'Paddling'],
    ['outdoors.apparel.jackets', 'Jackets'],
    ['outdoors.apparel.base_layers', 'Base Layers'],
    ['outdoors.navigation', 'Navigation'],
    ['outdoors.hydration', 'Hydration'],
    ['sports.running', 'Running'],
    ['sports.running.footwear', 'Running Shoes'],
    ['sports.running.trail', 'Trail Running'],
    ['sports.cycling', 'Cycling'],
    ['sports.cycling.helmets', 'Bike Helmets'],
    ['sports.winter_sports.skiing', 'Skiing'],
    ['travel.luggage', 'Luggage'],
    ['travel.luggage.bags', 'Travel Bags'],
    ['electronics.wearables', 'GPS Watches'],
  ],
  littlesteps: [
    ['baby_kids', 'Baby & Kids'],
    ['baby_kids.nursery', 'Nursery'],
    ['baby_kids.baby_gear.strollers', 'Strollers'],
    ['baby_kids.baby_gear.car_seats', 'Car Seats'],
    ['baby_kids.feeding', 'Feeding'],
    ['baby_kids.diapering', 'Diapering'],
    ['baby_kids.baby_clothing', 'Baby Clothing'],
    ['baby_kids.kids_clothing', 'Kids Clothing'],
    ['baby_kids.baby_toys', 'Baby Toys'],
    ['baby_kids.bath_care', 'Bath Time'],
    ['baby_kids.safety', 'Baby Safety'],
    ['toys_games.toys.building', 'Building Toys'],
    ['books.childrens', "Children's Books"],
  ],
  hearth: [
    ['home_garden.kitchen.cookware', 'Cookware'],
    ['home_garden.kitchen.bakeware', 'Bakeware'],
    ['home_garden.kitchen.cutlery', 'Knives'],
    ['home_garden.kitchen.coffee_makers', 'Coffee Makers'],
    ['home_garden.kitchen.tableware', 'Tableware'],
    ['home_garden.gardening', 'Gardening'],
    ['home_garden.gardening.tools', 'Garden Tools'],
    ['pets.dogs', 'Dog Supplies'],
    ['pets.dogs.food', 'Dog Food'],
    ['pets.cats', 'Cat Supplies'],
    ['books.fiction', 'Fiction'],
    ['books.non_fiction.cookbooks', 'Cookbooks'],
    ['home_garden.bed_bath.bedding', 'Bedding'],
    ['home_garden.bed_bath.towels', 'Towels'],
    ['home_garden.decor', 'Home Decor'],
    ['home_garden.decor.candles', 'Candles'],
    ['electronics.audio.headphones', 'Headphones'],
    ['electronics.audio.speakers', 'Speakers'],
    ['home_garden.improvement.tools', 'Power Tools'],
  ],
}

/** First names associated with a gender in the synthetic data (so that a name is a measurable proxy). */
export const FIRST_NAMES: Readonly<Record<'female' | 'male' | 'neutral', readonly string[]>> = {
  female: [
    'Ava',
    'Maya',
    'Chloe',
    'Nora',
    'Leah',
    'Priya',
    'Sofia',
    'Grace',
    'Hannah',
    'Amara',
    'Elena',
    'Mei',
    'Fatima',
    'Lucia',
    'Ingrid',
    'Zoe',
    'Isla',
    'Rosa',
    'Aisha',
    'Claire',
  ],
  male: [
    'Liam',
    'Noah',
    'Ethan',
    'Mateo',
    'Omar',
    'Kenji',
    'Lucas',
    'Samuel',
    'Ravi',
    'Jonas',
    'Diego',
    'Felix',
    'Kwame',
    'Hugo',
    'Arjun',
    'Owen',
    'Leo',
    'Tomas',
    'Malik',
    'Henry',
  ],
  neutral: ['Alex', 'Jordan', 'Taylor', 'Sam', 'Robin', 'Casey', 'Riley', 'Quinn', 'Avery', 'Jamie'],
}

/** Synthetic last names. */
export const LAST_NAMES: readonly string[] = [
  'Nguyen',
  'Smith',
  'Garcia',
  'Okafor',
  'Kim',
  'Müller',
  'Rossi',
  'Patel',
  'Johnson',
  'Silva',
  'Haddad',
  'Novak',
  'Brown',
  'Tanaka',
  'Lopez',
  'Andersen',
  'Walker',
  'Cohen',
  'Mensah',
  'Dubois',
  'Kowalski',
  'Reyes',
  'Singh',
  'Olsen',
  'Murphy',
  'Santos',
  'Ibrahim',
  'Fischer',
  'Chen',
  'Moreau',
]

/** Synthetic US addresses: city and ZIP code. */
export const CITIES: readonly (readonly [city: string, postalCode: string])[] = [
  ['Portland', '97205'],
  ['Denver', '80202'],
  ['Boulder', '80302'],
  ['Seattle', '98101'],
  ['Austin', '78701'],
  ['Minneapolis', '55401'],
  ['Asheville', '28801'],
  ['Burlington', '05401'],
  ['Salt Lake City', '84101'],
  ['Chicago', '60601'],
  ['Atlanta', '30303'],
  ['Oakland', '94612'],
]
