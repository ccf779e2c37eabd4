#include "server/ai/scripted_provider.h"

#include "core/consultation/scripted_patient.h"

namespace practicum::server::ai {

std::vector<std::string_view> wordPieces(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    while (end < text.size() && text[end] == ' ') ++end;  // the spaces travel with the word before them
    out.push_back(text.substr(start, end - start));
    start = end;
  }
  return out;
}

std::string ScriptedProvider::reply(const ReplyRequest& request, const std::function<void(std::string_view)>& onDelta) {
  const consultation::ScriptedPatient patient(request.frozenCase, request.patientName, request.seed);
  auto answer = patient.respond(request.history, request.message, &readings_);
  if (onDelta) {
    for (auto piece : wordPieces(answer.text)) onDelta(piece);
  }
  return std::move(answer.text);
}

std::string ScriptedProvider::opening(const consultation::Case& frozenCase, const std::string& patientName,
                                      std::uint64_t seed) {
  return consultation::ScriptedPatient(frozenCase, patientName, seed).opening();
}

}  // namespace practicum::server::ai
