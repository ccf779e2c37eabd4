#include "core/consultation/topics.h"

#include <algorithm>

namespace practicum::consultation {

namespace {

using D = Domain;

// Adding a topic: give it here, add its phrasings to the scripted patient's lexicon, and list it
// in docs/cases.md. Never rename one: case files refer to these ids.
constexpr Topic kTopics[] = {
    // Food and nutrition history
    {"diet_general", D::FoodNutritionHistory, true, "what the patient usually eats, in general"},
    {"typical_day", D::FoodNutritionHistory, false, "a typical day of eating, or a 24-hour recall"},
    {"breakfast", D::FoodNutritionHistory, false, "breakfast"},
    {"lunch", D::FoodNutritionHistory, false, "lunch, midday meal"},
    {"dinner", D::FoodNutritionHistory, false, "evening meal, supper, tea"},
    {"snacks", D::FoodNutritionHistory, false, "snacks and grazing between meals"},
    {"meal_pattern", D::FoodNutritionHistory, false, "meal timing, regularity, skipped meals"},
    {"weekend_eating", D::FoodNutritionHistory, false, "how weekends or days off differ"},
    {"drinks", D::FoodNutritionHistory, false, "what the patient drinks in a day (non-alcoholic)"},
    {"water", D::FoodNutritionHistory, false, "water and total fluid intake"},
    {"sugary_drinks", D::FoodNutritionHistory, false, "soft drinks, juice, energy drinks"},
    {"caffeine", D::FoodNutritionHistory, false, "coffee, tea, energy drinks for caffeine"},
    {"alcohol", D::FoodNutritionHistory, false, "alcohol: type, amount, frequency"},
    {"eating_out", D::FoodNutritionHistory, false, "takeaways, restaurants, canteen, fast food"},
    {"cooking", D::FoodNutritionHistory, false, "who cooks, cooking skills and methods"},
    {"shopping", D::FoodNutritionHistory, false, "food shopping, who buys, labels"},
    {"portion_sizes", D::FoodNutritionHistory, false, "how much is eaten, plate size, second helpings"},
    {"fruit_vegetables", D::FoodNutritionHistory, false, "fruit and vegetables"},
    {"starchy_foods", D::FoodNutritionHistory, false, "bread, rice, pasta, potatoes, cereals"},
    {"protein_foods", D::FoodNutritionHistory, false, "meat, fish, eggs, beans, pulses, tofu"},
    {"dairy", D::FoodNutritionHistory, false, "milk, cheese, yoghurt and alternatives"},
    {"fats_oils", D::FoodNutritionHistory, false, "butter, oils, spreads, fried food"},
    {"salt", D::FoodNutritionHistory, false, "salt at the table or in cooking, salty foods"},
    {"sweets", D::FoodNutritionHistory, false, "sugar, sweets, cakes, biscuits, desserts"},
    {"fibre", D::FoodNutritionHistory, false, "wholegrains, fibre"},
    {"gluten", D::FoodNutritionHistory, false, "wheat, barley, rye, gluten-free products, cross-contamination"},
    {"food_intolerance", D::FoodNutritionHistory, false, "allergies, intolerances, foods avoided because of reactions"},
    {"trigger_foods", D::FoodNutritionHistory, false, "foods that bring on symptoms"},
    {"supplements", D::FoodNutritionHistory, false, "vitamins, minerals, herbal or sports supplements, ONS"},
    {"previous_diets", D::FoodNutritionHistory, false, "diets tried before, previous advice, dietitian before"},
    {"nutrition_knowledge", D::FoodNutritionHistory, false, "what the patient knows or believes about food"},
    {"appetite", D::FoodNutritionHistory, false, "appetite, hunger, fullness"},
    {"cravings", D::FoodNutritionHistory, false, "cravings"},
    {"night_eating", D::FoodNutritionHistory, false, "eating late at night"},
    {"emotional_eating", D::FoodNutritionHistory, false, "eating when stressed, bored, upset"},
    {"food_access", D::FoodNutritionHistory, false, "affording food, food banks, access to shops"},
    {"cultural_food", D::FoodNutritionHistory, false, "cultural or religious food practices, fasting"},
    {"physical_activity", D::FoodNutritionHistory, false, "exercise, sport, training, walking, sitting"},
    {"fluid_restriction", D::FoodNutritionHistory, false, "fluid limits advised by doctors"},
    {"feeding_child", D::FoodNutritionHistory, false, "for a child: feeding routine, fussy eating, mealtimes"},

    // Anthropometric
    {"body_general", D::Anthropometric, true, "body size and weight in general"},
    {"weight_current", D::Anthropometric, false, "current weight"},
    {"weight_history", D::Anthropometric, false, "weight change over time, usual weight"},
    {"height", D::Anthropometric, false, "height"},
    {"waist", D::Anthropometric, false, "waist circumference, body shape"},
    {"growth", D::Anthropometric, false, "for a child: growth, centiles, clothes sizes"},
    {"body_composition", D::Anthropometric, false, "muscle, body fat, DEXA"},

    // Biochemical data, medical tests and procedures
    {"tests_general", D::Biochemical, true, "any recent blood tests or results"},
    {"blood_glucose", D::Biochemical, false, "blood sugar, HbA1c, glucose monitoring"},
    {"lipids", D::Biochemical, false, "cholesterol, triglycerides"},
    {"kidney_tests", D::Biochemical, false, "kidney function, eGFR, creatinine, potassium, phosphate"},
    {"iron_vitamins", D::Biochemical, false, "iron, ferritin, haemoglobin, B12, folate, vitamin D"},
    {"liver_tests", D::Biochemical, false, "liver function"},
    {"thyroid_hormones", D::Biochemical, false, "thyroid, hormones, testosterone, oestrogen"},
    {"other_tests", D::Biochemical, false, "scans, endoscopy, biopsy, bone density, ECG, echo"},
    {"urine_tests", D::Biochemical, false, "urine tests, protein in urine"},
    {"inflammation", D::Biochemical, false, "CRP, albumin, infection markers"},

    // Nutrition-focused physical findings
    {"symptoms_general", D::PhysicalFindings, true, "how the patient feels physically, any symptoms"},
    {"bowels", D::PhysicalFindings, false, "bowel habits, stool, diarrhoea, constipation"},
    {"digestion", D::PhysicalFindings, false, "bloating, pain, wind, reflux, nausea, vomiting"},
    {"energy", D::PhysicalFindings, false, "tiredness, fatigue, energy levels"},
    {"swelling", D::PhysicalFindings, false, "swollen ankles or legs, fluid retention"},
    {"breathing", D::PhysicalFindings, false, "breathlessness"},
    {"muscle_strength", D::PhysicalFindings, false, "muscle loss, weakness, grip, falls"},
    {"skin_hair_nails", D::PhysicalFindings, false, "skin, hair, nails, wounds, pressure sores"},
    {"mouth_teeth", D::PhysicalFindings, false, "mouth, teeth, dentures, taste, dry mouth"},
    {"swallowing", D::PhysicalFindings, false, "chewing and swallowing difficulties"},
    {"blood_pressure", D::PhysicalFindings, false, "blood pressure readings"},
    {"hypos", D::PhysicalFindings, false, "low blood sugar episodes, shakiness, sweats"},
    {"thirst_urination", D::PhysicalFindings, false, "thirst, passing urine often"},
    {"periods", D::PhysicalFindings, false, "menstrual cycle, periods"},
    {"pain", D::PhysicalFindings, false, "pain, injuries, joint pain"},

    // Client history: medical
    {"medical_general", D::ClientMedical, true, "health conditions in general, medical history"},
    {"diagnosis", D::ClientMedical, false, "the condition they were referred for and what they were told"},
    {"other_conditions", D::ClientMedical, false, "other illnesses and operations"},
    {"pregnancy", D::ClientMedical, false, "pregnancy, gestation, plans to conceive"},
    {"mental_health", D::ClientMedical, false, "mood, anxiety, depression, stress"},
    {"sleep", D::ClientMedical, false, "sleep"},

    // Client history: medications
    {"medications", D::ClientMedications, true, "medicines, tablets, injections, insulin, doses"},
    {"medication_use", D::ClientMedications, false, "taking medicines as prescribed, missed doses"},
    {"side_effects", D::ClientMedications, false, "side effects of medicines"},

    // Client history: social
    {"social_general", D::ClientSocial, true, "life in general: home, work, routine"},
    {"occupation", D::ClientSocial, false, "work, study, shifts, school"},
    {"living_situation", D::ClientSocial, false, "who they live with, home"},
    {"support", D::ClientSocial, false, "family and friends' support, carers"},
    {"finances", D::ClientSocial, false, "money, budget"},
    {"smoking", D::ClientSocial, false, "smoking, vaping"},
    {"daily_routine", D::ClientSocial, false, "daily routine, schedule"},
    {"culture_religion", D::ClientSocial, false, "culture, religion, language"},
    {"mobility", D::ClientSocial, false, "getting around, transport, independence"},
    {"goals", D::ClientSocial, false, "what the patient hopes to get from this, their goals"},
    {"concerns", D::ClientSocial, false, "what worries the patient most"},
    {"motivation", D::ClientSocial, false, "readiness and confidence to change, barriers"},

    // Client history: family
    {"family_history", D::ClientFamily, true, "conditions in the family"},
};

}  // namespace

std::string_view ncpCode(Domain domain) {
  switch (domain) {
    case Domain::FoodNutritionHistory: return "FH";
    case Domain::Anthropometric: return "AD";
    case Domain::Biochemical: return "BD";
    case Domain::PhysicalFindings: return "PD";
    case Domain::ClientMedical:
    case Domain::ClientMedications:
    case Domain::ClientSocial:
    case Domain::ClientFamily: return "CH";
  }
  return "CH";
}

std::span<const Topic> topics() { return kTopics; }

const Topic* findTopic(std::string_view id) {
  const auto it = std::find_if(std::begin(kTopics), std::end(kTopics), [id](const Topic& t) { return t.id == id; });
  return it == std::end(kTopics) ? nullptr : &*it;
}

}  // namespace practicum::consultation
