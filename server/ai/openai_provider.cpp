#include "server/ai/openai_provider.h"

#include "server/ai/system_prompt.h"
#include "server/config.h"
#include "server/log.h"
#include "server/net/curl.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <random>
#include <stdexcept>
#include <thread>

namespace json = boost::json;

namespace practicum::server::ai {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
using DeltaFn = std::function<void(std::string_view)>;

// A patient's reply is a few hundred bytes of text, a few KiB of SSE: anything near these sizes
// is a fault of the other end, and must not grow our memory without bound.
constexpr std::size_t kMaxBodyBytes = 8 * 1024 * 1024;
constexpr std::size_t kMaxEventBytes = 1024 * 1024;
constexpr std::size_t kMaxErrorBodyBytes = 64 * 1024;
constexpr std::size_t kMaxQuotedChars = 300;  // of an API error message, in a ProviderError
// After [DONE] the reply is complete; the end of the HTTP body normally follows at once. We wait
// this long for it (so the connection can be reused), then stop waiting.
constexpr milliseconds kDoneGrace{1000};
constexpr std::size_t kIdleMultiHandles = 16;

// ---- configuration ---------------------------------------------------------------------------

bool startsWithNoCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(text[i]) != lower(prefix[i])) return false;
  }
  return true;
}

bool hasControlOrSpace(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) <= 0x20 || c == '\x7f'; });
}

/// Refuses configurations that cannot work. Messages name the variable and never quote the key.
void validate(const OpenAiConfig& c) {
  if (c.model.empty()) throw std::invalid_argument("PRACTICUM_OPENAI_MODEL is required by the openai provider");
  if (hasControlOrSpace(c.model))
    throw std::invalid_argument("PRACTICUM_OPENAI_MODEL must not contain spaces or control characters");
  const std::string_view url(c.baseUrl);
  const bool https = startsWithNoCase(url, "https://");
  if (!https && !startsWithNoCase(url, "http://")) {
    throw std::invalid_argument("PRACTICUM_OPENAI_BASE_URL must start with http:// or https://, got '" + c.baseUrl +
                                "'");
  }
  const auto rest = url.substr(https ? 8 : 7);
  if (rest.empty() || rest.front() == '/' || hasControlOrSpace(url) ||
      rest.find_first_of("?#@") != std::string_view::npos) {
    // '@' would put credentials in the URL (and in logs): the key belongs in PRACTICUM_OPENAI_API_KEY.
    throw std::invalid_argument(
        "PRACTICUM_OPENAI_BASE_URL must be scheme://host[:port][/prefix] without credentials, "
        "query or fragment, got '" +
        c.baseUrl + "'");
  }
  if (hasControlOrSpace(c.apiKey)) {
    throw std::invalid_argument("PRACTICUM_OPENAI_API_KEY must not contain spaces or control characters");
  }
  if (c.connectTimeout.count() <= 0 || c.firstTokenTimeout.count() <= 0 || c.totalTimeout.count() <= 0) {
    throw std::invalid_argument("the openai provider's timeouts must be positive");
  }
  if (c.maxRetries < 0 || c.maxRetries > 10)
    throw std::invalid_argument("PRACTICUM_OPENAI_MAX_RETRIES must be 0 to 10");
}

std::string endpointOf(std::string base) {
  while (!base.empty() && base.back() == '/') base.pop_back();
  // OpenAI's own SDKs take a base URL ending in /v1; accept that spelling too.
  if (base.size() >= 3 && base.compare(base.size() - 3, 3, "/v1") == 0) base.resize(base.size() - 3);
  return base + "/v1/chat/completions";
}

std::string formatDuration(milliseconds d) {
  if (d.count() % 1000 == 0) return std::to_string(d.count() / 1000) + " s";
  return std::to_string(d.count()) + " ms";
}

// ---- libcurl plumbing ------------------------------------------------------------------------

using net::EasyHandle;
using net::HeaderList;

