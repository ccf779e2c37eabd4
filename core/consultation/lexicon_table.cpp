// The lexicon: how a dietitian (or a student dietitian) asks about each topic, and the cue
// phrases of the conversational acts. Everything is written in normalise()'s form: lower case,
// no punctuation, contractions expanded ("do not", "i am", "what is").
//
// Pattern mini-language, one pattern per ';':
//   word       matches the word and its plural ("snack" ~ "snacks", "berry" ~ "berries"), UK or US
//              spelling ("fiber" ~ "fibre")
//   word*      any word starting with it ("constipat*")
//   =word      exactly this word
//   ...        up to three words of anything (within a sentence)
//   ^ $        start / end of a sentence
//   #          a number
//   a|b        alternatives
//   & x|y      and one of x, y is somewhere in the utterance (several '&' groups: each must hold)
//   ! x|y      and none of x, y is in the utterance
//   a|b & x    the context (& and !) binds the LAST alternative only: "a" alone, or "b" with x
//   (a|b) & x  the context binds every alternative
//   ~pattern   a loose general opening, dropped when a specific topic of the same domain is found
// A topic found inside a longer match of another topic or of an "@block" phrase does not count.
// Order of the rows does not matter; the analysis ranks longer (more specific) matches first.

#include "core/consultation/lexicon_engine.h"

