#pragma once
/// A loopback fake of an OpenAI-compatible POST /v1/chat/completions, speaking the real wire
/// format (HTTP/1.1 keep-alive, SSE in a chunked body: `data: {chat.completion.chunk}` events
/// ending with `data: [DONE]`). Each request takes the next scripted reply; every request is
/// recorded so tests can check what the provider sent. Runs on a LoopbackHttpServer.

#include "tests/support/loopback_server.h"

#include <boost/json/value.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace practicum::test {

/// One scripted answer. Streamed bodies are sent as many small chunked-encoding writes (see
/// writeSize), so lines and events arrive split across the client's reads.
class ScriptedReply {
public:
  using Headers = std::vector<std::pair<std::string, std::string>>;

  /// 200, text/event-stream, chunked; add the body with the methods below.
  static ScriptedReply stream(Headers headers = {});
  /// A whole reply with a JSON body and Content-Length (errors; a non-streamed completion).
  static ScriptedReply json(unsigned status, std::string body, Headers headers = {});
  /// An OpenAI-style error body {"error": {"message", "type", "code"}}.
  static ScriptedReply error(unsigned status, std::string_view message, std::string_view type = "server_error",
                             Headers headers = {});
  /// The usual good reply: a role chunk, one content chunk per piece, a keep-alive comment on the
  /// way, a finish chunk, then [DONE].
  static ScriptedReply streamed(const std::vector<std::string>& pieces, std::size_t writeSize = 7);

  ScriptedReply& role();                                    ///< {"delta": {"role": "assistant", "content": ""}}
  ScriptedReply& content(std::string_view text);            ///< {"delta": {"content": text}}
  ScriptedReply& finish(std::string_view reason = "stop");  ///< {"delta": {}, "finish_reason": reason}
  ScriptedReply& done();                                    ///< data: [DONE]
  ScriptedReply& event(std::string_view data);              ///< data: <data> (any payload, even broken JSON)
  ScriptedReply& raw(std::string bytes);                    ///< SSE bytes as given (comments, CRLF…)
  ScriptedReply& stall();                       ///< then nothing more until the client hangs up (a stalled stream)
  ScriptedReply& drop();                        ///< then close the connection without ending the body
  ScriptedReply& writeSize(std::size_t bytes);  ///< at most this many body bytes per TCP write
  ScriptedReply& crlf();  ///< end SSE lines with CRLF instead of LF (events added after this call)

private:
  friend class FakeOpenAi;
  enum class Kind { Bytes, Stall, Drop };
  struct Action {
    Kind kind;
    std::string bytes;
  };
  unsigned status_ = 200;
  bool streaming_ = true;
  Headers headers_;
  std::string body_;  ///< for json()
  std::vector<Action> actions_;
  std::size_t writeSize_ = 64 * 1024;
  std::string eol_ = "\n";
};

class FakeOpenAi {
public:
  FakeOpenAi();
  ~FakeOpenAi();
  FakeOpenAi(const FakeOpenAi&) = delete;
  FakeOpenAi& operator=(const FakeOpenAi&) = delete;

  std::uint16_t port() const;
  /// http://127.0.0.1:PORT
  std::string baseUrl() const;

  /// Answers the next request with `reply`. A request with nothing scripted gets a 500 error
  /// ("no scripted reply"); one to any other path than POST /v1/chat/completions a 404, like
  /// the real API.
  void enqueue(ScriptedReply reply);

  std::vector<RecordedRequest> requests() const;
  /// Streams abandoned by the client while stalled (it hung up, as a timeout should make it do).
  std::size_t hangups() const;
  /// Polls until `count` stalled streams were abandoned, at most `timeout`.
  bool waitForHangups(std::size_t count, std::chrono::milliseconds timeout) const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace practicum::test