/// Idle multi handles. A multi handle owns a connection cache, so taking one that served an
/// earlier reply reuses its kept-alive connection (and TLS session) to the API.
class MultiPool {
public:
  MultiPool() = default;
  MultiPool(const MultiPool&) = delete;
  MultiPool& operator=(const MultiPool&) = delete;
  ~MultiPool() {
    for (auto* m : idle_) curl_multi_cleanup(m);
  }
  CURLM* take() {
    {
      std::lock_guard lock(mutex_);
      if (!idle_.empty()) {
        auto* m = idle_.back();
        idle_.pop_back();
        return m;
      }
    }
    auto* m = curl_multi_init();
    if (!m) throw ProviderError("could not start an HTTP transfer (libcurl)", false);
    return m;
  }
  void give(CURLM* m) {
    std::lock_guard lock(mutex_);
    if (idle_.size() < kIdleMultiHandles)
      idle_.push_back(m);
    else
      curl_multi_cleanup(m);
  }

private:
  std::mutex mutex_;
  std::vector<CURLM*> idle_;
};

struct MultiLease {
  MultiPool& pool;
  CURLM* handle;
  explicit MultiLease(MultiPool& p) : pool(p), handle(p.take()) {}
  MultiLease(const MultiLease&) = delete;
  MultiLease& operator=(const MultiLease&) = delete;
  ~MultiLease() { pool.give(handle); }
};

/// Keeps an easy handle in a multi handle for one scope; removing it mid-transfer aborts the
/// transfer and closes its connection.
struct Attached {
  CURLM* multi;
  CURL* easy;
  Attached(CURLM* m, CURL* e) : multi(m), easy(e) {
    if (curl_multi_add_handle(m, e) != CURLM_OK)
      throw ProviderError("could not start an HTTP transfer (libcurl)", false);
  }
  Attached(const Attached&) = delete;
  Attached& operator=(const Attached&) = delete;
  ~Attached() { curl_multi_remove_handle(multi, easy); }
};

/// What libcurl's callbacks collect. They only store bytes: parsing and the caller's onDelta run
/// in our own loop, so no exception ever crosses libcurl's C frames.
struct Transfer {
  std::string inbox;
  std::size_t received = 0;
  bool tooLarge = false;
  std::vector<std::pair<std::string, std::string>> headers;  ///< of the last response head; lower-case names

  static std::size_t onBody(char* data, std::size_t size, std::size_t count, void* self) {
    auto& t = *static_cast<Transfer*>(self);
    const auto bytes = size * count;
    t.received += bytes;
    if (t.received > kMaxBodyBytes) {
      t.tooLarge = true;
      return 0;  // anything but `bytes` aborts the transfer
    }
    t.inbox.append(data, bytes);
    return bytes;
  }

