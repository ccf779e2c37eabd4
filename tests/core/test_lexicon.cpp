// The lexicon: normalise(), and analyse() on a table of realistic student utterances — which
// topics each is about (most specific first), which it is NOT about, and its conversational
// flags — plus every topic reachable from its own description; and the ReadingCache that
// memoises read() and normalise(): the same results, within its budget, from many threads.

#include "core/consultation/lexicon.h"
#include "core/consultation/lexicon_engine.h"
#include "core/consultation/reading_cache.h"
#include "core/consultation/topics.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace practicum::consultation;

namespace {

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  std::istringstream in{std::string(text)};
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

bool flag(const Utterance& u, std::string_view name) {
  if (name == "question") return u.question;
  if (name == "open") return u.open;
  if (name == "probing") return u.probing;
  if (name == "greeting") return u.greeting;
  if (name == "introduction") return u.introduction;
  if (name == "purpose") return u.purpose;
  if (name == "empathy") return u.empathy;
  if (name == "reflection") return u.reflection;
  if (name == "summary") return u.summary;
  if (name == "checks") return u.checksUnderstanding;
  if (name == "closing") return u.closing;
  if (name == "quick_list") return u.recallQuickList;
  if (name == "forgotten") return u.recallForgotten;
  if (name == "time_occasion") return u.recallTimeOccasion;
  if (name == "detail") return u.recallDetail;
  if (name == "review") return u.recallReview;
  ADD_FAILURE() << "unknown flag " << name;
  return false;
}

struct Row {
  const char* text;
  /// Topics that must be found, space-separated; the first listed must come first. "-" = none at all.
  const char* topics;
  /// Flags that must be set; "!flag" must not be set.
  const char* flags = "";
  /// Topics that must NOT be found.
  const char* notTopics = "";
};

const Row kRows[] = {
    // --- Greetings, introductions, purpose: no topic ---------------------------------------
    {"Hello!", "-", "greeting !question"},
    {"Hi there, how are you today?", "-", "greeting question", "symptoms_general"},
    {"Good morning! How are you?", "-", "greeting", "breakfast"},
    {"Good evening, thanks for waiting.", "-", "greeting", "dinner"},
    {"Nice to meet you, I'm Priya, a third-year student dietitian.", "-", "greeting introduction", "occupation"},
    {"Hi, my name is Sam and I'm a student dietitian.", "-", "greeting introduction", "occupation"},
    {"I'm one of the dietitians here.", "-", "introduction"},
    {"Hi, I'm Sam, a student dietitian. Today I'd like to talk about your diet, is that ok?", "diet_general",
     "greeting introduction purpose question"},
    {"Is it okay if I take some notes while we talk?", "-", "purpose question"},
    {"Today we're going to look at what you eat and drink.", "diet_general", "purpose"},
    {"We have about 30 minutes today.", "-", "purpose"},
    // --- Empathy, reflection, summary, checking, closing ------------------------------------
    {"That sounds really hard.", "-", "empathy !question"},
    {"It sounds like that has been really hard for you.", "-", "empathy reflection"},
    {"I can imagine that's frustrating.", "", "empathy"},
    {"Thank you for being so honest with me.", "-", "empathy"},
    {"It sounds like mornings are a real struggle.", "", "reflection"},
    {"So you feel tired in the afternoons?", "energy", "reflection question"},
    {"So to sum up, you skip breakfast and snack at night. Does that sound right?", "meal_pattern",
     "summary checks question"},
    {"Let me just recap what we've covered so far.", "-", "summary"},
    {"Does that make sense?", "-", "checks question"},
    {"Do you have any questions for me?", "-", "checks question"},
    {"Can you tell me in your own words what you'll try this week?", "", "checks"},
    {"Thanks for coming, let's book a follow-up in two weeks.", "-", "closing"},
    {"Thank you for your time today, take care.", "-", "closing"},
    {"Our next steps are to try the swaps we agreed.", "", "closing"},
    // --- Not about anything we know: no topic -----------------------------------------------
    {"What's your favourite film?", "-", "question open"},
    {"Do you have a passport?", "-", "question"},
    {"How old are you?", "-", "question"},
    {"Let's work out a plan together.", "-", "", "physical_activity"},
    {"I'm here to help you with this.", "-", "", "support"},
    {"Take your time.", "-", "", "daily_routine"},
    {"Right, moving on.", "-", "!question"},
    {"OK.", "-", "!question"},
    {"On a scale of 1 to 10, how important is it to you?", "motivation", "question"},
    {"Can you walk me through your morning?", "", "open", "physical_activity"},
    {"Let me run through what we'll cover.", "-", "", "physical_activity"},
    // --- Food and nutrition history ---------------------------------------------------------
    {"Can you tell me what you usually eat in a day?", "diet_general", "question open"},
    {"Tell me about your eating habits.", "diet_general", "open"},
    {"How would you describe your diet?", "diet_general", "open"},
    {"Walk me through a typical day.", "typical_day", "open"},
    {"What's a normal day of eating like for you?", "typical_day", "open"},
    {"What do you have for breakfast?", "breakfast", "open", "diet_general"},
    {"Do you eat anything first thing in the morning?", "breakfast"},
    {"Do you have brekkie before work?", "breakfast"},
    {"What do you have for lunch?", "lunch"},
    {"What do you usually have at midday?", "lunch"},
    {"What do you eat for tea?", "dinner", "", "caffeine"},
    {"What did you have for tea last night?", "dinner", "", "caffeine"},
    {"What do you usually have for your evening meal?", "dinner"},
    {"What do you have for supper?", "dinner"},
    {"Do you drink tea or coffee?", "caffeine", "", "dinner"},
    {"How many cups of tea do you have a day?", "caffeine", "probing"},
    {"Do you have a cuppa in the afternoon?", "caffeine"},
    {"Do you snack between meals?", "snacks"},
    {"Do you graze through the day?", "snacks"},
    {"Do you skip meals?", "meal_pattern"},
    {"Do you have breakfast every day, or skip meals?", "meal_pattern"},
    {"What times do you usually have your meals?", "meal_pattern"},
    {"Do you eat differently at the weekend?", "weekend_eating"},
    {"What do you drink during the day?", "drinks", "", "alcohol"},
    {"How much water do you drink?", "water", "probing", "alcohol"},
    {"Are you drinking enough fluids?", "water"},
    {"Do you drink fizzy drinks or juice?", "sugary_drinks"},
    {"Do you have energy drinks like Red Bull?", "sugary_drinks"},
    {"Do you drink fizzy pop?", "sugary_drinks"},
    {"Do you have coffee?", "caffeine"},
    {"Do you drink alcohol?", "alcohol"},
    {"Do you drink?", "alcohol"},
    {"How many units do you drink in a week exactly?", "alcohol", "probing"},
    {"Do you go to the pub much?", "alcohol"},
    {"Do you get takeaways?", "eating_out"},
    {"How often do you go to the chippy?", "eating_out", "probing", "bowels"},
    {"Do you eat fast food?", "eating_out"},
    {"Do you buy a meal deal at lunchtime?", "eating_out"},
    {"Who does the cooking?", "cooking"},
    {"Do you cook from scratch or use ready meals?", "cooking"},
    {"Who does the shopping?", "shopping"},
    {"Do you read food labels?", "shopping"},
    {"How big are your portions?", "portion_sizes", "probing"},
    {"Do you go back for seconds?", "portion_sizes"},
    {"How much fruit and veg do you eat?", "fruit_vegetables", "probing"},
    {"Do you manage your five a day?", "fruit_vegetables"},
    {"Do you eat much bread, rice or pasta?", "starchy_foods"},
    {"What about meat, fish, eggs?", "protein_foods"},
    {"Do you eat beans or lentils?", "protein_foods"},
    {"Do you have much dairy?", "dairy"},
    {"Do you eat yogurt?", "dairy"},
    {"What do you use instead of dairy milk?", "dairy", "", "sweets"},
    {"Do you use butter or oil?", "fats_oils"},
    {"Do you eat a lot of fried food?", "fats_oils"},
    {"Do you add salt?", "salt"},
    {"Do you use a stock cube?", "salt"},
    {"Do you have a sweet tooth?", "sweets"},
    {"Do you take sugar in your tea?", "sweets caffeine"},
    {"Do you eat wholegrains?", "fibre"},
    {"How much fibre do you get?", "fibre"},
    {"Are you careful with gluten, like using a separate toaster?", "gluten"},
    {"Do you worry about cross-contamination?", "gluten"},
    {"Do you have any allergies?", "food_intolerance"},
    {"Are you lactose intolerant?", "food_intolerance"},
    {"Are there foods that trigger your symptoms?", "trigger_foods"},
    {"Which foods seem to bring on your symptoms?", "trigger_foods"},
    {"Do you take any vitamins or supplements?", "supplements"},
    {"Do you take protein shakes?", "supplements"},
    {"Have you tried any diets before?", "previous_diets"},
    {"Have you done Slimming World?", "previous_diets"},
    {"What do you know about carbs?", "nutrition_knowledge"},
    {"How's your appetite?", "appetite", "open"},
    {"Do you feel full quickly?", "appetite"},
    {"Do you get cravings?", "cravings"},
    {"Do you eat late at night?", "night_eating"},
    {"Do you get up in the night to eat?", "night_eating"},
    {"Do you eat when you're stressed?", "emotional_eating"},
    {"Do you comfort eat?", "emotional_eating"},
    {"Can you afford the food you want?", "food_access"},
    {"Do you ever use a food bank?", "food_access"},
    {"Do you fast during Ramadan?", "cultural_food"},
    {"Do you eat halal?", "cultural_food"},
    {"Do you exercise?", "physical_activity"},
    {"How active are you?", "physical_activity", "open"},
    {"Do you walk much?", "physical_activity"},
    {"Do you cycle to work?", "physical_activity"},
    {"How much fluid are you allowed?", "fluid_restriction"},
    {"Are you trying to limit your fluids?", "fluid_restriction"},
    {"Is she a fussy eater?", "feeding_child"},
    {"Does he refuse new foods?", "feeding_child"},
    // --- Anthropometric ----------------------------------------------------------------------
    {"How much do you weigh?", "weight_current", "probing"},
    {"What's your current weight?", "weight_current"},
    {"Has your weight changed over the last year?", "weight_history"},
    {"Have you lost weight without trying?", "weight_history"},
    {"Do your clothes feel looser?", "weight_history"},
    {"How tall are you?", "height"},
    {"What's your waist measurement?", "waist"},
    {"Is she growing well?", "growth"},
    {"Is she on the centile chart?", "growth"},
    {"Do you know your body fat percentage?", "body_composition"},
    {"How do you feel about your weight?", "body_general"},
    // --- Biochemical -------------------------------------------------------------------------
    {"Have you had any blood tests recently?", "tests_general"},
    {"How are your blood sugars?", "blood_glucose", "", "sweets"},
    {"What was your last HbA1c?", "blood_glucose"},
    {"What's your A1c?", "blood_glucose"},
    {"Do you check your blood sugar at home?", "blood_glucose", "", "sweets"},
    {"What are your sugar levels like in the morning?", "blood_glucose", "", "breakfast sweets"},
    {"What was your cholesterol?", "lipids"},
    {"Do you know your LDL?", "lipids"},
    {"How are your kidney results?", "kidney_tests"},
    {"What's your eGFR?", "kidney_tests"},
    {"Do you know your potassium level?", "kidney_tests"},
    {"Have they checked your iron levels?", "iron_vitamins"},
    {"Are you anaemic?", "iron_vitamins"},
    {"Do you know your vitamin D level?", "iron_vitamins", "", "supplements"},
    {"Have your liver tests been ok?", "liver_tests"},
    {"How is your thyroid?", "thyroid_hormones"},
    {"What's your testosterone level?", "thyroid_hormones"},
    {"Have you had any scans?", "other_tests"},
    {"Have you had a colonoscopy?", "other_tests"},
    {"Have you had a urine test?", "urine_tests"},
    {"Is there protein in your urine?", "urine_tests", "", "protein_foods"},
    {"Do you know your CRP or albumin?", "inflammation"},
    // --- Physical findings -------------------------------------------------------------------
    {"How do you feel physically?", "symptoms_general", "open"},
    {"How are your bowels?", "bowels"},
    {"Any problems with your poo?", "bowels"},
    {"Do you have diarrhoea or constipation?", "bowels"},
    {"Do you have diarrhea?", "bowels"},
    {"Any tummy pain or bloating?", "digestion", "", "pain"},
    {"Do you get heartburn?", "digestion"},
    {"How is your energy?", "energy"},
    {"Do you feel tired all the time?", "energy"},
    {"Do your ankles swell?", "swelling"},
    {"Do you get short of breath?", "breathing"},
    {"Do you feel weak, have you had any falls?", "muscle_strength"},
    {"Can you get up out of a chair?", "muscle_strength"},
    {"Any problems with your skin, hair or nails?", "skin_hair_nails"},
    {"Do you have any wounds that are slow to heal?", "skin_hair_nails"},
    {"Any problems with your teeth or dentures?", "mouth_teeth"},
    {"Have you noticed any changes in your taste?", "mouth_teeth"},
    {"Do you have trouble swallowing?", "swallowing"},
    {"Do you cough when you eat?", "swallowing"},
    {"What's your blood pressure like?", "blood_pressure"},
    {"Have you had any hypos?", "hypos"},
    {"Do you feel shaky if you miss a meal?", "hypos"},
    {"Are you thirsty a lot?", "thirst_urination"},
    {"Do you have any trouble with your waterworks?", "thirst_urination"},
    {"Do you get up at night to pee?", "thirst_urination"},
    {"Are your periods regular?", "periods"},
    {"Do you get hot flushes?", "periods"},
    {"Do you have any pain in your joints?", "pain"},
    {"Have you had any stress fractures?", "pain"},
    {"Do you have any numbness or tingling in your feet?", "pain"},
    // --- Client history ----------------------------------------------------------------------
    {"Tell me about your medical history.", "medical_general", "open"},
    {"What did the doctor tell you about your diagnosis?", "diagnosis"},
    {"What brings you in today?", "diagnosis"},
    {"Any other medical conditions or operations?", "other_conditions"},
    {"How many weeks pregnant are you?", "pregnancy", "probing"},
    {"How is your mood?", "mental_health"},
    {"Do you feel anxious?", "mental_health"},
    {"How are you sleeping?", "sleep"},
    {"What medications are you on?", "medications", "open"},
    {"Are you on any tablets?", "medications"},
    {"Do you ever forget to take your metformin?", "medication_use"},
    {"Any side effects from the tablets?", "side_effects"},
    {"Tell me a bit about yourself.", "social_general", "open"},
    {"What do you do for work?", "occupation"},
    {"Do you work shifts?", "occupation"},
    {"Who do you live with?", "living_situation"},
    {"Do you get any help at home?", "support"},
    {"Do your family support you?", "support", "", "family_history"},
    {"Are money worries an issue?", "finances"},
    {"Do you smoke?", "smoking"},
    {"Do you vape?", "smoking"},
    {"What's your daily routine like?", "daily_routine"},
    {"Are there any cultural or religious food practices?", "cultural_food"},
    {"What language do you speak at home?", "culture_religion"},
    {"How do you get around?", "mobility"},
    {"What would you like to get out of today?", "goals"},
    {"What worries you most?", "concerns"},
    {"How ready do you feel to make changes, on a scale of 1 to 10?", "motivation"},
    {"Does anyone in your family have diabetes?", "family_history", "", "diagnosis"},
    {"Does your dad have heart disease?", "family_history"},
    // --- The 24-hour recall ------------------------------------------------------------------
    {"Yesterday, from when you woke up, can you tell me everything you ate and drank?", "typical_day", "quick_list"},
    {"Can you list everything you had to eat and drink in the last 24 hours?", "typical_day", "quick_list"},
    {"Did you have anything else, like biscuits or drinks between meals?", "snacks", "forgotten"},
    {"Any drinks or snacks you might have forgotten?", "", "forgotten"},
    {"What time was that and where were you?", "-", "time_occasion"},
    {"Was that at home or at work?", "", "time_occasion"},
    {"How much milk did you put in it, and was it full fat?", "", "detail"},
    {"What brand of cereal was it?", "", "detail"},
    {"Let me read that back to check I've got everything.", "-", "review"},
    {"So yesterday you had porridge, a sandwich and pasta. Have I missed anything?", "", "review"},
    // --- Probing ------------------------------------------------------------------------------
    {"How often do you have takeaways?", "eating_out", "probing"},
    {"What exactly do you have with it?", "", "probing"},
    {"Can you tell me more about that?", "-", "probing open"},
    {"Specifically, which tablets do you take?", "medications", "probing"},
    {"Do you have breakfast?", "breakfast", "!probing !open"},
};

/// Idioms, and words with two senses in a consultation, as a dietitian really says them: the topics
/// the phrasing must be read as, and those it must not ("steps" in "next steps" is a plan, not
/// walking).
struct Sense {
  const char* text;
  /// Topics that must all be found, space-separated; "-" = no topic at all; "" = no requirement.
  const char* topics;
  /// Topics that must not be found.
  const char* notTopics;
};

const Sense kSenses[] = {
    // "work": a job, exercise ("work out"), or figuring something out
    {"What work do you do?", "occupation", "physical_activity"},
    {"What kind of work do you do?", "occupation", ""},
    {"What line of work are you in?", "occupation", ""},
    {"Are you working at the moment?", "occupation", ""},
    {"How is work going?", "occupation", ""},
    {"Have you been off sick?", "occupation", "digestion"},
    {"Do you work in a restaurant?", "occupation", "eating_out"},
    {"Do you work in a shop?", "occupation", "shopping"},
    {"Do you work in a pub?", "occupation", "alcohol"},
    {"Are you the main breadwinner?", "occupation", "starchy_foods"},
    {"Do you work out?", "physical_activity", "occupation"},
    {"How often do you work out?", "physical_activity", "occupation"},
    {"Do you go to the gym to work out?", "physical_activity", "occupation"},
    {"Let's work out a plan together.", "-", ""},
    {"Did it work out?", "-", ""},
    {"Can we work out what's causing the bloating?", "digestion", "physical_activity"},
    {"What would you like to work on?", "goals", "occupation"},
    {"Let's figure out what's triggering it.", "", "body_general"},
    // "plate": a portion, or a busy life
    {"It sounds like you have a lot on your plate at the moment.", "mental_health", "portion_sizes"},
    {"You've got a lot on your plate with the kids.", "mental_health", "portion_sizes"},
    {"How much do you put on your plate at dinner?", "portion_sizes", "mental_health"},
    {"Do you pile your plate high?", "portion_sizes", ""},
    {"Do you know what a healthy plate looks like?", "nutrition_knowledge", "portion_sizes"},
    // "steps": walking, or a plan
    {"As next steps, I'd like you to try swapping to diet drinks.", "", "physical_activity"},
    {"Our next steps are to book a follow-up.", "-", ""},
    {"What are the next steps?", "-", ""},
    {"Let's take it one step at a time.", "-", ""},
    {"Let's take small steps.", "-", ""},
    {"What steps have you taken to cut down?", "", "physical_activity"},
    {"Does your step dad cook?", "cooking", "physical_activity"},
    {"Can you step on the scales for me?", "weight_current", "physical_activity"},
    {"Can you manage the steps at home?", "mobility", "physical_activity medication_use"},
    {"How many steps do you do a day?", "physical_activity", ""},
    {"Do you track your steps?", "physical_activity", ""},
    // "weigh": the body, food, or a decision
    {"Let's weigh up the pros and cons.", "motivation", "weight_current body_general"},
    {"Does it weigh on your mind?", "", "weight_current body_general"},
    {"That must be a weight off your mind.", "-", ""},
    {"Do you weigh your portions?", "portion_sizes", "weight_current"},
    {"Do you use kitchen scales?", "portion_sizes", "weight_current"},
    {"Can you pop on the scales for me?", "weight_current", "sugary_drinks"},
    // "light": a meal, or light-headed
    {"Do you have a light lunch?", "lunch", "symptoms_general"},
    {"Do you feel light-headed?", "symptoms_general", "lunch dinner"},
    {"Do you take light exercise?", "physical_activity", ""},
    // "run": exercise, family history, running out, running late
    {"How often do you go running?", "physical_activity", ""},
    {"Does diabetes run in your family?", "family_history", "physical_activity"},
    {"Have you run out of your tablets?", "medications", "physical_activity"},
    {"Are you running late today?", "-", ""},
    {"Are you running out of money before the end of the month?", "finances", "physical_activity"},
    {"Do you ever run out of food?", "food_access", "physical_activity"},
    {"Do you do the school run?", "daily_routine", "physical_activity"},
    {"It's not a walk in the park.", "-", ""},
    {"Do you take the train?", "mobility", "physical_activity"},
    // "pressure": blood pressure, or stress
    {"How is your blood pressure?", "blood_pressure", "mental_health"},
    {"Are you under a lot of pressure at work?", "mental_health occupation", "blood_pressure"},
    {"Do you feel under pressure to lose weight?", "mental_health", "blood_pressure"},
    {"How long have you had the pressure?", "blood_pressure", "mental_health"},
    // "sugar": blood sugar, or sugar eaten
    {"How are your sugar levels?", "blood_glucose", "sweets"},
    {"How's your sugar been lately?", "blood_glucose", "sweets"},
    {"Do you take sugar in your tea?", "sweets caffeine", "blood_glucose"},
    {"Do you add sugar to your cereal?", "sweets", "blood_glucose"},
    {"Can you tell me what the doctors said about your sugar in this pregnancy?", "diagnosis pregnancy", "sweets"},
    {"I won't sugar-coat it.", "-", ""},
    // "heavy": weight, or periods, meals, lifting
    {"Do you have heavy periods?", "periods", "body_general"},
    {"How heavy are your periods?", "periods", "weight_current body_general"},
    {"Do you eat heavy meals late at night?", "night_eating", "body_general"},
    {"Do you feel heavy after eating?", "digestion", "body_general"},
    {"Do you lift heavy weights?", "physical_activity", "body_general"},
    {"How heavy are you?", "weight_current", ""},
    // "fast": fasting, or eating quickly
    {"Do you fast?", "cultural_food", "blood_glucose"},
    {"Do you do any fasting?", "cultural_food", ""},
    {"What do you eat to break your fast?", "cultural_food", ""},
    {"What's your fasting glucose?", "blood_glucose", "cultural_food"},
    {"Do you eat too fast?", "meal_pattern", "cultural_food eating_out"},
    {"Do you eat fast food?", "eating_out", "meal_pattern cultural_food"},
    {"Have you been told to fast before your blood test?", "tests_general", "cultural_food previous_diets"},
    // "diet": the diet, past diets, or soft drinks
    {"Tell me about your diet.", "diet_general", "sugary_drinks"},
    {"Do you drink diet coke?", "sugary_drinks", "diet_general previous_diets"},
    {"Are you dieting at the moment?", "previous_diets", ""},
    // "drink": alcohol, or fluids
    {"Do you drink?", "alcohol", ""},
    {"How much do you drink in a day?", "drinks", "alcohol"},
    {"Do you drink enough?", "water", "alcohol"},
    {"Do you have a drink with your meal?", "drinks", "alcohol"},
    {"What have you drunk today?", "drinks", "alcohol"},
    {"Have you drunk much water today?", "water", "alcohol"},
    {"Do you drink with friends?", "alcohol", ""},
    {"Would you say you have a drinking problem?", "alcohol", "drinks"},
    {"How are your spirits at the moment?", "mental_health", "alcohol"},
    {"How many insulin shots do you take?", "medications", "alcohol"},
    // "tea" and other drinks
    {"If walking isn't your cup of tea, what about swimming?", "physical_activity", "caffeine"},
    {"How many cups of tea do you have a day?", "caffeine", "portion_sizes"},
    {"How do you take your coffee?", "caffeine", "medication_use"},
    {"How strong do you like your coffee?", "caffeine", "muscle_strength"},
    // Medicines, or not
    {"How do you take your tablets?", "medication_use", ""},
    {"Do you ever miss meals?", "meal_pattern", "medication_use"},
    {"Does she play on a tablet at mealtimes?", "feeding_child", "medications"},
    {"How many weeks ago did you start the tablets?", "medications", "pregnancy"},
    // Pregnancy words in their other sense, and the other way round
    {"What are you expecting from today?", "goals", "pregnancy"},
    {"When are your next bloods due?", "tests_general", "pregnancy"},
    {"How was your labour?", "pregnancy", "occupation"},
    {"Do you have children?", "living_situation", "pregnancy"},
    {"What did she weigh when she was born?", "weight_history growth", ""},
    // The body's words as figures of speech
    {"Take some time to digest all of this.", "-", ""},
    {"I know it's a lot to swallow.", "-", ""},
    {"What's your gut feeling about that?", "", "digestion"},
    {"Let's make this a joint decision.", "-", ""},
    {"Do you have a Sunday roast, like a joint of beef?", "protein_foods", "pain"},
    {"Is it a pain to cook every night?", "cooking", "pain"},
    {"Are you tired of dieting?", "", "energy"},
    {"That sounds exhausting.", "-", ""},
    {"Why don't you sleep on it?", "-", ""},
    {"Was the diagnosis a wake-up call?", "diagnosis", "sleep"},
    {"Don't worry, we'll take it slowly.", "-", ""},
    {"Is she full of beans?", "energy", "protein_foods"},
    {"Would you say you're a bit of a couch potato?", "physical_activity", "starchy_foods"},
    {"Do you have a weakness for sweet things?", "sweets", "muscle_strength"},
    {"Are you sexually active?", "", "physical_activity"},
    {"Are you eating the same as the rest of the family?", "", "family_history"},
    {"How is she emotionally?", "mental_health", "emotional_eating"},
    // Food words in their other sense, and the other way round
    {"Take what you read online with a pinch of salt.", "", "salt"},
    {"You can't have your cake and eat it.", "-", ""},
    {"Did you stop smoking cold turkey?", "smoking", "protein_foods"},
    {"Do you eat smoked fish?", "protein_foods", "smoking"},
    {"That was a really fruitful chat.", "-", ""},
    {"Do you eat out of boredom?", "emotional_eating", "eating_out"},
    {"Are you always on the go?", "daily_routine", "eating_out"},
    {"Is anyone helping you?", "", "portion_sizes"},
    {"I've only seen that a handful of times.", "-", ""},
    {"How big was your son when he was born?", "growth", "portion_sizes"},
    {"How often do you eat fish, meat, eggs or pulses?", "protein_foods", "meal_pattern blood_pressure"},
    {"What's your resting pulse like?", "blood_pressure", "protein_foods"},
    {"Any problems with your digestive system?", "digestion", "sweets"},
    {"Have they said it can be cured?", "", "salt"},
    {"Do you play squash?", "physical_activity", "sugary_drinks"},
    // Other words with two senses
    {"Did you have more over the Christmas period?", "", "periods"},
    {"Do you have a regular cycle?", "periods", "physical_activity"},
    {"Do you cycle to the shops?", "physical_activity", "periods"},
    {"How are the baby's movements?", "pregnancy", "bowels"},
    {"What results are you hoping for?", "goals", "tests_general"},
    {"Have you had your routine bloods done?", "tests_general", "daily_routine"},
    {"Do you have a mobile number I can call?", "-", ""},
    {"Do you get around to cooking?", "cooking", "mobility"},
    {"Where did you grow up?", "culture_religion", "growth"},
    {"Do you end up wasting food?", "", "muscle_strength"},
    {"Can you tell me a wee bit about your breakfast?", "breakfast", "thirst_urination"},
    {"Is it important to you to lose weight?", "goals", ""},
};

TEST(Normalise, LowerCasesFoldsPunctuationAndExpandsContractions) {
  EXPECT_EQ(normalise("What's your HbA1c?"), "what is your hba1c");
  EXPECT_EQ(normalise("I don't know, I can't say."), "i do not know i can not say");
  EXPECT_EQ(normalise("You're on metformin, aren't you?"), "you are on metformin are not you");
  EXPECT_EQ(normalise("I'm fine; I've eaten, I'll go, I'd like that."),
            "i am fine i have eaten i will go i would like that");
  EXPECT_EQ(normalise("Let's look at the doctor's letter"), "let us look at the doctor letter");
  EXPECT_EQ(normalise("It\xE2\x80\x99s a 24-hour recall \xE2\x80\x94 OK?"), "it is a 24 hour recall ok");
  EXPECT_EQ(normalise("caf\xC3\xA9 au lait"), "cafe au lait");
  EXPECT_EQ(normalise("dont wont cant im"), "do not will not can not i am");
  EXPECT_EQ(normalise("  lots   of\tspace\n"), "lots of space");
  EXPECT_EQ(normalise(""), "");
  EXPECT_EQ(normalise("\xF0\x9F\x98\x80 hi"), "hi");
}

TEST(Lexicon, AnalysesTheTableOfStudentUtterances) {
  EXPECT_GE(std::size(kRows), 150u);
  for (const auto& row : kRows) {
    SCOPED_TRACE(row.text);
    const auto u = analyse(row.text);
    std::string found;
    for (const auto& t : u.topics) found += t + " ";
    const std::string expected = row.topics;
    if (expected == "-") {
      EXPECT_TRUE(u.topics.empty()) << "found: " << found;
    } else {
      const auto want = words(expected);
      for (const auto& t : want) {
        EXPECT_NE(std::find(u.topics.begin(), u.topics.end(), t), u.topics.end()) << t << " not in: " << found;
      }
      if (!want.empty() && !u.topics.empty() && want.size() == 1) {
        EXPECT_EQ(u.topics.front(), want.front()) << "found: " << found;
      }
    }
    for (const auto& t : words(row.notTopics)) {
      EXPECT_EQ(std::find(u.topics.begin(), u.topics.end(), t), u.topics.end()) << t << " wrongly in: " << found;
    }
    for (const auto& f : words(row.flags)) {
      if (f.front() == '!')
        EXPECT_FALSE(flag(u, f.substr(1))) << f;
      else
        EXPECT_TRUE(flag(u, f)) << f;
    }
  }
}

TEST(Lexicon, ReadsIdiomsAndWordsWithTwoSensesInTheSenseMeant) {
  EXPECT_GE(std::size(kSenses), 100u);
  for (const auto& row : kSenses) {
    SCOPED_TRACE(row.text);
    const auto u = analyse(row.text);
    std::string found;
    for (const auto& t : u.topics) found += t + " ";
    if (std::string_view(row.topics) == "-") {
      EXPECT_TRUE(u.topics.empty()) << "found: " << found;
      continue;
    }
    for (const auto& t : words(row.topics)) {
      EXPECT_NE(std::find(u.topics.begin(), u.topics.end(), t), u.topics.end()) << t << " not in: " << found;
    }
    for (const auto& t : words(row.notTopics)) {
      EXPECT_EQ(std::find(u.topics.begin(), u.topics.end(), t), u.topics.end()) << t << " wrongly in: " << found;
    }
  }
}

TEST(Lexicon, AQuestionThatOnlyProbesDigsIntoTheTopicAskedJustBefore) {
  const auto r = lexicon::read("Do you ever eat during the night? How often, exactly?");
  EXPECT_EQ(r.topics, (std::vector<std::string>{"night_eating"}));
  EXPECT_TRUE(r.probing);
  // A probe with nothing asked before it, or a sentence after the question that does not probe,
  // digs into nothing.
  EXPECT_FALSE(lexicon::read("Do you ever eat during the night? Thanks.").probing);
  EXPECT_TRUE(lexicon::read("How often, exactly?").topics.empty());
  // Framing around the question does not count as asking it.
  EXPECT_FALSE(lexicon::read("Let me recap: you eat at night. How often, exactly?").probing);
}

TEST(Lexicon, FacetsSayWhatAQuestionAsksForBeyondItsTopic) {
  const auto facets = [](std::string_view text) {
    const auto out = lexicon::facets(text);
    std::vector<std::string> cues;
    for (const auto& cue : lexicon::analyseDetailed(text).cues) {
      if (cue.starts_with("facet_")) cues.push_back(cue);
    }
    EXPECT_EQ(out, cues) << "facets() and analyseDetailed() disagree on: " << text;
    return out;
  };
  EXPECT_EQ(facets("How often do you have rice?"), (std::vector<std::string>{"facet_how_often"}));
  EXPECT_EQ(facets("How much rice do you have?"), (std::vector<std::string>{"facet_how_much"}));
  EXPECT_EQ(facets("How many times a week?"), (std::vector<std::string>{"facet_how_often"}));
  EXPECT_EQ(facets("Are you checking your blood sugar at home?"), (std::vector<std::string>{"facet_self_monitoring"}));
  // An answer tells its facets in the same words.
  const auto told = facets("At night I eat a big plate, three or four big spoons of rice.");
  EXPECT_NE(std::find(told.begin(), told.end(), "facet_how_much"), told.end());
  EXPECT_EQ(std::find(told.begin(), told.end(), "facet_how_often"), told.end());
}

TEST(Lexicon, EveryPatternsParenthesesEncloseAllItsAlternatives) {
  // "(a|b) & x" binds x to both; "a|(b|c) & x" would be read as the words "(b" and "c)".
  for (const auto& e : lexicon::entries()) {
    std::string_view all = e.patterns;
    while (!all.empty()) {
      const auto end = all.find(';');
      const auto pattern = all.substr(0, end);
      all = end == std::string_view::npos ? std::string_view() : all.substr(end + 1);
      const auto mainEnd = pattern.find_first_of("&!");
      auto main = pattern.substr(0, mainEnd);
      while (!main.empty() && main.front() == ' ') main.remove_prefix(1);
      while (!main.empty() && main.back() == ' ') main.remove_suffix(1);
      const bool parens = main.find_first_of("()") != std::string_view::npos;
      EXPECT_TRUE(!parens || (main.front() == '(' && main.back() == ')' &&
                              main.substr(1, main.size() - 2).find_first_of("()") == std::string_view::npos))
          << e.key << ": " << pattern;
      if (mainEnd != std::string_view::npos) {
        EXPECT_EQ(pattern.substr(mainEnd).find_first_of("()"), std::string_view::npos) << e.key << ": " << pattern;
      }
    }
  }
}

TEST(Lexicon, EveryTopicIsRecognisedFromItsOwnDescription) {
  for (const auto& t : topics()) {
    const std::string q = "Could you tell me about your " + std::string(t.description) + "?";
    const auto u = analyse(q);
    EXPECT_NE(std::find(u.topics.begin(), u.topics.end(), t.id), u.topics.end()) << q;
  }
}

TEST(Lexicon, EveryTopicIdIsKnownToTheLexiconAndEveryLexiconKeyIsATopicOrCue) {
  std::set<std::string> keys;
  for (const auto& e : lexicon::entries()) keys.emplace(e.key);
  for (const auto& t : topics()) EXPECT_TRUE(keys.count(std::string(t.id))) << t.id << " has no phrasings";
  for (const auto& k : keys) EXPECT_TRUE(k.front() == '@' || findTopic(k)) << k << " is not a topic";
}

TEST(Lexicon, GeneralTopicsComeAfterSpecificOnes) {
  const auto u = analyse("Tell me about your diet, and what do you have for breakfast?");
  ASSERT_GE(u.topics.size(), 2u);
  EXPECT_EQ(u.topics.front(), "breakfast");
  EXPECT_EQ(u.topics.back(), "diet_general");
}

TEST(Lexicon, SentencesSplitAtTheirEndsNotInsideNumbersOrAbbreviations) {
  EXPECT_EQ(lexicon::splitSentences("My HbA1c was 7.5. Dr. Khan said so! Really?"),
            (std::vector<std::string>{"My HbA1c was 7.5.", "Dr. Khan said so!", "Really?"}));
  EXPECT_EQ(lexicon::splitSentences("One; two\nthree"), (std::vector<std::string>{"One;", "two", "three"}));
  EXPECT_TRUE(lexicon::splitSentences("   ").empty());
}

TEST(Lexicon, ContentWordsDropFunctionWordsAndFoldForms) {
  EXPECT_EQ(lexicon::contentWords("Are you checking your blood sugars?"),
            (std::vector<std::string>{"check", "blood", "sugar"}));
}

TEST(Lexicon, DeterministicAndCheapEnoughToRereadAHistory) {
  const std::string q = "So yesterday you had porridge, a sandwich and pasta. Have I missed anything?";
  const auto a = analyse(q);
  for (int i = 0; i < 50; ++i) {
    const auto b = analyse(q);
    EXPECT_EQ(a.topics, b.topics);
    EXPECT_EQ(a.recallReview, b.recallReview);
  }
}

// ---------------------------------------------------------------------------------------------
// ReadingCache

/// Distinct texts, more than a small cache holds: the tables' utterances, then each again with
/// words added.
std::vector<std::string> manyTexts() {
  std::vector<std::string> out;
  for (const auto& row : kRows) out.emplace_back(row.text);
  for (const auto& row : kSenses) out.emplace_back(row.text);
  const std::size_t n = out.size();
  for (std::size_t i = 0; i < n; ++i) out.push_back(out[i] + " And " + std::to_string(i) + " times a day?");
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

TEST(ReadingCache, ReturnsWhatReadAndNormaliseReturn) {
  const auto texts = manyTexts();
  lexicon::ReadingCache cache(std::size_t{4} << 20);
  for (int pass = 0; pass < 2; ++pass) {
    for (const auto& t : texts) {
      EXPECT_EQ(*cache.reading(t), lexicon::read(t)) << t;
      EXPECT_EQ(*cache.normalised(t), normalise(t)) << t;
    }
  }
  const auto stats = cache.stats();
  EXPECT_EQ(stats.misses, 2 * texts.size());  // the first pass computes each text both ways…
  EXPECT_EQ(stats.hits, 2 * texts.size());    // …and the second finds them all
  EXPECT_EQ(stats.entries, 2 * texts.size());
  EXPECT_EQ(stats.evictions, 0u);
  EXPECT_LE(stats.bytes, cache.maxBytes());
}

TEST(ReadingCache, ATextReadAsAMessageAndAsAReplyIsTwoEntries) {
  lexicon::ReadingCache cache(1 << 20);
  const std::string text = "I have two slices of toast for breakfast.";
  const auto reading = cache.reading(text);
  const auto normalised = cache.normalised(text);
  EXPECT_EQ(*reading, lexicon::read(text));
  EXPECT_EQ(*normalised, "i have two slices of toast for breakfast");
  EXPECT_EQ(cache.reading(text), reading);  // the same object, not a copy
  EXPECT_EQ(cache.stats().entries, 2u);
}

TEST(ReadingCache, StaysWithinItsBudgetAndKeepsWhatIsInUse) {
  const auto texts = manyTexts();
  lexicon::ReadingCache cache(32 << 10);
  const std::string hot = "Do you ever have breakfast on the bus?";
  const auto first = cache.reading(texts.front());
  for (const auto& t : texts) {
    (void)cache.reading(t);
    (void)cache.reading(hot);  // used after every other text: never the least recently used
    ASSERT_LE(cache.stats().bytes, cache.maxBytes());
  }
  const auto stats = cache.stats();
  EXPECT_GT(stats.evictions, 0u);
  EXPECT_LT(stats.entries, texts.size());
  // hot every time but the first, and texts.front() once more
  EXPECT_EQ(stats.hits, texts.size());
  EXPECT_EQ(*first, lexicon::read(texts.front()));  // evicted long ago, still valid for its holder
}

TEST(ReadingCache, KeepsNothingWithoutABudget) {
  lexicon::ReadingCache cache(0);
  const std::string text = "How often do you eat fish?";
  EXPECT_EQ(*cache.reading(text), lexicon::read(text));
  EXPECT_EQ(*cache.reading(text), lexicon::read(text));
  const auto stats = cache.stats();
  EXPECT_EQ(stats.misses, 2u);
  EXPECT_EQ(stats.entries, 0u);
  EXPECT_EQ(stats.bytes, 0u);
}

/// Several threads read the same texts in different orders through one cache: every result is
/// the computed one, and the counts add up. Small enough a cache evicts all the time; large
/// enough, each text is stored once however many threads computed it at the same time.
lexicon::ReadingCache::Stats hammer(std::size_t maxBytes) {
  const auto texts = manyTexts();
  std::vector<lexicon::Reading> readings;
  std::vector<std::string> normalised;
  for (const auto& t : texts) {
    readings.push_back(lexicon::read(t));
    normalised.push_back(normalise(t));
  }
  lexicon::ReadingCache cache(maxBytes);
  constexpr std::size_t kThreads = 8;
  constexpr std::size_t kRounds = 2;
  std::atomic<std::size_t> wrong{0};
  std::vector<std::thread> threads;
  for (std::size_t k = 0; k < kThreads; ++k) {
    threads.emplace_back([&, k] {
      for (std::size_t round = 0; round < kRounds; ++round) {
        for (std::size_t n = 0; n < texts.size(); ++n) {
          const std::size_t i = (n * (2 * k + 1) + k * 37) % texts.size();
          if (*cache.reading(texts[i]) != readings[i]) ++wrong;
          if (*cache.normalised(texts[i]) != normalised[i]) ++wrong;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(wrong.load(), 0u);
  const auto stats = cache.stats();
  EXPECT_EQ(stats.hits + stats.misses, kThreads * kRounds * 2 * texts.size());
  EXPECT_LE(stats.bytes, cache.maxBytes());
  return stats;
}

TEST(ReadingCache, ManyThreadsShareOneCacheThatEvicts) {
  EXPECT_GT(hammer(48 << 10).evictions, 0u);
}

TEST(ReadingCache, ManyThreadsShareOneCacheThatHoldsEverything) {
  const auto stats = hammer(std::size_t{16} << 20);
  EXPECT_EQ(stats.evictions, 0u);
  EXPECT_EQ(stats.entries, 2 * manyTexts().size());
}

}  // namespace
