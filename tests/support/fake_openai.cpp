#include "tests/support/fake_openai.h"

#include <boost/beast/http/status.hpp>
#include <boost/json/serialize.hpp>

#include <deque>
#include <mutex>
#include <thread>

namespace bhttp = boost::beast::http;
namespace js = boost::json;

namespace practicum::test {

namespace {

std::string chunk(js::object delta, js::value finishReason) {
  js::object choice{
      {"index", 0}, {"delta", std::move(delta)}, {"logprobs", nullptr}, {"finish_reason", std::move(finishReason)}};
  js::object o{{"id", "chatcmpl-fake0001"},       {"object", "chat.completion.chunk"},
               {"created", 1700000000},           {"model", "fake-model-2024"},
               {"system_fingerprint", "fp_fake"}, {"choices", js::array{std::move(choice)}}};
  return js::serialize(o);
}

std::string hex(std::size_t n) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  do {
    out.insert(out.begin(), digits[n % 16]);
    n /= 16;
  } while (n > 0);
  return out;
}

}  // namespace

// ---- ScriptedReply -----------------------------------------------------------------------------

ScriptedReply ScriptedReply::stream(Headers headers) {
  ScriptedReply r;
  r.headers_ = std::move(headers);
  return r;
}

ScriptedReply ScriptedReply::json(unsigned status, std::string body, Headers headers) {
  ScriptedReply r;
  r.status_ = status;
  r.streaming_ = false;
  r.body_ = std::move(body);
  r.headers_ = std::move(headers);
  return r;
}

ScriptedReply ScriptedReply::error(unsigned status, std::string_view message, std::string_view type, Headers headers) {
  js::object error{{"message", message}, {"type", type}, {"param", nullptr}, {"code", nullptr}};
  return json(status, js::serialize(js::object{{"error", std::move(error)}}), std::move(headers));
}

ScriptedReply ScriptedReply::streamed(const std::vector<std::string>& pieces, std::size_t writeSize) {
  auto r = stream();
  r.role();
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    r.content(pieces[i]);
    if (i == 0) r.raw(": keep-alive\n\n");  // servers send comments to keep proxies from timing out
  }
  r.finish().done().writeSize(writeSize);
  return r;
}

ScriptedReply& ScriptedReply::role() {
  return event(chunk(js::object{{"role", "assistant"}, {"content", ""}}, nullptr));
}

ScriptedReply& ScriptedReply::content(std::string_view text) {
  return event(chunk(js::object{{"content", text}}, nullptr));
}

ScriptedReply& ScriptedReply::finish(std::string_view reason) {
  return event(chunk(js::object{}, js::string(reason)));
}

ScriptedReply& ScriptedReply::done() {
  return event("[DONE]");
}

ScriptedReply& ScriptedReply::event(std::string_view data) {
  return raw("data: " + std::string(data) + eol_ + eol_);
}

ScriptedReply& ScriptedReply::raw(std::string bytes) {
  if (!actions_.empty() && actions_.back().kind == Kind::Bytes)
    actions_.back().bytes += bytes;
  else
    actions_.push_back({Kind::Bytes, std::move(bytes)});
  return *this;
}

ScriptedReply& ScriptedReply::stall() {
  actions_.push_back({Kind::Stall, {}});
  return *this;
}

ScriptedReply& ScriptedReply::drop() {
  actions_.push_back({Kind::Drop, {}});
  return *this;
}

ScriptedReply& ScriptedReply::writeSize(std::size_t bytes) {
  writeSize_ = std::max<std::size_t>(bytes, 1);
  return *this;
}

ScriptedReply& ScriptedReply::crlf() {
  eol_ = "\r\n";
  return *this;
}

// ---- FakeOpenAi --------------------------------------------------------------------------------

struct FakeOpenAi::Impl {
  mutable std::mutex mutex;
  std::deque<ScriptedReply> script;
  std::size_t hangups = 0;
  // Last: destroyed first, so no connection thread outlives the script it reads.
  std::unique_ptr<LoopbackHttpServer> server;

  bool answer(const RecordedRequest& request, LoopbackConnection& connection) {
    ScriptedReply reply;
    {
      std::lock_guard lock(mutex);
      if (request.method != "POST" || request.target != "/v1/chat/completions") {
        reply = ScriptedReply::error(404, "Unknown request URL: " + request.method + " " + request.target,
                                     "invalid_request_error");
      } else if (script.empty()) {
        reply = ScriptedReply::error(500, "the fake has no scripted reply for this request");
      } else {
        reply = std::move(script.front());
        script.pop_front();
      }
    }
    return play(connection, reply);
  }

  /// Sends one scripted reply; false when the connection must close afterwards.
  bool play(LoopbackConnection& connection, const ScriptedReply& reply) {
    if (!reply.streaming_) {
      return connection.write(httpResponse(reply.status_, "application/json", reply.body_, reply.headers_));
    }
    std::string head = "HTTP/1.1 " + std::to_string(reply.status_) + " " +
                       std::string(bhttp::obsolete_reason(bhttp::int_to_status(reply.status_))) + "\r\n";
    head +=
        "Content-Type: text/event-stream; charset=utf-8\r\nTransfer-Encoding: chunked\r\nCache-Control: no-cache\r\n";
    for (const auto& [name, value] : reply.headers_) head += name + ": " + value + "\r\n";
    head += "\r\n";
    if (!connection.write(head)) return false;
    for (const auto& action : reply.actions_) {
      switch (action.kind) {
        case ScriptedReply::Kind::Bytes:
          for (std::size_t at = 0; at < action.bytes.size(); at += reply.writeSize_) {
            const auto slice = action.bytes.substr(at, reply.writeSize_);
            if (!connection.write(hex(slice.size()) + "\r\n" + slice + "\r\n")) return false;
            // A breath between writes, so they reach the client as separate reads.
            if (reply.writeSize_ < action.bytes.size()) std::this_thread::sleep_for(std::chrono::microseconds(200));
          }
          break;
        case ScriptedReply::Kind::Stall:
          if (connection.waitForHangup()) {
            std::lock_guard lock(mutex);
            ++hangups;
          }
          return false;
        case ScriptedReply::Kind::Drop:
          return false;
      }
    }
    return connection.write("0\r\n\r\n");
  }
};

FakeOpenAi::FakeOpenAi() : impl_(std::make_unique<Impl>()) {
  impl_->server = std::make_unique<LoopbackHttpServer>(
      [impl = impl_.get()](const RecordedRequest& request, LoopbackConnection& connection) {
        return impl->answer(request, connection);
      });
}

FakeOpenAi::~FakeOpenAi() {
  impl_->server.reset();  // joins every connection before the script goes
}

std::uint16_t FakeOpenAi::port() const {
  return impl_->server->port();
}

std::string FakeOpenAi::baseUrl() const {
  return impl_->server->baseUrl();
}

void FakeOpenAi::enqueue(ScriptedReply reply) {
  std::lock_guard lock(impl_->mutex);
  impl_->script.push_back(std::move(reply));
}

std::vector<RecordedRequest> FakeOpenAi::requests() const {
  return impl_->server->requests();
}

std::size_t FakeOpenAi::hangups() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->hangups;
}

bool FakeOpenAi::waitForHangups(std::size_t count, std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (hangups() < count) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

}  // namespace practicum::test
