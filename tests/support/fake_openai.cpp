#include "tests/support/fake_openai.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <sys/socket.h>

#include <atomic>
#include <deque>
#include <mutex>
#include <set>
#include <thread>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace js = boost::json;
using tcp = asio::ip::tcp;

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

js::value RecordedRequest::json() const {
  boost::system::error_code ec;
  auto v = js::parse(body, ec);
  return ec ? js::value() : v;
}

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
  asio::io_context ioc;
  tcp::acceptor acceptor{ioc};
  std::uint16_t port = 0;
  std::thread acceptThread;
  std::atomic<bool> stopping{false};

  mutable std::mutex mutex;
  std::deque<ScriptedReply> script;
  std::vector<RecordedRequest> requests;
  std::set<int> openSockets;  ///< native handles, so the destructor can unblock their threads
  std::vector<std::thread> connections;
  std::size_t connectionCount = 0;
  std::size_t hangups = 0;

  void acceptLoop() {
    for (;;) {
      tcp::socket socket(ioc);
      boost::system::error_code ec;
      acceptor.accept(socket, ec);
      if (stopping) return;
      if (ec) continue;
      socket.set_option(tcp::no_delay(true), ec);  // each small write leaves at once, as its own segment
      std::lock_guard lock(mutex);
      openSockets.insert(socket.native_handle());
      const auto id = ++connectionCount;
      connections.emplace_back([this, id, s = std::move(socket)]() mutable { serve(std::move(s), id); });
    }
  }

  void serve(tcp::socket socket, std::size_t id) {
    beast::flat_buffer buffer;
    for (;;) {
      boost::system::error_code ec;
      bhttp::request_parser<bhttp::string_body> parser;
      parser.body_limit(16 * 1024 * 1024);
      bhttp::read(socket, buffer, parser, ec);
      if (ec) break;
      auto request = parser.release();
      RecordedRequest record;
      record.method = std::string(request.method_string());
      record.target = std::string(request.target());
      for (const auto& field : request) {
        std::string name(field.name_string());
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        record.headers[name] = std::string(field.value());
      }
      record.body = request.body();
      record.receivedAt = std::chrono::steady_clock::now();
      record.connection = id;
      ScriptedReply reply;
      {
        std::lock_guard lock(mutex);
        requests.push_back(record);
        if (record.method != "POST" || record.target != "/v1/chat/completions") {
          reply = ScriptedReply::error(404, "Unknown request URL: " + record.method + " " + record.target,
                                       "invalid_request_error");
        } else if (script.empty()) {
          reply = ScriptedReply::error(500, "the fake has no scripted reply for this request");
        } else {
          reply = std::move(script.front());
          script.pop_front();
        }
      }
      if (!play(socket, reply) || !request.keep_alive()) break;
    }
    {
      std::lock_guard lock(mutex);
      openSockets.erase(socket.native_handle());
    }
    boost::system::error_code ignored;
    socket.shutdown(tcp::socket::shutdown_both, ignored);
    socket.close(ignored);
  }

  /// Sends one scripted reply; false when the connection must close afterwards.
  bool play(tcp::socket& socket, const ScriptedReply& reply) {
    boost::system::error_code ec;
    std::string head = "HTTP/1.1 " + std::to_string(reply.status_) + " " +
                       std::string(bhttp::obsolete_reason(bhttp::int_to_status(reply.status_))) + "\r\n";
    if (reply.streaming_) {
      head +=
          "Content-Type: text/event-stream; charset=utf-8\r\nTransfer-Encoding: chunked\r\nCache-Control: no-cache\r\n";
    } else {
      head += "Content-Type: application/json\r\nContent-Length: " + std::to_string(reply.body_.size()) + "\r\n";
    }
    for (const auto& [name, value] : reply.headers_) head += name + ": " + value + "\r\n";
    head += "\r\n";
    if (!reply.streaming_) {
      asio::write(socket, asio::buffer(head + reply.body_), ec);
      return !ec;
    }
    asio::write(socket, asio::buffer(head), ec);
    if (ec) return false;
    for (const auto& action : reply.actions_) {
      switch (action.kind) {
        case ScriptedReply::Kind::Bytes:
          for (std::size_t at = 0; at < action.bytes.size(); at += reply.writeSize_) {
            const auto slice = action.bytes.substr(at, reply.writeSize_);
            asio::write(socket, asio::buffer(hex(slice.size()) + "\r\n" + slice + "\r\n"), ec);
            if (ec) return false;
            // A breath between writes, so they reach the client as separate reads.
            if (reply.writeSize_ < action.bytes.size()) std::this_thread::sleep_for(std::chrono::microseconds(200));
          }
          break;
        case ScriptedReply::Kind::Stall: {
          char byte = 0;
          while (!ec) socket.read_some(asio::buffer(&byte, 1), ec);  // returns when the client hangs up
          if (!stopping) {
            std::lock_guard lock(mutex);
            ++hangups;
          }
          return false;
        }
        case ScriptedReply::Kind::Drop:
          return false;
      }
    }
    asio::write(socket, asio::buffer(std::string("0\r\n\r\n")), ec);
    return !ec;
  }
};

FakeOpenAi::FakeOpenAi() : impl_(std::make_unique<Impl>()) {
  const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), 0);
  impl_->acceptor.open(endpoint.protocol());
  impl_->acceptor.set_option(tcp::acceptor::reuse_address(true));
  impl_->acceptor.bind(endpoint);
  impl_->acceptor.listen();
  impl_->port = impl_->acceptor.local_endpoint().port();
  impl_->acceptThread = std::thread([this] { impl_->acceptLoop(); });
}

FakeOpenAi::~FakeOpenAi() {
  impl_->stopping = true;
  {
    // Wakes the blocking accept, which then sees `stopping`.
    tcp::socket wake(impl_->ioc);
    boost::system::error_code ec;
    wake.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), impl_->port), ec);
    impl_->acceptThread.join();
  }
  {
    std::lock_guard lock(impl_->mutex);
    for (const int fd : impl_->openSockets) ::shutdown(fd, SHUT_RDWR);  // unblocks reads and stalls
  }
  for (auto& t : impl_->connections) t.join();
}

std::uint16_t FakeOpenAi::port() const {
  return impl_->port;
}

std::string FakeOpenAi::baseUrl() const {
  return "http://127.0.0.1:" + std::to_string(impl_->port);
}

void FakeOpenAi::enqueue(ScriptedReply reply) {
  std::lock_guard lock(impl_->mutex);
  impl_->script.push_back(std::move(reply));
}

std::vector<RecordedRequest> FakeOpenAi::requests() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->requests;
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
