#pragma once
/// Files compiled into practicum-server (see cmake/EmbedFiles.cmake).

#include <string_view>
#include <vector>

namespace practicum {

struct EmbeddedFile {
  std::string_view name;
  std::string_view text;
};

/// server/migrations/NNNN_*.sql, sorted by name.
const std::vector<EmbeddedFile>& embeddedMigrationFiles();
/// resources/cases/*.json: the shipped cases, {"patient": {…}, "case": {…}} each (seed-demo).
const std::vector<EmbeddedFile>& embeddedCaseFiles();
/// resources/mail/*.txt and *.html: the mail templates (server/notify/render.h).
const std::vector<EmbeddedFile>& embeddedMailFiles();

}  // namespace practicum