namespace practicum::consultation::lexicon {

namespace {

constexpr Entry kEntries[] = {
    // =========================================================================================
    // Phrases that look like topics but are not.
    {"@block",
     "walk me through|walk you through|walk us through|talk me through|talk you through|take me through|"
     "take you through|run through|run me through|run you through|go through|going through|work through|"
     "work together|work on|working on|work with you|work with me|how does that work|does that work|"
     "would that work|what works|works for you|work for you|work best|works best|work out & plan|way|what|how|"
     "best|which|why|together|option|something|goal;"
     "feel free|make sense|makes sense|made sense|fair enough|take care|take your time|in the long run|"
     "long run|in the meantime|student dietitian|student dietitians|trainee dietitian|dietetic student|"
     "dietetics student|student nutritionist|nutrition student|final year student|scale of|on a scale|"
     "time period|period of time|for a period|over a period|a period of|short period|long period|"
     "peer pressure|put pressure|pressure on you|fall asleep|falling asleep|fell asleep|weigh up|weigh the|"
     "weighing up|word of mouth|good morning|good afternoon|good evening|morning everyone|"
     "how are you|how are you doing|how are you today|how are you feeling today|nice to meet you|"
     "thank you for coming|thanks for coming|first of all|all in all|at the end of the day|end of the day|"
     "in a minute|in a second|just a second|for a second|a few seconds|second question|next question|"
     "hang on|bear with me|bit of a|make notes|take notes|take some notes|note down|jot down|write down|"
     "sweet of you|that is sweet|food for thought|piece of cake|in the same boat|spill the beans|"
     "i am here to help|here to help|help you with|help me understand|can i help|how can i help|"
     "i can help|happy to help|help you today|how i can help|help you make|help you find|help you get|"
     "whatever works|at home with this|feel at home|make yourself at home|home in on|cover today|"
     "today we|where to start|start with|get started|to start|start off|start by|before we start|"
     "level with you|same page|on track|back on track|fresh start|big picture|drop in|drop by|pop in|"
     "pop by|pop out|go ahead|move on|moving on|carry on|go on|hold on|point of view|good point|"
     "health care professional|healthcare professional|health professional|care professional|"
     "in terms of|in the first place|so far|so much for|as much as you like|as much as you can|"
     "part of the team|best of both|speak to your doctor|let your doctor know|my name|call me|"
     "i am a dietitian|i am the dietitian|i am your dietitian|your dietitian|the dietitian|a dietitian|"
     "non alcoholic|alcohol free|dietetic team|dietetics team|dietitian today|since the diagnosis|since your "
     "diagnosis|since being diagnosed|"
     "since you were diagnosed|since diagnosis"},
    // Idioms, and words a consultation uses in their other sense: "next steps" is a plan, not
    // walking; "digest all this" is not the gut; "a joint decision" is not a sore knee. Each is
    // longer than the topic word it hides, which is what lets it hide it.
    {"@block",
     "next step|next steps|first step|first steps|step by step|one step at a time|small steps|baby steps|"
     "step in the right direction|steps you can take|steps to take|take steps|practical steps|"
     "the steps we|steps we agreed|steps we discussed|steps we talked about|a few steps|what steps|which steps|"
     "any steps to|taken any steps|taken steps|steps you have taken|steps have you taken|step on|step back|"
     "step dad|step mum|step father|step mother|step son|step daughter|step brother|step sister|step parent*|"
     "step child*|step kids|it work out|that work out|did not work out|will work out|would work out|"
     "might work out|went pear shaped|gone pear shaped|go pear shaped|goes pear shaped|going pear shaped|"
     "been told to fast|told to fast before|fast before your|fast before the|nil by mouth|running out|ran out|"
     "take it one step at a time|take things one step at a time|take it one day at a time|one day at a time|"
     "take it slowly|take it slow|take it easy|take things slowly|"
     "walk in the park|running late|run late|running behind|"
     "digest all|digest this|digest that|digest everything|digest the information|lot to digest|time to digest|"
     "pill to swallow|lot to swallow|bitter pill|gut feeling|gut instinct|gut reaction|gut feel|go with your gut|"
     "trust your gut|follow your gut|sugar coat|sugar coated|sugar coating|with a pinch of salt|"
     "take it with a pinch|take that with a pinch|with a grain of salt|cake and eat it|cold turkey|"
     "not your cup of tea|not really your cup of tea|not my cup of tea|more your cup of tea|"
     "joint of|joint decision|joint effort|joint appointment|joint account|joint plan|"
     "a pain to|a bit of a pain|such a pain|a real pain|real pain to|pain in the neck|"
     "would not hurt|will not hurt|does not hurt to|can not hurt to|never hurts|"
     "your spirits|in good spirits|low spirits|high spirits|keep your spirits|spirits up|"
     "flu shot|flu shots|figure out|figured out|figuring out|figure it out|figure things out|"
     "to work on|like to work on|want to work on|sexually active|active on|weakness for|weak spot|soft spot|"
     "tired of|sick of|sick and tired|feel sick and tired|feeling sick and tired|fed up of|fed up with|"
     "handful of times|handful of people|handful of occasions|only a handful|helping you|helping out|"
     "helping with|helping me|helping her|helping him|helping them|"
     "sounds exhausting|is exhausting|must be exhausting|sounds tiring|must be tiring|sounds draining|"
     "is draining|must be draining|emotionally draining|emotionally exhausting|"
     "sleep on it|sleep on that|wake up call|"
     "do not worry|no need to worry|nothing to worry about|try not to worry|not to worry|"
     "mobile number|mobile phone|on your mobile|your mobile|mobile app|"
     "get around to|got around to|getting around to|"
     "pop on|pop your|pop back|pop up|pop it|pop over|pop along|pop round|pop them|"
     "weigh on|weighs on|weighing on|weight off your|weight off my|weight on your shoulders|weight of the world|"
     "christmas period|festive period|holiday period|easter period|summer period|same period|trial period|"
     "waiting period|over the period|"
     "tablet or phone|phone or tablet|tablet or tv|tv or tablet|ipad or tablet|tablet or ipad|"
     "watch the =tablet|watching the =tablet|play on a =tablet|plays on a =tablet|play on the =tablet|"
     "plays on the =tablet|play on her =tablet|play on his =tablet;"
     "(on a =tablet|on the =tablet|on her =tablet|on his =tablet|on your =tablet|the =tablet) & "
     "play*|watch*|screen*|game*|ipad|phone|tv|youtube|video*|cartoon*"},

    // =========================================================================================
    // Food and nutrition history

    {"diet_general",
     "diet ! tried|before|ever|previous|previously|been on|slimming|lose weight|special diet|gluten free diet|"
     "low carb diet|keto|low fodmap|renal diet|diets;"
     "your diet|current diet|usual diet|normal diet|general diet|diet in general|diet like|overall diet;"
     "~what you eat|~what do you eat|~what do you usually eat|~what you usually eat|~what do you normally eat|"
     "~what you normally eat|~what you tend to eat|~what do you tend to eat|~what sort of food*|"
     "~what kind of food*|~what type* of food*|~what foods|~sort of things you eat|~kind of things you eat|"
     "~what you have to eat|~what do you have to eat|~what else do you eat|~what else do you have|"
     "~calori* & eat|have|intake|day|how many;"
     "~sort of things do you ... eat|~kind of things do you ... eat|~what ... do you usually eat|~what ... do you eat|"
     "~things ... you eat;"
     "~what does ... eat|~what does ... usually eat|~what does ... like to eat|~what have you been eating|"
     "~what you have been eating|~been eating|~anything else you eat|~what sort of meals|~what kind of meals|"
     "~what type of meals|~meals do you have;"
     "~eat in a day|~eat during the day|~eat on a normal day|~usually eats|~usually eat;"
     "eating habit*|food habit*|diet habit*|dietary habit*|dietary intake|food intake|nutritional intake|"
     "nutrition intake|your intake|your nutrition|your eating|way you eat|how you eat|how do you eat|"
     "how is your diet|how healthy|healthy eating|healthily|eat well|eat healthy|eating well|"
     "relationship with food|food preference*|favourite food*|foods you like|foods you enjoy|food you like|"
     "food you enjoy|like to eat|enjoy eating|dislike*|do not like to eat|foods you do not like|"
     "eating in general|food in general|about food|about your food|your food|day to day eating|"
     "eating like|what you eat in a day|what do you eat in a day|overall eating|your meals|eat and drink|"
     "eating and drinking|food and drink"},

    {"typical_day",
     "typical day|normal day|usual day|average day|ordinary day|standard day|regular day|day of eating|"
     "typical daily|from when you wake|from the moment you wake|when you wake up until|until you go to bed|"
     "until bed|through your day|your day & eat|ate|food|meal|drink|have;"
     "24 hour*|24hr*|24 hr*|twenty four hour*|last 24|past 24|previous 24|food diary|food record|food log|"
     "food journal|diet diary|diet record|recall;"
     "yesterday & eat|ate|eaten|have|had|food|drink|drank|meal|breakfast|lunch|dinner|tea|snack|day;"
     "what did you eat|what did you have to eat|what have you eaten|what have you had to eat|"
     "everything you ate|everything you had|everything you eat|everything you have|all the food|"
     "all you ate|all you had|throughout the day & eat|food|meal|snack|drink|have;"
     "during the day & eat|food|meal|what do you have;"
     "day look like & eat|food|meal;"
     "typical week & eat|food|meal;"
     "start to finish & day|eat|food;"
     "today & what have you eaten|what have you had|eaten today|had today|so far today;"
     "first thing you ate|last thing you ate|first thing you had|last thing you had"},

    {"breakfast",
     "breakfast*|brekkie|brekky|first meal|morning meal|first thing you eat|first thing you have;"
     "(first thing in the morning|in the morning|mornings|morning|when you wake up|when you get up|"
     "when you first get up|get up in the morning) & eat|ate|eaten|food|meal|drink|have for|had for|snack|"
     "what do you have|what do you usually have|what did you have|have anything|anything to eat;"
     "(before work|before an early shift|before your shift|before you go to work|before you leave|before you go into|"
     "before you go out) & eat|ate|food|breakfast|have anything|anything|drink;"
     "day start* & food|eat|drink|breakfast;"
     "(start the day|start your day) & eat|food|with|drink;"
     "cereal* & morning|breakfast|start|bowl;"
     "porridge|granola|muesli|oatmeal|breakfast cereal*"},

    {"lunch",
     "lunch*|luncheon|midday meal|noon meal|packed lunch|lunchbox|lunch box;"
     "(middle of the day|midday|at noon|around noon|around midday|early afternoon) & eat|ate|food|meal|have|had;"
     "school dinner*|during your break|on your break|at break|break time|lunch break|meal break;"
     "sandwich* & lunch|work|midday|day|shop"},

    {"dinner",
     "dinner* ! school dinner|school dinners;"
     "main meal ! between;supper|evening meal|last meal|tea time|teatime|for tea|for your tea|your tea & "
     "eat|ate|have|had|"
     "meal|food|cook|make|usually|evening|night|after work;"
     "have for tea|had for tea|having for tea|eat for tea|ate for tea;"
     "(in the evening|in the evenings|evening|evenings|at night|tonight|last night|after work|"
     "when you get home) & eat|ate|eaten|food|meal|cook|have for|had for|what do you have|what did you have|"
     "what do you usually have|do you have ! morning|breakfast;"
     "typical tea|usual tea|tea look like|tea & typical|usual|look like|in your house|at home;"
     "meal* at home|meal* ... at home;"
     "family meal & evening|night;"
     "night time meal|what do you have at night"},

    {"snacks",
     "snack*|nibble*|nibbling|graze|grazing|between meals|in between meals|in between|pick at|picking at|"
     "munch*|keep you going|something to keep you going|junk food|junk|treat food|crisp*|"
     "chocolate bar*|cereal bar*|granola bar*|protein bar*|bag of crisp*|packet of crisp*|"
     "mid morning|mid afternoon|elevenses|afternoon & eat|ate|food|have anything|something;"
     "anything else & between|during the day;"
     "picking ! picking up|up from|pick up|picking her|picking him|picking them|picking the;"
     "vending machine*|tuck shop|between ... meal*;(while you are working|while you work|at your desk|at your "
     "computer) & "
     "eat|snack|food|nibble|graze|anything|have"},

    {"meal_pattern",
     "skip* & meal*|breakfast|lunch|dinner|tea|eating|food;"
     "miss* & meal*|breakfast|lunch|dinner ! dose|tablet|medic|pill|insulin|period;"
     // "How often do you eat?" is about the pattern; "how often do you eat fish?" is about the fish.
     "how often do you eat $|how often you eat $;"
     "(how often do you eat|how often you eat) & in a day|during the day|a day|each day|per day|through the day;"
     "regular meal*|meals a day|meal a day|meals per day|meals each day|how many meals|eat regularly|regular times|"
     "at regular|meal time*|mealtime*|meal timing*|"
     "time of your meals|times of your meals|timing of your meals|timing of meals|when do you eat|"
     "when you eat|when do you have your|what time do you eat|what time do you have|what time do you usually eat|"
     "what time you eat|eating pattern*|pattern of eating|pattern of your meals|meal pattern*|meals pattern*|"
     "long gap*|gap* between|go without eating|go without food|long without eating|long without food|"
     "go long without|eat at the same time|same time each day|same time every day|three meals|3 meals|"
     "one meal a day|two meals|2 meals|meal routine|eating routine|routine & eat|meal|food;"
     "structure & meal|eating|day;"
     "fasted|on an empty stomach|empty stomach|before & training|session|run|gym|workout|exercise|match|race & "
     "eat|food|anything|fuel*;"
     "intermittent fasting|time restricted eating|eat late|eating late|late meal*|"
     "regularly & eat|meal|breakfast|lunch|dinner;"
     "(eat in the day|eat during the day) & when|how often|time;"
     "(what time*|what times|which times|at what time|regular times|set times|same times|first food) & "
     "meal*|eat*|food|breakfast|lunch|dinner|supper|tea;"
     "(eat fast|eating fast|eat too fast) ! fast food*;"
     "eat quickly|eat too quickly|eating quickly|eat slowly|eating slowly|"
     "how fast you eat|how fast do you eat|how quickly you eat|how quickly do you eat|speed of eating|"
     "rush your meal*|rush* & meal*|eat*|food|breakfast|lunch|dinner;"
     "how many ... meal*|without a proper meal|without a meal|proper meal*|whole day without|day without & "
     "eat*|food|meal*"},

    {"weekend_eating",
     "weekend*|week end*|saturday*|sunday*|days off|day off|holiday*|vacation*|friday night*|"
     "weekday* & differ*|compared|change|same|versus|vs;"
     "on your days off|different at the weekend|weekends different|sunday roast|social event*|"
     "special occasion*|parties|party|birthday*|celebration* & eat|food|drink"},

    {"drinks",
     "(drink*|beverage*|something to drink|anything to drink|what else do you drink|liquid*) ! alcohol|alcoholic|"
     "beer|lager|wine|spirit|spirits|vodka|whisky|whiskey|gin|rum|cider|pint|pints|pub|booze|drunk|"
     "hangover|night out|cocktail|prosecco|units|fizzy|energy drink|energy drinks|sports drink|"
     "soft drink|soft drinks|do you drink $|drink at all|have a drink|for a drink|for drinks|go out|going out|"
     "drinker|drinkers|with friends|with your friends|with mates|to relax|to unwind|drinking problem|drink problem;"
     "fluid* & how much|what|intake|drink|day|glass|cups|type;"
     "how much do you drink|how much do you drink a day|how much do you have to drink;"
     "non alcoholic|alcohol free|low alcohol|what you drink*|what do you drink*;"
     "have you drunk|had you drunk|you have drunk|you had drunk|what have you drunk|drunk today|drunk so far|"
     "drunk much|drunk enough|drunk any|have a drink with|had a drink with|drink with your meal*|drink with meals|"
     "drink with your food|drink with food|drink with dinner|drink with lunch|drink with breakfast|"
     "drink with your dinner|drink with your lunch|drink with your breakfast;"
     "(cup* of|mug* of|glass* of|bottle* of) & drink|day|have|much|many ! beer|wine|vodka|whisky|gin|rum|cider|"
     "lager|spirit*|prosecco|alcohol*"},

    {"water",
     "water ! retention|tablet|tablets|pill|pills|infection|waterworks|water works|holding water;"
     "hydrat*|dehydrat*|fluid intake|fluid|fluids|how much fluid|how much liquid|glasses of water|"
     "glass of water|bottle of water|bottles of water|water bottle|drink enough|drinking enough|"
     "enough to drink|enough fluid|enough fluids|litre* & drink|day|water|fluid;"
     "total fluid|overall fluid|all your drinks|plain water|tap water|sparkling water|still water|"
     "squash & water|dilute"},

    {"sugary_drinks",
     "fizzy|fizzy drink*|soft drink*|soda|sodas|pop & drink|bottle|can|fizzy|lemonade|sugary;"
     "squash ! play|court|game|racket*|club;"
     "cola|coke|coca cola|pepsi|lemonade|cordial|juice*|fruit juice*|orange juice|apple juice|"
     "smoothie*|energy drink*|red bull|monster energy|lucozade|sports drink*|isotonic|sugary drink*|"
     "sweet drink*|sweetened drink*|milkshake*|milk shake*|frappuccino|frappe|iced coffee|bubble tea|"
     "fanta|sprite|irn bru|ribena|vimto|capri sun|fruit shoot|can of|cans of|diet coke|coke zero|"
     "diet drink*|sugar free drink*|zero sugar|no added sugar|full sugar|hot chocolate|"
     "sugar* & drink|drinks|tea|coffee"},

    {"caffeine",
     "caffeine|caffeinated|decaf*|coffee*|espresso*|latte*|cappuccino*|americano*|flat white*|mocha*|"
     "instant coffee|filter coffee|cup of tea|cups of tea|mug of tea|mugs of tea|cuppa*|green tea|black tea|"
     "herbal tea|builder tea|builders tea|tea or coffee|coffee or tea|tea and coffee|coffee and tea|"
     "drink tea|drinking tea|tea with|with your tea|with a cup of tea|with your cuppa|with a cuppa|energy drink*|red "
     "bull|pro plus|caffeine tablet*|pre workout;"
     "tea ! for tea|for your tea|teatime|tea time|eat|ate|eating|meal|cook|cooked|cooking|dinner|"
     "food|plate|have for tea|had for tea|what is for tea|typical|usual|look like;"
     "tea & drink|drinks|cup|cups|mug|mugs|coffee|caffeine|milk|sugar|sweetener|herbal|green|black|"
     "brew|pot|biscuit|kettle|decaf|how many|a day"},

    {"alcohol",
     "alcohol*|booze|beer*|lager*|ale|ales|wine*|spirits|vodka|whisky|whiskey|gin|rum|cider*|"
     "prosecco|champagne|cocktail*|drunk|hangover*|tipple|alcopop*|shots|bottle of wine|glass of wine;"
     "pint* ! milk|water|squash|juice;"
     "drinker|drinkers|heavy drinker|social drinker|big drinker|get drunk|got drunk|getting drunk|"
     "glasses of wine|can of beer|cans of beer|cans of lager|drink alcohol|drinking alcohol|"
     "social drink*|binge drink*|night* out;"
     "(the pub|at the pub|pub|pubs) ! work in|work at|works in|works at|working in|working at|job in|job at|"
     "job as|chef|waiter|waitress|manager|bar staff|barmaid;"
     "drinking & weekend|night|evening|"
     "friends|social|heavy|much;"
     "units & alcohol|drink|week|pint|wine|beer|spirit ! insulin;"
     "(do you drink $|do you ever drink $) ! water|tea|coffee|juice|milk|fluid*|squash|fizzy|pop|how much|"
     "how many|soft|cola|coke|smoothie*|energy;"
     "have a drink|having a drink|a drink $|for a drink|for drinks|go for drinks|out for drinks|drinks out|"
     "out drinking|drink* & go out|going out|night out|out with|pub|social|socialis*|party|weekend|club|friends|"
     "mates ! friends for dinner|food|eat*|meal*;"
     "drink at all|a drink & after work|evening|weekend|night|social|"
     "relax|unwind;"
     "drink to relax|drink to unwind|drink to cope|drink to de stress|drinking problem|drink problem|"
     "problem with drink|problem with alcohol|drinking too much;"
     "(how much do you drink|how often do you drink) & week|weekend|night|evening|social|units|! water|"
     "fluid|tea|coffee|juice|milk|day"},

    {"eating_out",
     "(eat out|eating out|eats out|ate out) ! eat out of|eating out of|eats out of|ate out of;"
     "takeaway*|take away*|take aways|take out|takeout*|fast food*;"
     "(restaurant*|cafe|cafes) ! work in|work at|works in|works at|working in|working at|job in|job at|job as|"
     "chef|waiter|waitress|manager;"
     "canteen*|cafeteria*|chippy|chip shop|fish and chip*|mcdonald*|maccies|"
     "kfc|burger king|subway|greggs|nando*|drive thru|drive through|deliveroo|uber eats|just eat|"
     "food delivery|delivery & food|pizza|order;"
     "order in|ordering in|order food|ordered food|meal deal*|pub meal*|pub lunch*|buy lunch|buy your lunch|"
     "bought lunch|buy food out|buy something|grab something|grab a|service station|"
     "petrol station|dining out|dine out|eat away from home|away from home|food out|eat on the way|"
     "street food|kebab*|curry house|chinese & takeaway|order|out;"
     "indian & takeaway|restaurant|order;"
     "pizza & order|delivery|takeaway|out|friday;"
     "burger* & van|shop|out|fast;"
     "fries|french fries|do for food|for food when|get food|food on shift|food on the go|buy food;"
     "(on the go|on the run) & eat*|ate|food|grab*|snack*|lunch|breakfast|dinner|meal*|buy|bought|have|had"},

    {"cooking",
     "cook|cooks|cooking|cooked|cooker|chef|who prepare*|prepare* & meal*|food|dinner|lunch|breakfast|tea;"
     "prepar* food|preparing meals|make your meal*|make your own|make meals|make the meals|makes the meals|"
     "homemade|home made|home cooked|home cooking|from scratch|ready meal*|microwave*|oven meal*|recipe*|"
     "kitchen skill*|batch cook*|meal prep*|meal preparation|cooking skill*|confident cooking|"
     "confident in the kitchen|how do you cook|how you cook|cooking method*|how is it cooked|"
     "how do you prepare|how do you make|who makes & food|meal*|dinner|tea|lunch|breakfast;"
     "grill*|roast*|bake|baked|baking|steamed|steaming|steamer|boil*|stir fry|air fryer|slow cooker|casserole*|stew*|"
     "convenience food*|frozen meal*|frozen food*|packet meal*|tinned food*|jar* of sauce|"
     "make from scratch|put together & meal|food|dinner|lunch"},

    {"shopping",
     "(shop|shops|supermarket*) ! work in|work at|works in|works at|working in|working at|job in|job at|"
     "job as|manager|shop assistant|shop floor;"
     "shopping|groceries|grocer*|tesco|asda|aldi|lidl|sainsbury*|morrison*|"
     "waitrose|co op|iceland|marks and spencer|walmart|costco|buy food|buy the food|buys the food|"
     "buy your food|does the shopping|do the shopping|food label*|label*|nutrition label*|read* label*|"
     "traffic light*|ingredients list|ingredient*|online order*|delivered & food|shopping|groceries;"
     "corner shop|market|farmers market|what do you buy|who buys|when you shop|weekly shop|big shop|"
     "food shop|shopping list|special offer*|multibuy|buy in bulk|shopping trolley|basket"},

    {"portion_sizes",
     "portion*|serving*|serving size*|helpings|a helping|big helping*|large helping*|small helping*|"
     "second helping*|seconds & go back|have|plate|food|eat;"
     "how much do you eat|how much you eat|how much food|how much do you have|how much you have|"
     "how much & rice|pasta|potato*|cereal|bread|meat|put on your plate|on your plate|eat at|food|have with|"
     "usually have;"
     "plate size|size of your plate|size of the plate|size of your bowl|size of the bowl|kitchen scale*|"
     "food scale*|weigh out|weighing out|weigh your & food|portion*|rice|pasta|cereal|meal*|meat|ingredient*|"
     "potato*|bread|oats;"
     "plate*|bowl* & size|big|full|how|fill|piled;"
     "big eater|large portion*|small portion*|big portion*|clear your plate|finish your plate|"
     "handful*|spoonful*|tablespoon*|teaspoon*|heaped|piled|quantity|quantities|amount* & eat|food|have|"
     "rice|pasta|bread|meat;"
     "(how big|how large|what size) ! baby|babies|son|daughter|born|bump|he|she|her|him|child|wound*|ulcer*|"
     "swelling|lump*|clothes|dress|trouser*|jeans|shoe*|waist;"
     "how many slices|how many pieces|how many spoons|how many potato*|"
     "how many biscuits|how many sandwiches|how many & slice|piece|spoon|potato|biscuit|sandwich|scoop|"
     "cup|bowl|egg ! tea|coffee|cuppa*|water|juice|milk|drink*|squash|cola|coke|beer|wine|pint*|can|cans|sugar*|"
     "sweetener*|insulin|tablet*;"
     "how many calori*|calori* & aim|target|goal|limit|under|over|allow*|stick to;"
     "go back for more|extra helping*|eat the same as|eat more than|eat less than"},

    {"fruit_vegetables",
     "fruit|fruits|fruity|veg|vegetable*|veggie*|salad*|greens|five a day|5 a day|apple*|banana*|orange*|berr*|grape*|"
     "melon*|pear*|peach*|plum*|kiwi*|mango*|pineapple*|strawberr*|blueberr*|raspberr*|carrot*|broccoli|"
     "pea|peas|spinach|tomato*|sweetcorn|cucumber*|lettuce|cabbage|cauliflower|courgette*|pepper* & "
     "red|green|yellow|veg|salad|bell;"
     "onion*|mushroom*|kale|leafy|dried fruit|raisin*|sultana*|tinned fruit|frozen veg|side salad|"
     "coleslaw|avocado*|beetroot|parsnip*|swede|turnip*|green beans|runner beans|sprouts|leek*|celery"},

    {"starchy_foods",
     "starch*|carb|carbs|carbohydrate*|bread|breads|breadstick*|toast|rice|pasta|spaghetti|noodle*|potato*|"
     "mash|mashed|"
     "jacket potato*|cereal*|porridge|oats|oatmeal|couscous|chapati*|chapatti*|roti*|naan|nan bread|"
     "wrap|wraps|bagel*|crumpet*|yam*|plantain*|cassava|tortilla*|pitta*|pita|grain*|crackers|crispbread*|"
     "rolls|bread roll*|baguette*|croissant*|bun|buns|pizza base|fufu|ugali|injera|quinoa|bulgur|"
     "sweet potato*|chips & potato|oven|fried|with|tea|dinner|portion ! bag|packet|crisp;"
     "white bread|brown bread|starchy|bread and potato*|rice and pasta"},

    {"protein_foods",
     "protein ! shake|shakes|powder|bar|bars|supplement|supplements|urine|in your urine|in the urine|"
     "in your wee;"
     "meat*|chicken|beef|pork|lamb|mince|sausage*|bacon|ham|turkey|processed meat*|red meat|white meat|"
     "fish|salmon|tuna|mackerel|sardine*|cod|haddock|seafood|prawn*|shellfish|egg|eggs|omelette*|"
     "bean*|baked bean*|lentil*|chickpea*|=pulses|legume*|dal|dhal|daal|tofu|quorn|tempeh|seitan|nut|nuts|"
     "peanut*|almond*|cashew*|seed|seeds|meat alternative*|meat free|plant based|plant protein|"
     "vegetarian|vegan|pescatarian|burger*|steak*|kebab meat|hummus|houmous|paneer|halloumi|"
     "oily fish|white fish|fish fingers|chicken nuggets|nuggets|smoked fish|smoked salmon|smoked mackerel|"
     "smoked haddock|smoked trout|kipper*"},

    {"dairy",
     "dairy|dairy products|dairy foods|milk products|dairy milk|instead of & milk|dairy;"
     "milk ! milkshake|milk shake|breast milk|formula milk;milks|cheese*|yoghurt*|fromage frais|kefir;"
     "cream ! skin|moistur*|emollient*|steroid*|rash|eczema|apply|e45|ice "
     "cream|cream cake;"
     "custard|skimmed|semi skimmed|full fat milk|whole milk|oat milk|soya milk|soy milk|almond milk|"
     "coconut milk|plant milk*|milk alternative*|dairy free|non dairy|lactose free|calcium ! tablet|"
     "tablets|blood|level|levels|adcal|calcichew;"
     "cheddar|mozzarella|parmesan|cottage cheese|cream cheese|greek yoghurt|glass of milk|pint of milk|"
     "cup of milk|milky"},

    {"fats_oils",
     "fat|fats|fatty|fatty food*|greasy|grease|oil|oils|oily ! fish|skin;"
     "olive oil|vegetable oil|sunflower oil|rapeseed oil|coconut oil|butter|margarine|spread|spreads|"
     "lard|ghee|dripping|mayo|mayonnaise|fry|fried|frying|deep fried|deep fry|fry up|fry ups|"
     "fried food*|saturated|saturate*|trans fat*|low fat|full fat|high fat|reduced fat|lean meat|"
     "fat off|visible fat|skin on|chicken skin|eat the skin|skin off|creamy|cream sauce*|pastry|pastries|pies|pie|"
     "pasties|pasty|sausage roll*|crisps & fat|oil|fried|greasy|chips & fried|fat|oil|chip shop|chippy"},

    {"salt",
     "salt ! speech|therapist|salt team;"
     "salty|salted|sodium ! blood|level|levels|test|result;"
     "salt shaker|add salt|adding salt|table salt|stock cube*|stock pot*|gravy granule*|gravy|"
     "soy sauce|seasoning*|msg|low salt|lo salt|reduced salt|processed food*|processed meat*|"
     "ready meal*|tinned soup*|packet soup*|smoked meat*|bacon & salt|salty;"
     "cured & meat*|ham|bacon|fish|sausage*|salami|food*;"
     "crisps & salt|salty|salted"},

    {"sweets",
     "sweet|sweets|sweet stuff|sweet thing*|sweet tooth|sweet food*|sweetie* ! sweetener|sweeteners|"
     "sweet potato|sweet potatoes|sweetheart;"
     "sugar|sugars|sugary|sugary food*|added sugar*|refined sugar*|chocolate*|choc|candy|candies|cake*|"
     "biscuit*|cookie*|dessert*|pudding*|puds|ice cream*|doughnut*|donut*|pastries|croissant*|"
     "muffin*|jam|honey|syrup|sweetener*|bar* of chocolate|chocolate bar*|cereal bar*|flapjack*|"
     "brownie*|lolly|lollies|ice lolly|haribo|jelly sweet*|jelly babies|toffee*|fudge|mint*|custard cream*|"
     "=digestives|digestive biscuit*|chocolate digestive*|hobnob*|jaffa|kitkat|mars bar*|cadbury*|maltesers|"
     "chewing gum|sugar free gum|gum & chew*|mint*|sweet*;"
     "(treat|treats) ! hypo*|low|infection*|injur*|pain|condition|symptom*|medic*|doctor|with insulin;"
     "cheesecake|crumble|tart|tarts|"
     "sugar in|sugars in|spoon* of sugar|teaspoon* of sugar|sugar free|no added sugar|sweet treat*"},

    {"fibre",
     "fibre|fibres|high fibre|wholegrain*|whole grain*|wholemeal|whole meal|whole wheat|wholewheat|"
     "brown bread|brown rice|brown pasta|bran|bran flakes|all bran|weetabix|shredded wheat|roughage|"
     "linseed*|flaxseed*|flax|psyllium|chia|pulses & fibre|skins on|skin on & potato*"},

    {"gluten",
     "gluten*|wheat|barley|rye|spelt|gluten free|gf|cross contamin*|contamin*|crumbs|toaster & shared|"
     "separate|own|same|share|sharing|family;"
     "hidden gluten|breadcrumb*|free from|free from aisle|coeliac friendly|coeliac safe|may contain|"
     "oats & gluten|coeliac|contamin*|pure|free;"
     "separate toaster|shared toaster|own toaster|same knife|butter knife|chopping board|shared kitchen|"
     "shared utensils|separate board*|beer & gluten|coeliac;"
     "separate & food|kitchen|toaster|utensil*|board*|butter|pan*|cook*|spread*|jam"},

    {"food_intolerance",
     "allerg*|intoleran*|intolerant|lactose|anaphyla*|epipen|epi pen|hives|food sensitiv*|"
     "sensitiv* & food|to|dairy|wheat|milk;"
     "react* & food|eat|after|certain|to;"
     "disagree with you|disagrees with you|do not agree with you|does not agree with you|"
     "foods you avoid|food you avoid|anything you avoid|avoid eating|avoid any|avoid certain|avoid* & because|"
     "reaction|allerg*|"
     "foods you can not eat|foods you can not have|food you can not eat|can not tolerate|tolerate & food|"
     "milk|dairy|wheat;"
     "cut out & food|any|anything|because|completely|dairy|wheat|milk|bread|gluten;"
     "safe food*|feel safe & eat*|food;"
     "nut allerg*|peanut allerg*|dairy allerg*|milk allerg*|egg allerg*|rash & food|eat|after"},

    {"trigger_foods",
     "trigger* ! stress*|anxiety|anxious|mood|panic*|smok*;"
     "set* off|sets it off|bring* on|brings it on|brought on|make* it worse|makes them worse|"
     "make* your symptom* worse|make things worse|worse after|worse when you eat|flare* & food|eat|after|"
     "up;"
     "flare up*|flare ups|fodmap*|low fodmap|particular food*|certain food*|specific food*|"
     "foods that & upset|bother|affect|make|cause|seem;"
     "food that & upset|bother|affect|make|cause|seem;"
     "(which food*|what food*) & upset|bother|affect|make|cause|worse|symptom*|bloat*|pain|stomach|react|"
     "trouble|problem|seem;"
     "link* & food|eat & symptom*|stomach|bloat*|pain|bowel*|flare|worse;"
     "connection & food|eat & symptom*|stomach|bloat*|pain|bowel*;"
     "after eating & worse|symptom|bloat|pain|sick|trouble|problem|diarrhoea|toilet;"
     "food diary & symptom*|pattern|notice|link;"
     "noticed any pattern*|any pattern*|cause* your symptom*|causes it|cause it & food|eat"},

    {"supplements",
     "supplement*|multivitamin*|multi vitamin*|vitamin* & take|taking|tablet*|pill|buy|bought|supplement|"
     "capsule*|gummies|drops|spray|chemist|over the counter ! level|levels|blood|result|results|deficien*;"
     "vitamin* $ & any|take|do you;"
     "mineral* & take|taking|tablet*|supplement;"
     "(iron|zinc|magnesium) & take|taking|tablet*|capsule*|supplement* ! level*|blood|test*|result*|count|store*;"
     "iron tablet*|iron supplement*|fish oil*|cod liver oil|omega 3 & take|capsule*|supplement*|tablet*;"
     "probiotic*|prebiotic*|yakult|actimel|herbal remed*|herbal & remed*|medicine*|supplement*|tablet*;"
     "remed* & natural|herbal|alternative|home;"
     "protein shake*|protein powder*|whey|creatine|pre workout|sports supplement*|build up drink*|"
     "build up shake*|ensure plus|fortisip*|complan|oral nutritional supplement*|nutritional supplement*|"
     "nutritional drink*|supplement drink*|sip feed*|meal replacement*|slimfast|shake* & meal|replace|"
     "protein|build|nutrition|diet;"
     "health food shop|folic acid|pregnancy vitamin*|pregnacare|vitamin d & take|tablet|spray|drop*|"
     "supplement;"
     "calcium & supplement|tablet|take|taking;"
     "energy gel*|gels & energy|run|training|race;"
     "electrolyte* & tablet|drink|sachet|take;"
     "inositol|myo inositol|turmeric|apple cider vinegar|cinnamon & capsule|tablet|supplement|take;"
     "sterol*|stanol*|benecol|flora pro activ|pro activ|cholesterol lowering & product*|drink*|spread*|yoghurt*;"
     "anything from the chemist|anything from the pharmacy|over the counter & vitamin|supplement|remed*"},

    {"previous_diets",
     "diet* & tried|before|ever|previous|previously|past|been on|follow*|slimming|lose weight|losing weight|"
     "in the past|used to;"
     "tried to lose weight|tried losing weight|tried & diet|lose weight|losing weight|cut down|cutting down|"
     "change|before|anything;"
     "previous advice|advice before|advised before|been given advice|given any advice|any advice|"
     "advice you|dietary advice|diet advice|seen a dietitian|seen a dietitian before|dietitian before|"
     "been to a dietitian|slimming world|weight watchers|ww|noom|keto*|ketogenic|atkins|low carb|"
     "intermittent fasting|5 2|cambridge diet|juice diet|juice cleanse|detox*|cleanse|calorie count*|"
     "counting calori*|count calori*|track* & calori*|food|app;"
     "dieting|my fitness pal|myfitnesspal|diet history|yo yo|crash diet*|meal replacement*|slimming club*|"
     "slimming group*|weight loss group*|weight loss programme|weight loss program|any diets|"
     "been on a diet|on a diet|special diet|fad diet*|diet plan*|diet books|diet pills|"
     "anything worked|what worked|what has worked|what did not work|worked before|worked in the past|"
     "nurse tell you|nurse told you|dietitian tell you|dietitian told you|doctor tell you to|doctor told you to|"
     "tell you to eat|told you to eat|tell you to avoid|told you to avoid|advice about|"
     "advice & given|been given|told|had|received|get|got|anyone|dietitian|nurse|doctor|midwife|food|diet|eating;"
     "tried before|have you tried|did you try|previous attempt*|last time you tried|been told to|told to eat|"
     "told to cut|told to avoid|told to follow|told to eat less|the nurse said|nurse told you|"
     "leaflet* & given|diet|food"},

    {"nutrition_knowledge",
     "know about & food*|diet|eating|nutrition|carb*|sugar|salt|fat|fibre|gluten|potassium|phosphate|"
     "protein|healthy|calori*|label*|portion*|energy|fuel*|fuelling|running|sport|training|performance|"
     "recovery|weight;"
     "what have you been told & eat|food|diet|avoid|cut;"
     "what do you understand|how do you understand|understanding & diet|food|eat*|nutrition|carb*|"
     "label|healthy|condition|diabetes|potassium|salt|gluten|fat|sugar;"
     "understand* & diet|food|eat*|nutrition|carb*|label|affect*|sugar|salt|healthy;"
     "heard about|heard of|read about|read online|look* online|looked online|looked up|google*|"
     "internet & food|diet|eat|read|information|advice;"
     "social media|tiktok|instagram|youtube|podcast* & food|diet|eat|advice|information;"
     "what do you think & healthy|diet|food|eat|cause|help|good|bad|should|affect|carb*|sugar;"
     "believe* & food|diet|eat|healthy|good|bad|weight|performance|running|sport|training|lighter|faster;"
     "(fuel*|fuelling|fueling) ! bill*|petrol|diesel|car|heating|poverty|price*|cost*|electric*;"
     "refuel* & know|understand|think|believe|how|what|should;"
     "healthy plate|balanced plate|plate model|eatwell*|eat well guide|eat well plate|"
     "idea of a healthy|idea of healthy|good for you|bad for you|healthy for you|unhealthy|"
     "what foods & good|bad|healthy|avoid|should|allowed|can not|high in|rich in|contain;"
     "which foods & good|bad|healthy|should|allowed|high in|rich in|contain;"
     "allowed to eat|supposed to eat|supposed to avoid|should you eat|should you avoid|should be eating|"
     "feel confident & food|diet|choos*|label*|healthy;"
     "information & diet|food|nutrition|eating;"
     "education & diet|nutrition|course|session|diabetes;"
     "desmond|dafne|xpert|course & diabetes|education|nutrition|cooking;"
     "high in|rich in|contain* & food|foods|potassium|phosphate|salt|sugar|fat|iron|calcium|fibre;"
     "foods contain|which foods|know which|know what foods|know how & affect|carb*"},

    {"appetite",
     "appetite*|hungry|hunger|how hungry|feel full|feeling full|full quickly|full very quickly|"
     "full up|fill* up|get full|gets full|satiet*|satisfied & meal|eat|after|food;"
     "off your food|off food|go off food|gone off food|off their food|lost your appetite|loss of appetite|"
     "poor appetite|interest in food|interested in food|want to eat|feel like eating|not hungry|"
     "eating less|eat less|eat as much|eating more|eat more than usual|peckish|starving|ravenous|"
     "early satiety|enjoy your food|enjoying food|enjoy food"},

    {"cravings",
     "craving*|crave*|urge* & eat|food|sweet|salt|sugar|chocolate;"
     "desire for|fancy & sweet|chocolate|something|eat;"
     "can not resist|resist|resisting|resisted|hankering|long for|pica|chew* ice|eating ice|crunch* ice|non food|"
     "strange food*|odd food*|unusual food*|strange craving*|want* & sweet|chocolate|salty|sugar & "
     "really|always|after|evening|time"},

    {"night_eating",
     "night* & eat*|food|snack*|ate|fridge|kitchen|hungry & !night out|night shift;"
     "late at night|later at night|later in the evening|late in the evening|late night*|late evening*|"
     "middle of the night|in the night & eat|snack|food|hungry|kitchen|fridge;"
     "(before bed|bedtime|bed time) & eat|snack|food|have|ate|supper|biscuit;"
     "(after dinner|after your dinner|after tea|after your tea|after your evening meal) & eat|snack|anything|"
     "food|nibble|else;"
     "evening snack*|night snack*|supper & late|bed;"
     "night shift* & eat|snack|food|break|meal|have|biscuit*|chocolate*|nibble*;"
     "wake up & eat|hungry|snack & night;"
     "get up in the night & eat|snack|food|kitchen|fridge;"
     "eat late|eating late|late dinner*|late supper|midnight snack*|raid the fridge|fridge raid*"},

    {"emotional_eating",
     "emotion* & eat*|food|snack*|comfort|binge*|crav*;"
     "comfort eat*|comfort food*|stress* & eat*|food|snack*|turn to|reach for|binge;"
     "when you are stressed|when you feel stressed|bored & eat|food|snack;"
     "boredom|when you feel & down|low|sad|upset|stressed|anxious|fed up|lonely|tired|angry & eat|food|snack;"
     "mood & eat|food|snack|affect;"
     "feeling* & eat|food|snack;"
     "upset & eat|food|snack|turn;"
     "lonely & eat|food|snack;"
     "binge*|out of control & eat|food;"
     "lose control & eat|food;"
     "guilt* & eat|food|after;"
     "guilty & eat|food|after;"
     "secret* & eat|food;"
     "hide food|hiding food|reward & food|eat|yourself;"
     "comfort & food|eat*;"
     "treat yourself|eat* your feeling*|eat* for comfort|eat* when you are not hungry|"
     "eat when not hungry|eat* because & bored|stress|sad|upset|tired|feel|habit;"
     "emotional eating|stress eating|eat your emotions"},

    {"food_access",
     "afford*|food bank*|foodbank*|food voucher*|voucher*|free school meal*|universal credit|"
     "cost* & food|eat|healthy|fruit|veg|shop*|diet|gluten free|meal;"
     "expensive & food|eat|healthy|fruit|veg|gluten free|shop;"
     "price* & food|shop|gluten free;"
     "cheap & food|eat|meal|option;"
     "money & food|eat|shop*|buy;"
     "enough food|enough to eat|go without & food|meal|eat;"
     "access & food|shop*|supermarket|kitchen|fridge|cooker;"
     "get to the shop*|get to a shop|get to the supermarket|get to shops|nearest shop|local shop*|"
     "food desert|kitchen facilit*|cooking facilit*|fridge|freezer|cooker|hob|storage & food;"
     "store food|storing food|food insecur*|run out of food|running out of food|short of food"},

    {"cultural_food",
     "cultur* & food|eat|diet|meal|dish|cook;"
     "traditional & food|dish|dishes|meal|cook*|recipe*;"
     "religio* & food|eat|diet|fast|fasting;"
     "halal|kosher|ramadan|lent|eid|diwali|passover|yom kippur|navratri|festival* & food|eat|fast;"
     "break your fast|break the fast|breaking your fast|breaking the fast|open your fast|open the fast|"
     "opening your fast|iftar|suhoor|sehri|sehur;"
     "fast* & religio*|ramadan|lent|festival|religious|holy|culture|diwali|eid|church;"
     "do you fast $|do you ever fast|do you still fast|any fasting|do any fasting|days of fasting|fast days|"
     "fasting ! blood|glucose|sugar*|test*|intermittent|time restricted|bloods|tolerance|reading*|level*|mmol|"
     "before your|scan|procedure|operation|surgery|5 2|diet;"
     "celebrat* & food|eat|meal;"
     "vegetarian & religio*|culture|belief|cultural|faith;"
     "vegan & religio*|culture|belief|ethical|faith;"
     "dishes from|food from home|home country|heritage & food|dish|cook;"
     "(caribbean|african|asian|indian|polish|south asian|chinese|mediterranean|nigerian|jamaican|"
     "pakistani|bangladeshi|turkish|arabic|somali|ghanaian|punjabi|gujarati|italian|greek|middle eastern|"
     "japanese|thai|vietnamese|filipino|mexican|portuguese|spanish|romanian) & food|dish|dishes|cook|"
     "cooking|meal|meals|diet|eat|recipe|cuisine ! takeaway|restaurant;"
     "rest of the family & eat*|ate|food|meal*|cook*;"
     "family cook*|family eat*|your family & cook|eat|food|dish*|meal*;"
     "food you grew up with|family recipe*|cuisine|spice*|spicy|curry|curries|jollof|"
     "food rules|food practice*|religious food|foods you do not eat for|do not eat pork|no pork|no beef"},

    {"physical_activity",
     "exercis*|physical activity|physically active|activity|activities|active|activity level*|"
     "sport*|gym|workout*|work out $|working out|do you work out|you work out|to work out|work out at|"
     "train|training|trainer*|coach|running|jog*|swim*|"
     "cycling|bike|biking|bicycle|walk|walks|walking|walked|stroll*|hike|hiking|steps|step count|"
     "pedometer|fitbit|strava|apple watch|smart watch|sedentary|sitting|sit down all day|"
     "on your feet|dance|dancing|yoga|pilates|football|rugby|tennis|netball|hockey|cricket|golf|"
     "basketball|badminton|squash & play|court|game;"
     "marathon*|half marathon|triathlon*|race|races|racing|athlet*|fitness|keep fit|stay fit|get fit|"
     "hours of training|training session*|sessions & training|gym|week;"
     "rest day*|move more|keep moving|how much do you move|move around|moving around|screen time|"
     "watch tv|watching tv|hours sitting|energy expenditure|calori* burn*|burn calori*|"
     "burn off|=weights|lifting weights|free weights|lifting|strength training|resistance training|cardio|aerobic|spin "
     "class*|"
     "classes & gym|fitness|exercise;"
     "(run|runs) & do you|often|km|miles|week|club|far|long ! run through|runs in the family|run in the family|"
     "run out|run you through|run me through;"
     "cycle & bike|work|ride|miles|km|exercise|commute ! period|menstrua*|monthly;"
     "garden* & work|exercise|active;"
     "cycle to work|walk to work|run to work|bike to work|cycling to work|walking to work|cycle in|walk in to work|"
     "do you cycle|you cycle to|cycle to the|take the stairs|use the stairs|instead of the lift|couch potato|"
     "heavy weights|lift weights|lift heavy weights|weight training|weights session*;"
     "housework|physical job|on your feet all day|manual work|lift* & =weights|gym|heavy & work|job;"
     "television ! in front of|eat*|meal*|snack*|dinner|tea;"
     "how active|active are you|stay active|keep active|being active|more active|less active"},

    {"fluid_restriction",
     "fluid restrict*|fluid limit*|restrict* & fluid*|drink*|water|liquid*;"
     "limit* & fluid*|drinking|water|liquid*|how much you drink;"
     "told about fluid*|told about your fluid*|advice about fluid*|fluid* & told|advice|advised|when you "
     "left|discharge;"
     "(how much fluid|how much liquid) & allowed|limit*|supposed|should|told|restrict*|advised|maximum;"
     "fluid allowance|fluid target|allowed to drink|supposed to drink & ! alcohol;"
     "told to drink & less|limit|only|no more;"
     "litre* & limit|allowed|told|restrict|stick|only|maximum|max;"
     "fluid & told|advice|advised|limit|restrict*|allowance|cut down|stick to|supposed|allowed|maximum;"
     "how much should you drink|how much are you allowed|keep your fluids down|cut down on fluids|"
     "cut down your fluids|measure your fluid*|measure* & fluid|drinks|cups"},

    {"feeding_child",
     "feeding & child|him|her|baby|son|daughter|toddler|kid|them|little one|routine;"
     "feed & child|him|her|baby|son|daughter|toddler|kid|them|little one;"
     "fussy|picky|fussy eat*|picky eat*|selective eat*|mealtime* & child|him|her|she|he|family|battle|stress|"
     "fight|like;"
     "family meal*|at the table|sit* at the table|sit down to eat|eat together|eating together;"
     "refuse* & food|eat|meal|veg;"
     "refus* & eat|food;"
     "will not eat|does not eat & she|he|her|him|child|son|daughter;"
     "how does she eat|how does he eat|what does she eat|what does he eat|what does she like|"
     "what does he like|what does she have|what does he have|what does your & son|daughter|child|little one|"
     "baby|toddler;"
     "her diet|his diet|her eating|his eating|her meals|his meals|her breakfast|his breakfast|"
     "her lunch|his lunch|her dinner|his dinner|her tea|his tea|her snacks|his snacks|her food|his food;"
     "bottle* & milk|feed|baby|formula;"
     "breastfe*|breast fe*|breast milk|formula|weaning|wean*|baby food*|puree* & baby|child;"
     "spoon fed|self feed*|finger food*|school lunch*|school dinner*|nursery & food|eat|meal|lunch;"
     "mealtimes go|how do mealtimes|mealtimes like|mealtime* at home|get her to eat|get him to eat|help her eat|"
     "help him eat|make her eat|make him eat|get her to sit|get him to sit;"
     "new food*|try new|trying new|texture* & food|eat|refuse;"
     "beige food*|safe food*|food battle*|bribe*|reward* & food|eat|sweet|pudding;"
     "screen* & meal|table|eat;"
     "(watch* the =tablet|play* on a =tablet|play* on the =tablet|on the =tablet|on a =tablet|on her =tablet|"
     "on his =tablet|ipad|phone|tv|television|cartoon*|youtube) & meal*|table|eat*|dinner|lunch|breakfast|tea|"
     "food & she|he|her|him|child|son|daughter|kid*|little one;"
     "tablet & meal|table|eat & she|he|her|him;"
     "grazing & she|he|her|him;"
     "milk & she|he|her|him|drink|cup|bottle & child|daughter|son"},

    // =========================================================================================
    // Anthropometric

    {"body_general",
     "bmi|body mass index|body weight|body size|body shape|body image|weight in general|your body|"
     "overweight|underweight|obes*|your figure|her figure|his figure|keep your figure|your size|size & body|clothes|"
     "dress|trouser*|jean*;"
     "clothes & fit|size|tight|loose|baggy;"
     "anthropometr*|body measurement*|measurements|measure* & you|your & height|weight|waist;"
     "~weight|~weigh;"
     "(~heavy|~heavier|~lighter) ! period*|bleed*|flow|meal*|food*|eat*|ate|after|lunch|dinner|breakfast|"
     "snack*|option*|version*|leg*|lift*|carry*|drink*|smok*|work|job|bag*|breath*|chest|night out|rain|"
     "head*|sleep*;"
     "how do you feel about your weight|feel about your body|feeling about your body|feel* & about your body|"
     "your body & feel*|happy;"
     "happy with your weight|weight & feel about|"
     "happy with|concern*|worry|worried|think about"},

    {"weight_current",
     "weigh & how much|do you|what do you|you currently|now|at the moment|today|recently|last time|"
     "know what|currently ! ago|before|used to|last year|adult|ever;"
     "how much do you weigh|what do you weigh|current weight|your weight now|weight now|"
     "weight at the moment|weigh yourself|weighed & recently|last|when|yourself|been|today;"
     "scale|scales & weigh|weight|bathroom|home|step on|stand on|got on;"
     "weighed & club|coach|how often|who|whom|regularly|weekly|at the;"
     "weigh in*|weigh ins|weighing in|weight & checked|check*|measured|monitor*;"
     "how heavy ! period*|bleed*|flow|drinker|smoker|bag*|shopping|lifting|lift*;"
     "latest weight|recent weight|most recent weight|what is your weight|weight today|present weight|"
     "kg & weigh|weight;"
     "(kilo|kilos|kilogram*) ! rice|flour|bag*|sugar|potato*|meat|buy|bought|kilo of|kilos of;"
     "stone & weigh*|weight|lb|pound|lost|gain*|put on;"
     "(pounds|lbs) & weigh*|weight|lost|gain*|put on|stone|heavy;"
     "weight & currently|current|now|at the moment|today|recently|what is|last weighed|know your|"
     "do you know|how much ! gain*|gained|lost|put on|change*;"
     "what does she weigh|what does he weigh|how much does she weigh|how much does he weigh|her weight now|"
     "his weight now|daily weigh*|weigh* & daily|every day|every morning|each day|each morning"},

    {"weight_history",
     "weight history|weight change*|change* in & weight;"
     "weight & change|changed|changing|gone up|gone down|go up|go down|goes up|went up|went down|lost|lose|"
     "losing|loss|gain|gained|gaining|put on|history|over the years|over time|used to|usual|before|last year|"
     "past year|months|stable|steady|fluctuat*|up and down|creep*|increas*|decreas*|drop*|heaviest|"
     "lightest|teen*|twenties|since|ago|year;"
     "lost weight|lose weight & tried|before|have you|did you|lost|recently|without;"
     "weight loss & recent|unintentional|unplanned|without|noticed|since|any;"
     "lost any weight|losing weight|weight gain|gained weight|put on weight|put weight on|piled on|"
     "usual weight|normal weight|heaviest|lightest|unintentional* & weight|loss;"
     "without trying & lose|lost|weight;"
     "clothes & loose|looser|baggy|bigger|smaller|falling off;"
     "belt & notch|looser|tighter;"
     "pre pregnancy weight|weight before & pregnancy|pregnant|diagnosis;"
     "weigh* & born|birth|baby;"
     "(she weigh|he weigh|she weighed|he weighed) & born|birth|baby|ago|used to|before|months old|last year;"
     "weight as a baby|birth weight;"
     "how has your weight|has your weight|your weight been|weight over|weight compared|use to weigh|used to weigh|"
     "this weight|always been & weight|heavy|big|size|slim;"
     "(weigh*|weighed) & ago|years ago|used to|before|last year|in the past|heaviest|lightest|most|least|adult|ever|"
     "pregnant|start*|school|twenties|younger"},

    {"height",
     "height|how tall|tall are you|your height|measure* & height|tall;"
     "cm & tall|height;"
     "feet & tall|height|inch*;"
     "metre* & tall|height;"
     "stature|how high|how tall is she|how tall is he|her height|his height|how tall & she|he|her|him"},

    {"waist",
     "waist*|waistline|waist circumference|waist measurement|belly & size|fat|measure|bigger|around;"
     "tummy & size|fat|measure|bigger|around|middle;"
     "around the middle|round the middle|around your middle|round your middle|middle & weight|fat|"
     "carry|carrying;"
     "apple shape*|pear shape*|central & weight|obesity|fat|adiposity;"
     "abdominal & fat|obesity|girth|measurement;"
     "hip* & measure*|ratio|circumference;"
     "waist to hip|girth|trouser size|trousers size|belt size|jeans size|dress size|clothes size & "
     "! child|age|her|his;"
     "carry your weight|carry weight|carry* & weight|fat;"
     "where on your body|where do you put weight on|where do you tend to put|put weight on & where|tend;"
     "belly fat|tummy fat|stomach fat|visceral fat|beer belly|spare tyre|love handles"},

    {"growth",
     "growth ! hair growth|growth hormone;"
     "growing & child|her|him|she|he|well|properly|normally|taller;"
     "weigh* & born|birth|baby;"
     "weight as a baby|as a baby|when she was born|when he was born;"
     "grow & child|her|him|taller|properly|well;"
     "centile*|percentile*|growth chart*|red book|health visitor & weigh*|measure*|growth|chart;"
     "clothes size* & child|her|his|age;"
     "small for & age|her age|his age;"
     "tall for & age|her age|his age;"
     "height & child|her|his|age|for her age|for his age;"
     "failure to thrive|faltering growth|catch up growth|birth weight|born & weigh*|weight|early|"
     "premature|term|small;"
     "premature|prem baby|her weight|his weight|her height|his height|how tall is she|how tall is he|"
     "how much does she weigh|how much does he weigh|she weigh|he weigh|age 2 3 clothes|"
     "clothes for her age|clothes for his age|shoe size"},

    {"body_composition",
     "body composition|muscle mass|muscle & mass|bulk|build|gain|tone|size;"
     "body fat|fat mass|lean mass|lean & body|mass|muscle;"
     "dexa|dxa|bioimpedance|bia|skinfold*|skin fold*|caliper*|calliper*|body fat percentage|"
     "fat percentage|percentage body fat|inbody|smart scale*|mid arm & circumference|muscle;"
     "muac|arm circumference|calf circumference|fat free mass|body fat scale*|physique|lean"},

    // =========================================================================================
    // Biochemical data, medical tests and procedures

    {"tests_general",
     "blood test*|bloods|blood work|bloodwork|test result*|results ! hoping|hope|like to see|want to see|expect*|"
     "achieve|see results|get results|good results;"
     "result & blood|test|lab|doctor|gp|"
     "recent|latest|last|any;"
     "recent test*|lab & test|result|work;"
     "laboratory|labs|investigation*|any tests|had any tests|tests & recent|recently|had|done|any|"
     "latest|results|blood|checked|other|doctor|hospital|gp;"
     "test & recent|recently|had|done|latest|result|blood|any;"
     "checked & blood|levels|anything;"
     "levels & blood|doctor|gp|check|checked|test|any|your;"
     "numbers & doctor|gp|blood|told|know|test|result|any;"
     "blood & test|tests|result|work|done|taken|check|sample|drawn;"
     "pathology|biochem*|screening & blood|annual|review;"
     "what tests|which tests|tests they did|tests did they|tested for|test for|tests for|screened for|checked for|"
     "annual review|diabetes review|check up|checkup|health check|medical check|what did they find|"
     "what did the tests show|what did the results show"},

    {"blood_glucose",
     "blood sugar*|blood glucose|glucose|sugar level*|sugar reading*|sugar number*|sugar result*|"
     "sugar test*|sugar control|sugar levels|sugars levels|hba1c|a1c|hb a1c|hba1 c|hba|glycated|"
     "glycosylated|long term sugar*|long term blood sugar*|three month & sugar|average|test|blood;"
     "3 month & average|sugar|blood|test;"
     "average sugar*|glucose meter|finger prick*|fingerprick*|prick your finger|cgm|libre|freestyle|"
     "dexcom|glucose monitor*|sugar monitor*|monitor your & sugar*|glucose|blood|levels;"
     "check your & sugar*|glucose|blood sugar|levels;"
     "meter & sugar|glucose|blood|finger|check|test|reading|your|monitor;"
     "sensor & glucose|sugar|libre|arm|readings;"
     "mmol & sugar|glucose|fasting|reading|mol;"
     "fasting & glucose|sugar|blood|level|reading|test ! ramadan|religious|intermittent;"
     "glucose tolerance|gtt|ogtt|diabetes test|diabetic control|glycaemic control|glycaemic|"
     "diabetes control|control of your diabetes|control of your sugar*|time in range|"
     "readings & sugar|glucose|meter|fasting|after meals|morning;"
     "after meals & reading|sugar|level|glucose|test;"
     "(readings|reading) & meal*|hour*|fasting|after|before|morning|meter|finger|sugar|glucose ! pressure|=bp|"
     "weigh*|scale*|label*|book*;"
     "insulin resistance|insulin resistant|insulin level*|hyperglycaemia|high sugar*|sugar* high|"
     "=sugars & your|check*|control|running|reading|number|monitor|meter|high|been|how are ! eat|food|"
     "diet|intake|cut|drink|sweet|added|hidden;"
     "(your sugar|your sugars|my sugar) & been|running|doing|lately|recently|control*|how is|how are|how has|"
     "how have|high|low|like ! eat*|food|diet|intake|add|drink*|tea|coffee|sweet*|take|cut|much|spoon*|cereal|"
     "sugary|cake*|biscuit*;"
     "sugar & check|monitor|meter|finger prick|reading|level|control|test|number|result|doctor|nurse|"
     "diabetes|blood ! eat|food|diet|intake|add|drink|tea|coffee|sweet|sweets|cake|biscuit|chocolate|"
     "spoon|spoons|teaspoon|teaspoons|cereal"},

    {"lipids",
     "cholesterol|lipid*|triglyceride*|trigs|ldl|hdl|non hdl|good cholesterol|bad cholesterol|"
     "blood fat*|fats in your blood|fat in your blood|fat levels|qrisk|lipid profile|lipoprotein*|"
     "apob|lp a|fat* & blood test|in your blood"},

    {"kidney_tests",
     "kidney & function|test*|result*|level*|blood*|number*|check*|egfr|how are|doing|working|score;"
     "renal & function|test*|result*|blood*|number*|panel|profile;"
     "egfr|gfr|creatinine|urea|potassium|phosphate|phosphorus|phos|bicarbonate|bicarb|pth|parathyroid|"
     "kidney number*|kidney bloods|kidney blood test*|kidney score|kidney function|renal function|"
     "u and e*|u and es|u es|u e|electrolyte* & blood|level|test|result;"
     "sodium & blood|level|levels|result;"
     "calcium & blood|level|levels|result|adjusted;"
     "stage & kidney|ckd|egfr|renal|3b|3a"},

    {"iron_vitamins",
     "iron & level*|blood|test*|result*|low|deficien*|store*|count|check*|anaemi* ! tablet*|supplement*|"
     "take|taking;"
     "ferritin|haemoglobin|hb & level|low|blood|result;"
     "anaemi*|b12 & level|blood|result|low|deficien*|test|check;"
     "vitamin b12 & level|blood|result|low|deficien*|test|check;"
     "folate & level|blood|low|result|test|deficien*;"
     "vitamin d & level|blood|result|low|deficien*|test|check|insufficien*;"
     "vit d & level|blood|result|low|deficien*|test|check;"
     "vitamin* & level*|deficien*|blood|result*|low|test*|check* ! take|taking|supplement;"
     "deficien*|full blood count|fbc|blood count|red blood cell*|red cell*|mcv|zinc & level|blood;"
     "magnesium & level|blood;"
     "iron stores|iron deficien*|low in iron|low iron|iron level*|iron count|iron result*|"
     "iron blood test|iron test*|your iron|haematinics|vitamin levels|vitamin level"},

    {"liver_tests",
     "liver & function|test*|result*|enzyme*|blood*|number*|level*|check*|scan;"
     "lft*|=alt|=ast|ggt|gamma gt|bilirubin|fatty liver|liver enzyme*|liver bloods|nafld|masld|"
     "fibroscan|liver function"},

    {"thyroid_hormones",
     "thyroid*|tsh|t4|t3|hormone*|testosterone|oestrogen|oestradiol|progesterone|=lh|=fsh|lh fsh|amh|"
     "prolactin|androgen*|shbg|cortisol|hormonal & test|level|imbalance|result|blood;"
     "hormone level*|hormone test*|free androgen|insulin level*"},

    {"other_tests",
     "scan|scans|scanned|ultrasound*|x ray*|xray*|mri|ct scan|ct|dexa|dxa|bone density|bone scan|"
     "endoscop*|colonoscop*|gastroscop*|camera & test|stomach|throat|down|bowel|inside;"
     "biopsy|biopsies|ecg|ekg|echo|echocardiogram|heart scan|angiogram|stress test|breath test|"
     "hydrogen breath|h pylori|helicobacter|stool & test|sample;"
     "poo sample|poo test|stool sample|stool test|faecal calprotectin|calprotectin|fit test|ttg|"
     "tissue transglutaminase|coeliac & screen*|test*|blood test|antibod*;"
     "antibod*|other tests|any other tests|procedure*|sleep study|spirometry|lung function|"
     "mammogram|eye test|eye screening|retinal|retinopathy screening|foot check|feet check*|"
     "heart trace|24 hour tape|holter|investigation* & other|scan|camera;"
     "tests & stomach|bowel|gut|heart|bone|liver|hospital|specialist|consultant|diagnose|diagnosis|confirm;"
     "tested for|test for|screened for|what tests|which tests"},

    {"urine_tests",
     "urine & test*|sample*|dip*|result*|protein|check*|albumin|acr|ketone*|glucose|sugar|blood;"
     "urine test*|urine sample*|wee sample|pee sample|dipstick*|dip test|protein in & urine|wee|pee|water;"
     "protein in your urine|albumin creatinine ratio|acr|uacr|microalbumin*|proteinuria|albuminuria|"
     "ketone* & urine|test|strip|check;"
     "ketostix|urinalysis|urine infection*|uti|water infection*|leak* protein|losing protein"},

    {"inflammation",
     "crp|c reactive protein|inflammat* & marker*|level*|blood|test*|result*|raised|high;"
     "esr|sed rate|albumin ! creatinine|urine|ratio;"
     "white cell*|white blood cell*|wcc|infection marker*|infection & blood|marker|level|test|result;"
     "prealbumin|transferrin|inflammatory marker*|markers & blood|inflammation"},

    // =========================================================================================
    // Nutrition-focused physical findings

    {"symptoms_general",
     "symptom*|how have you been feeling|how you have been feeling|how have you felt|how do you feel & "
     "physically|in yourself|generally|body|health|lately|recently|day to day|most days|overall;"
     "how are you feeling & physically|in yourself|lately|recently|these days|generally|in general|"
     "health wise|at the moment|in your body|since;"
     "physically|any problems & physical|body|health|feel;"
     "anything bothering you|bother* you & physically|health|body|symptom;"
     "unwell|feel* ill|feeling ill|feel* poorly|poorly|off colour|not feeling right|not feeling yourself|"
     "physical health|general health|health & how is|how has|general|physical|overall|lately;"
     "physical complaint*|complaint* & physical|any;"
     "aches and pains|dizz*|light headed|lightheaded|faint*|feeling faint|how is your body|"
     "notice* & body|physical|changes|change in;"
     "any changes & body|physical|health;"
     "body & changes|feel|feeling;"
     "feel & physically"},

    {"bowels",
     "bowel*|bowel movement*|bowel habit*|open your bowels|bowels open|poo|poos|pooing|poop*|stool|stools|"
     "faeces|faecal|motion* & bowel|your|open|pass;"
     "number two*|number 2|go to the toilet|going to the toilet|toilet & habit*|how often|often|bowel|poo|go|"
     "trips|regular|times a day ! wee|pee|urine|urinat*|water|night;"
     "toilet habit*|diarrhoea|the runs|loose & stool*|bowel*|motion*|poo*|toilet;"
     "runny|watery & stool*|poo*|bowel*;"
     "constipat*|straining|strain & toilet|bowel|poo|go;"
     "hard & stool|poo|to pass;"
     "pass* & stool|motion|poo;"
     "bristol|stool chart|urgency|urgent & toilet|bowel|poo|go;"
     "rush to the toilet|rush* to the loo|accident* & bowel|toilet|soil*;"
     "regular & bowel*|toilet|poo*|loo|go to the toilet|opening|open;"
     "are you regular $|keeping regular|you regular $;"
     "how often do you go & toilet|loo|poo|bowel*;"
     "loo|blood in & stool|poo|bowel|motion;"
     "mucus|steatorrh*|float* & stool|poo;"
     "greasy & stool|poo;"
     "pale & stool|poo;"
     "incontinen* & bowel|faecal;"
     "laxative*|go for a poo|gut habit*|=bm|soiling|back passage|wind and & diarrhoea|bowel;"
     "movements ! baby|babies|kick*|pregnan*|eye*|leg*|arm*"},

    {"digestion",
     "bloat*|wind ! wind down|winding down|wind up;"
     "gas ! bill|cooker|mark|hob|fire|heating;"
     "gassy|flatulen*|fart*|burp*|belch*|reflux|acid reflux|heartburn|heart burn|indigestion|dyspepsia|"
     "acid & stomach|reflux|taste|throat|burn|mouth;"
     "nause*|queasy|vomit*|throw* up|threw up|being sick|been sick|feel sick|feeling sick|felt sick|"
     "sick & feel|feeling|being|been|get|gets|after|morning;"
     "stomach & pain|ache|cramp*|upset|problem*|trouble|issue*|discomfort|hurt*|sore|churn*|bug|unsettled|"
     "bloated|feel|symptom*|settle|gurgl*;"
     "stomach ache*|tummy & pain|ache|trouble|upset|problem*|sore|cramp*|hurt*|bloated|issue*|discomfort|"
     "symptom*|feel;"
     "tummy ache*|belly & ache|pain|bloat*|cramp*|hurt*;"
     "abdominal & pain|discomfort|cramp*|bloat*|symptom*;"
     "abdomen|cramp* & stomach|tummy|belly|abdomen|gut;"
     "gut|guts|digestion|digestive|digest*|gurgl*|rumbl*|indigest*|distension|distended|"
     "swollen & stomach|tummy|belly|abdomen;"
     "discomfort & after eating|eating|food|meal;"
     "after eating & feel|symptom|pain|discomfort|bloat|sick|uncomfortable;"
     "pain & after eating|after food|after meal|after meals;"
     "gastro* ! gastroscop*;"
     "colic*|ulcer* & stomach|duodenal|peptic;"
     "heavy & after eating|after meals|after food|after a meal|in your stomach|stomach;"
     "morning sickness|sickness|travel sick|regurgitat*|food coming back up|sour taste|"
     "uncomfortable & after|eating|stomach|tummy"},

    {"energy",
     "energy ! energy drink|energy drinks|energy dense|energy intake|energy availability|energy balance|"
     "energy gel|energy gels|energy expenditure|energy bar;"
     "energy level*|tired*|tiredness|fatigue*|fatigued|exhaust*|worn out|lethargic|lethargy|sluggish|"
     "run down|drained|sleepy & day|afternoon|after|during;"
     "no energy|low energy|lack of energy|get up and go|flag* & afternoon|day;"
     "afternoon slump|slump|knackered|shattered|weary|wiped out|energetic|zapped|get through the day|"
     "keep your eyes open|dozing|doze off|nod off|burnt out|running on empty|stamina|lacking energy|"
     "how much energy|energy during|energy for|full of beans|full of energy"},

    {"swelling",
     "swell*|swollen|puffy|puffiness|oedema|fluid retention|retain* & fluid|water;"
     "water retention|holding water|holding fluid|fluid on & legs|ankles|lungs|body|chest;"
     "ankle* & swol*|swell*|puff*|fluid|sock*|shoes|marks|press|big|fat|thick*;"
     "leg* & swol*|swell*|puff*|fluid|heavy|marks;"
     "feet & swol*|swell*|puff*|shoes tight;"
     "shoes & tight|tighter|fit|fitting;"
     "sock* & marks|mark|tight|line*;"
     "pitting|indent*|dent* & press|skin|leg|ankle;"
     "ring* & tight|tighter|fit|finger;"
     "weigh* & daily|every day|every morning|each day|each morning;"
     "daily weigh*|weight & overnight|quickly|suddenly|kg in|few days|in a day|jump|jumps;"
     "gain* & overnight|suddenly|kg in|few days;"
     "fluid build up|fluid overload|fluid buildup|fluid & build*|building|around|feet|ankles|legs"},

    {"breathing",
     "breath*|breathless*|short of breath|shortness of breath|out of breath|out of puff|puffed out|winded|"
     "wheez*|chest & tight*|tightness|breath*;"
     "sleep* & propped|pillows|upright|sit up|sitting up;"
     "pillow* & sleep|how many|propped|extra|night;"
     "orthopn*|pnd|wake & breathless|gasp*|short of breath|can not breathe;"
     "stairs & breath*|puff*|stop|manage|climb*|flight;"
     "flight of stairs|flights of stairs|cough*|inhaler*|oxygen & level*|home|sats|saturation;"
     "puffing|gasping|lungs|chest & infection|problem|feel"},

    {"muscle_strength",
     "muscle* ! muscle mass|muscle tone|build muscle|gain muscle;"
     "muscle & weak*|strength|loss|lose|losing|wasting|ache*|cramp*|pain|feel;"
     "weak|weaker|weakness|strength ! strength training;"
     "strong & feel|as|enough|legs|arms|grip ! tea|coffee|cuppa|drink*|brew|feeling*|opinion*|urge*|crav*|"
     "smell|taste|flavour*|medic*|dose|tablet*|painkiller*|mint*|cheese|curry|spic*;"
     "grip & strength|hand|jar|bottle|hold|open|test;"
     "handgrip|hand grip|your grip|grip strength|open & jar*|bottle*|lid*;"
     "lift* & things|shopping|bags|kettle|heavy|arms ! =weights|gym;"
     "carry & shopping|bags|things|heavy;"
     "(fall|falls|fallen|fell|falling) & over|down|had|any|recent|home|outside ! asleep;"
     "tripped|tripping|trip over|trips over|unsteady|steady & on your feet|feet|balance|walk;"
     "balance & legs|feet|fall|steady|unsteady|walk|dizzy ! balanced diet|balance of;"
     "wobbly|stand & from a chair|up from|get up from|out of a chair|struggle;"
     "get up from & chair|seat|floor|sofa;"
     "out of a chair|legs & weak|give way|heavy|strength|wobbly;"
     "arm* & thin|thinner|weak|strength|wasting;"
     "thinner & arms|legs|face|hands;"
     "wasting ! food|money|time|leftover*;"
     "frail*|frailty|sarcopen*|temple* & hollow|sunken;"
     "bony|loss of muscle|lost muscle|lose muscle|losing muscle|muscle loss|physical strength|"
     "strength in your|feel weak|feeling weak|tire easily|manage the stairs|do things for yourself"},

    {"skin_hair_nails",
     "skin ! skin on|chicken skin|skins on|skinfold|skin fold|potato skin*|eat the skin|eat skin|skin off|"
     "the skin on;"
     "dry skin|rash*|eczema|acne|spot* & skin|face|acne|pimple;"
     "pimple*|oily skin|hair|hairs|hirsut*|facial hair|excess hair|unwanted hair|hair growth|bald*|"
     "alopecia|nail|nails|brittle|wound*|heal|heals|healed|healing|ulcer* & leg|foot|feet|pressure|skin|heal|wound;"
     "pressure sore*|pressure ulcer*|pressure area*|bed sore*|bedsore*|sores & skin|pressure|bed|leg|"
     "feet|heal;"
     "bruis*|pale & skin|look|you|face|colour|complexion;"
     "jaundice|yellow & skin|eyes;"
     "itch*|scaly|dermatitis|psoriasis|acanthosis|dark patch*|dark skin patch*|skin tag*|"
     "cuts & heal|slow;"
     "dandruff|peeling|complexion|cracked skin|dry hair|hair falling out|hair loss|losing hair|"
     "thinning hair|hair thinning"},

    {"mouth_teeth",
     "mouth ! word of mouth;"
     "mouth ulcer*|sore mouth|dry mouth|teeth|tooth|toothache|dental|dentist*|denture*|false teeth;"
     "(gum|gums) & bleed*|sore|swollen|disease|problem|teeth ! chewing gum;"
     "bleeding gums|taste & change*|changed|strange|metallic|funny|lost|loss|different|off|bland|smell|"
     "sense|buds|any;"
     "metallic taste|tongue & sore|swollen|red|smooth|coated|painful|burn*;"
     "sore tongue|lips & cracked|dry|sore|split|corners;"
     "corners of & mouth|lips;"
     "angular|cheilitis|stomatitis|oral & health|thrush|hygiene;"
     "thrush & mouth|oral;"
     "smell & food|sense|lost|change;"
     "sense of smell|sense of taste|taste buds|saliva*|dribbl*|drooling|bite & teeth|denture*;"
     "loose & teeth|tooth|denture*|fit;"
     "dentures & fit|loose|ill fitting|wear"},

    {"swallowing",
     "swallow*|dysphag*|chew* ! gum|chewing gum|tobacco;"
     "cough when you eat|cough when you drink|cough when eating|cough when drinking|cough while eating|"
     "choke*|choking|cough* & eat*|drink*|swallow*|meal|food;"
     "food & stuck|sticking|stick|go down|going down|goes down;"
     "gets stuck|get stuck|down the wrong way|wrong way & food|drink|swallow|down;"
     "pocket* & food|cheek;"
     "texture* & food|modif*|soft|puree*|minced|thick*;"
     "soft diet|soft food*|pureed|puree*|minced and moist|mashable|thickener*|thickened fluid*|"
     "thick & fluid*|drinks;"
     "speech and language|hard to swallow|difficulty & swallow*|chew*|eating;"
     "trouble & swallow*|chew*;"
     "tablets & swallow|crush;"
     "pills & swallow|crush;"
     "lump in your throat|throat & stuck|food|swallow;"
     "gag|gags|gagging|gagged|retch*|lumps & food|eat|gag|choke"},

    {"blood_pressure",
     "blood pressure|=bp|hypertension|high blood pressure|low blood pressure|hypotension|"
     "pressure & reading*|check*|machine|monitor|cuff|high|low|number*|systolic|diastolic|blood|taken|"
     "measure* ! pressure sore|pressure ulcer|pressure area|under pressure|peer pressure|lot of pressure|"
     "pressure at work|pressure from|feel pressure|feeling pressure|pressure to;"
     "systolic|diastolic|mmhg|over 90|over 80|home monitor & pressure|bp;"
     "(have pressure|had pressure|has pressure|the pressure|your pressure) & how long|when|diagnos*|tablet*|"
     "medic*|doctor|check*|told ! under|peer|lot of|sore*|ulcer*|area*|work|family|feel*;"
     "=pulse|heart rate|dizz* & stand*|standing|get up|getting up;"
     "light headed & stand|getting up"},

    {"hypos",
     "hypo|hypos|hypoglycaemi*|low blood sugar*|low sugar*|low blood glucose|"
     "blood sugar & low|drop|drops|dropping|dip|dipping|crash|falls|fall|go low|goes low;"
     "sugar* & drop|dropping|dropped|go low|goes low|going low|too low|low|crash ! high;"
     "feel shaky|feeling shaky|get shaky|go shaky|shaky|shakiness|shaking & hungry|sweat*|sugar|low|hands|feel;"
     "trembl*|the shakes|sweat* & cold|shaky|sugar|night|clammy|sudden|low|hypo|hungry|dizzy;"
     "clammy|dizzy & sugar|low|hungry|shaky|sweat*;"
     "confus* & sugar|low|hypo;"
     "go low|gone low|went low|going low|funny turn*|glucose tablet*|dextrose|jelly babies & low|hypo|sugar;"
     "lucozade & hypo|low|treat;"
     "treat & hypo|low|low sugar;"
     "sugar crash*|crash & sugar|energy|after eating;"
     "light headed & hungry|sugar|missed meal;"
     "missed meal* & shaky|dizzy|funny|light headed"},

    {"thirst_urination",
     "thirst*|thirsty|parched|drink a lot & thirsty|always|more than usual;"
     "pass* & urine|water|wee|pee ! protein;"
     "passing urine|urinat*|urine & often|a lot|frequen*|more|night|colour|dark|pale|amount|pass ! test|"
     "sample|dip|protein|albumin|acr|infection;"
     "(wee|wees|weeing|pee|pees|peeing) ! sample|test|protein|wee bit|wee while|wee one|wee ones|wee boy|wee girl;"
     "toilet & night|wee|pee|urine|water|waterworks|urinat*;"
     "waterworks|water works|bladder|frequen* & urin*|toilet|wee|pee;"
     "nocturia|get up in the night & toilet|wee|pee|loo;"
     "night & toilet|wee|pee|loo;"
     "colour of & urine|wee|pee;"
     "dark & urine|wee|pee;"
     "polyuria|polydipsia|dry mouth & thirst*|drink"},

    {"periods",
     "(period|periods) & your|regular|irregular|heavy|late|missed|miss|stopped|start*|cycle|monthly|pain|"
     "when|last|every|how often|get|have|had|normal|light|painful|come|came|lost;"
     "menstrua*|menses|cycle* & menstrua*|period*|monthly|month|regular|irregular|your cycle|length;"
     "your cycle|monthly cycle|time of the month|pms|pmt|heavy bleeding|bleeding & heavy|monthly|period*;"
     "amenorrh*|missed period*|lost your period*|periods stopped|menopaus*|perimenopaus*|"
     "post menopaus*|postmenopaus*|hot flush*|hot flash*|ovulat*|irregular & cycle|period*|bleed*"},

    {"pain",
     "(pain|pains|painful) ! stomach|tummy|belly|abdominal|abdomen|gut|bowel|period|periods|heartburn|"
     "after eating|growing;"
     "(ache|aches|aching|achy) & joint*|knee*|back|hip*|leg*|muscle*|body|head ! stomach|tummy|belly;"
     "sore & joint*|knee*|back|hip*|legs|muscle*|feet|shoulder*;"
     "hurt* & joint*|knee*|back|hip*|leg*|feet|foot|shoulder*|walk|exercise|run*;"
     "joint*|joint pain|knee*|hip & pain|sore|hurt|replacement|ache|bad|joint;"
     "back & pain|ache|sore|hurt|bad|problem;"
     "back pain|backache|arthrit*|osteoarthrit*|gout|injur*|injured|stress fracture*|fracture*|"
     "broken & bone|leg|arm|wrist|hip|ankle|foot;"
     "sprain*|strain* & muscle|ligament|hamstring|calf|back;"
     "tendon*|tendin*|shin splint*|neuropath*|numb|numbness|tingl*|pins and needles|burning & feet|hands|legs;"
     "migraine*|headache*|head ache*|cramp* & leg*|calf|night|muscle*|feet;"
     "physio*|sciatica|shoulder* & pain|sore|hurt|bad;"
     "niggle*|aching joints|stiff*"},

    // =========================================================================================
    // Client history: medical

    {"medical_general",
     "medical history|medical condition*|health condition*|past medical|any conditions|"
     "conditions & health|medical|any|diagnosed;"
     "health & problem*|issue*|concern*|history|condition*|in general|general|background ! mental;"
     "illness*|ill & ever|been|any|serious;"
     "medical & problem*|issue*|background|history|condition*;"
     "how is your health|your health & ! mental|physical;"
     "problems with your health|anything else & health|medical;"
     "health conditions|long term conditions|anything medical|medically|medical side|medical stuff"},

    {"diagnosis",
     "diagnos*|your condition|the condition|told you & about your|you have|you had|it was|it is|was wrong|"
     "the problem|what it is;"
     "what did the doctor say|what the doctor said|what did your doctor say|what has the doctor said|"
     "what have you been told about your|what were you told about your|"
     "doctor & said|say|tell you|told you|explain* & about|condition|diabetes|problem|why|wrong|kidney|"
     "heart|ibs|coeliac|pcos;"
     "consultant|specialist & said|told|say;"
     "why you were referred|why were you referred|why have you been referred|why you have been referred|"
     "what brings you|what brought you|referred & why|here|to see|you|reason;"
     "referral|reason & referral|here|coming|appointment|visit;"
     "when were you diagnosed|how long have you had|how long & had|living with|known|diabetes|condition;"
     "(diabetes|diabetic|type 2|type 1|t2dm|t1dm|pre diabet*|prediabet*|kidney disease|ckd|renal disease|"
     "chronic kidney|kidney problem*|kidney damage|ibs|irritable bowel|coeliac|coeliac disease|crohn*|"
     "colitis|heart failure|heart disease|heart condition|cardiac|high cholesterol|hypercholesterol*|"
     "dyslipid*|hyperlipid*|familial hypercholesterol*|pcos|polycystic|malnutrition|malnourish*|"
     "gestational|red s|relative energy deficiency|low energy availability|hypertension|"
     "high blood pressure) ! family|mother|father|mum|dad|brother*|sister*|sibling*|parent*|grandparent*|"
     "grandmother|grandfather|grandma|grandad|nan|granny|relative*|runs in|run in|aunt*|uncle*|cousin*;"
     "what is wrong|what is going on|your injury|the injury|this injury|pregnancy sugar*;"
     "(sugar in your|sugar in the|sugar in this|sugar in) & pregnan*"},

    {"other_conditions",
     "other & condition*|illness*|health problem*|medical|diagnos*|issues|problems;"
     "any other & condition|health|medical|problem|illness;"
     "operation*|surgery|surger*|surgical|hospital* & been|admission|admitted|stay|in|ever;"
     "admitted|admission*|past & illness|surgery|medical;"
     "ever had & surgery|operation|heart|stroke|cancer|illness;"
     "previous & illness*|surgery|operation*|condition*;"
     "long term condition*|chronic & condition|illness;"
     "(asthma|copd|cancer|stroke|heart attack|angina|arthritis|osteoporosis|osteopenia|hypothyroid*|"
     "hyperthyroid*|underactive thyroid|overactive thyroid|gallstone*|gall bladder|gallbladder|"
     "diverticul*|dementia|parkinson*|epilepsy|sleep apnoea|fatty liver|gord|gerd|hiatus hernia|"
     "endometriosis|pre eclampsia|preeclampsia|anaemia|migraine*|depression|anxiety disorder|"
     "eating disorder*|anorexia|bulimia|multiple sclerosis|atrial fibrillation|af|pancreatitis|"
     "hernia|appendix|hysterectomy|caesarean|c section|gastric band|gastric bypass|bariatric) ! family|mother|"
     "father|mum|dad|brother*|sister*|sibling*|parent*|grandparent*|grandmother|grandfather|grandma|grandad|"
     "nan|granny|relative*|runs in|run in|aunt*|uncle*|cousin*;"
     "anything else & diagnosed|condition|medical;"
     "other health|other medical|other problems|anything else wrong|any other illness"},

    {"pregnancy",
     "pregnan*|expecting a baby|expecting another|are you expecting $|you are expecting $|expecting & baby|"
     "due|pregnan*;"
     "(labour|labours|in labour|your labour|first labour|went into labour|labour ward) ! manual|labourer*|"
     "market|party;"
     "baby & due|expecting|bump|weeks|scan|growth|movement*|kicking|when|your|born ! food|feed|formula;"
     "due date|when are you due|when is the baby due|when is baby due|when is your baby due|"
     "due & baby|date|pregnan*|midwife|weeks;"
     "weeks pregnant|how many weeks are you|how many weeks along|how far along|gestation*|trimester*|antenatal|"
     "ante natal|prenatal|"
     "midwife|midwives|obstetric*|conceiv*|conception|trying for a baby|try for a baby|try for a family|"
     "trying for a family|start a family|starting a family|planning a family|family planning|"
     "want to have children|plan to have children|planning to have children|having children|more children|"
     "another baby|have a baby|having a baby|want children|plan* & baby|children|family;"
     "fertility|ivf|bump|fall pregnant|post natal|postnatal|postpartum|"
     "morning sickness|first pregnancy|previous pregnanc*|miscarriage*|other children|babies"},

    {"mental_health",
     "mental health|mental & health|wellbeing|well being|state;"
     "mood|moods|low mood|mood & how is|low|your|swings|changes;"
     "depress*|anxi*|anxious|stress|stressed|stressful|under pressure|emotional* & health|wellbeing|feel;"
     "feel* & down|low|sad|fed up|hopeless|overwhelm*|stressed|on edge|flat|anxious|nervous ! run down;"
     "down in the dumps|struggl* & cope|coping|emotion*|mood|mentally;"
     "cope|coping|panic*|counsel*|therap* & talking|counselling|cbt|psych*;"
     "cbt|psycholog*|psychiatr*|wellbeing|well being|self esteem|confidence & feel|body|yourself|self;"
     "about your body|how you feel about yourself|how do you feel about yourself|how do you feel when|"
     "how does that make you feel|how does it make you feel|how did you feel when|feel when you|"
     "ptsd|bipolar|how are you coping|how are you managing|lonely|loneliness|grief|bereave*|"
     "happy & feel|in yourself|generally|life;"
     "frame of mind|headspace|burn out|burnout|overwhelmed|emotionally|mentally|nerves|worrier|"
     "how are you in yourself|in yourself;"
     "lot on your plate|lot on my plate|so much on your plate|much on your plate|plate is full|full plate|"
     "lot going on|lot to deal with|lot to cope with|lot to juggle|juggling|under a lot of pressure|"
     "lot of pressure|work pressure|feel pressure|feeling pressure|feel pressured|feeling pressured|pressured|"
     "pressure & work|job|family|stress*|cope|coping|exam* ! blood|reading*|=bp|systolic|diastolic|monitor|cuff|"
     "high|low|check*|machine|taken|measure*|sore*|ulcer*;"
     "your spirits|in good spirits|low spirits|spirits up|getting on top of you|get on top of you|"
     "gets on top of you|make yourself sick|made yourself sick|making yourself sick"},

    {"sleep",
     "sleep*|asleep|slept|insomnia|bed & time|go to|get to|what time|late|early;"
     "bedtime|bed time|go to bed;wake & up|night|early|tired|refreshed|during ! breakfast|eat|ate|food;"
     "rest & enough|night|good|well|get;"
     "rested|nap|naps|napping|snor*|sleep apnoea|cpap|night & waking|restless|awake;"
     "hours & sleep|a night|of sleep;"
     "tossing|lie in|lying awake|awake|sleeping pill|melatonin|night time routine;"
     "(get up in the night|get up during the night|up in the night|wake in the night|wake up in the night|"
     "wake during the night) ! eat*|ate|snack*|food|hungry|fridge|kitchen"},

    // =========================================================================================
    // Client history: medications

    {"medications",
     "(medication*|medicine*|meds|=med|tablet*|pill) ! glucose tablet*|iron tablet*|calcium tablet*|"
     "water tablet*|sleeping pill|diet pill|swallow;"
     "prescri*|prescription*|drug* & take|taking|prescribed|on|any|what;"
     "injection*|inject*|insulin ! resistance|level|resistant;"
     "insulin shot*|b12 shot*|vitamin b12 shot*;"
     "jab* & insulin|weight|ozempic|b12|weekly;"
     "metformin|gliclazide|sitagliptin|empagliflozin|dapagliflozin|canagliflozin|sglt2|glp 1|glp1|"
     "ozempic|semaglutide|wegovy|mounjaro|tirzepatide|liraglutide|saxenda|victoza|trulicity|"
     "dulaglutide|statin*|atorvastatin|simvastatin|rosuvastatin|pravastatin|ezetimibe|ramipril|"
     "lisinopril|perindopril|amlodipine|losartan|candesartan|irbesartan|bisoprolol|atenolol|"
     "furosemide|frusemide|bumetanide|spironolactone|eplerenone|water tablet*|water pill|diuretic*|"
     "sacubitril|entresto|digoxin|warfarin|apixaban|rivaroxaban|edoxaban|aspirin|clopidogrel|"
     "blood thinner*|levothyroxine|thyroxine|omeprazole|lansoprazole|esomeprazole|ppi|gaviscon|"
     "antacid*|laxative*|lactulose|senna|movicol|fybogel|loperamide|imodium|mebeverine|buscopan|"
     "colpermin|peppermint oil|peppermint capsule*|antispasmodic*|amitriptyline|sertraline|"
     "citalopram|fluoxetine|mirtazapine|antidepressant*|contraceptive*|the pill|inositol|hrt|"
     "steroid*|prednisolone|inhaler*|painkiller*|pain killer*|paracetamol|ibuprofen|naproxen|"
     "co codamol|codeine|morphine|tramadol|gabapentin|pregabalin|calcium carbonate|phosphate binder*|"
     "binder*|sevelamer|calcichew|adcal|creon|sodium bicarbonate|allopurinol|colchicine|"
     "b12 injection*|vitamin b12 injection*|metoclopramide|domperidone|ondansetron|cyclizine|"
     "labetalol|nifedipine|methyldopa|doxazosin|indapamide|bendroflumethiazide|spironolactone|"
     "dianette|yasmin|microgynon|clomifene|letrozole|cyclizine|folic acid 5|aspirin 75;"
     "on anything for|taking anything for|anything for your|take for|takes for|she take|he take|given anything for|"
     "prescribed for|sachet*|what do you take|anything you take|take anything|taking anything|do you take & regularly|"
     "every day|daily|for your ! breakfast|lunch|dinner|tea|sugar|milk|snack;"
     "over the counter|chemist|pharmacy|pharmacist|dose|doses|dosage|mg|units of insulin"},

    {"medication_use",
     "remember & take|taking|tablet*|medic*|pill|dose*|injection*|insulin;"
     "forget & take|taking|tablet*|medic*|pill|dose*|injection*|insulin;"
     "forgot* & tablet*|medic*|pill|dose*|injection*|insulin;"
     "miss* & dose*|tablet*|medic*|pill|injection*|insulin;"
     "skip* & dose*|tablet*|medic*|pill|injection*|insulin;"
     "as prescribed|as directed|as the doctor|take them|take it & every day|regularly|properly|as|with food|"
     "when|how|before|after|time|always;"
     "with food & take|tablet*|medic*|pill|insulin;"
     "before food & take|tablet*|medic*|pill|insulin;"
     "how often do you take & medic*|tablet*|insulin|them|it|pill|injection*;"
     // About medicines unless the rest of the question is about something else ("how do you take
     // your coffee?", "do you ever miss breakfast?").
     "(how do you take|how you take|when do you take|when you take|what time do you take|miss the|miss your|"
     "missed the|missed your|skip the|skip your|forget the|forget your|forgot the|forgot your|manage to take|"
     "remember to take|able to take|get to take|remembering to take|how do you use|how you use|when do you use|"
     "how often do you use|miss it|misses it|actually take|actually takes|manage the|ever miss) ! "
     "tea|coffee|cuppa|milk|sugar|sweetener|breakfast|lunch|dinner|meal*|food|snack*|cook*|eat*|shower|bath|"
     "holiday*|break|breaks|bus|train|stairs|steps|exam*|walk*|dog|gym|class|school|work|shopping|fryer|oven|"
     "microwave|app|phone|kitchen|scales|toilet|loo|period|session|training|appointment;"
     "stopped taking|stop taking|still taking|still take|take & regularly|every day & medic*|tablet*|pill;"
     "adherence|compliance|pill box|pillbox|dosette|blister pack*|run out & medic*|tablet*;"
     "manage & medic*|tablet*|insulin|injection*;"
     "inject* & how|when|where|site|yourself|before meal;"
     "doses & adjust|change|carb;"
     "timing & tablet*|medic*|insulin|dose*;"
     "stopped & medic*|tablet*|pill|insulin;"
     "take your & medic*|tablet*|pill|insulin;"
     "how many days & take|sachet|dose|tablet|medicine"},

    {"side_effects",
     "side effect*|side effects|effect* & medic*|tablet*|pill|insulin|drug*|metformin|statin*|injection*;"
     "since starting & tablet*|medic*|metformin|insulin|drug*|statin*|injection*;"
     "since you started & tablet*|medic*|metformin|insulin|drug*|statin*|injection*;"
     "agree with you & tablet*|medic*|pill|drug*;"
     "problem* with & tablet*|medic*|pill|insulin|drug*|metformin|statin*;"
     "trouble with & tablet*|medic*|pill|metformin|statin*;"
     "reaction* & tablet*|medic*|drug*|pill;"
     "tolerat* & tablet*|medic*|metformin|drug*|statin*;"
     "make* you feel & tablet*|medic*|pill|injection*|drug*|metformin|statin*;"
     "does it make you|do they make you|any problems & since & started|starting;"
     "upset your stomach & tablet*|medic*|metformin;"
     "(leave you|leaves you|give you|gives you) & "
     "constipat*|sick|tired|bloat*|dizzy|diarrh*|headache*|cramp*|wind|upset;"
     "(disagree with you|disagrees with you) & tablet*|medic*|pill;"
     "unpleasant & tablet*|medic*|metformin"},

    // =========================================================================================
    // Client history: social

    {"social_general",
     "tell me about yourself|about yourself|tell me a bit about you|a bit about you|a little about you|"
     "your life|life & home|at home|day to day|like at|in general|outside;"
     "what is life like|home life|day to day life|life at home|your situation|your circumstances|"
     "how are things at home|how is everything at home|how is it at home|things at home|okay at home|ok at home|"
     "alright at home|all right at home|"
     "social situation|social history|social circumstances|social life|socially|background & your|"
     "social;"
     "outside of work|spare time|free time|hobbies|hobby|what do you enjoy|how do you spend|"
     "interests ! best interests|your interest;"
     "everyday life|daily life|life at the moment|life is like|"
     "life in general|lifestyle|your lifestyle|who you are|what you do"},

    {"occupation",
     "your work|at work|do you work|for work|from work|to work|working & hours|shifts|full|part|"
     "still|as|week ! out|on|through|together|working day;"
     "job|jobs|occupation|career|employ*|unemploy*|retire*|retired|pension* & ! money|income;"
     "shift* & work|night|day|pattern|rota|early|late;"
     "shift work|night shift*|day shift*|office|desk job|desk|"
     "student & ! dietitian|dietitians|nutrition|dietetic|dietetics;"
     "studying|studies|study & university|college|school|exam;"
     "university|uni|college|school|exam|exams|lecture*|what do you do for a living|for a living|"
     "what do you do $|what do you do & job|for work|living|during the day|days;"
     "colleague*|boss|workplace|lunch break|break* & work|shift;"
     "working day|working week|work day|workday|working life|working days|"
     "off sick|sick leave|sick note|sick pay|signed off|self employed|labourer*|manual labour|manual work|driver|"
     "driving & work|job|lorry|taxi|delivery;"
     "hours & work|working|shift;"
     "commut*|volunteer*|stay at home mum|stay at home parent|housewife|homemaker|work from home|"
     "working from home|nursery|childminder|sixth form|a levels|gcse*|training & job|course;"
     "what work|kind of work|sort of work|type of work|line of work|work do you do|work did you do|"
     "are you working|are you currently working|are you still working|are you in work|in work at the moment|"
     "out of work|off work|back to work|time off work|work as|works as|working as|where do you work|"
     "where you work|where does he work|where does she work|who do you work for|breadwinner*|how is work|"
     "how was work|work going|how are things at work"},

    {"living_situation",
     "live & with|alone|on your own|by yourself|who|where|home|house|flat|in ! live with it;"
     "living & with|alone|on your own|by yourself|situation|arrangement* ! diabetes|condition|kidney|ibs|"
     "pain|coeliac|disease|illness|heart|pcos|it;"
     "live with|living situation|live alone|living alone|on your own & live|living|at home;"
     "home & live|lives|living|at home with|household|situation|set up|circumstances;"
     "household|house & live|lives|living|share|household;"
     "flat & live|share|your|own;"
     "housing|accommodation|share & house|flat|home|kitchen;"
     "flatmate*|housemate*|roommate*|husband|wife|spouse|partner|boyfriend|girlfriend;"
     "(kids|children|child|son|daughter|grandchild*|grandkid*) & live|home|at home|have|how many|with you|old|"
     "ages;"
     "family & at home|live|household|with you|home;"
     "care home|nursing home|sheltered|hostel|homeless*|who else|anyone else at home|"
     "do you have children|do you have any children|have you got children|have you got any children|"
     "do you have kids|do you have any kids|any children|any kids|brothers or sisters|brother or sister|"
     "any siblings|siblings;(brother*|sister*) & any|have|live|older|younger|how "
     "many;"
     "lodging|student halls|halls|live at home|living at home|move* in|moved house|moved here|moved to|"
     "moved in|who is at home|"
     "who lives|the household|in the house"},

    {"support",
     "support*|supportive|help & at home|from|shopping|cooking|meals|family|friends|anyone|someone|carer ! "
     "can i help|how can i help|i can help|happy to help|help you with|help me understand|here to help|"
     "help you today|help you make|help you find|help you get;"
     "anyone to help|anyone help|someone to help|help you at home|helps you|helps with|help with & "
     "shopping|cooking|meals|food|things|day to day;"
     "who helps|carer*|caregiver*|care package|social worker|social care|home help|meals on wheels|"
     "lunch club|neighbour*|community & support|group|centre;"
     "support group*|peer support|someone to talk to|talk to & anyone|someone|friend|family;"
     "who do you turn to|rely on|people around you|family & support*|help|around|nearby|close|involved|"
     "know|understand|feel about|react|think ! history|diabetes|heart|condition*;"
     "friends & support*|help|around|nearby|see|know|understand;"
     "partner|husband|wife & support*|help|feel|think|react|on board|encourag*|understand;"
     "on board|encourag* & family|partner|friends|husband|wife;"
     "lonely|isolat*|alone & feel|lonely|much;"
     "on your own & cope|manage|feel;"
     "backing|behind you|who can help|anybody to help|anyone who helps"},

    {"finances",
     "money|financ*|financial*|afford*|budget*|costs|cost & food|money|much|living;"
     "expensive|cheap*|income|benefit* & claim|on|money|universal|receive;"
     "universal credit|pension & money|income|live on;"
     "tight & money|budget|things|finances;"
     "wage*|salary|pay & bills|rent|for food|for;"
     "bills|rent & pay|afford;"
     "debt*|price*|spend & money|on food|a week|per week|pound;"
     "how much & spend|cost|money;"
     "struggle & money|afford|bills|pay;"
     "cost of living|prescription charge*|free prescription*|save money|"
     "saving* & money|budget;"
     "money worries|money tight|hard up|skint|broke|make ends meet|pound & week|month"},

    {"smoking",
     "smok*|smoker|cigarette*|cigs|fag|fags|tobacco|vape|vapes|vaping|vaper|e cig*|e cigarette*|nicotine|"
     "quit & smok*|cig*;"
     "shisha|hookah|roll up*|rollies|patches & nicotine;"
     "cannabis|weed & smoke;"
     "drug* & recreational|street|illegal|cannabis;"
     "recreational drug*|recreational|substance*"},

    {"daily_routine",
     "daily routine|routine & day|daily|your|typical|usual|morning|week|evening ! blood*|test*|check*|"
     "appointment*|review*|scan*|screening;"
     "your day & typical|usual|normal|structure|look like|like|describe|through;"
     "day look like|day like & typical|usual|normal;"
     "schedule & your|day|daily|busy|work;"
     "timetable|what time do you & wake|get up|go to bed|start|finish|leave|get home|come home;"
     "get up & what time|when|usually;"
     "wake up & what time|when|usually;"
     "get home & what time|when|usually|from;"
     "busy & day|life|schedule|week|how;"
     "typical week|normal week|usual week|weekday*|structure & day|week;"
     "morning routine|evening routine|after work & what|do you|usually;"
     "when you get home|day to day|a day in your life|day in the life|spend your day|spend your days|"
     "how your day goes|how does your day go|your days|what do you do all day|school run|nursery run|"
     "always on the go|on the go all day|constantly on the go|on the go all the time"},

    {"culture_religion",
     "cultur*|culture|cultural|religio*|religion|religious|faith|church|mosque|temple & ! hollow;"
     "gurdwara|synagogue|pray*|prayer*|muslim|hindu|sikh|jewish|christian|buddhist|"
     "language & ! body language;"
     "first language|speak english|english & first|speak|read|language;"
     "interpreter*|interpreting service*|translator|ethnic*|ethnicity|heritage|background & cultural|ethnic|family|"
     "where;"
     "where are you from|originally from;(grew up|grow up) & where|in;"
     "born & where|in ! baby|weight;"
     "country|traditions|traditional|beliefs & religious|cultural|personal;"
     "festival*|community & cultural|religious|faith;"
     "customs|your community|roots|your background|tell me about your background|family background"},

    {"mobility",
     "mobility|mobile|get around|getting around|get about|getting about|walk & stick|frame|aid|far|"
     "distance|how far|unaided|without;"
     "walking & stick|frame|aid|difficult|trouble|problem|far|how far|distance;"
     "walking stick|walking frame|zimmer|wheelchair|mobility scooter|housebound|house bound|"
     "leave the house|get out & house|and about|to the shops|much|often;"
     "get out and about|out and about|transport|bus & get|take|catch|travel;"
     "car & drive|have|access|own;"
     "drive & can you|do you|still|car;"
     "driving & still|car|can you;"
     "lift & get a|give you|from|to the shops;"
     "taxi|public transport|independen*|manage & stairs|on your own|by yourself|get around|shopping|"
     "cooking|walk|washing|dressing;"
     "stairs & manage|climb|difficult|trouble|struggle|home;"
     "dressing & yourself|help;"
     "washing & yourself|help;"
     "personal care|physical limitation*|disabilit*|disabled|blue badge|get to the shops|"
     "go out much|go out on your own|the train|by train|on the train|train station|get the train|"
     "take the train|catch the train|manage the steps|steps at home|front steps|steps outside|steps up to"},

    {"goals",
     "goal|goals|aim* & your|for you|hope|achieve|want ! aim of today|aim of this|aim today;"
     "your goal*|what are your goal*|hope* & get|achieve|from|out of|to|for|change ! i hope;"
     "hoping|hope to get|what do you want & get|achieve|from|out of|change|happen|to see|to do|today;"
     "what would you like & achieve|get out|to change|from|happen|to see|to work on|focus|today;"
     "want to achieve|like to achieve|achieve*|expectation*|expect & from|today|session|appointment|"
     "dietitian;"
     "target* & weight|your|set|goal;"
     "aspiration*|priorit* & your|what|most|top|biggest;"
     "most important & to you|for you;"
     "what matters & to you|most;"
     "in the future|long term & goal|hope|plan;"
     "ideal & weight|outcome|world;"
     "success & look like|mean|would;"
     "outcome & want|hope;"
     "results & hoping|hope|like to see|want to see|expect*|achieve;"
     "what would be different|magic wand|like to lose|want to lose|hoping to lose|hope to lose;"
     "lose weight & want|like|hope|goal|aim|wish|important;"
     "weight loss & goal|target|aim|want|hope;"
     "get out of today|get out of this|get out of the session|from today|from this session|"
     "from this appointment|what you want|what do you want|what would you like|what are you hoping|"
     "what you are hoping|you hoping|like to change|want to change|where would you like to be"},

    {"concerns",
     "concern|concerns|concerned|worr*|fear*|scared|afraid|frighten*|nervous & about|that;"
     "bother* you & most|about|what;"
     "bothers you|troubl* you|troubling you|biggest & worry|concern|problem|issue|challenge|struggle;"
     "main & worry|concern|problem|issue|challenge;"
     "what is on your mind|on your mind|keep* you up at night|upset* you|anxious about|"
     "difficult & find|most|hardest|struggle;"
     "hardest & part|thing|bit;"
     "struggle & most|with|biggest;"
     "problem & biggest|main|most;"
     "frustrat* & you|about|most;"
     "what frustrates you|what is bothering you|what bothers you|anything bothering you|"
     "anything you are worried about|anything worrying you|what worries you|what is worrying you"},

    {"motivation",
     "motivat*|ready & change|make changes|to change|start|how ready|make;"
     "readiness|confiden* & change|make|manage|able|how|scale|succeed|stick|can;"
     "how confident|how important & change|it is|is it|making|to you;"
     "importance|scale of|on a scale|1 to 10|one to ten|0 to 10|zero to ten|out of 10|out of ten|"
     "barrier*|obstacle*|get* in the way|getting in the way|stop* you & change|making|eat|doing|from|"
     "exercis*;"
     "stopping you|prevent* you & change|making|eating;"
     "hold* you back|holding you back|what makes it hard|hard & to change|to stick|to make changes|to do|"
     "to stay|to eat|to cut;"
     "difficult & to change|to stick|to make|change;"
     "challeng* & change|biggest|main|what;"
     "stick to & it|diet|plan|change|changes;"
     "keep going|willing & change|to|try;"
     "want to change|prepared to & change|make|try;"
     "commit*|pros and cons|benefit* & of changing|change|would;"
     "what would help you|what might help|what would make it easier|easier for you|"
     "feel about & changing|making changes|change|cutting;"
     "able to change|thinking about & chang*|making|cutting|trying;"
     "worth it|why now|why is it important|what is important to you|change* & feel about|ready|"
     "willing|think you could|could you make|would you be able|able to|try;"
     "how would you feel about|how do you feel about & trying|eating more|changing|making|eat more|cutting|"
     "try*;"
     "make changes|making changes|small change*|one change|first step|where to start|"
     "what could you change|what would you change|could you cut|could you swap|would you try|"
     "would you consider|willing to try|happy to try|consider & chang*|cutting|swap*|try*"},

    // =========================================================================================
    // Client history: family

    {"family_history",
     "family history|family & diabetes|heart|cholesterol|kidney|condition*|illness*|disease|history|run|"
     "runs|genetic|cancer|stroke|blood pressure|coeliac|ibs|pcos|obes*|health|same|problems|"
     "anyone else|anyone in|had ! rest of the family|eat|eats|eating|ate|cook*|meal*|food|support*|help*;"
     "runs in the family|run in the family|run in your family|runs in your family|"
     "parent* & had|diabetes|heart|health|condition|die|died|history|illness|cholesterol|stroke|"
     "blood pressure|coeliac|kidney;"
     "(mother|father|mum|dad|brother*|sister*|sibling*|grandparent*|grandmother|grandfather|grandma|"
     "grandad|granny|nan|aunt*|uncle*|cousin*) & had|has|have|diabetes|heart|condition*|health|died|"
     "cholesterol|stroke|blood pressure|coeliac|kidney|ibs|pcos|cancer|same|problem* ! live|cook*|"
     "help|support|shopping;"
     "relative* & had|have|diabetes|condition|heart|coeliac|same;"
     "inherit*|hereditary|genetic*|genes|in the family|in your family|blood relative*|"
     "first degree relative*|familial|close relative*|anyone in your family|anyone in the family|"
     "family member* & had|have|diabetes|condition|heart|health|illness|same"},

    // =========================================================================================
    // Question cues that the first word alone does not show.

    {"@question",
     "tell me|walk me through|talk me through|take me through|go through|run me through|describe|explain|"
     "i would like to know|i would like to hear|i would love to hear|i would like to ask|i want to ask|"
     "i was wondering|i wonder|i am curious|curious to know|let us talk about|can we talk about|"
     "i would like to talk about|i would like to understand|i would like to find out|i need to know|"
     "give me an idea|give me a sense|share with me|let me know|any idea|interested in hearing|"
     "interested to hear|keen to hear|what about|how about|anything else"},

    {"@open",
     "tell me about|tell me more|tell me a bit|tell me a little|tell me how|tell me what|tell me why|"
     "can you tell me about|could you tell me about|describe|explain|walk me through|talk me through|"
     "take me through|run me through|go through|in what way|what is it like|what was it like|"
     "how do you feel|how did you feel|how does that make you feel|how are you finding|what do you think|"
     "what are your thoughts|your thoughts on|how would you describe|what does a typical|"
     "what does your & look like|what happens|what sort of things|what kinds of things|share with me|"
     "give me an idea|give me a sense|how do you manage|how have you been|how is that going|"
     "how has that been|what else|i would like to hear|i would love to hear|let us talk about"},

    {"@probing",
     "anything else|have not mentioned|not mentioned|have not talked about|not talked about|not told me about|"
     "exactly|specifically|specific|precisely|in particular|particularly|how much|how many|how often|"
     "how long|how big|how large|how frequently|how regularly|how far|how heavy|how severe|how bad|"
     "what size|what type|what kind|which type|which kind|what sort|which sort|what brand|which brand|"
     "what amount|what dose|what dosage|roughly|approximately|on average|per day|per week|a day|a week|"
     "times a|tell me more|more about|"
     "more detail*|in more detail|go into more|expand on|elaborate|give me an example|for example|"
     "for instance|such as|what do you mean|when you say|you mentioned|you said|earlier you|going back to|"
     "back to what you said|what else;"
     "do you know & number|result|level|reading|value|figure|what it was|exact|what your;"
     "do you remember & number|result|level|reading|value|exact|what|when|how;"
     "what number|the number|what did they say|what did it say|"
     "what did the doctor say|what did the results show|what did the test show|what was it|"
     "what were they|which one|which ones|at what time|what time|what percentage|how many units|"
     "how many times|last time|most recent|latest|when was the last|the last time|how recently|"
     "since when|when did & start|begin|it start|you start|you notice|you first|this start;"
     "first notice*|how did & start|begin|happen;"
     "what happens|what happened|what made|why do you think|in what way|what does that look like|"
     "what does it look like|what do you put|what do you have with|do you add|anything on|"
     "anything in it|on top|with it|full fat or|or skimmed|diet or regular|sugar free or|homemade or|"
     "how is it cooked|how do you cook it|how do you make it|size of|small medium or large|how full|"
     "big or small|quantity|portion|grams|ml|how many cups|how many glasses|spoons|teaspoon*|tablespoon*|"
     "slices|handful|units|mg|how strong|what strength|what level|high or low|any other|other than|"
     "apart from|besides|as well as|any more|more than|less than|compared to|compared with|"
     "worse or better|better or worse|severity|out of 10|frequency|timing|how soon|how quickly|"
     "after how long|straight after|right after|more specific|in detail|break it down|any particular|"
     "particular|which food*|the name of|what is it called|what are they called|names of|"
     "what is the name|what medications exactly|is there any|are there any|"
     "does anything|what about|how about|what time of day|which days|what days|how late|how early|"
     "is that every|is it every|dig|deeper|a bit more|little more|follow up on|come back to|"
     "return to|thinking about what you said|can you say more|say more|what did you mean|"
     "any idea what|any idea how"},

    // =========================================================================================
    // Conversational acts

    {"@greeting",
     "^ hello|^ hi|^ hiya|^ hey|^ greetings|^ morning|^ afternoon|^ evening|hello|hi there|hey there|"
     "good morning|good afternoon|good evening|nice to meet you|pleased to meet you|lovely to meet you|"
     "good to meet you|great to meet you|nice meeting you|welcome|how are you $|how are you today|"
     "how are you doing $|how are you doing today|how are you feeling today|how is it going|"
     "how are things $|how have you been $|how is your day|how is your day going|how are you keeping|"
     "come in|come on in|take a seat|have a seat|lovely to see you|nice to see you|good to see you"},

    {"@introduction",
     "my name is|my name|i am called|call me|i am & dietitian|dietitians|student|nutritionist|trainee|"
     "dietetic|practitioner|from the|part of the|working with ! you are|you feel|you said;"
     "i will be your|i will be the|i will be seeing you|i will be talking with you|i will be speaking with you|"
     "i will be running|i am one of the|i work as|i work with the|i work in the|i work for|"
     "i am from the|i am training|training to be|studying to be|studying dietetics|studying nutrition|"
     "student dietitian|trainee dietitian|dietetic student|final year student|i am on placement|"
     "on placement|the dietitian today|your dietitian today|i am the dietitian|i am a dietitian"},

    {"@purpose",
     "today we will|today we are going to|today i will|today i would like|today i want|the purpose|"
     "the aim of|aim of today|aim of this|what we will do today|what we are going to do|"
     "i would like to talk about|i would like to ask you some|i would like to ask you a few|"
     "ask you some questions|ask you a few questions|ask you a few things|ask you some things|"
     "is that ok|is that okay|is that alright|is that all right|do you mind if|would that be ok|"
     "would that be alright|is it ok if|is it alright if|are you ok with|are you happy for|"
     "are you happy to|are you comfortable|happy to continue|happy to go ahead|ok to continue|"
     "ok if we|alright if we|you have been referred|your doctor referred|you were referred|"
     "referred you|referral from|we have about|we have around|we have & minutes;"
     "minutes & today|session|appointment|about|around;"
     "agenda|plan for today|plan for the session|plan for this session|before we start|before we begin|"
     "to start with|to start off|to begin with|first i would like|first i will|this session|this appointment|"
     "today is about|today is to|consent|your permission|permission to|confidential|confidentiality|"
     "take some notes|take notes|make some notes|make notes|write some notes|jot down|"
     "why you are here today|cover today|talk about today|focus on today|look at today|"
     "go through today|discuss today|what i would like to do|what we will cover|we will cover|"
     "we will look at|we will talk about|we will go through|we can talk about|get to know you"},

    {"@empathy",
     "i understand|i can understand|i completely understand|i totally understand|that sounds & hard|"
     "difficult|tough|frustrating|stressful|challenging|worrying|upsetting|scary|exhausting|a lot|"
     "really|horrible|awful|rough|tiring|overwhelming;"
     "that must be|it must be|must have been|must be hard|must be difficult|must be tough|i can imagine|"
     "i can see & hard|difficult|tough|frustrat*|worried|upset|why|how;"
     "i am sorry to hear|sorry to hear|so sorry|i am sorry that|it is understandable|that is understandable|"
     "understandably|been really hard|been hard|been difficult|been tough|been a struggle|really hard|"
     "really difficult|so hard|so difficult|hard for you|difficult for you|tough for you|tough on you|hard on you|"
     "completely normal|perfectly normal|very normal|really normal|quite normal|"
     "lots of people|many people|a lot of people|plenty of people|you are not alone|not the only one|"
     "i appreciate|thank you for sharing|thanks for sharing|thank you for telling me|thanks for telling me|"
     "thank you for being honest|thanks for being honest|thank you for being so honest|"
     "thank you for being open|well done|that is great|that is brilliant|that is fantastic|"
     "that is really good|good for you|great job|you should be proud|proud of you|it is not easy|"
     "not easy|that is a lot|that is hard|that is difficult|that is tough|that is frustrating|"
     "that is really hard|that is really difficult|no judgement|no judgment|not here to judge|"
     "not judging|do not worry|nothing to be embarrassed|no need to be embarrassed|"
     "nothing to be ashamed|no need to apologise|no need to be sorry|take your time|"
     "i hear you|makes total sense|makes complete sense|how hard|how difficult|"
     "sounds like a lot|sounds hard|sounds difficult|sounds tough|sounds frustrating|sounds stressful|"
     "sounds like you have been through|you have been through a lot|must feel|you must"},

    {"@reflection",
     "so you feel|so you are feeling|so you are saying|so you said|it sounds like|sounds like you|"
     "it seems like|it seems that|it seems you|you seem|seems like you|what i am hearing|i am hearing|"
     "i hear that|if i understand correctly|if i have understood|if i understand you|so what you are saying|"
     "you are saying|you mentioned|you said that|so for you|you feel that|you feel like|you are worried|"
     "you are feeling|you sound|you are finding|you find it|so it is|so you have|so you are|so you do|"
     "so you eat|so you drink|so you usually|so you normally|so you tend|so you often|so you never|"
     "so you only|so you get|so you take|so you go|so you were|so you had|so you would|so you think|"
     "so your|so you|am i right in thinking|correct me if i am wrong|what i am getting is|"
     "from what you are saying|from what you have said|from what you said|i get the sense|"
     "i get the impression|on one hand|on the one hand|part of you"},

    {"@summary",
     "to sum up|sum up|summing up|to summarise|summarise|summarising|summary|let me recap|to recap|recap|"
     "in summary|so far we|so far you|let me just go over|let me go over|just to go over|go back over|"
     "what we have talked about|what we have discussed|what we discussed|we have talked about|"
     "we have discussed|we have covered|what we have covered|let me check i have|just to check i have|"
     "check i have got|check i have understood|let me make sure i have|make sure i have got|"
     "to pull this together|pull together|bring together|bring it together|putting it all together|"
     "overall then|so overall|in short|the main things|main points|key points|so to summarise"},

    {"@checks_understanding",
     "does that make sense|does this make sense|is that clear|is this clear|any questions|"
     "do you have any questions|have you got any questions|anything you want to ask|anything you would like to ask|"
     "what did you understand|can you tell me in your own words|in your own words|how does that sound|"
     "how does this sound|did i get that right|have i got that right|is that right|is that correct|"
     "have i missed anything|anything i missed|anything i have missed|did i miss anything|"
     "am i right|am i correct|does that sound right|does that sound about right|is that accurate|"
     "does that sound ok|does that sound okay|how do you feel about that|what do you think about that|"
     "what are your thoughts on that|can you repeat back|could you explain back|tell me back|"
     "what will you take away|what are you taking away|what will you do|how will you|"
     "are you clear|are you following|following me|with me so far|are you ok with that|"
     "does that fit|would that work for you|does that work for you|is that something you could|"
     "anything unclear|anything that is not clear|want me to explain|shall i explain|"
     "what do you make of that|is that fair|is that a fair|fair summary|have i understood"},

    {"@closing",
     "next steps|next step|next time|follow up|follow ups|see you|goodbye|good bye|bye|bye bye|"
     "thank you for coming|thanks for coming|thank you for your time|thanks for your time|"
     "thank you for today|thanks for today|thank you so much for today|take care|we will meet again|"
     "next appointment|next session|next visit|book you in|book another|come back and see|come back in|"
     "come back next|come back to see|review you|"
     "review in|see you again|see you in|that is all for today|that is everything for today|"
     "that is all i have|that is all my questions|that is all the questions|we are out of time|"
     "running out of time|we are nearly out of time|wrap up|wrapping up|"
     "nice talking to you|nice talking with you|it was nice meeting you|lovely to meet you today|"
     "good luck|all the best|in a few weeks|in two weeks|in 2 weeks|in a month|in four weeks|"
     "in 4 weeks|in six weeks|in 6 weeks|i will send|i will write|i will let your gp|i will refer|"
     "we will catch up|catch up again|touch base|end the session|end here|finish here|finish up|"
     "leave it there|stop there|come to an end|bring this to an end|close the session|have a good day|"
     "have a lovely day|have a great day|enjoy the rest|plan going forward|going forward|action plan|"
     "the plan is|what we agreed|we agreed"},

    // =========================================================================================
    // The 24-hour recall, pass by pass (multiple-pass method)

    {"@recall_quick_list",
     "yesterday & eat|ate|eaten|had|have|food|drink|drank|meal|everything|anything|start|begin|morning|"
     "woke|wake|get up|got up;"
     "last 24 hour*|past 24 hour*|previous 24 hour*|24 hour* & eat|ate|food|drink|everything|recall|"
     "had|day;"
     "24hr*|24 hr*|everything you ate|everything you had|everything you have eaten|everything you have had|"
     "all the food and drink|all the food|everything you ate and drank|everything you had to eat|"
     "everything you had to eat and drink|everything you have had to eat|all you ate|all you had|"
     "from when you woke up|from the time you woke|since you woke up|since you got up|"
     "start from when you woke|start with when you woke|start from the morning|start with the morning|"
     "from waking|first thing yesterday|yesterday morning|yesterday from|quick list|just list|"
     "list everything|list all|food recall|diet recall|24 hour recall|dietary recall|"
     "what did you eat yesterday|what did you have yesterday|what you ate yesterday|what you had yesterday"},

    {"@recall_forgotten",
     "forgot|forgotten|forget|anything else|anything you might have missed|anything you missed|missed anything|"
     "left out|leave out|anything you left out|nibble*|little bits|bits and pieces|extras|odd biscuit|"
     "sauces|dressing*|condiment*|spreads|anything between|in between|anything to drink & with|yesterday|"
     "that;"
     "any drinks|any snacks|any sweets|any biscuits|any alcohol|any tea|any coffee|any milk|any sugar|"
     "anything to drink|anything else to drink|anything else to eat|any other drinks|any other food|"
     "any other snacks|while cooking|while you were cooking|tasting|finish* off|leftovers|"
     "from the children|from your children|off the kids|sweets at work|biscuits at work|cakes at work|"
     "office cake|anything at work|anything in the car|while watching|in front of the tv|before bed|"
     "during the night|anything else at all|anything else you ate|anything else you had|is that everything|"
     "was that everything|is that all|was that all|nothing else"},

    {"@recall_time_occasion",
     "what time|at what time|around what time|roughly what time|about what time|when did you|"
     "when was that|when was it|where were you|where did you eat|where did you have|where was that|"
     "were you at home|at home or|was that at|was it at|eating occasion*|next time you ate|"
     "next time you had|after that|and then|what happened next|what came next|what was next|"
     "next meal|who were you with|what were you doing|were you with anyone|was that at home|"
     "was that at work|at work or|at the table|in front of the tv|on the go|in the car|on the sofa|"
     "what was the occasion|which meal|was that breakfast|was that lunch|was that dinner|"
     "was that your tea|was that a snack|later that day"},

    {"@recall_detail",
     "how much|how many|what size|what kind|what type|which brand|what brand|brand|how was it cooked|"
     "how was it prepared|how was that cooked|how did you cook|how did you make|cooked in|fried or|"
     "with butter|did you add|anything on it|anything in it|milk in|sugar in|portion|spoon*|cup|cups|"
     "slices|grams|handful|what did you have with|what was in|homemade|home made|shop bought|"
     "full fat|skimmed|semi skimmed|low fat|diet or|regular or|large or|small or|medium|mug|glass|"
     "bowl|plate|was it fried|was it grilled|with skin|did you have anything with|on top|spread on|"
     "what bread|what cereal|what milk|what drink|what filling|what was on|topping*|dressing|sauce|"
     "how big|how thick|how full|what was it|describe it|a whole|half"},

    {"@recall_review",
     "let me read|read back|read that back|read it back|read it all back|go through it again|"
     "go over what you|go back through|go through what you|let me check i have everything|"
     "check i have got everything|check i have everything|so yesterday you had|so yesterday you|"
     "so you had|to check i have got|to check i have|is that everything|is there anything i have missed|"
     "have i missed|did i get everything|is that all you had|is that all you ate|does that sound right|"
     "let me make sure|make sure i have got|let me run through|run through it|run through what you|"
     "final check|one last check|last check|double check|just to confirm|to confirm|confirm that|"
     "so that was|so that is|so all together|so altogether|in total you had|overall you had|"
     "let me summarise what you ate|summarise what you had|recap what you ate|recap what you had"},

    // =========================================================================================
    // Private cues, for the scripted patient

    {"@ask_name",
     "your name|what should i call you|what can i call you|what would you like me to call you|"
     "what do you like to be called|how would you like to be called|what do i call you|"
     "confirm your name|who are you|who you are|is it ok if i call you|can i call you|may i call you|"
     "who do we have here|and you are|you must be"},

    {"@consent",
     "is that ok|is that okay|is that alright|is that all right|do you mind|would that be ok|"
     "would that be alright|would that be okay|is it ok if|is it alright if|is it okay if|are you ok with|"
     "are you okay with|are you happy for|are you happy to|are you comfortable|happy to continue|"
     "happy to go ahead|ok to continue|ok if we|alright if we|okay if we|shall we start|shall we begin|"
     "can we start|can we begin|may i ask|can i ask you some|can i ask you a few|is now a good time|"
     "ready to start|ready to begin|shall we get started|can we get started|sound ok|sound good|"
     "sounds ok|sound alright|that ok with you"},

    {"@any_questions",
     "any questions|do you have any questions|have you got any questions|anything you want to ask|"
     "anything you would like to ask|questions for me|anything you would like to add|"
     "anything else you would like to tell me|anything else you want to tell me|anything else to add|"
     "anything else you would like to|anything else you want to|anything else on your mind|"
     "anything else i should know|anything you would like to discuss|anything else we should"},

    {"@thanks", "thank you|thanks|cheers|ta $|much appreciated|appreciate it|appreciate that"},

    {"@how_are_you",
     "how are you $|how are you today|how are you doing|how are you feeling today|how is it going|"
     "how are things|how have you been $|how is your day|how are you keeping"},

    {"@anything_else", "anything else|what else|is there more|any more|something else|other things|anything more"},

    // Facets: what a question asks for, or what an answer tells, beyond its topic. The scripted
    // patient matches them in the question and in each fact's answer, so that "how often do you
    // have rice?" draws the fact that says how often, not the one that says how much.
    {"@facet_how_often",
     "how often|how many times|how frequently|how regularly|every day|every night|every morning|every evening|"
     "every week|every weekend|each day|each night|each week|daily|nightly|weekly|times a day|times a week|"
     "times a month|time a week|a day|a week|a night|a month|per day|per week|most days|most nights|"
     "most mornings|most evenings|once|twice|two times|three times|# times|nearly every|at weekends|"
     "on weekdays|on weekends"},

    {"@facet_how_much",
     "how much|what size|how big|how large|what amount|quantity|quantities|portion*|serving*|spoon*|"
     "teaspoon*|tablespoon*|cup|cups|mug|mugs|glass|glasses|plate|plates|plateful*|bowl|bowls|bowlful*|"
     "slice*|litre*|kilo|kilos|kg|gram*|handful*|pint|pints|bottle*|can of|cans of|piece*|packet*|bag of|"
     "bar of|half|a lot of|lots of;"
     "how many ! how many times|how many days|how many nights|how many weeks"},

    {"@facet_morning",
     "morning|mornings|first thing|when you wake|when you get up|when i wake|when i get up|before work|breakfast"},

    {"@facet_evening",
     "evening|evenings|night|nights|tonight|supper|after work|when you get home|when i get home|tea time|"
     "teatime|bedtime|before bed"},

    {"@facet_self_monitoring",
     "check your|check my|checking|checks|check it|check them|test your|test my|testing|monitor*|meter|"
     "finger|prick*|sensor|libre|cgm|reading|readings;"
     "at home & check*|test*|monitor*|weigh*|machine|cuff|scale*"},
};

}  // namespace

std::span<const Entry> entries() {
  return kEntries;
}

}  // namespace practicum::consultation::lexicon