  static std::size_t onHeader(char* data, std::size_t size, std::size_t count, void* self) {
    auto& t = *static_cast<Transfer*>(self);
    const auto bytes = size * count;
    std::string_view line(data, bytes);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
    if (line.starts_with("HTTP/")) {
      t.headers.clear();  // a new response head (after a 100 Continue, say)
    } else if (const auto colon = line.find(':'); colon != std::string_view::npos && t.headers.size() < 200) {
      std::string name(line.substr(0, colon));
      std::transform(name.begin(), name.end(), name.begin(),
                     [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
      auto value = line.substr(colon + 1);
      while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
      while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
      t.headers.emplace_back(std::move(name), std::string(value));
    }
    return bytes;
  }

  std::string header(std::string_view name) const {
    for (const auto& [n, v] : headers) {
      if (n == name) return v;
    }
    return {};
  }
};

bool retryableCurlError(CURLcode rc) {
  switch (rc) {
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:  // only the connect timeout is libcurl's; the others are ours
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return true;
    default:
      return false;
  }
}

/// Seconds (integer or decimal) from Retry-After, or milliseconds from the retry-after-ms some
/// compatible servers send. An HTTP-date is ignored: the backoff applies then.
std::optional<milliseconds> retryAfter(const Transfer& t) {
  const auto parse = [](const std::string& text) -> std::optional<double> {
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !(value >= 0) || value > 1e7) {
      return std::nullopt;
    }
    return value;
  };
  if (auto ms = parse(t.header("retry-after-ms"))) return milliseconds(static_cast<long long>(*ms));
  if (auto s = parse(t.header("retry-after"))) return milliseconds(static_cast<long long>(*s * 1000.0));
  return std::nullopt;
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() &&
         (text.front() == ' ' || text.front() == '\t' || text.front() == '\n' || text.front() == '\r')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

/// The human message of an API error: {"error": {"message": …}} (OpenAI, vLLM, llama.cpp) or
/// {"error": "…"} (Ollama).
std::string apiErrorMessage(const json::value& v) {
  if (!v.is_object()) return {};
  const auto* error = v.get_object().if_contains("error");
  if (!error) return {};
  if (error->is_string()) return std::string(error->get_string());
  if (error->is_object()) {
    if (const auto* m = error->get_object().if_contains("message"); m && m->is_string())
      return std::string(m->get_string());
  }
  return {};
}

std::string apiErrorCode(const json::value& v) {
  if (!v.is_object()) return {};
  const auto* error = v.get_object().if_contains("error");
  if (!error || !error->is_object()) return {};
  for (const auto* key : {"code", "type"}) {
    if (const auto* c = error->get_object().if_contains(key); c && c->is_string()) return std::string(c->get_string());
  }
  return {};
}

json::value parseOrNull(std::string_view text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  return ec ? json::value() : v;
}

struct AttemptResult {
  bool ok = false;
  std::string text;
  std::string error;  ///< when not ok: why, redacted
  long status = 0;
  std::optional<milliseconds> retryAfter;
};

AttemptResult success(std::string text) {
  AttemptResult r;
  r.ok = true;
  r.text = std::move(text);
  return r;
}

AttemptResult retryable(std::string error, long status, std::optional<milliseconds> after = std::nullopt) {
  AttemptResult r;
  r.error = std::move(error);
  r.status = status;
  r.retryAfter = after;
  return r;
}

}  // namespace

// ---- SSE ---------------------------------------------------------------------------------------

std::vector<SseDecoder::Event> SseDecoder::feed(std::string_view bytes) {
  std::vector<Event> out;
  for (const char c : bytes) {
    if (c == '\n' && afterCr_) {
      afterCr_ = false;  // the LF of a CRLF whose CR already ended the line
      continue;
    }
    afterCr_ = c == '\r';
    if (c == '\r' || c == '\n') {
      takeLine(out);
    } else {
      line_ += c;
    }
  }
  return out;
}

void SseDecoder::takeLine(std::vector<Event>& out) {
  const std::string_view line(line_);
  if (line.empty()) {
    if (hasData_) {
      if (!data_.empty() && data_.back() == '\n') data_.pop_back();
      out.push_back({std::move(type_), std::move(data_)});
    }
    type_.clear();
    data_.clear();
    hasData_ = false;
  } else if (line.front() != ':') {  // ':' starts a comment (keep-alives)
    const auto colon = line.find(':');
    const auto field = line.substr(0, colon);
    auto value = colon == std::string_view::npos ? std::string_view() : line.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    if (field == "data") {
      data_.append(value);
      data_ += '\n';
      hasData_ = true;
    } else if (field == "event") {
      type_ = std::string(value);
    }  // "id", "retry" and unknown fields mean nothing to a one-shot reply
  }
  line_.clear();
}

// ---- configuration -----------------------------------------------------------------------------

OpenAiConfig OpenAiConfig::fromEnvironment() {
  OpenAiConfig c;
  if (const char* v = envValue("PRACTICUM_OPENAI_BASE_URL")) c.baseUrl = v;
  if (const char* v = envValue("PRACTICUM_OPENAI_API_KEY")) c.apiKey = v;
  if (const char* v = envValue("PRACTICUM_OPENAI_MODEL")) c.model = v;
  c.connectTimeout = std::chrono::seconds(envNumber("PRACTICUM_OPENAI_CONNECT_TIMEOUT_S", 5, 1, 120));
  c.firstTokenTimeout = std::chrono::seconds(envNumber("PRACTICUM_OPENAI_FIRST_TOKEN_TIMEOUT_S", 20, 1, 600));
  c.totalTimeout = std::chrono::seconds(envNumber("PRACTICUM_OPENAI_TOTAL_TIMEOUT_S", 90, 1, 3600));
  c.maxRetries = static_cast<int>(envNumber("PRACTICUM_OPENAI_MAX_RETRIES", 3, 0, 10));
  validate(c);
  return c;
}

std::string openAiConfigHelp() {
  return R"(  PRACTICUM_OPENAI_BASE_URL          OpenAI-compatible API, e.g. http://127.0.0.1:11434 (default https://api.openai.com)
  PRACTICUM_OPENAI_API_KEY           sent as a Bearer token; empty for local servers that need none
  PRACTICUM_OPENAI_MODEL             model name (required with PRACTICUM_AI_PROVIDER=openai)
  PRACTICUM_OPENAI_CONNECT_TIMEOUT_S TCP and TLS connect timeout (default 5)
  PRACTICUM_OPENAI_FIRST_TOKEN_TIMEOUT_S  wait for the first word of a reply, per attempt (default 20)
  PRACTICUM_OPENAI_TOTAL_TIMEOUT_S   the whole reply, retries included (default 90)
  PRACTICUM_OPENAI_MAX_RETRIES       retries on 408/429/5xx and connection errors before the first word (default 3)
)";
}

