#pragma once
/// The HTTP/1.1 front: Boost.Beast connections on a few I/O threads, handlers on a bounded worker
/// pool (they may block on the database), limits and timeouts on every read, keep-alive, and a
/// graceful drain that lets in-flight requests finish.

#include "server/http/router.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/thread_pool.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace practicum::server::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  ///< 0 picks a free port (tests)
  unsigned ioThreads = 1;
  unsigned workerThreads = 8;
  std::size_t headerLimit = 8 * 1024;
  std::uint64_t bodyLimit = 1024 * 1024;
  std::chrono::seconds readTimeout{15};
  std::chrono::seconds idleTimeout{60};
  std::chrono::seconds drainTimeout{20};
  std::size_t maxQueuedRequests = 1024;  ///< beyond this, 503 instead of waiting for a worker
  bool accessLog = true;
  bool trustForwardedFor = false;
};

class Connection;

class HttpServer {
public:
  HttpServer(ServerOptions options, const Router& router);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  /// Binds, listens and starts the threads; returns the bound port. Throws on bind failure.
  std::uint16_t start();
  /// Stops accepting, closes idle keep-alive connections, waits for in-flight requests (at most
  /// drainTimeout), then stops every thread. Idempotent.
  void stop();
  bool draining() const { return draining_; }

private:
  friend class Connection;
  void accept();
  void track(const std::shared_ptr<Connection>& conn);
  void untrack(const Connection* conn);

  ServerOptions options_;
  const Router& router_;
  // Declared before ioc_: connections still queued in it at destruction untrack themselves here.
  std::mutex connectionsMutex_;
  std::condition_variable connectionsGone_;
  std::unordered_map<const Connection*, std::weak_ptr<Connection>> connections_;
  boost::asio::io_context ioc_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::thread_pool workers_;
  std::vector<std::thread> ioThreads_;
  std::atomic<bool> draining_{false};
  std::atomic<bool> stopped_{false};
  std::atomic<std::uint64_t> nextRequestId_{1};
  std::atomic<std::size_t> queued_{0};
};

}  // namespace practicum::server::http
