#pragma once
/// The `openai` patient provider: any OpenAI-compatible /v1/chat/completions endpoint (OpenAI,
/// Ollama, llama.cpp server, vLLM) plays the patient from a system prompt built from the frozen
/// case; replies are streamed as server-sent events, with connect, first-token and total
/// timeouts and retries before the first token. See docs/architecture.md.

#include "server/ai/provider.h"

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace practicum::server::ai {

struct OpenAiConfig {
  /// PRACTICUM_OPENAI_BASE_URL: scheme, host and optional port (and path prefix); the endpoint is
  /// baseUrl + "/v1/chat/completions" (a trailing "/v1" or "/" is tolerated).
  std::string baseUrl = "https://api.openai.com";
  std::string apiKey;  ///< PRACTICUM_OPENAI_API_KEY; empty sends no Authorization (local servers)
  std::string model;   ///< PRACTICUM_OPENAI_MODEL, required
  std::chrono::milliseconds connectTimeout{5'000};      ///< PRACTICUM_OPENAI_CONNECT_TIMEOUT_S: TCP + TLS
  std::chrono::milliseconds firstTokenTimeout{20'000};  ///< PRACTICUM_OPENAI_FIRST_TOKEN_TIMEOUT_S, per attempt
  /// PRACTICUM_OPENAI_TOTAL_TIMEOUT_S: the whole reply, retries and their waits included.
  std::chrono::milliseconds totalTimeout{90'000};
  int maxRetries = 3;                             ///< PRACTICUM_OPENAI_MAX_RETRIES: attempts = 1 + this
  std::chrono::milliseconds retryBaseDelay{500};  ///< backoff: base × 2^n, half of it random, at most maxRetryDelay
  std::chrono::milliseconds maxRetryDelay{8'000};
  std::chrono::milliseconds maxRetryAfter{30'000};  ///< a longer Retry-After gives up at once instead of waiting

  /// Reads the PRACTICUM_OPENAI_* variables; throws std::invalid_argument naming a missing or bad
  /// one (the message never contains the API key).
  static OpenAiConfig fromEnvironment();
};

/// One line per PRACTICUM_OPENAI_* variable, for --help.
std::string openAiConfigHelp();

/// Incremental server-sent events decoder (the WHATWG event-stream rules): bytes go in as they
/// arrive, in pieces of any size; complete events come out. Lines may end in LF, CRLF or CR;
/// comments (":…") and unknown fields are ignored. Public for its tests.
class SseDecoder {
public:
  struct Event {
    std::string type;  ///< the "event:" field; empty means "message"
    std::string data;  ///< the "data:" lines joined with LF
  };
  /// Decodes `bytes`, returning the events they complete, in order.
  std::vector<Event> feed(std::string_view bytes);
  /// Bytes held for an unfinished line (so a caller can bound them).
  std::size_t pendingBytes() const { return line_.size() + data_.size(); }

private:
  void takeLine(std::vector<Event>& out);

  std::string line_;
  bool afterCr_ = false;  ///< the last byte was CR: an LF right after it ends nothing more
  std::string type_;
  std::string data_;
  bool hasData_ = false;
};

class OpenAiProvider : public PatientProvider {
public:
  /// Throws std::invalid_argument if the configuration cannot work (no model, bad URL scheme).
  explicit OpenAiProvider(OpenAiConfig config);
  ~OpenAiProvider() override;
  OpenAiProvider(const OpenAiProvider&) = delete;
  OpenAiProvider& operator=(const OpenAiProvider&) = delete;

  /// Thread-safe: replies may run concurrently on several workers.
  std::string reply(const ReplyRequest& request, const std::function<void(std::string_view)>& onDelta) override;
  /// The case's opening line, verbatim: deterministic and no network call.
  std::string opening(const consultation::Case& frozenCase, const std::string& patientName,
                      std::uint64_t seed) override;
  std::string_view name() const override { return "openai"; }

  /// The endpoint requests go to (for logs: it never contains the key).
  const std::string& endpoint() const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace practicum::server::ai