// ---- the provider ------------------------------------------------------------------------------

struct OpenAiProvider::Impl {
  OpenAiConfig config;
  std::string endpoint;
  std::string authorization;  ///< the whole header line; empty without a key
  MultiPool multis;

  /// Text from outside (API error messages, libcurl's errors) passes here before it reaches a log
  /// or an exception: the key never leaves, and control characters cannot forge log lines.
  std::string redact(std::string text) const {
    if (!config.apiKey.empty()) {
      for (auto at = text.find(config.apiKey); at != std::string::npos; at = text.find(config.apiKey, at)) {
        text.replace(at, config.apiKey.size(), "[redacted]");
      }
    }
    for (auto& c : text) {
      if (static_cast<unsigned char>(c) < 0x20 || c == '\x7f') c = ' ';
    }
    return text;
  }

  /// redact(), and at most kMaxQuotedChars: an error page must not become the message.
  std::string clean(std::string text) const {
    text = redact(std::move(text));
    if (text.size() > kMaxQuotedChars) {
      auto cut = kMaxQuotedChars;
      while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 sequence
      text.resize(cut);
      text += "…";
    }
    return text;
  }

  std::string requestBody(const ReplyRequest& request) const {
    json::array messages;
    messages.push_back(
        json::object{{"role", "system"}, {"content", buildSystemPrompt(request.frozenCase, request.patientName)}});
    // Consecutive turns of one side (a student message the patient never answered because the
    // provider failed) are merged: several chat templates (llama.cpp, Ollama) insist that user
    // and assistant alternate.
    const auto add = [&](std::string_view role, const std::string& content) {
      if (content.empty()) return;
      if (messages.size() > 1) {
        auto& last = messages.back().as_object();
        if (last["role"].as_string() == role) {
          auto& text = last["content"].as_string();
          text.append("\n\n");
          text.append(content);
          return;
        }
      }
      messages.push_back(json::object{{"role", role}, {"content", content}});
    };
    for (const auto& turn : request.history) {
      if (turn.sender == Sender::User)
        add("user", turn.text);
      else if (turn.sender == Sender::Patient)
        add("assistant", turn.text);
      // Feedback turns are the coach talking to the student: the patient never heard them.
    }
    add("user", request.message);
    return json::serialize(json::object{{"model", config.model}, {"stream", true}, {"messages", std::move(messages)}});
  }

