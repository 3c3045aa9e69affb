/**
 * One mapping rule from category keywords to a topic.
 *
 * `pattern` lists keyword phrases; the rule matches a category path when every phrase occurs in it,
 * each phrase as contiguous words within one path segment, at non-overlapping places, in any order.
 * Phrases are normalized like categories (case, accents, `&` = `and`, punctuation, plurals), so
 * `['Pet Supplies', 'Dogs']` and `['pet supply', 'dog']` are the same rule. A one-phrase pattern is a
 * keyword (synonym) of its topic; a longer pattern reads a keyword in context (`['dog', 'food']` →
 * dog food, not groceries).
 *
 * @example
 * const rule: CategoryRule = { pattern: ['hiking', 'boots'], topic: 'outdoors.hiking.footwear' }
 */
export interface CategoryRule {
  /** Keyword phrases that must all occur in the category path. Never empty. */
  readonly pattern: readonly string[]
  /** The topic id the rule maps to; must exist in the taxonomy the resolver is built with. */
  readonly topic: string
}

/**
 * The default keyword table: topic id, then comma-separated entries. An entry is a keyword phrase,
 * or phrases joined by ` + ` that must occur together. Kept compact so that a reviewer can read
 * every default mapping of a topic on one line.
 */
const TABLE: readonly (readonly [topic: string, entries: string])[] = [
  // Apparel
  ['apparel', 'apparel, clothing, clothes, fashion, garment, menswear, womenswear'],
  ['apparel.tops', 'top, shirt, blouse, polo, tank top, tunic, camisole'],
  ['apparel.tops.t_shirts', 't shirt, tshirt, tee, graphic tee'],
  ['apparel.tops.sweaters', 'sweater, hoodie, sweatshirt, cardigan, knitwear, jumper, pullover'],
  ['apparel.bottoms', 'pant, trouser, short, chino, jogger, bottom'],
  ['apparel.bottoms.jeans', 'jean, denim'],
  ['apparel.dresses', 'dress, skirt, gown, jumpsuit'],
  ['apparel.outerwear', 'outerwear, coat, jacket, parka, puffer, blazer + coat, vest, gilet, windbreaker'],
  ['apparel.outerwear.rainwear', 'rainwear, raincoat, rain jacket, poncho'],
  [
    'apparel.activewear',
    'activewear, athleisure, sportswear, legging, athletic + apparel, athletic + clothing, gym + apparel, gym + clothing, gym wear, fitness + apparel, fitness + clothing, workout + clothing, workout + apparel, sports bra',
  ],
  ['apparel.swimwear', 'swimwear, swimsuit, bikini, swim trunk, boardshort, bathing suit'],
  ['apparel.sleepwear', 'sleepwear, pajama, pyjama, loungewear, nightgown, robe'],
  ['apparel.underwear', 'underwear, lingerie, bra, brief, boxer, intimates'],
  ['apparel.underwear.socks', 'sock, hosiery, tight'],
  ['apparel.formalwear', 'formal wear, formalwear, suit, tuxedo, blazer, evening wear'],
  ['apparel.workwear', 'workwear, uniform, scrub, work boot, safety boot, hi vis'],
  ['apparel.footwear', 'shoe, footwear'],
  ['apparel.footwear.sneakers', 'sneaker, trainer + shoe, athletic shoe, canvas shoe'],
  ['apparel.footwear.boots', 'boot, bootie, chelsea boot, ankle boot'],
  ['apparel.footwear.sandals', 'sandal, flip flop, slide'],
  ['apparel.footwear.dress_shoes', 'dress shoe, heel, loafer, oxford, pump + shoe, flat + shoe, moccasin'],
  ['apparel.footwear.slippers', 'slipper'],
  ['apparel.accessories', 'fashion accessory, clothing accessory, accessory + apparel, accessory + fashion'],
  ['apparel.accessories.bags', 'handbag, purse, wallet, tote, clutch, crossbody, bag + fashion'],
  ['apparel.accessories.hats', 'hat, cap, beanie, headwear, visor'],
  ['apparel.accessories.belts', 'belt, suspender'],
  ['apparel.accessories.scarves_gloves', 'scarf, scarve, glove, mitten, cold weather accessory'],
  ['apparel.accessories.sunglasses', 'sunglass, sunglasses, shades'],
  ['apparel.jewelry', 'jewelry, jewellery, jewel, fine jewelry, fashion jewelry'],
  ['apparel.jewelry.rings', 'ring + jewelry, ring + jewellery, ring + gold, ring + silver, ring + diamond'],
  ['apparel.jewelry.necklaces', 'necklace, pendant, chain + jewelry'],
  ['apparel.jewelry.earrings', 'earring, stud + earring'],
  ['apparel.jewelry.bracelets', 'bracelet, bangle, anklet'],
  ['apparel.watches', 'watch, wristwatch, timepiece'],
  ['apparel.costumes', 'costume, cosplay, dress up'],
  [
    'apparel.vintage',
    'vintage, secondhand, second hand, pre owned, preowned, preloved, pre loved, thrift, resale',
  ],
  ['apparel.luxury', 'luxury fashion, designer, haute couture, luxury + apparel, luxury + handbag'],

  // Outdoors
  ['outdoors', 'outdoor, outdoors, outdoor recreation, outdoor gear'],
  ['outdoors.hiking', 'hiking, hike, hiker, trekking, backpacking, trail + hiking'],
  [
    'outdoors.hiking.footwear',
    'hiking + boot, hiking + shoe, hiking + footwear, hiking + sock, trekking + boot, trekking + shoe, approach shoe, hiking boot, hiking shoe',
  ],
  [
    'outdoors.hiking.backpacks',
    'hiking + backpack, hiking + pack, hiking + bag, daypack, day pack, trekking + backpack, backpacking pack, backpacking + backpack',
  ],
  ['outdoors.hiking.poles', 'trekking pole, hiking pole, walking pole, hiking + pole'],
  ['outdoors.camping', 'camping, camp, campsite, camping gear, camping equipment'],
  ['outdoors.camping.tents', 'tent, camping + shelter, bivy, tarp + camping, backpacking tent'],
  [
    'outdoors.camping.sleeping_bags',
    'sleeping bag, sleeping pad, sleeping mat, camping + mattress, camping + pillow, air mattress + camping',
  ],
  [
    'outdoors.camping.stoves',
    'camp stove, camping stove, backpacking stove, camping + cookware, camp + cookware, camp kitchen, camping + cooking, camping + stove, camping + kitchen',
  ],
  [
    'outdoors.camping.furniture',
    'camp chair, camping chair, camping + chair, camping + furniture, camp furniture, camping table, hammock, cot + camping',
  ],
  ['outdoors.camping.lighting', 'headlamp, head torch, lantern, camping + lighting, camping + light'],
  ['outdoors.climbing', 'climbing, climb, rock climbing, climber'],
  [
    'outdoors.climbing.hardware',
    'carabiner, climbing rope, belay, quickdraw, climbing + harness, climbing + rope, climbing + hardware, chalk bag, climbing + helmet, ice axe, crampon',
  ],
  ['outdoors.climbing.shoes', 'climbing + shoe, climbing shoe'],
  ['outdoors.climbing.bouldering', 'bouldering, crash pad'],
  ['outdoors.mountaineering', 'mountaineering, alpinism, alpine climbing'],
  ['outdoors.fishing', 'fishing, angling, angler, fishing gear'],
  [
    'outdoors.fishing.rods_reels',
    'fishing + rod, fishing + reel, rod + reel, fishing rod, fishing reel, spinning reel, baitcasting',
  ],
  [
    'outdoors.fishing.tackle',
    'tackle, lure, fishing + line, fishing + hook, bait, fishing + tackle, tackle box',
  ],
  ['outdoors.fishing.fly_fishing', 'fly fishing, fly rod, fly tying, fly + fishing'],
  ['outdoors.hunting', 'hunting, hunter, hunt, archery + hunting, game call'],
  [
    'outdoors.hunting.apparel',
    'hunting + apparel, hunting + clothing, hunting + jacket, hunting + boot, camo, camouflage',
  ],
  [
    'outdoors.hunting.optics',
    'binocular, rifle scope, spotting scope, rangefinder, trail camera, hunting + optic',
  ],
  ['outdoors.paddling', 'kayak, kayaking, canoe, canoeing, paddling, paddle + kayak'],
  ['outdoors.boating', 'boating, sailing, boat, marine, sailboat, boat + accessory'],
  ['outdoors.apparel', 'outdoor + clothing, outdoor + apparel, outdoor + wear, outdoor clothing'],
  [
    'outdoors.apparel.jackets',
    'outdoor + jacket, softshell, hardshell, shell jacket, insulated jacket, down jacket, waterproof jacket, outdoor + shell',
  ],
  [
    'outdoors.apparel.base_layers',
    'base layer, baselayer, fleece, thermal + underwear, merino, mid layer, midlayer',
  ],
  [
    'outdoors.navigation',
    'gps + handheld, handheld gps, compass, navigation + outdoor, outdoor + gps, map + topographic',
  ],
  [
    'outdoors.survival',
    'survival, emergency gear, bushcraft, survival kit, emergency + kit, fire starter, water filter + outdoor',
  ],
  [
    'outdoors.hydration',
    'water bottle, hydration, hydration pack, hydration bladder, insulated bottle, tumbler',
  ],
  [
    'outdoors.knives_tools',
    'pocket knife, multi tool, multitool, hunting knife, fixed blade, folding knife, outdoor + knife',
  ],
  [
    'outdoors.birdwatching',
    'birdwatching, bird watching, birding, wildlife watching, bird feeder, bird house',
  ],

  // Sports and fitness
  ['sports', 'sport, sporting good, athletic, athletics, sports equipment'],
  ['sports.running', 'running, run, runner, jogging, jog'],
  [
    'sports.running.footwear',
    'running + shoe, running + footwear, running + sneaker, running + trainer, runner + shoe, running shoe, road running shoe',
  ],
  [
    'sports.running.apparel',
    'running + apparel, running + clothing, running + short, running + tight, running + jacket, running + top, running + shirt, running + sock, running + vest',
  ],
  ['sports.running.trail', 'trail running, trail run, trail runner, trail + running, trail running shoe'],
  ['sports.running.races', 'marathon, half marathon, race entry, 5k, 10k, ultramarathon, ultra running'],
  [
    'sports.running.watches',
    'running watch, gps watch, running + watch, gps + watch, sport watch, multisport watch',
  ],
  ['sports.cycling', 'cycling, cyclist, bike, bicycle, biking, bikes'],
  [
    'sports.cycling.bikes',
    'bike + bicycle, complete bike, hybrid bike, gravel bike, kid bike, city bike, commuter bike, cycling + bike, bmx',
  ],
  [
    'sports.cycling.road',
    'road bike, road cycling, road bicycle, road + cycling, road + bike, triathlon bike',
  ],
  [
    'sports.cycling.mountain_biking',
    'mountain bike, mountain biking, mtb, downhill bike, enduro bike, mountain + bike',
  ],
  ['sports.cycling.e_bikes', 'e bike, ebike, electric bike, electric bicycle, pedelec, e bicycle'],
  [
    'sports.cycling.apparel',
    'cycling + apparel, cycling + clothing, cycling + jersey, cycling + short, cycling + bib, cycling + jacket, cycling + glove, cycling + shoe, bike + apparel, bike + clothing, bike + short, cycling + sock, bike + shoe',
  ],
  ['sports.cycling.helmets', 'bike + helmet, cycling + helmet, bicycle + helmet, bike helmet'],
  [
    'sports.cycling.parts',
    'bike + part, bike + accessory, bike + component, bicycle + part, bicycle + accessory, cycling + part, cycling + accessory, cycling + component, bike light, bike lock, bike pump, bike + tire, bike + tyre, bike + wheel, bike + saddle, bike rack, bike computer, derailleur, chainring, bike + tool, bike + pedal, bike + light, bike + lock, bike + pump, cycling + computer',
  ],
  [
    'sports.fitness',
    'fitness, gym, workout, exercise, training + fitness, fitness equipment, exercise equipment, home gym',
  ],
  [
    'sports.fitness.strength',
    'dumbbell, kettlebell, barbell, weight plate, weight lifting, weightlifting, strength training, weight bench, power rack, resistance band, strength + equipment, free weight, strength',
  ],
  [
    'sports.fitness.cardio',
    'treadmill, elliptical, rowing machine, rower + indoor, exercise bike, stationary bike, spin bike, indoor cycling, indoor + bike, cardio, cardio equipment, stair climber',
  ],
  ['sports.fitness.yoga', 'yoga, pilates, yoga mat, yoga + mat, yoga block, barre'],
  [
    'sports.fitness.hiit',
    'hiit, high intensity interval training, crossfit, interval training, plyometric, jump rope',
  ],
  [
    'sports.fitness.trackers',
    'fitness tracker, activity tracker, heart rate monitor, fitness + tracker, fitness + watch, step counter, pedometer',
  ],
  [
    'sports.fitness.nutrition',
    'sports nutrition, protein, protein powder, pre workout, preworkout, creatine, bcaa, energy gel, electrolyte, protein bar, recovery drink, whey',
  ],
  ['sports.team_sports', 'team sport, team sports, football'],
  ['sports.team_sports.soccer', 'soccer, soccer ball, futsal, football boot, soccer cleat, shin guard'],
  ['sports.team_sports.basketball', 'basketball, hoop + basketball, basketball shoe'],
  [
    'sports.team_sports.baseball',
    'baseball, softball, baseball bat, baseball glove, batting glove, baseball cleat, mitt + baseball',
  ],
  [
    'sports.team_sports.american_football',
    'american football, nfl, gridiron, football helmet, football + shoulder pad',
  ],
  ['sports.team_sports.hockey', 'hockey, ice hockey, field hockey, hockey stick, hockey skate, puck'],
  ['sports.team_sports.volleyball', 'volleyball, beach volleyball'],
  ['sports.team_sports.rugby', 'rugby, rugby ball'],
  ['sports.team_sports.cricket', 'cricket, cricket bat, cricket ball'],
  ['sports.team_sports.lacrosse', 'lacrosse'],
  ['sports.racket_sports', 'racket sport, racquet sport, racket, racquet'],
  ['sports.racket_sports.tennis', 'tennis, tennis racket, tennis racquet, tennis ball, tennis shoe'],
  ['sports.racket_sports.badminton', 'badminton, shuttlecock'],
  [
    'sports.racket_sports.squash',
    'squash racket, squash racquet, squash + racket, squash + racquet, squash ball, racquetball',
  ],
  ['sports.racket_sports.table_tennis', 'table tennis, ping pong, pingpong'],
  ['sports.racket_sports.pickleball', 'pickleball, padel, paddle + pickleball'],
  ['sports.golf', 'golf, golfing, golfer, golf ball, golf bag, golf cart, putting green'],
  [
    'sports.golf.clubs',
    'golf + club, golf club, driver + golf, iron + golf, putter, wedge + golf, golf + iron',
  ],
  [
    'sports.golf.apparel',
    'golf + apparel, golf + clothing, golf + shoe, golf + glove, golf + shirt, golf + polo, golf shoe',
  ],
  ['sports.water_sports', 'water sport, water sports, watersport, wakeboard, water ski, waterskiing'],
  ['sports.water_sports.swimming', 'swimming, swim, swim goggle, swim + goggle, swim cap, lap swimming'],
  ['sports.water_sports.surfing', 'surf, surfing, surfboard, wetsuit, bodyboard, kitesurfing'],
  [
    'sports.water_sports.diving',
    'scuba, snorkel, snorkeling, snorkelling, diving, dive, freediving, dive computer',
  ],
  [
    'sports.water_sports.paddleboarding',
    'paddle board, paddleboard, paddleboarding, stand up paddle, sup board',
  ],
  [
    'sports.winter_sports',
    'winter sport, winter sports, snow sport, snowsport, sled, sledding, snowshoe, snowshoeing',
  ],
  [
    'sports.winter_sports.skiing',
    'ski, skiing, skier, ski + boot, ski + goggle, ski + jacket, ski + pant, cross country ski, ski pole, ski wear, skiwear',
  ],
  [
    'sports.winter_sports.snowboarding',
    'snowboard, snowboarding, snowboarder, snowboard + boot, snowboard + binding',
  ],
  ['sports.winter_sports.skating', 'ice skate, ice skating, figure skating, figure skate, ice + skate'],
  ['sports.combat_sports', 'combat sport, combat sports, mma, mixed martial art'],
  [
    'sports.combat_sports.boxing',
    'boxing, boxing glove, punching bag, heavy bag, boxing + glove, kickboxing',
  ],
  [
    'sports.combat_sports.martial_arts',
    'martial art, martial arts, karate, judo, taekwondo, jiu jitsu, bjj, kung fu, aikido, gi + martial',
  ],
  [
    'sports.skateboarding',
    'skateboard, skateboarding, skate, longboard, roller skate, inline skate, rollerblade, kick scooter, skatepark',
  ],
  [
    'sports.equestrian',
    'equestrian, horse riding, horseback riding, riding + boot, riding helmet, dressage, show jumping',
  ],
  ['sports.motorsports', 'motorsport, motor sport, formula 1, nascar, motogp, karting, racing + motor'],
  [
    'sports.fan_gear',
    'fan gear, fan shop, fanwear, fan + apparel, jersey, memorabilia, team + apparel, licensed + apparel, team store',
  ],

  // Baby and kids (ordinary retail topics)
  [
    'baby_kids',
    'baby, infant, toddler, kid, child, children, childrens, youth, junior, boy, girl, newborn, little one',
  ],
  [
    'baby_kids.baby_gear',
    'baby gear, baby + gear, baby + travel system, travel system, bouncer, baby swing, playpen, play yard',
  ],
  ['baby_kids.baby_gear.strollers', 'stroller, pram, pushchair, buggy, jogging stroller'],
  [
    'baby_kids.baby_gear.car_seats',
    'car seat, booster seat, infant seat, car + seat + baby, car seat + baby',
  ],
  ['baby_kids.baby_gear.carriers', 'baby carrier, baby wrap, baby sling, baby + carrier, baby + sling'],
  [
    'baby_kids.nursery',
    'nursery, crib, cot, bassinet, changing table, crib mattress, nursery + decor, nursery + furniture, baby + furniture, moses basket',
  ],
  [
    'baby_kids.feeding',
    'baby feeding, baby + feeding, baby bottle, baby + bottle, baby formula, infant formula, baby + formula, high chair, highchair, baby food, baby + food, sippy cup, pacifier, dummy + baby, teether, bottle warmer, sterilizer + bottle, bib + baby, toddler + feeding, toddler + food, toddler + snack',
  ],
  [
    'baby_kids.diapering',
    'diaper, nappy, nappie, diapering, baby wipe, wipe + baby, changing pad, potty, potty training, diaper bag',
  ],
  [
    'baby_kids.baby_clothing',
    'baby + clothing, baby + clothes, baby + apparel, onesie, babygrow, baby + bodysuit, infant + clothing, newborn + clothing, toddler + clothing, baby + outfit, baby + sock',
  ],
  [
    'baby_kids.kids_clothing',
    'kid + clothing, kid + clothes, kid + apparel, kidswear, childrenswear, children + clothing, childrens + clothing, boy + clothing, girl + clothing, boy + apparel, girl + apparel, kid + fashion, youth + apparel, youth + clothing, kid + jacket, kid + coat, kid + pajama, kid + dress, girl + dress, school uniform',
  ],
  [
    'baby_kids.kids_shoes',
    'kid + shoe, children + shoe, childrens + shoe, boy + shoe, girl + shoe, baby + shoe, toddler + shoe, kid + footwear, kid + sneaker, kid + boot, youth + shoe, kid + sandal',
  ],
  [
    'baby_kids.baby_toys',
    'baby + toy, toddler + toy, infant + toy, rattle, activity gym, play mat + baby, baby + activity, teething + toy, stacking toy',
  ],
  [
    'baby_kids.bath_care',
    'baby + bath, baby + skin, baby + lotion, baby + shampoo, baby + skincare, baby + skin care, baby + toiletry, baby bath, baby wash, baby + grooming, diaper cream, nappy cream, baby + sunscreen',
  ],
  [
    'baby_kids.safety',
    'baby gate, baby monitor, baby + safety, baby + monitor, childproof, child safety, baby proofing, outlet cover + baby',
  ],
  [
    'baby_kids.kids_room',
    'kid + furniture, kid + room, kid + bedding, kid + bed, bunk bed, toddler bed, children + furniture, kid + decor, toddler + bed',
  ],
  [
    'baby_kids.activities',
    'kid + craft, kid + activity, children + activity, kid + art, craft kit + kid, coloring book, colouring book, kid + craft kit',
  ],

  // Toys and games
  ['toys_games', 'game, toys game, toy store, games'],
  ['toys_games.toys', 'toy, plaything, kid + toy, children + toy'],
  [
    'toys_games.toys.building',
    'lego, building block, building toy, construction toy, building set, magnetic tile, duplo',
  ],
  [
    'toys_games.toys.dolls',
    'doll, action figure, plush, stuffed animal, teddy, teddy bear, dollhouse, doll house, figurine + toy, soft toy',
  ],
  [
    'toys_games.toys.educational',
    'stem, stem toy, educational toy, learning toy, science kit, coding toy, educational + toy, learning + toy',
  ],
  [
    'toys_games.toys.outdoor_play',
    'outdoor play, swing set, trampoline, playhouse, sandbox, sandpit, water table, outdoor + toy, ride on, slide + play, bubble + toy',
  ],
  ['toys_games.toys.remote_control', 'remote control, rc car, radio control, rc + toy, remote control car'],
  [
    'toys_games.board_games',
    'board game, puzzle, jigsaw, card game, tabletop, tabletop game, party game, chess, strategy game + board, dice game, family game',
  ],
  [
    'toys_games.video_games',
    'video game, videogame, gaming, game + console, game + video, game + pc, esport, gamer',
  ],
  [
    'toys_games.video_games.consoles',
    'console, game console, playstation, xbox, nintendo, nintendo switch, ps5, ps4, handheld console, gaming console',
  ],
  [
    'toys_games.video_games.pc_gaming',
    'pc gaming, gaming pc, gaming mouse, gaming keyboard, gaming headset, gaming monitor, gaming chair, gaming laptop, gaming + pc',
  ],
  [
    'toys_games.collectibles',
    'trading card, collectible, collectable, pokemon, funko, tcg, card + trading, collector + figure, trading card game',
  ],

  // Home and garden
  [
    'home_garden',
    'home, house, home garden, home living, homeware, housewares, home goods, home furnishing, home kitchen, home improvement garden',
  ],
  [
    'home_garden.kitchen',
    'kitchen, dining, kitchen dining, kitchenware, cooking + kitchen, kitchen + dining',
  ],
  [
    'home_garden.kitchen.cookware',
    'cookware, pot pan, pots pans, pan, frying pan, skillet, saucepan, dutch oven, wok, stockpot, casserole dish, cookware set, griddle, cast iron, nonstick, non stick',
  ],
  [
    'home_garden.kitchen.bakeware',
    'bakeware, baking dish, baking sheet, baking pan, cake pan, muffin tin, loaf pan, baking, baking tray, pie dish, cookie sheet, baking + kitchen',
  ],
  [
    'home_garden.kitchen.cutlery',
    'knife, knive, knives, cutlery, knife block, chef knife, kitchen knife, knife set, knife sharpener, steak knife',
  ],
  [
    'home_garden.kitchen.small_appliances',
    'small appliance, kitchen appliance, blender, juicer, toaster, air fryer, stand mixer, hand mixer, food processor, slow cooker, pressure cooker, instant pot, electric kettle, kettle, microwave, rice cooker, waffle maker, sous vide, bread maker, ice cream maker, kitchen + appliance, small kitchen appliance',
  ],
  [
    'home_garden.kitchen.coffee_makers',
    'coffee maker, coffee machine, espresso machine, espresso maker, coffee grinder, french press, pour over, moka pot, coffee + brewer, espresso, drip coffee, cold brew maker',
  ],
  [
    'home_garden.kitchen.tableware',
    'dinnerware, tableware, plate, bowl, glassware, drinkware, mug, flatware, silverware, serveware, table linen, tablecloth, napkin, placemat, dish set, dinner set, wine glass, cup + saucer',
  ],
  [
    'home_garden.kitchen.food_storage',
    'food storage, food container, storage + food, lunch box, bento, jar + storage, canister, meal prep container, vacuum sealer',
  ],
  [
    'home_garden.kitchen.utensils',
    'utensil, kitchen gadget, kitchen tool, cutting board, chopping board, kitchen utensil, spatula, whisk, measuring cup, colander, peeler, grater, can opener, kitchen + tool, kitchen + gadget, kitchen + accessory',
  ],
  ['home_garden.furniture', 'furniture, chair, furnishing, table + furniture'],
  [
    'home_garden.furniture.living_room',
    'sofa, couch, sectional, armchair, recliner, coffee table, tv stand, living room, loveseat, ottoman, side table, bookcase, media console, living room + furniture',
  ],
  [
    'home_garden.furniture.bedroom',
    'bed frame, dresser, nightstand, bedside table, bedroom, headboard, wardrobe, chest of drawers, bedroom + furniture, bedroom furniture, platform bed',
  ],
  [
    'home_garden.furniture.dining',
    'dining table, dining chair, dining room, bar stool, dining set, kitchen table, dining + furniture, buffet + sideboard, sideboard',
  ],
  [
    'home_garden.furniture.office',
    'desk, office chair, home office, standing desk, desk chair, office + furniture, filing cabinet, home office furniture, ergonomic chair',
  ],
  [
    'home_garden.furniture.outdoor',
    'patio furniture, outdoor furniture, garden furniture, outdoor + furniture, patio + furniture, garden + furniture, lounger, sun lounger, outdoor + seating, patio + set, patio + chair, adirondack, outdoor + sofa',
  ],
  [
    'home_garden.decor',
    'decor, home decor, decoration, home accent, decorative, ornament + home, vase, throw pillow, cushion, decorative pillow, throw blanket, faux plant, artificial plant, home decoration',
  ],
  [
    'home_garden.decor.wall_art',
    'wall art, wall decor, poster, art print, framed art, picture frame, photo frame, mirror, canvas print, wall mirror, wall + art, wall + decor, wall hanging, tapestry, wall clock',
  ],
  [
    'home_garden.decor.rugs',
    'rug, carpet, area rug, runner + rug, doormat, door mat, outdoor rug, rug + carpet',
  ],
  [
    'home_garden.decor.candles',
    'candle, diffuser, home fragrance, wax melt, reed diffuser, room spray, incense, candle holder, scented candle, candle + holder',
  ],
  [
    'home_garden.decor.lighting',
    'lamp, lighting, light fixture, chandelier, pendant light, floor lamp, table lamp, ceiling light, sconce, string light, fairy light, led light, light bulb, lighting + home, outdoor lighting',
  ],
  [
    'home_garden.decor.window',
    'curtain, blind, drape, window treatment, shade + window, roller blind, curtain rod, window + covering, shutter + window',
  ],
  [
    'home_garden.bed_bath',
    'bed bath, bed, bath, bathroom, bath + bed, bathroom + accessory, bathroom + decor',
  ],
  [
    'home_garden.bed_bath.bedding',
    'bedding, bed sheet, sheet set, duvet, duvet cover, comforter, pillow, quilt, blanket, bedspread, pillowcase, mattress protector, bed linen, linen + bed, weighted blanket, bedding + set',
  ],
  [
    'home_garden.bed_bath.mattresses',
    'mattress, mattress topper, memory foam, box spring, mattress + bed, hybrid mattress',
  ],
  [
    'home_garden.bed_bath.towels',
    'towel, bath towel, bath mat, shower curtain, bath linen, bathrobe, hand towel, beach towel, bath + towel, bath + rug',
  ],
  ['home_garden.appliances', 'appliance, home appliance, household appliance, large appliance'],
  [
    'home_garden.appliances.vacuums',
    'vacuum, vacuum cleaner, robot vacuum, robotic vacuum, floor care, steam mop, carpet cleaner, cordless vacuum, stick vacuum',
  ],
  [
    'home_garden.appliances.laundry',
    'washer, dryer, washing machine, tumble dryer, laundry + appliance, washer dryer, iron + clothes, steamer + clothes, laundry, ironing board, clothes iron, garment steamer',
  ],
  [
    'home_garden.appliances.climate',
    'air conditioner, air conditioning, heater, space heater, air purifier, humidifier, dehumidifier, heating, cooling, heating cooling, thermostat, ceiling fan, tower fan, desk fan, fan + cooling, fireplace, wood stove, hvac, air quality',
  ],
  [
    'home_garden.appliances.major',
    'refrigerator, fridge, freezer, dishwasher, range + oven, oven, cooktop, wall oven, range hood, major appliance, stove + kitchen, ice maker',
  ],
  [
    'home_garden.gardening',
    'garden, gardening, gardener, garden supply, garden + outdoor, garden center, garden centre, patio lawn garden, lawn garden, yard garden, grow + garden',
  ],
  [
    'home_garden.gardening.plants',
    'plant, seed, houseplant, house plant, succulent, flower seed, bulb + flower, vegetable seed, garden + flower, garden + plant, tree + plant, shrub, perennial, annual + plant, live plant, plant nursery, climbing plant, indoor plant, outdoor plant, herb + seed, seedling',
  ],
  [
    'home_garden.gardening.tools',
    'garden tool, gardening tool, shovel, spade, pruner, pruning shear, rake, hose, garden hose, watering can, wheelbarrow, hedge trimmer, trowel, sprinkler, garden + tool, gardening glove, garden + glove, secateur, loppers',
  ],
  [
    'home_garden.gardening.planters',
    'planter, pot + plant, plant pot, flower pot, raised bed, raised garden bed, window box, pot + planter, plant + stand, hanging basket',
  ],
  [
    'home_garden.gardening.lawn_care',
    'lawn, lawn care, mower, lawn mower, lawnmower, fertilizer, fertiliser, leaf blower, grass seed, weed killer, string trimmer, weed eater, lawn + garden, yard care, lawn + mower, robotic mower, edger, compost, soil, mulch',
  ],
  [
    'home_garden.outdoor_living',
    'patio, outdoor living, backyard, garden decor, fire pit, firepit, outdoor heater, patio heater, gazebo, pergola, umbrella + patio, awning, outdoor + decor, deck',
  ],
  [
    'home_garden.outdoor_living.grills',
    'grill, bbq, barbecue, barbeque, smoker + grill, pellet grill, gas grill, charcoal grill, outdoor cooking, pizza oven, grilling, grill + accessory, griddle + outdoor, outdoor kitchen, kamado',
  ],
  [
    'home_garden.outdoor_living.pools',
    'pool, swimming pool, hot tub, spa + hot tub, above ground pool, pool + supply, pool + chemical, pool float, pool cleaner, sauna',
  ],
  [
    'home_garden.improvement',
    'home improvement, diy, do it yourself, renovation, building supply, building material, construction + material, lumber',
  ],
  [
    'home_garden.improvement.tools',
    'tool, power tool, hand tool, drill, saw, tool set, toolbox, tool box, cordless drill, circular saw, impact driver, wrench, screwdriver, hammer, sander, tool + storage, workbench, ladder, tools hardware',
  ],
  [
    'home_garden.improvement.paint',
    'paint, wall paint, interior paint, exterior paint, paint supply, painting supply + home, primer + paint, stain + wood, paint roller, caulk, wallpaper, paint + sundry',
  ],
  [
    'home_garden.improvement.flooring',
    'flooring, tile, laminate, hardwood floor, vinyl flooring, vinyl plank, floor tile, carpet tile, underlayment, floor + tile',
  ],
  [
    'home_garden.improvement.plumbing',
    'plumbing, faucet, tap + kitchen, toilet, shower head, showerhead, sink, water heater, bathroom + fixture, kitchen + faucet, bathroom + faucet, pipe + fitting, garbage disposal, bathroom fixture',
  ],
  [
    'home_garden.improvement.electrical',
    'electrical, light switch, electrical outlet, wiring, extension cord, circuit breaker, dimmer, electrical + supply, generator',
  ],
  [
    'home_garden.improvement.hardware',
    'hardware, fastener, screw, bolt, nail + screw, hinge, door hardware, cabinet hardware, knob + cabinet, anchor + wall, hook + wall, hardware store',
  ],
  [
    'home_garden.security',
    'home security, security camera, smoke detector, carbon monoxide detector, alarm system, safe + home, door lock, smart lock, video doorbell, doorbell camera, security + home, surveillance, home safety, fire extinguisher, home + safety',
  ],
  [
    'home_garden.cleaning',
    'cleaning, cleaning supply, cleaner, detergent, laundry detergent, mop, broom, disinfectant, dish soap, dishwasher detergent, cleaning + product, sponge + cleaning, all purpose cleaner, fabric softener, stain remover, laundry + supply, cleaning tool',
  ],
  [
    'home_garden.storage',
    'storage, organization, organizer, organiser, shelving, closet, storage bin, storage box, closet organizer, shelf, hanger, storage + organization, garage storage, basket + storage, home organization, laundry basket, hamper',
  ],
  [
    'home_garden.household',
    'household, household essential, household supply, paper towel, toilet paper, toilet tissue, trash bag, bin bag, garbage bag, tissue, paper product, aluminum foil, plastic wrap, zip bag, household battery',
  ],
  [
    'home_garden.moving',
    'moving box, moving supply, packing supply, new home, housewarming, moving + box, moving + supply, relocation, packing tape',
  ],

  // Electronics
  [
    'electronics',
    'electronic, electronics, consumer electronic, consumer electronics, tech, technology, electronic + gadget',
  ],
  [
    'electronics.audio',
    'audio, sound, audio equipment, portable audio, hifi audio, audio + video, audio video',
  ],
  [
    'electronics.audio.headphones',
    'headphone, headphones, earphone, earbud, headset, in ear, over ear, on ear, noise cancelling, noise canceling, wireless earbud, true wireless, airpod, airpods, earphones, iem',
  ],
  [
    'electronics.audio.speakers',
    'speaker, bluetooth speaker, soundbar, sound bar, smart speaker, portable speaker, subwoofer, bookshelf speaker, speakers',
  ],
  [
    'electronics.audio.home_audio',
    'stereo, hifi, hi fi, amplifier, amp + audio, receiver, av receiver, home audio, stereo system, dac, hi fidelity, stereo + component',
  ],
  ['electronics.audio.turntables', 'turntable, record player, phono, phono preamp, cartridge + turntable'],
  [
    'electronics.phones',
    'phone, mobile, cell phone, cellphone, smartphone, iphone, android, mobile phone, unlocked phone, cell + phone, mobile + phone',
  ],
  [
    'electronics.phones.accessories',
    'phone case, screen protector, phone + case, phone + accessory, phone + charger, phone + mount, phone + holder, mobile + accessory, cell phone accessory, phone + cable, iphone + case, popsocket, phone + stand, wireless charger, magsafe',
  ],
  [
    'electronics.computers',
    'computer, pc, computing, computer hardware, computers tablets, computers accessories, mac',
  ],
  [
    'electronics.computers.laptops',
    'laptop, notebook computer, notebook + laptop, chromebook, macbook, ultrabook, notebook pc, 2 in 1 laptop, laptop + computer, laptops',
  ],
  [
    'electronics.computers.desktops',
    'desktop, desktop computer, all in one computer, all in one pc, imac, mini pc, tower pc, workstation, desktop + computer',
  ],
  [
    'electronics.computers.tablets',
    'tablet, ipad, android tablet, tablet + computer, tablet + accessory, stylus, tablet case',
  ],
  [
    'electronics.computers.components',
    'computer component, component + computer, pc component, graphics card, video card, gpu, cpu, processor, motherboard, ram, memory + computer, power supply + computer, pc case, computer case, cooling + pc, cpu cooler, component + pc',
  ],
  [
    'electronics.computers.peripherals',
    'keyboard + computer, computer keyboard, mechanical keyboard, mouse, mice, webcam, peripheral, mouse pad, computer + accessory, docking station, usb hub, keyboard + mouse, trackpad, computer + peripheral, keyboard',
  ],
  [
    'electronics.computers.monitors',
    'monitor, computer monitor, display + computer, ultrawide, monitor + computer, 4k monitor, monitor arm',
  ],
  [
    'electronics.computers.storage',
    'hard drive, ssd, solid state drive, external drive, usb drive, flash drive, memory card, sd card, microsd, nas, data storage, computer + storage, external hard drive, storage + computer, thumb drive',
  ],
  [
    'electronics.computers.networking',
    'router, modem, wifi, wi fi, mesh wifi, networking, network + computer, network switch, ethernet, access point, range extender, wifi extender, network + equipment, networking + equipment',
  ],
  [
    'electronics.computers.printers',
    'printer, scanner, ink, toner + printer, ink toner, 3d printer, printer + ink, label printer, printer + supply, ink cartridge',
  ],
  [
    'electronics.computers.software',
    'software, antivirus, operating system, app + software, productivity software, software + license, computer + software, security software',
  ],
  [
    'electronics.cameras',
    'camera, photography, photo, camera photo, photo video, camera + photography, videography, camcorder, photography + equipment',
  ],
  [
    'electronics.cameras.digital',
    'digital camera, dslr, mirrorless, mirrorless camera, point shoot, compact camera, camera body, dslr camera, digital + camera',
  ],
  [
    'electronics.cameras.lenses',
    'lens, lense, lenses, camera lens, camera + lens, prime lens, zoom lens, lens + camera, telephoto, wide angle lens',
  ],
  ['electronics.cameras.action', 'action camera, gopro, action cam, action + camera, 360 camera'],
  ['electronics.cameras.drones', 'drone, quadcopter, fpv, camera drone, drone + camera, dji'],
  [
    'electronics.cameras.film',
    'film camera, instant camera, film photography, polaroid, instax, 35mm film, camera film, film + camera, analog camera',
  ],
  [
    'electronics.cameras.accessories',
    'tripod, gimbal, camera bag, camera + accessory, camera + strap, studio lighting, ring light, photo + lighting, camera + battery, flash + camera, filter + lens, camera + mount, monopod',
  ],
  [
    'electronics.tv_video',
    'tv, home theater, home theatre, home cinema, tv video, tv + video, tv home theater, video + equipment',
  ],
  [
    'electronics.tv_video.televisions',
    'smart tv, oled, qled, 4k tv, led tv, tv + 4k, televisions, television set, tv + smart, flat screen, tv + oled, tv + inch',
  ],
  [
    'electronics.tv_video.projectors',
    'projector, projector screen, home theater projector, projection screen',
  ],
  [
    'electronics.tv_video.streaming_devices',
    'streaming device, streaming stick, streaming media player, media player, roku, chromecast, fire tv, apple tv, fire stick, blu ray player, dvd player, tv box',
  ],
  [
    'electronics.wearables',
    'wearable, smartwatch, smart watch, apple watch, wearable tech, wearable technology, smart ring, smart glass, galaxy watch, wearables',
  ],
  [
    'electronics.smart_home',
    'smart home, smart plug, smart bulb, smart light, home automation, smart thermostat, smart display, smart hub, alexa, google home, homekit, smart + home, smart + device, zigbee',
  ],
  ['electronics.gadgets', 'gadget, gizmo, tech gadget, tech accessory, gadgets'],
  ['electronics.gadgets.e_readers', 'e reader, ereader, kindle, kobo, e ink, e reader + accessory'],
  [
    'electronics.power',
    'charger, power bank, portable charger, battery, rechargeable battery, cable, charging cable, usb cable, adapter + power, surge protector, power strip, charging station, hdmi cable, usb c, power + accessory, battery + charger',
  ],

  // Beauty and personal care
  [
    'beauty',
    'beauty, cosmetic, personal care, beauty personal care, beauty + care, beauty product, beauty + health, cosmetics',
  ],
  [
    'beauty.skincare',
    'skincare, skin care, skin, facial, face care, facial care, skin + care, face + skin, korean skincare, k beauty, face + care, skin treatment, anti aging, anti ageing, eye cream, face oil, skincare + set',
  ],
  [
    'beauty.skincare.cleansers',
    'cleanser, face wash, facial wash, micellar, micellar water, exfoliator, exfoliant, facial scrub, makeup remover, facial cleanser, cleansing balm, cleansing oil, face + cleanser, face + wash',
  ],
  [
    'beauty.skincare.moisturizers',
    'moisturizer, moisturiser, face cream, night cream, day cream, serum, face serum, facial serum, hyaluronic, retinol, vitamin c serum, face + moisturizer, face + lotion, face mask, sheet mask, facial mask, essence + skin',
  ],
  [
    'beauty.skincare.sun_care',
    'sunscreen, sun care, suncare, spf, sunblock, self tanner, tanning, after sun, sun protection, sun lotion, bronzing lotion, sun cream, tanning + lotion, fake tan',
  ],
  ['beauty.makeup', 'makeup, make up, cosmetic + makeup, makeup + set, makeup + palette'],
  [
    'beauty.makeup.face',
    'foundation + makeup, foundation, concealer, blush, bronzer, highlighter + makeup, face powder, setting powder, setting spray, bb cream, cc cream, contour, face + makeup, makeup + face, primer + face, makeup primer, tinted moisturizer',
  ],
  [
    'beauty.makeup.eyes',
    'mascara, eyeliner, eyeshadow, eye shadow, brow, eyebrow, lash, eyelash, false lash, eye + makeup, makeup + eye, brow pencil, lash serum, eye palette',
  ],
  [
    'beauty.makeup.lips',
    'lipstick, lip gloss, lip, lip balm, lip liner, lip stain, lip + makeup, makeup + lip, lip care, lip oil, liquid lipstick',
  ],
  [
    'beauty.fragrance',
    'fragrance, perfume, cologne, eau de toilette, eau de parfum, parfum, scent + body, body mist, body spray, fragrance + set, aftershave + fragrance, perfume + set, fragrances',
  ],
  [
    'beauty.hair_care',
    'hair, hair care, haircare, hair product, hair treatment, hair mask, hair oil, scalp, hair + care, hair + product, hair loss + shampoo',
  ],
  [
    'beauty.hair_care.shampoo',
    'shampoo, conditioner + hair, dry shampoo, shampoo conditioner, shampoo + conditioner, hair conditioner, leave in conditioner, conditioner',
  ],
  [
    'beauty.hair_care.styling',
    'hair dryer, hairdryer, blow dryer, straightener, hair straightener, flat iron, curling iron, curling wand, hair styling, styling + hair, hair spray, hairspray, hair gel, pomade, hair wax, mousse + hair, styling tool, hair tool, hot brush, hair + accessory, hair clip, hair tie, hair brush, hairbrush, comb',
  ],
  [
    'beauty.hair_care.color',
    'hair color, hair colour, hair dye, hair + color, hair + colour, hair + dye, root touch up, bleach + hair, hair toner',
  ],
  [
    'beauty.bath_body',
    'bath body, bath + body, body wash, shower gel, soap, bar soap, hand soap, body lotion, body butter, bath bomb, body scrub, hand cream, body oil, bubble bath, bath salt, deodorant, antiperspirant, body care, body + care, shower + gel, body + lotion, bath + shower',
  ],
  [
    'beauty.nails',
    'nail polish, manicure, pedicure, nail care, nail + polish, gel polish, nail art, nail + care, press on nail, nail file, cuticle, nail + beauty, nail + kit, nail, nails + beauty',
  ],
  [
    'beauty.shaving',
    'shaving, shave, razor, razor blade, beard, beard oil, beard trimmer, grooming, men grooming, aftershave, electric shaver, shaver, shaving cream, trimmer + beard, hair removal, epilator, wax + hair, waxing, grooming + kit, body groomer, trimmer',
  ],
  [
    'beauty.oral_care',
    'oral care, toothpaste, toothbrush, electric toothbrush, mouthwash, dental floss, floss, teeth whitening, whitening strip, oral + care, dental care, water flosser, tongue scraper',
  ],
  [
    'beauty.clean_beauty',
    'clean beauty, natural beauty, organic beauty, vegan beauty, cruelty free, green beauty, organic + beauty, natural + beauty, organic + skincare, natural + skincare, organic + skin care, beauty + organic, beauty + natural',
  ],
  [
    'beauty.tools',
    'makeup brush, beauty tool, makeup sponge, beauty blender, brush + makeup, beauty + tool, beauty + accessory, makeup bag, cosmetic bag, tweezers, eyelash curler, vanity mirror, makeup mirror, facial roller, gua sha, makeup + tool, beauty device',
  ],

  // Food and drink
  ['food_drink', 'food, food drink, food beverage, food + drink, foods, gourmet food + drink'],
  [
    'food_drink.grocery',
    'grocery, groceries, pantry staple, supermarket, food + grocery, grocery + gourmet, grocery gourmet food, grocery + food',
  ],
  [
    'food_drink.grocery.snacks',
    'snack, chip + snack, crisp, cracker, popcorn, pretzel, jerky, trail mix, nut + snack, granola bar, snack bar, snacks, cookie, biscuit, dried fruit',
  ],
  [
    'food_drink.grocery.breakfast',
    'breakfast, cereal, granola, oatmeal, porridge, muesli, pancake mix, breakfast food, breakfast cereal',
  ],
  [
    'food_drink.grocery.baking',
    'baking supply, baking ingredient, flour, sugar, baking mix, yeast, baking + ingredient, cake mix, baking + supply, sprinkles, food coloring, vanilla extract, baking chocolate',
  ],
  [
    'food_drink.grocery.condiments',
    'condiment, sauce, spice, seasoning, salad dressing, oil + vinegar, olive oil, vinegar, ketchup, mustard, mayonnaise, hot sauce, herb + spice, spice + seasoning, spices, salt + pepper, marinade, cooking oil, honey, jam, nut butter, peanut butter, spread + food',
  ],
  [
    'food_drink.grocery.pantry',
    'pasta, rice, grain, canned, canned food, canned good, pantry, bean + canned, noodle, soup, broth, legume, lentil, quinoa, dry good, pasta sauce, pantry + staple, tinned, flour + rice, instant noodle',
  ],
  ['food_drink.fresh', 'fresh, fresh food, perishable, fresh + food, deli + fresh'],
  [
    'food_drink.fresh.produce',
    'produce, fruit, vegetable, veggie, fresh produce, fresh fruit, fresh vegetable, salad + fresh, berries, fruit + vegetable, herb + fresh, fruits, vegetables',
  ],
  [
    'food_drink.fresh.meat_seafood',
    'meat, seafood, poultry, beef, pork, lamb + meat, chicken + meat, steak, sausage, bacon, fish + seafood, salmon, shrimp, butcher, meat seafood, fish, fresh fish, frozen fish, turkey + meat',
  ],
  [
    'food_drink.fresh.dairy',
    'dairy, egg, cheese, milk, yogurt, yoghurt, butter, cream + dairy, dairy egg, dairy + egg, plant milk, oat milk, almond milk, dairy free, dairy alternative',
  ],
  [
    'food_drink.fresh.bakery',
    'bakery, bread, pastry, bagel, croissant, baked good, cake + bakery, tortilla, bun + bread, muffin + bakery, bakery + dessert, donut, sourdough',
  ],
  [
    'food_drink.beverages',
    'beverage, drink, non alcoholic beverage, soft drink + beverage, drinks, beverages, water + drinking, bottled water, sparkling water, mineral water, energy drink, sports drink, kombucha, drink mix, hot chocolate, cocoa + drink',
  ],
  [
    'food_drink.beverages.coffee',
    'coffee, coffee bean, ground coffee, whole bean coffee, k cup, coffee pod, coffee capsule, instant coffee, espresso bean, decaf, coffee + bean, coffee + pod, cold brew',
  ],
  [
    'food_drink.beverages.tea',
    'tea, green tea, black tea, herbal tea, loose leaf tea, tea bag, matcha, chai, rooibos, iced tea, tea + herbal',
  ],
  [
    'food_drink.beverages.soft_drinks',
    'soft drink, soda, juice, fruit juice, pop + soda, cola, lemonade, tonic water, sparkling juice, soft drinks',
  ],
  [
    'food_drink.gourmet',
    'gourmet, specialty food, speciality food, artisan food, delicatessen, deli, charcuterie, gourmet food, gourmet gift, truffle + gourmet, caviar, fine food, gift basket + food, food gift, hamper + food, gourmet + gift',
  ],
  [
    'food_drink.sweets',
    'candy, chocolate, sweet, sweets, confectionery, confection, gummy, gummies, lollipop, fudge, toffee, candy + chocolate, chewing gum, dessert, ice cream, mint + candy',
  ],
  [
    'food_drink.organic',
    'organic, organic food, natural food, organic + food, natural + food, whole food, organic natural, natural organic, organic + grocery',
  ],
  [
    'food_drink.vegetarian',
    'vegan, vegetarian, plant based, meat alternative, meat substitute, tofu, tempeh, vegan + food, vegetarian + food, plant based food',
  ],
  [
    'food_drink.cooking',
    'cooking, recipe, cooking class, culinary, cooking + class, home cooking, cooking school',
  ],
  [
    'food_drink.meal_kits',
    'meal kit, meal delivery, prepared meal, meal subscription, meal + kit, ready meal, frozen meal, frozen food, meal plan + delivery',
  ],
  [
    'food_drink.restaurants',
    'restaurant, takeout, take out, takeaway, food delivery, dining out, restaurant + delivery, fast food, pizza + delivery, restaurants',
  ],
  [
    'food_drink.alcohol',
    'alcohol, alcoholic, liquor, booze, wine spirit, wine + spirit, beer wine spirit, beer + wine, alcoholic beverage, adult beverage, liquor store, off licence, alcohol + beverage, non alcoholic + beer, non alcoholic + wine',
  ],
  [
    'food_drink.alcohol.wine',
    'wine, red wine, white wine, rose wine, sparkling wine, champagne, prosecco, cava, winery, vineyard, wine club, sommelier, wine + tasting, port wine, sherry, wines, wine rack, wine + accessory, decanter, wine + subscription',
  ],
  [
    'food_drink.alcohol.beer',
    'beer, craft beer, lager, ipa, stout, ale + beer, pale ale, cider, hard cider, hard seltzer, brewery, homebrew, home brewing, beer + brewing, brewing + beer, beers, pilsner, beer + keg',
  ],
  [
    'food_drink.alcohol.spirits',
    'spirit, spirits, whiskey, whisky, vodka, gin, rum, tequila, bourbon, brandy, cognac, liqueur, mezcal, sake, cocktail, cocktail mixer, bitters, scotch whisky, single malt, absinthe, aperitif, schnapps, cocktail + kit, bar + cart, home bar, barware, cocktail shaker',
  ],

  // Pets
  [
    'pets',
    'pet, pets, pet supply, pet supplies, pet care, pet product, animal + supply, pet shop, pet store, animal care, pet + supply',
  ],
  ['pets.dogs', 'dog, dogs, puppy, puppies, canine, doggy, dog supply, dog + supply'],
  [
    'pets.dogs.food',
    'dog + food, dog + treat, puppy + food, puppy + treat, kibble, dog food, dog treat, dog + chew, rawhide, dog + biscuit, dog + nutrition, dog + diet, wet dog food, dry dog food, canine + food',
  ],
  [
    'pets.dogs.toys',
    'dog + toy, puppy + toy, chew toy, dog toy, fetch + toy, tug toy, squeaky toy, dog + ball, dog + frisbee',
  ],
  [
    'pets.dogs.beds_crates',
    'dog + bed, dog + crate, kennel, dog crate, dog bed, puppy + bed, dog + gate, dog + house, doghouse, dog + carrier, dog + kennel, dog + furniture',
  ],
  [
    'pets.dogs.walking',
    'leash, lead + dog, dog + collar, dog + leash, dog + harness, dog + lead, harness + dog, collar + dog, collar + leash, poop bag, dog + walking, retractable leash, dog tag, puppy + collar',
  ],
  ['pets.cats', 'cat, cats, kitten, kittens, feline, kitty, cat supply, cat + supply'],
  [
    'pets.cats.food',
    'cat + food, cat + treat, kitten + food, cat food, cat treat, wet cat food, dry cat food, cat + nutrition, feline + food',
  ],
  [
    'pets.cats.litter',
    'litter, cat litter, litter box, litter + box, cat + litter, litter tray, clumping litter, litter mat, litter scoop',
  ],
  [
    'pets.cats.toys',
    'cat + toy, cat tree, scratching post, cat + furniture, cat + scratcher, cat tower, cat toy, kitten + toy, catnip, cat + bed, cat + condo, cat + carrier, scratcher',
  ],
  [
    'pets.fish',
    'aquarium, fish tank, pet + fish, fish food, aquatic + pet, aquarium + supply, aquarium + filter, fish + aquarium, tropical fish, betta, goldfish, aquatics, pond + fish, fish + supply, fish + pet',
  ],
  [
    'pets.birds',
    'bird + pet, pet bird, bird cage, birdcage, birdseed, bird seed, bird food, parrot, budgie, parakeet, bird + supply, bird + toy, cockatiel, canary',
  ],
  [
    'pets.small_animals',
    'small animal, small pet, hamster, guinea pig, rabbit, bunny, ferret, gerbil, chinchilla, rat + pet, mouse + pet, small animal + supply, hutch, rabbit + hutch, small + animal',
  ],
  [
    'pets.reptiles',
    'reptile, terrarium, vivarium, gecko, bearded dragon, snake + pet, tortoise, turtle + pet, reptile + supply, heat lamp + reptile, amphibian, lizard',
  ],
  [
    'pets.horses',
    'horse, equine, saddle, tack + horse, horse care, horse + supply, bridle, horse feed, stable supply, equine + supply, horse + grooming, pony',
  ],
  [
    'pets.health',
    'pet + health, pet + medicine, pet + medication, pet + pharmacy, pet + vitamin, pet + supplement, dog + health, dog + medicine, dog + medication, dog + vitamin, dog + supplement, cat + health, cat + medicine, cat + medication, cat + vitamin, cat + supplement, flea, tick + flea, dewormer, pet insurance, vet, veterinary, pet + dental, dog + dental, cat + dental, flea tick, pet + first aid, pet + wellness, dog + wellness, cat + wellness',
  ],
  [
    'pets.grooming',
    'pet + grooming, dog + grooming, cat + grooming, dog + shampoo, pet + shampoo, cat + shampoo, pet + brush, dog + brush, cat + brush, deshedding, pet grooming, dog grooming, grooming + pet, nail clipper + pet, dog + nail, pet + wipe, dog + wipe',
  ],

  // Books
  [
    'books',
    'book, books, bookstore, bookshop, reading, paperback, hardcover, hardback, literature, book + reading, bestseller',
  ],
  [
    'books.fiction',
    'fiction, novel, fiction book, literary + fiction, contemporary fiction, general fiction, fiction + literature, short story, novels, fiction + book',
  ],
  [
    'books.fiction.mystery',
    'mystery, thriller, crime, suspense, detective, crime fiction, mystery thriller, thriller + suspense, mystery + thriller, mystery + crime, psychological thriller, cozy mystery, whodunit, noir',
  ],
  [
    'books.fiction.romance',
    'romance, romance novel, romantic fiction, romance + fiction, romance book, romantasy, romcom, love story',
  ],
  [
    'books.fiction.scifi_fantasy',
    'science fiction, sci fi, scifi, fantasy, sf fantasy, science fiction fantasy, dystopian, space opera, epic fantasy, fantasy + fiction, science fiction + fantasy, speculative fiction, fantasy + novel',
  ],
  [
    'books.fiction.literary',
    'literary, classic, classics, literary fiction, literary classic, classic literature, classic + novel, modern classic, literature + classic',
  ],
  [
    'books.fiction.historical',
    'historical fiction, historical novel, historical + fiction, historical romance',
  ],
  [
    'books.fiction.horror',
    'horror, horror fiction, horror + book, horror novel, ghost story, gothic + fiction',
  ],
  [
    'books.non_fiction',
    'non fiction, nonfiction, non fiction book, nonfiction book, non fiction + book, reference book, reference, true story, essay, essays',
  ],
  [
    'books.non_fiction.biography',
    'biography, biographies, memoir, autobiography, biography memoir, biographies memoirs, true crime',
  ],
  [
    'books.non_fiction.history',
    'history, history book, military history, world history, history + book, ancient history',
  ],
  [
    'books.non_fiction.business',
    'business book, book + business, business + economics, economics, business + money, business + finance + book, book + economics, leadership + book, management + book, entrepreneurship + book, investing + book, book + investing, book + finance, personal finance + book',
  ],
  [
    'books.non_fiction.science',
    'popular science, book + science, science + nature, nature + book, science + math, book + nature, science + book, natural history, mathematics + book, science + technology + book, technology + book, computer + book, programming + book',
  ],
  [
    'books.non_fiction.self_help',
    'self help, self improvement, personal development, self help + book, personal growth, motivational, productivity + book, psychology + book, popular psychology, relationship + book, parenting + book, parenting book',
  ],
  [
    'books.non_fiction.cookbooks',
    'cookbook, cook book, cookery book, cooking + book, book + cooking, recipe book, food + book, book + food, cookbook + food, baking + book, food wine + book, cooking food wine, cookbook food wine',
  ],
  [
    'books.non_fiction.travel_guides',
    'travel guide, guidebook, guide book, travel + book, book + travel, travel writing, lonely planet, travel guide book, atlas, map + travel',
  ],
  [
    'books.childrens',
    'children + book, childrens + book, kid + book, picture book, board book, children book, childrens book, kids book, book + kid, book + children, book + childrens, early reader, bedtime story, nursery rhyme, chapter book, baby + book, toddler + book, children + literature, childrens + literature',
  ],
  [
    'books.young_adult',
    'young adult, ya fiction, ya book, teen + book, teen + fiction, young adult fiction, teen young adult, book + teen, ya + fiction',
  ],
  [
    'books.comics',
    'comic, comics, graphic novel, manga, comic book, comics graphic novel, manhwa, webtoon, comic + book, superhero + comic',
  ],
  ['books.poetry', 'poetry, poem, poems, verse, poetry + book, anthology + poetry'],
  ['books.audiobooks', 'audiobook, audio book, audiobooks, audible, audio + book, spoken word'],
  [
    'books.ebooks',
    'ebook, e book, ebooks, kindle book, kindle edition, digital book, kindle + ebook, kindle store, kindle + book',
  ],
  [
    'books.magazines',
    'magazine, periodical, magazine subscription, journal + magazine, magazines, newspaper, zine',
  ],
  [
    'books.textbooks',
    'textbook, text book, study guide, textbooks, educational book, academic + book, course book, workbook, test prep + book, textbook + rental',
  ],

  // Travel
  [
    'travel',
    'travel, trip, vacation, holiday + travel, tourism, traveling, travelling, getaway, travel gear, travel + gear, travel + essential',
  ],
  [
    'travel.luggage',
    'luggage, baggage, luggage travel, luggage + travel, luggage set, luggage + bag, luggage travel gear, travel + bag, travel bag, luggage + accessory',
  ],
  [
    'travel.luggage.suitcases',
    'suitcase, carry on, carryon, checked bag, rolling luggage, spinner luggage, hardside luggage, hard shell suitcase, cabin bag, checked luggage, suitcase + set, trolley + luggage, garment bag',
  ],
  [
    'travel.luggage.bags',
    'backpack, travel backpack, duffel, duffle, weekender, weekender bag, rucksack, laptop backpack, messenger bag, carry all, travel + backpack, daypack + travel, sling bag, school backpack, backpacks',
  ],
  [
    'travel.accessories',
    'travel + accessory, travel accessory, travel pillow, neck pillow, packing cube, travel adapter, luggage tag, passport holder, passport cover, travel wallet, toiletry bag, travel size, travel organizer, luggage scale, luggage lock, eye mask + travel, travel + pillow, travel + adapter',
  ],
  [
    'travel.flights',
    'flight, airline, air travel, airfare, plane ticket, air ticket, flights, airport, airline ticket, flight + ticket',
  ],
  [
    'travel.hotels',
    'hotel, accommodation, lodging, resort, inn + hotel, bed breakfast, hostel, motel, hotels, stay + hotel, accommodations',
  ],
  [
    'travel.hotels.vacation_rentals',
    'vacation rental, holiday rental, holiday home, cabin rental, airbnb, villa rental, holiday cottage, short term rental, vacation home, cottage rental, vrbo',
  ],
  [
    'travel.cruises',
    'cruise, cruises, cruise line, river cruise, ocean cruise, cruise ship, cruise + vacation',
  ],
  [
    'travel.car_rental',
    'car rental, rental car, car hire, hire car, rent + car, car + rental, van rental, rental + vehicle',
  ],
  [
    'travel.rail_bus',
    'rail, train ticket, rail pass, bus ticket, coach travel, train travel, rail travel, eurail, interrail, amtrak, train + travel, bus + travel, train + ticket, rail + ticket',
  ],
  [
    'travel.tours',
    'tour, excursion, sightseeing, guided tour, day trip, tour package, tours, city tour, safari, travel + experience, tour + activity, activity + travel',
  ],
  [
    'travel.beach',
    'beach, island, beach holiday, beach vacation, tropical + vacation, beach resort, seaside, beach + travel, all inclusive, beach + gear',
  ],
  [
    'travel.ski_resorts',
    'ski resort, ski trip, ski holiday, ski vacation, mountain resort, ski chalet, ski pass, lift ticket, ski lodge, ski + resort, ski + trip, ski + holiday, ski + vacation, ski + travel',
  ],
  [
    'travel.family',
    'family travel, family vacation, family holiday, family + travel, family + vacation, family + holiday, kid + travel, travel + kid, family trip',
  ],
  ['travel.business', 'business travel, corporate travel, business trip, business + travel, work + travel'],
  [
    'travel.luxury',
    'luxury travel, luxury + travel, luxury hotel, luxury resort, first class + travel, private jet, luxury vacation, luxury + vacation, luxury + hotel',
  ],

  // Finance
  [
    'finance',
    'finance, financial, money, financial service, personal finance + service, finance + service, fintech',
  ],
  [
    'finance.banking',
    'bank, banking, checking account, current account, debit card, online banking, checking, bank account, mobile banking, bank + account',
  ],
  [
    'finance.banking.savings',
    'savings, savings account, saving account, high yield savings, certificate of deposit, cd + bank, isa, savings + account, money market',
  ],
  [
    'finance.credit_cards',
    'credit card, credit cards, rewards card, cashback card, travel card + credit, balance transfer, card + credit, charge card',
  ],
  ['finance.loans', 'loan, lending, loans, borrowing, credit + lending, lender, credit lending'],
  [
    'finance.loans.mortgages',
    'mortgage, home loan, refinance, refinancing, home equity, heloc, mortgage + refinance, house + loan, mortgages, first time buyer, home financing',
  ],
  [
    'finance.loans.auto',
    'auto loan, car loan, car finance, auto financing, vehicle financing, car + loan, auto + loan, vehicle + loan, car + financing, auto + financing',
  ],
  [
    'finance.loans.student',
    'student loan, student loans, college financing, student + loan, tuition + loan, education loan',
  ],
  ['finance.loans.personal', 'personal loan, personal loans, installment loan, personal + loan'],
  [
    'finance.investing',
    'investing, investment, brokerage, stock market, stocks, etf, mutual fund, index fund, trading + stock, robo advisor, investments, wealth management, bonds + investing, investing + stock',
  ],
  [
    'finance.investing.retirement',
    'retirement, pension, 401k, ira, roth ira, retirement planning, retirement + saving, annuity, retirement + plan, retirement + account',
  ],
  [
    'finance.investing.crypto',
    'crypto, cryptocurrency, bitcoin, ethereum, crypto exchange, blockchain, nft, crypto + wallet, hardware wallet, altcoin',
  ],
  ['finance.insurance', 'insurance, insurer, insurance policy, coverage + insurance, insurance + quote'],
  [
    'finance.insurance.auto',
    'car insurance, auto insurance, vehicle insurance, motor insurance, car + insurance, auto + insurance, motorcycle insurance',
  ],
  [
    'finance.insurance.home',
    'home insurance, homeowner insurance, homeowners insurance, renter insurance, renters insurance, contents insurance, home + insurance, property insurance, flood insurance',
  ],
  ['finance.insurance.life', 'life insurance, term life, whole life insurance, life + insurance, life cover'],
  ['finance.insurance.travel', 'travel insurance, travel + insurance, trip insurance, trip + insurance'],
  [
    'finance.insurance.health',
    'health insurance, dental insurance, vision insurance, medical insurance, health + insurance, dental + insurance',
  ],
  [
    'finance.tax',
    'tax, taxes, tax preparation, tax software, tax return, tax filing, tax + software, tax + preparation, tax planning, accounting + tax, tax + service',
  ],
  [
    'finance.budgeting',
    'budget, budgeting, personal finance, money management, budgeting app, budget + planner, financial planning, financial planner, financial advice, financial + planning, saving + money',
  ],
  [
    'finance.hardship',
    'financial hardship, financial difficulty, money problem, financial + hardship, financial + help, hardship + loan, struggling + bill, bill + help',
  ],
  [
    'finance.hardship.debt_relief',
    'debt, debt relief, debt consolidation, debt management, debt help, debt + relief, debt + consolidation, debt settlement, debt collection, debt advice, iva, consolidation + loan, debt + help',
  ],
  [
    'finance.hardship.payday_loans',
    'payday, payday loan, cash advance, short term loan, title loan, pawn, pawnshop, pawn shop, quick loan, instant loan, emergency loan, same day loan, loan + bad credit, payday + loan, car title loan, check cashing',
  ],
  [
    'finance.hardship.bankruptcy',
    'bankruptcy, insolvency, foreclosure, repossession, bankrupt, chapter 7, chapter 13, eviction',
  ],
  [
    'finance.hardship.credit_repair',
    'credit repair, bad credit, poor credit, credit score repair, fix credit, rebuild credit, credit builder, credit rebuilding, credit + repair, bad + credit, no credit check, secured credit card, subprime',
  ],

  // Health and wellness
  [
    'health',
    'health, wellness, health wellness, health + wellness, health + personal care, healthcare, health care, health + household, wellbeing, well being',
  ],
  [
    'health.vitamins',
    'vitamin, vitamins, supplement, dietary supplement, multivitamin, mineral + supplement, probiotic, fish oil, omega 3, collagen, vitamin d, vitamin c, magnesium, zinc + supplement, herbal supplement, vitamin + supplement, vitamins supplements, gummy vitamin, superfood powder, supplements',
  ],
  [
    'health.first_aid',
    'first aid, first aid kit, bandage, plaster + wound, thermometer, antiseptic, wound care, gauze, first + aid, medical tape, ice pack, hot cold pack',
  ],
  [
    'health.wellness',
    'wellness + self care, self care, selfcare, relaxation, stress relief, wellness + product, holistic, wellness + home, sauna blanket, cold plunge',
  ],
  [
    'health.wellness.meditation',
    'meditation, mindfulness, meditation cushion, meditation app, breathwork, meditation + mindfulness, aromatherapy, essential oil, mindfulness + journal',
  ],
  [
    'health.wellness.massage',
    'massage, massager, massage gun, foam roller, massage chair, massage oil, neck massager, back massager, percussion massager, foot massager, spa + massage, massage + relaxation',
  ],
  [
    'health.conditions',
    'health condition, medical, medical supply, medical supplies, medical device, medical equipment, chronic illness, disease, illness, symptom, treatment + condition, condition + health, home medical, health + condition, health + monitor, health monitor, blood test, home test kit, test kit + health, medical + supply',
  ],
  [
    'health.conditions.allergies',
    'allergy, allergies, allergy relief, antihistamine, hay fever, hayfever, allergy + medicine, epipen, allergy + relief, asthma, inhaler, nasal spray, sinus',
  ],
  [
    'health.conditions.diabetes',
    'diabetes, diabetic, blood glucose, glucose meter, glucose monitor, insulin, test strip + glucose, glucometer, diabetic + care, diabetic sock, cgm, lancet',
  ],
  [
    'health.conditions.heart',
    'heart health, blood pressure, blood pressure monitor, cholesterol, hypertension, cardiac, heart + health, cardiovascular, heart rate + blood pressure, ecg monitor, heart + condition',
  ],
  [
    'health.conditions.mental_health',
    'mental health, anxiety, depression, therapy, therapist, counseling, counselling, stress + anxiety, mood + support, adhd, mental + health, online therapy, psychiatrist, bipolar, ptsd, eating disorder, anxiety + relief, antidepressant, mental wellness',
  ],
  [
    'health.conditions.pain',
    'pain relief, painkiller, pain reliever, pain + relief, ibuprofen, acetaminophen, paracetamol, aspirin, arthritis, joint pain, back pain, muscle pain + relief, migraine, headache, pain + management, tens unit, heat patch, knee brace, back brace, joint + support, brace + support, orthopedic, orthotic, compression + support',
  ],
  [
    'health.conditions.cold_flu',
    'cold flu, cold + flu, cough, cold remedy, flu remedy, cough syrup, decongestant, sore throat, throat lozenge, cold sore, fever reducer, flu + medicine, cold + medicine, cough + cold',
  ],
  [
    'health.conditions.digestive',
    'digestive health, digestive, antacid, laxative, heartburn, acid reflux, constipation, diarrhea, ibs, gut health, digestion, digestive + health, stomach + relief, indigestion, fiber supplement, anti diarrheal, hemorrhoid',
  ],
  [
    'health.conditions.sleep',
    'sleep aid, sleep disorder, insomnia, melatonin, cpap, sleep apnea, sleep + aid, snoring, anti snoring, sleep + medicine, sleep + supplement',
  ],
  [
    'health.conditions.hearing',
    'hearing aid, hearing loss, hearing + aid, hearing amplifier, hearing aid battery, tinnitus, hearing + health, hearing test',
  ],
  [
    'health.conditions.vision',
    'contact lens, contact lenses, contact lense, eyeglass, eyeglasses, prescription glass, prescription glasses, reading glass, reading glasses, eye drop, eye drops, vision care, eye care, eye + health, eye exam, prescription + eyewear, optical, optician, lens solution, contact + lens, dry eye, vision + care, eye + care',
  ],
  [
    'health.conditions.mobility',
    'mobility aid, wheelchair, mobility scooter, rollator, walking aid, walking frame, walking cane, crutch, disability aid, daily living aid, mobility + aid, stair lift, bath lift, grab bar, shower chair, disability, adaptive + equipment, accessibility aid, mobility + equipment, mobility',
  ],
  [
    'health.conditions.incontinence',
    'incontinence, adult diaper, adult nappy, bladder control, incontinence pad, incontinence + product, adult + diaper, bladder + leak, urinary, incontinence underwear, bed pad + adult',
  ],
  [
    'health.conditions.skin',
    'eczema, psoriasis, acne, acne treatment, rosacea, dermatitis, skin condition, acne + treatment, anti fungal, antifungal, athlete foot, wart, scar treatment, skin + condition, acne + skincare, blemish treatment, hair loss, hair loss + treatment, minoxidil, lice treatment, head lice',
  ],
  [
    'health.conditions.cancer',
    'cancer, oncology, chemotherapy, chemo, cancer + support, mastectomy, cancer care, cancer + care, wig + medical, radiation therapy',
  ],
  [
    'health.conditions.smoking_cessation',
    'quit smoking, stop smoking, smoking cessation, nicotine patch, nicotine gum, nicotine lozenge, nicotine replacement, quit + smoking, stop + smoking, nicotine + patch, nicotine + gum, nicotine replacement therapy',
  ],
  [
    'health.conditions.medications',
    'pharmacy, prescription, medication, medicine, medicines, otc medicine, over counter medicine, drug + pharmacy, prescription + medication, rx, generic drug, pill organizer, pill box, telehealth, online doctor, medications, pharmacy + health, prescription drug',
  ],
  [
    'health.weight_loss',
    'weight loss, lose weight, weight management, dieting, diet plan, slimming, weight + loss, weight + management, diet + weight, fat loss, weight loss + program, calorie counting, body + slimming, waist trainer, sauna suit, body shaper + slimming, weight control, diet + program, keto diet, low carb diet, intermittent fasting, glp 1, ozempic, wegovy, semaglutide',
  ],
  [
    'health.weight_loss.supplements',
    'diet pill, diet pills, fat burner, appetite suppressant, weight loss + supplement, weight loss + pill, diet + supplement, slimming + pill, slimming + tea, detox tea + slimming, carb blocker, thermogenic, weight loss + tea, garcinia, weight loss supplement, diet + pill, weight loss + gummy',
  ],
  [
    'health.weight_loss.programs',
    'weight loss program, diet program, weight watcher, weightwatchers, ww + diet, noom, slimming world, weight loss + app, weight loss + coach, weight loss + plan, diet + coaching, weight loss + book, diet + book, book + dieting, dieting + book',
  ],
  [
    'health.weight_loss.meal_replacements',
    'meal replacement, meal replacement shake, diet shake, slimming shake, weight loss shake, meal + replacement, diet + shake, weight loss + shake, low calorie meal, meal replacement bar',
  ],
  [
    'health.sexual_wellness',
    'sexual wellness, sexual health, condom, condoms, contraception, contraceptive, sex toy, adult toy, intimate + wellness, personal lubricant, lubricant + personal, erectile, libido, intimacy + product, sexual + wellness, sexual + health, std test, sti test, morning after pill, birth control, vibrator, adult + novelty, intimates + adult, lube',
  ],
  [
    'health.reproductive',
    'reproductive health, feminine hygiene, feminine care, menstrual, menstrual cup, period underwear, period + product, tampon, sanitary pad, sanitary towel, pantyliner, panty liner, menopause, hot flash, period care, period pain, menstrual + care, feminine + hygiene, feminine + care, intimate care + feminine, vaginal, yeast infection, uti, period + underwear, menstruation, cycle tracking, period tracker',
  ],

  // Automotive
  [
    'automotive',
    'automotive, auto, car, vehicle, truck, cars, auto + vehicle, car + accessory + auto, motoring, car + truck, car truck, vehicles, autos',
  ],
  [
    'automotive.parts',
    'car part, auto part, car + part, auto + part, vehicle + part, replacement part + car, brake, brake pad, engine + part, oil filter, motor oil, engine oil, spark plug, car battery, wiper blade, headlight, tail light, exhaust, suspension, car + battery, auto parts, truck + part, oil + change, car + filter, air filter + car, transmission',
  ],
  [
    'automotive.parts.tires',
    'tire, tyre, tires, tyres, wheel + car, wheel + tire, tire + wheel, car + tire, car + wheel, all season tire, winter tire, snow tire, rim + wheel, alloy wheel, tire + car, hubcap',
  ],
  [
    'automotive.accessories',
    'car accessory, car + accessory, auto + accessory, vehicle + accessory, car accessories, seat cover, car + seat cover, floor mat, car + floor mat, car + organizer, roof rack, cargo carrier, car + cover, car + mat, steering wheel cover, trunk organizer, car + storage, tow hitch, truck + accessory, truck bed cover, car + air freshener',
  ],
  [
    'automotive.electronics',
    'car electronic, car electronics, car audio, car stereo, dash cam, dashcam, dash camera, car + gps, car + audio, car + stereo, car + electronic, backup camera, car + speaker, car + charger, car + mount, radar detector, car + video, carplay, android auto, car + camera, car + subwoofer, car + amplifier, vehicle + electronic',
  ],
  [
    'automotive.care',
    'car care, car wash, car wax, car + cleaning, detailing, car detailing, car + care, polish + car, car + polish, car + wax, car + shampoo, car + vacuum, auto detailing, car + detailing, car care kit, ceramic coating, pressure washer + car, tire shine',
  ],
  [
    'automotive.motorcycles',
    'motorcycle, motorbike, motorcycles, atv, utv, powersport, powersports, dirt bike, motorcycle + helmet, motorcycle + gear, motorcycle + part, motorcycle + accessory, scooter + motor, moped, motocross, side by side + atv, motorcycle helmet, motorbike + helmet, motorcycle + jacket, riding gear + motorcycle',
  ],
  [
    'automotive.electric_vehicles',
    'electric vehicle, electric car, ev, ev charger, ev charging, ev + charger, charging + electric vehicle, home charger + ev, electric + car, hybrid vehicle, plug in hybrid, tesla, wallbox, electric + vehicle, ev + charging',
  ],
  [
    'automotive.rvs',
    'rv, camper, motorhome, caravan, camper van, campervan, travel trailer, rv + part, rv + accessory, rv + supply, fifth wheel, trailer + camping, camper + accessory, motorhome + accessory, caravan + accessory, vanlife, van life',
  ],
  [
    'automotive.vehicle_shopping',
    'car dealer, used car, new car, car buying, car + dealer, car + sale, vehicle + sale, used vehicle, new vehicle, certified pre owned, car + lease, car leasing, lease + car, test drive, dealership, car + buying, trade in + car',
  ],

  // Entertainment
  ['entertainment', 'entertainment, media, movies music game, arts entertainment, pop culture, movies music'],
  [
    'entertainment.movies_tv',
    'movie, movies, film + movie, dvd, blu ray, bluray, tv show, tv series, box set, movies tv, movie + tv, 4k ultra hd + movie, film, films, cinema, documentary, anime + movie',
  ],
  [
    'entertainment.music',
    'music, cd, album, music + cd, song, musician + album, music + album, record label, music + merchandise, band + merch, band merch, music merchandise, digital music, cds, music + download',
  ],
  [
    'entertainment.music.vinyl',
    'vinyl, vinyl record, record + vinyl, lp, vinyl lp, vinyl + music, vinyl + album, records + vinyl, vinyls',
  ],
  [
    'entertainment.tickets',
    'ticket, tickets, event ticket, event, events, event + ticket, live event, ticketing, show + ticket, events + ticket',
  ],
  [
    'entertainment.tickets.concerts',
    'concert, concert ticket, live music, music festival, festival + music, gig, tour + concert, concert + ticket, festival ticket, festival + ticket',
  ],
  [
    'entertainment.tickets.sports_events',
    'game ticket, sport + ticket, sports + ticket, match ticket, match + ticket, season ticket, live sport, sporting event, sports event, game + ticket, sports + event',
  ],
  [
    'entertainment.tickets.theater',
    'theater, theatre, broadway, musical theater, musical theatre, west end, play + ticket, theater + ticket, theatre + ticket, opera, ballet, comedy show, stand up comedy, performing art, performing arts',
  ],
  [
    'entertainment.streaming',
    'streaming, streaming service, subscription + streaming, video streaming, music streaming, streaming + subscription, streaming + service, video on demand, podcast',
  ],

  // Hobbies
  [
    'hobbies',
    'hobby, hobbies, hobby + supply, leisure, pastime, hobbies + craft, craft + hobby, hobbies crafts',
  ],
  [
    'hobbies.arts_crafts',
    'craft, crafting, art supply, arts craft, art + craft, craft supply, arts crafts sewing, art supplies, art + supply, craft + supply, diy craft, crafts, craft kit, resin + craft, clay + craft, polymer clay, beading, jewelry making, candle making, soap making, cricut, craft + tool',
  ],
  [
    'hobbies.arts_crafts.painting',
    'painting, drawing, sketch, sketchbook, acrylic, acrylic paint, watercolor, watercolour, oil paint, canvas + painting, art + paint, paint brush, paintbrush, easel, colored pencil, coloured pencil, marker + art, pastel + art, art + canvas, painting + supply, drawing + supply, art paint, calligraphy, paint by number, painting + art, artist + supply',
  ],
  [
    'hobbies.arts_crafts.sewing',
    'sewing, quilting, fabric, sewing machine, embroidery, sewing + supply, quilt + fabric, sewing + notion, thread + sewing, sewing pattern, cross stitch, haberdashery, fabric + sewing, serger, needlepoint, quilting + fabric',
  ],
  [
    'hobbies.arts_crafts.knitting',
    'knitting, yarn, crochet, knitting needle, crochet hook, needlework, knit, yarn + knitting, wool + yarn, knitting + yarn, knitting + supply, crochet + supply, macrame',
  ],
  [
    'hobbies.arts_crafts.paper_crafts',
    'scrapbooking, scrapbook, paper craft, papercraft, stamping, rubber stamp, cardmaking, card making, die cutting, origami, paper + craft, craft + paper, washi tape, sticker + craft, stencil',
  ],
  [
    'hobbies.musical_instruments',
    'musical instrument, instrument + music, musical instruments, instrument, music + instrument, music gear, music + equipment, band + instrument, musical + instrument, sheet music',
  ],
  [
    'hobbies.musical_instruments.guitars',
    'guitar, bass guitar, electric guitar, acoustic guitar, ukulele, guitar amp, guitar + amp, guitar + amplifier, guitar + string, guitar + pedal, effects pedal, banjo, mandolin, guitars, bass + guitar, guitar + accessory, bass amp',
  ],
  [
    'hobbies.musical_instruments.keyboards',
    'piano, digital piano, keyboard + piano, keyboard + music, keyboard + musical, musical keyboard, synthesizer, synth, midi, midi keyboard, midi controller, keyboard + instrument, stage piano, organ + music, pianos, keyboards + piano',
  ],
  [
    'hobbies.musical_instruments.drums',
    'drum, drums, percussion, cymbal, drum kit, drum set, electronic drum, drumstick, snare, cajon, drums + percussion, drum + percussion, hand drum',
  ],
  [
    'hobbies.musical_instruments.orchestral',
    'violin, viola, cello, double bass, orchestral, brass + instrument, woodwind, flute, clarinet, saxophone, trumpet, trombone, harp, band + orchestra, orchestral + instrument, brass + woodwind, harmonica, recorder + instrument',
  ],
  [
    'hobbies.musical_instruments.dj',
    'dj, dj equipment, dj controller, dj + equipment, dj + controller, dj + mixer, recording equipment, home studio, studio monitor, audio interface, microphone, mic + recording, recording + studio, pro audio, studio + recording, podcast + microphone, dj + turntable, mixer + dj, live sound',
  ],
  [
    'hobbies.models',
    'model kit, model train, scale model, model building, diecast, die cast, model railroad, model railway, model + kit, model + train, rc + model, model car, model aircraft, plastic model, gundam, miniature + painting, wargaming, warhammer, miniature + model',
  ],
  [
    'hobbies.antiques',
    'antique, antiques, antique + collectible, vintage + antique, antiques collectibles, coin collecting, stamp collecting, numismatic, philately, collectible + coin, rare + coin, memorabilia + antique',
  ],
  [
    'hobbies.astronomy',
    'telescope, astronomy, stargazing, astrophotography, telescope + accessory, astronomy + equipment, star chart, planetarium',
  ],
  [
    'hobbies.woodworking',
    'woodworking, woodwork, wood carving, woodcarving, woodturning, lathe + wood, wood + working, whittling, chisel + wood, router + wood, joinery, woodworking + tool, woodworking + supply, pyrography',
  ],

  // Office and school
  [
    'office',
    'office, office supply, office supplies, office product, office + supply, office + school, office school supply, office + product, business supply, office + equipment, school office',
  ],
  [
    'office.stationery',
    'stationery, stationary, pen, pencil, notebook, journal, planner, diary + planner, notepad, sticky note, envelope, writing + supply, fountain pen, ink + pen, gel pen, highlighter, marker + pen, paper + writing, writing instrument, calendar + planner, agenda, notebook + paper, journals, bullet journal',
  ],
  [
    'office.school_supplies',
    'school supply, school supplies, back to school, school, classroom supply, school + supply, school + bag, pencil case, lunchbox + school, school + stationery, classroom, teacher supply, calculator, school + backpack, student + supply, school + book',
  ],
  [
    'office.supplies',
    'office supply + paper, printer paper, copy paper, filing, file folder, binder, stapler, label + office, desk accessory, desk organizer, shredder, paper shredder, whiteboard, office + paper, tape dispenser, paper clip, laminator, label maker, mailing supply, shipping supply, office + organization',
  ],

  // Gifts and occasions
  [
    'gifts',
    'gift, gifts, gifting, gift idea, gift set, present, gift shop, gift + idea, gift + set, personalized gift, personalised gift, gift for, gifts for, gift guide, gift box, gift hamper, gift basket, corporate gift',
  ],
  [
    'gifts.gift_cards',
    'gift card, gift cards, voucher, gift voucher, e gift card, egift, gift certificate, gift + card, store credit + gift, digital gift card',
  ],
  [
    'gifts.flowers',
    'flower, flowers, bouquet, florist, flower delivery, floral arrangement, roses + flower, rose bouquet, fresh flower, flowers + delivery, flower + delivery, floral, dried flower, preserved flower, plant gift',
  ],
  [
    'gifts.party',
    'party, party supply, party supplies, balloon, birthday, birthday party, party decoration, party + supply, party + decor, party favor, party favour, tableware + party, banner + party, birthday + decoration, birthday + supply, piñata, pinata, confetti, party + tableware, celebration + supply',
  ],
  [
    'gifts.cards_wrap',
    'greeting card, greeting cards, gift wrap, wrapping paper, gift bag, gift wrapping, birthday card, card + greeting, thank you card, ribbon + gift, tissue paper + gift, gift + wrap, gift + bag, stationery + greeting, postcard, invitation + card',
  ],
  [
    'gifts.seasonal',
    'seasonal, holiday, holidays, christmas, halloween, easter, valentine, valentines day, valentine day, holiday decor, christmas tree, ornament, christmas decoration, christmas + decor, halloween + decor, seasonal + decor, holiday + decor, thanksgiving, advent calendar, stocking stuffer, holiday + gift, christmas + gift, fourth of july, new year, st patrick, holiday + decoration, seasonal decor, fall decor, autumn + decor, summer + seasonal, holiday shop, mothers day, fathers day',
  ],

  // Education
  [
    'education',
    'education, learning, educational, e learning, elearning, education + learning, lifelong learning, education + service',
  ],
  [
    'education.courses',
    'online course, course, courses, class + online, tutorial, masterclass, online class, online learning, certification + course, training course, bootcamp, workshop + learning, e course, online + course, course + online, skill + course',
  ],
  [
    'education.languages',
    'language learning, language course, learn + language, language + learning, language + course, duolingo, babbel, rosetta stone, foreign language, esl, language + app, language + tutor, language class',
  ],
  [
    'education.test_prep',
    'test prep, test preparation, exam prep, exam preparation, sat prep, act prep, gre, gmat, lsat, mcat, test + prep, exam + prep, tutoring, tutor, test + preparation, exam + revision, revision guide',
  ],

  // Sensitive life events
  ['life_events', 'life event, life events, life + milestone, life change, major life event'],
  [
    'life_events.expecting',
    'pregnancy, pregnant, maternity, prenatal, prenatal vitamin, baby registry, baby shower, expecting, expectant, mom to be, mum to be, mother to be, pregnancy test, pregnancy + test, maternity + clothing, maternity + dress, maternity + wear, maternity + apparel, pregnancy + pillow, bump + pregnancy, birth plan, doula, due date, gender reveal, pregnancy + support, pregnancy + vitamin, pregnancy + book, first trimester, third trimester, antenatal, maternity + bra, baby + registry, baby + shower, hospital bag + baby, labor + delivery, labour + delivery, birthing, expecting parent, pregnancy journal',
  ],
  [
    'life_events.new_parent',
    'postpartum, post partum, breast pump, breastfeeding, breast feeding, nursing bra, nursing pillow, nursing cover, nursing + top, nursing + bra, nursing + pillow, nursing + cover, nursing + tank, new parent, new mom, new mum, new dad, new mother, new father, new baby + card, birth announcement, newborn photography, baby announcement, nursing pad, breast milk, milk storage bag, lactation, lactation + cookie, maternity leave, paternity leave, parental leave, breast + pump, newborn + announcement, postnatal, post natal, baby + announcement',
  ],
  [
    'life_events.family_planning',
    'fertility, ovulation, ovulation test, ivf, in vitro fertilization, conception, trying to conceive, fertility + test, fertility + supplement, fertility + tracker, egg freezing, fertility + clinic, fertility + vitamin, preconception, fertility treatment, surrogacy, adoption + child, ovulation + kit, basal thermometer, fertility monitor, family planning',
  ],
  [
    'life_events.wedding',
    'wedding, bridal, bride, bridesmaid, groom + wedding, groomsman, engagement ring, engagement + ring, wedding ring, wedding band, wedding + dress, bridal + gown, wedding + gift, wedding registry, wedding + registry, wedding + decor, wedding + invitation, wedding planning, honeymoon, bachelorette, bachelor party, hen party, stag party, proposal + ring, wedding + favor, wedding + guest, engagement, anniversary + wedding',
  ],
  [
    'life_events.divorce',
    'divorce, separation + marriage, divorce lawyer, divorce + attorney, co parenting, coparenting, custody + child, legal separation, divorce + mediation, divorce + support, single parent, divorce + recovery',
  ],
  [
    'life_events.bereavement',
    'bereavement, funeral, sympathy, sympathy card, sympathy gift, sympathy + flower, condolence, memorial, memorial + gift, urn, cremation, grief, grief + support, loss + loved one, casket, headstone, remembrance + gift, obituary, in memory, funeral + flower, pet memorial, pet loss, memorial + jewelry',
  ],

  // Other sensitive interests
  [
    'dating',
    'dating, dating app, dating site, online dating, matchmaking, matchmaker, singles + dating, date night + app, dating + service, speed dating, dating coach, dating advice, dating + app, dating + site, tinder, bumble + dating, hinge + dating',
  ],
  [
    'dating.services',
    'dating service, dating services, dating subscription, dating + premium, dating + membership, matchmaking service, dating + subscription',
  ],
  [
    'gambling',
    'gambling, gamble, casino, betting, bet + online, wager, sportsbook, bookmaker, bookie, gaming + casino, igaming, online gambling, gambling + online',
  ],
  [
    'gambling.casino',
    'online casino, slot machine, slot + casino, poker chip, poker table, poker set, online poker, blackjack, roulette, casino + game, casino chip, baccarat, craps, casino + online, poker + tournament, poker + online, slots + casino, jackpot',
  ],
  [
    'gambling.sports_betting',
    'sports betting, sport betting, sport + betting, sports + betting, bet + sport, betting odds, odds + betting, fantasy sport + betting, horse racing betting, bet + horse racing, betting + tip, parlay, daily fantasy, daily fantasy sport, fantasy + sport, betting + exchange, accumulator + bet',
  ],
  [
    'gambling.lottery',
    'lottery, lotto, lottery ticket, scratch card, scratch off, scratch ticket, bingo, online bingo, powerball, mega million, euromillion, raffle + ticket, sweepstake, lottery + ticket, keno, pull tab',
  ],
  [
    'religion',
    'religion, religious, faith, spiritual, spirituality + religion, church, worship, prayer, christian, christianity, catholic, islamic, muslim, jewish, judaica, hindu, buddhist, buddhism, sikh, mormon, evangelical, biblical, religion + spirituality, religion spirituality, mosque, synagogue, temple + worship, theology, ministry, sermon, scripture, faith based, christian + gift, catholic + gift',
  ],
  [
    'religion.books',
    'bible, quran, koran, torah, religious book, bible study, holy book, prayer book, book + religion, book + religious, religion + book, christian + book, christian + fiction, devotional, christian living, bible + study, scripture + book, talmud, bhagavad gita, book + faith, faith + book, book + christian, religious + text, hymnal, bibles',
  ],
  [
    'religion.goods',
    'rosary, crucifix, prayer rug, prayer mat, menorah, hijab, kippah, yarmulke, prayer bead, religious gift, religious jewelry, religious + gift, religious + jewelry, religious + decor, cross necklace, cross + pendant, communion + gift, baptism + gift, christening, baptism, first communion, bar mitzvah, bat mitzvah, confirmation + gift, icon + religious, prayer candle, tallit, religious + supply, church supply, altar',
  ],
  [
    'religion.spirituality',
    'spirituality, spiritual + book, new age, tarot, astrology, crystal healing, healing crystal, chakra, reiki, occult, pagan, wicca, horoscope, spiritual + healing, spiritual + growth, metaphysical, witchcraft, spirituality + book, manifestation + journal',
  ],
  ['sexual_orientation', 'sexual orientation, gender identity, lgbt, lgbtq, lgbtqia, lgbtqi, lgbtq+, glbt'],
  [
    'sexual_orientation.lgbtq',
    'gay, lesbian, queer, bisexual, transgender, trans + gender, nonbinary, non binary, pride month, pride flag, pride collection, pride merch, pride merchandise, pride + apparel, pride + clothing, pride + collection, pride + shirt, pride + flag, pride parade, rainbow pride, pride + month, drag queen, drag + show, lgbtq + book, lgbt + book, lgbtq + fiction, queer + fiction, gay + fiction, lesbian + fiction, gay + romance, queer + book, lgbtq + romance, pride + accessory, pride + jewelry, binder + chest, chest binder, gender affirming, gender neutral + pride, two spirit, asexual, pansexual, intersex',
  ],
  [
    'politics',
    'politics, political, politic, election, political campaign, political + merchandise, political + campaign, activism, activist, political + book, book + politics, politics + book, politics + social science, political party, democrat, republican, conservative + political, liberal + political, campaign + donation, political donation, voter, voting, protest + sign, petition, political + cause, lobby + political, labour party, tory',
  ],
  [
    'politics.causes',
    'political cause, political merchandise, campaign merchandise, campaign sign, yard sign + political, political + sign, political + apparel, political + shirt, political + hat, maga, campaign + button, political button, political + sticker, candidate + merchandise, political + merch, election + merchandise',
  ],
  [
    'tobacco',
    'tobacco, cigarette, cigarettes, smoking + accessory, smoke shop, smoking, smoker + tobacco, tobacconist, nicotine, nicotine pouch, snus, chewing tobacco, rolling paper, rolling tobacco, hookah, shisha, hookah + tobacco, lighter + smoking, ashtray, cannabis, marijuana, cbd, thc, weed + smoking, bong, grinder + herb, dispensary, kratom',
  ],
  [
    'tobacco.vaping',
    'vape, vaping, vapes, vaporizer, vaporiser, e cigarette, ecigarette, e cig, ecig, e liquid, eliquid, e juice, ejuice, vape pen, vape juice, disposable vape, pod system + vape, vape + pod, vape + kit, vape + coil, vape + tank, vape + mod, vape + accessory, vape + liquid, nicotine salt, heated tobacco, heat not burn',
  ],
  [
    'tobacco.cigars',
    'cigar, cigars, cigarillo, pipe tobacco, tobacco pipe, humidor, cigar + accessory, cigar cutter, cigar + humidor, cigar + lighter, pipe + smoking, smoking pipe, cigar + box, cigar club',
  ],
]

function buildRules(table: typeof TABLE): readonly CategoryRule[] {
  const rules: CategoryRule[] = []
  for (const [topic, entries] of table) {
    for (const entry of entries.split(',')) {
      const pattern = entry
        .split(' + ')
        .map((phrase) => phrase.trim())
        .filter((phrase) => phrase !== '')
      if (pattern.length > 0) rules.push(Object.freeze({ pattern: Object.freeze(pattern), topic }))
    }
  }
  return Object.freeze(rules)
}

/**
 * The default category → topic rules, in table order. The resolver does not stop at the first
 * match: it collects every matching rule and picks the most specific (see `CategoryResolver`), so
 * order only breaks exact ties.
 */
export const DEFAULT_CATEGORY_RULES: readonly CategoryRule[] = buildRules(TABLE)
