#pragma once
/// A loopback HTTP/1.1 server for fakes of outside APIs (OpenAI-compatible, Stripe): it accepts
/// on 127.0.0.1, parses requests (keep-alive), records every one, and hands each to the fake's
/// handler, which writes the reply bytes itself (so a fake can stream, stall or drop). One thread
/// per connection; the destructor unblocks and joins them.

#include <boost/json/value.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace practicum::test {

struct RecordedRequest {
  std::string method;
  std::string target;
  std::map<std::string, std::string> headers;  ///< lower-case names
  std::string body;
  std::chrono::steady_clock::time_point receivedAt;
  std::size_t connection = 0;  ///< which TCP connection carried it: 1, 2…

  /// The body as JSON; null when it is not JSON.
  boost::json::value json() const;
  /// The body as application/x-www-form-urlencoded pairs, decoded ("" values for bare keys).
  std::map<std::string, std::string> form() const;
  /// A header's value, or "" (name in any case).
  std::string header(std::string_view name) const;
};

/// Where a handler writes its reply.
class LoopbackConnection {
public:
  virtual ~LoopbackConnection() = default;
  /// Writes all of `bytes`; false once the client is gone.
  virtual bool write(std::string_view bytes) = 0;
  /// Blocks until the client hangs up (true) or the server stops (false).
  virtual bool waitForHangup() = 0;
};

class LoopbackHttpServer {
public:
  /// Answers one request; returns false when the connection must close afterwards. Called on the
  /// connection's thread, possibly concurrently with other connections.
  using Handler = std::function<bool(const RecordedRequest&, LoopbackConnection&)>;

  explicit LoopbackHttpServer(Handler handler);
  ~LoopbackHttpServer();
  LoopbackHttpServer(const LoopbackHttpServer&) = delete;
  LoopbackHttpServer& operator=(const LoopbackHttpServer&) = delete;

  std::uint16_t port() const;
  /// http://127.0.0.1:PORT
  std::string baseUrl() const;
  /// Every request received so far, in order of arrival.
  std::vector<RecordedRequest> requests() const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// A complete HTTP/1.1 response with Content-Length.
std::string httpResponse(unsigned status, std::string_view contentType, std::string_view body,
                         const std::vector<std::pair<std::string, std::string>>& headers = {});

}  // namespace practicum::test