  milliseconds backoff(int attempt) const {
    static thread_local std::mt19937_64 random{std::random_device{}()};
    auto delay = config.retryBaseDelay;
    for (int i = 1; i < attempt && delay < config.maxRetryDelay; ++i) delay *= 2;
    delay = std::min(delay, config.maxRetryDelay);
    // Half fixed, half random, so instances that failed together do not retry together.
    const auto half = delay.count() / 2;
    std::uniform_int_distribution<long long> jitter(0, std::max<long long>(half, 0));
    return milliseconds(delay.count() - half + jitter(random));
  }

  /// One HTTP exchange. Returns the reply, or a retryable failure (before the first token);
  /// throws ProviderError for everything else.
  AttemptResult attempt(const std::string& body, const DeltaFn& onDelta, Clock::time_point totalDeadline);
};

AttemptResult OpenAiProvider::Impl::attempt(const std::string& body, const DeltaFn& onDelta,
                                            Clock::time_point totalDeadline) {
  const auto started = Clock::now();
  const bool firstTokenBinds = started + config.firstTokenTimeout < totalDeadline;
  const auto firstTokenDeadline = firstTokenBinds ? started + config.firstTokenTimeout : totalDeadline;

  EasyHandle easy(curl_easy_init());
  if (!easy) throw ProviderError("could not start an HTTP transfer (libcurl)", false);
  HeaderList headers;
  const auto addHeader = [&headers](const char* line) { net::append(headers, line); };
  addHeader("Content-Type: application/json");
  addHeader("Accept: text/event-stream");
  addHeader("Expect:");  // no 100-continue round trip before the body
  if (!authorization.empty()) addHeader(authorization.c_str());
  Transfer transfer;
  char curlError[CURL_ERROR_SIZE] = {};
  CURL* e = easy.get();
  curl_easy_setopt(e, CURLOPT_URL, endpoint.c_str());
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);  // a redirect must not carry the key elsewhere
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);  // never turned off, whatever the environment
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);  // we run on many threads
  curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(config.connectTimeout.count()));
  curl_easy_setopt(e, CURLOPT_USERAGENT, "practicum-server");
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(e, CURLOPT_POST, 1L);
  curl_easy_setopt(e, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &Transfer::onBody);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &Transfer::onHeader);
  curl_easy_setopt(e, CURLOPT_HEADERDATA, &transfer);
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, curlError);

  MultiLease multi(multis);
  Attached attached(multi.handle, e);

  enum class Mode { Unknown, Stream, Json, Error } mode = Mode::Unknown;
  SseDecoder decoder;
  std::string text, finishReason, other;  // `other`: a JSON body (non-streamed reply) or an error body
  bool delivered = false, sawDone = false;
  Clock::time_point doneAt{};
  std::optional<CURLcode> result;
  const auto status = [&] {
    long code = 0;
    curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &code);
    return code;
  };

  const auto handleEvent = [&](const SseDecoder::Event& event) {
    if (sawDone) return;
    const auto data = trimmed(event.data);
    if (data == "[DONE]") {
      sawDone = true;
      doneAt = Clock::now();
      return;
    }
    if (data.empty()) return;
    const auto v = parseOrNull(data);
    if (!v.is_object()) throw ProviderError("the model API sent a malformed event", delivered);
    const auto& o = v.get_object();
    if (event.type == "error" || o.contains("error")) {
      const auto message = apiErrorMessage(v);
      throw ProviderError(clean("the model API reported an error" + (message.empty() ? "" : ": " + message)),
                          delivered);
    }
    const auto* choices = o.if_contains("choices");
    if (!choices || !choices->is_array() || choices->get_array().empty()) return;  // a usage chunk, say
    const auto& choice = choices->get_array().front();
    if (!choice.is_object()) throw ProviderError("the model API sent a malformed event", delivered);
    if (const auto* delta = choice.get_object().if_contains("delta"); delta && delta->is_object()) {
      if (const auto* content = delta->get_object().if_contains("content"); content && content->is_string()) {
        const std::string_view piece = content->get_string();
        if (!piece.empty()) {
          text.append(piece);
          delivered = true;
          if (onDelta) onDelta(piece);
        }
      }
    }
    if (const auto* reason = choice.get_object().if_contains("finish_reason"); reason && reason->is_string()) {
      finishReason = std::string(reason->get_string());
      if (finishReason == "error") throw ProviderError("the model stopped with an error", delivered);
    }
  };

  const auto processInbox = [&] {
    if (transfer.inbox.empty()) return;
    const std::string bytes = std::move(transfer.inbox);
    transfer.inbox.clear();
    if (mode == Mode::Unknown) {
      const auto code = status();
      if (code < 200 || code >= 300)
        mode = Mode::Error;
      else if (startsWithNoCase(transfer.header("content-type"), "application/json"))
        mode = Mode::Json;
      else
        mode = Mode::Stream;
    }
    if (mode == Mode::Stream) {
      for (const auto& event : decoder.feed(bytes)) handleEvent(event);
      if (decoder.pendingBytes() > kMaxEventBytes)
        throw ProviderError("the model API sent an oversized event", delivered);
    } else if (mode == Mode::Json || other.size() < kMaxErrorBodyBytes) {
      other.append(bytes);
    }
  };

  for (;;) {
    int running = 0;
    if (curl_multi_perform(multi.handle, &running) != CURLM_OK) {
      throw ProviderError("the HTTP transfer to the model API failed (libcurl)", delivered);
    }
    processInbox();
    int queued = 0;
    while (CURLMsg* message = curl_multi_info_read(multi.handle, &queued)) {
      if (message->msg == CURLMSG_DONE) result = message->data.result;
    }
    if (result) break;
    const auto now = Clock::now();
    if (sawDone && now >= doneAt + kDoneGrace) break;  // the reply is whole; the body's end never came
    if (!delivered && now >= firstTokenDeadline) {
      const auto limit = firstTokenBinds ? config.firstTokenTimeout : config.totalTimeout;
      throw ProviderError("the model API sent no reply within " + formatDuration(limit) +
                              (firstTokenBinds ? " (first-token timeout)" : " (total timeout)"),
                          false);
    }
    if (now >= totalDeadline) {
      throw ProviderError(
          "the model's reply did not finish within " + formatDuration(config.totalTimeout) + " (total timeout)",
          delivered);
    }
    auto next = sawDone ? std::min(doneAt + kDoneGrace, totalDeadline) : delivered ? totalDeadline : firstTokenDeadline;
    const auto wait = std::clamp(std::chrono::ceil<milliseconds>(next - now), milliseconds(1), milliseconds(1000));
    curl_multi_poll(multi.handle, nullptr, 0, static_cast<int>(wait.count()), nullptr);
  }

  const CURLcode rc = result.value_or(CURLE_OK);  // no result: we stopped waiting after [DONE]
  const long code = status();
  const auto curlMessage = [&] {
    std::string m = std::string("could not reach the model API: ") + curl_easy_strerror(rc);
    if (curlError[0] != '\0') m += std::string(" (") + curlError + ")";
    return clean(m);
  };
  if (transfer.tooLarge) throw ProviderError("the model API's answer was too large", delivered);

  if (mode == Mode::Stream || (mode == Mode::Unknown && code >= 200 && code < 300)) {
    if (sawDone || (rc == CURLE_OK && !finishReason.empty())) {
      if (text.empty()) {
        throw ProviderError(finishReason == "content_filter" ? "the model's content filter stopped the reply"
                                                             : "the model returned an empty reply",
                            false);
      }
      return success(std::move(text));
    }
    if (delivered) {
      throw ProviderError(rc == CURLE_OK ? "the model's stream ended before the reply was complete"
                                         : "the connection to the model API broke mid-reply",
                          true);
    }
    if (rc != CURLE_OK && !retryableCurlError(rc)) throw ProviderError(curlMessage(), false);
    return retryable(rc == CURLE_OK ? "the model's stream ended before the reply began" : curlMessage(), code);
  }
  if (mode == Mode::Json) {
    if (rc != CURLE_OK) {
      if (!retryableCurlError(rc)) throw ProviderError(curlMessage(), false);
      return retryable(curlMessage(), code);
    }
    // The server ignored stream:true and sent the whole completion at once.
    const auto v = parseOrNull(other);
    const json::value* content = nullptr;
    if (v.is_object()) {
      if (const auto* choices = v.get_object().if_contains("choices");
          choices && choices->is_array() && !choices->get_array().empty()) {
        const auto& choice = choices->get_array().front();
        if (const auto* m = choice.is_object() ? choice.get_object().if_contains("message") : nullptr;
            m && m->is_object()) {
          content = m->get_object().if_contains("content");
        }
      }
    }
    if (!content || !content->is_string()) throw ProviderError("the model API sent a malformed completion", false);
    if (content->get_string().empty()) throw ProviderError("the model returned an empty reply", false);
    std::string whole(content->get_string());
    if (onDelta) onDelta(whole);
    return success(std::move(whole));
  }
  if (mode == Mode::Unknown && code == 0) {
    // No response at all: refused, reset, unresolvable, connect timeout…
    if (!retryableCurlError(rc)) throw ProviderError(curlMessage(), false);
    return retryable(curlMessage(), 0);
  }

  // An HTTP error status (the body may have been cut short; what arrived is enough to quote).
  const auto v = parseOrNull(other);
  const auto apiMessage = apiErrorMessage(v);
  const auto what =
      clean("the model API answered HTTP " + std::to_string(code) + (apiMessage.empty() ? "" : ": " + apiMessage));
  if (code == 401) {
    // OpenAI's 401 message quotes part of the key: say nothing more than what happened.
    throw ProviderError("the model API refused the API key (HTTP 401)", false);
  }
  const bool transient = code == 408 || code == 429 || (code >= 500 && code <= 599);
  if (!transient || apiErrorCode(v) == "insufficient_quota") throw ProviderError(what, false);
  return retryable(what, code, retryAfter(transfer));
}

