#pragma once
/// A consultation as the scripted patient and the evaluator see it: the turns in order.

#include "core/domain.h"

#include <string>
#include <vector>

namespace practicum::consultation {

struct Turn {
  Sender sender = Sender::User;  ///< user = the student; patient; feedback = the coach (ignored by the patient)
  std::string text;
};

using Transcript = std::vector<Turn>;

}  // namespace practicum::consultation