OpenAiProvider::OpenAiProvider(OpenAiConfig config) : impl_(std::make_unique<Impl>()) {
  validate(config);
  net::initCurlOnce();
  impl_->endpoint = endpointOf(config.baseUrl);
  if (!config.apiKey.empty()) impl_->authorization = "Authorization: Bearer " + config.apiKey;
  impl_->config = std::move(config);
}

OpenAiProvider::~OpenAiProvider() = default;

const std::string& OpenAiProvider::endpoint() const {
  return impl_->endpoint;
}

std::string OpenAiProvider::opening(const consultation::Case& frozenCase, const std::string&, std::uint64_t) {
  return frozenCase.openingLine;
}

std::string OpenAiProvider::reply(const ReplyRequest& request, const DeltaFn& onDelta) {
  const auto& config = impl_->config;
  const auto body = impl_->requestBody(request);
  const auto deadline = Clock::now() + config.totalTimeout;
  try {
    for (int attempt = 1;; ++attempt) {
      auto result = impl_->attempt(body, onDelta, deadline);
      if (result.ok) return std::move(result.text);
      if (attempt > config.maxRetries) {
        throw ProviderError(result.error + " (gave up after " + std::to_string(attempt) + " attempts)", false);
      }
      if (result.retryAfter && *result.retryAfter > config.maxRetryAfter) {
        // Retrying sooner than the server asked would only fail again; the student should not wait.
        throw ProviderError(result.error + " (asked to retry after " + formatDuration(*result.retryAfter) + ")", false);
      }
      const auto delay = result.retryAfter ? *result.retryAfter : impl_->backoff(attempt);
      if (Clock::now() + delay >= deadline) {
        throw ProviderError(result.error + " (no time left to retry within the total timeout)", false);
      }
      log::warn("model API attempt failed; retrying", {{"provider", "openai"},
                                                       {"attempt", attempt},
                                                       {"status", result.status},
                                                       {"retry_in_ms", delay.count()},
                                                       {"error", result.error}});
      std::this_thread::sleep_for(delay);
    }
  } catch (const ProviderError& e) {
    log::warn("model reply failed",
              {{"provider", "openai"}, {"error", impl_->redact(e.what())}, {"after_first_token", e.afterFirstToken()}});
    throw;
  }
}

}  // namespace practicum::server::ai
