#include "server/http/server.h"

#include "server/log.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/chunk_encode.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include <array>
#include <deque>
#include <optional>

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

namespace practicum::server::http {

/// One client connection. Lives on its own strand; handlers run on the worker pool and post
/// their response back here.
class Connection : public std::enable_shared_from_this<Connection> {
public:
  Connection(HttpServer& server, tcp::socket socket) : server_(server), stream_(std::move(socket)) {
    beast::error_code ec;
    auto endpoint = stream_.socket().remote_endpoint(ec);
    peer_ = ec ? "unknown" : endpoint.address().to_string();
  }

  void start() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->readHeader(); });
  }

  /// Called at drain: a connection waiting for its next request is closed now; one busy with a
  /// request finishes it and then closes.
  void closeIfIdle() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      if (self->idle_) self->closeNow();
    });
  }

  ~Connection() { server_.untrack(this); }

private:
  void readHeader() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_.options_.headerLimit));
    parser_->body_limit(server_.options_.bodyLimit);
    if (server_.draining_) return closeNow();
    if (buffer_.size() > 0) return readRequest();  // a pipelined request is already here
    // Waiting for the next request is bounded by the idle timeout; once its first byte arrives,
    // the whole request must come within the read timeout (no slow-header trickle).
    // Only one byte is taken here: Beast's header limit counts the bytes the parser reads itself,
    // so a larger first read would let complete header lines in it escape the 8 KiB limit.
    idle_ = true;
    stream_.expires_after(server_.options_.idleTimeout);
    stream_.async_read_some(buffer_.prepare(1), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
      self->idle_ = false;
      if (ec) return self->closeNow();
      self->buffer_.commit(n);
      self->readRequest();
    });
  }

  void readRequest() {
    started_ = std::chrono::steady_clock::now();
    stream_.expires_after(server_.options_.readTimeout);
    beast_http::async_read(stream_, buffer_, *parser_,
                           [self = shared_from_this()](beast::error_code e, std::size_t) { self->onBody(e); });
  }

  void onReadError(beast::error_code ec) {
    // A timed-out stream is already closed by Beast: nothing can be answered on it.
    if (ec == beast_http::error::end_of_stream || ec == asio::error::operation_aborted ||
        ec == asio::error::connection_reset || ec == beast::error::timeout) {
      if (ec == beast::error::timeout) log::warn("request not received in time", {{"remote", peer_}});
      return closeNow();
    }
    started_ = std::chrono::steady_clock::now();
    std::optional<ApiError> error;
    if (ec == beast_http::error::body_limit) {
      error.emplace(ErrorCode::PayloadTooLarge, "The request body is larger than 1 MiB.");
    } else if (ec == beast_http::error::header_limit) {
      error.emplace(ErrorCode::HeadersTooLarge, "The request headers are larger than 8 KiB.");
    } else {
      error.emplace(ErrorCode::BadRequest, "The request is not valid HTTP/1.1.", boost::json::object{{"reason", ec.message()}});
    }
    Request request;
    request.requestId = nextId();
    request.remoteAddress = peer_;
    auto response = Response::error(*error);
    keepAlive_ = false;
    std::string method = "-", target = "-";
    if (parser_ && parser_->is_header_done()) {
      method = std::string(beast_http::to_string(parser_->get().method()));
      target = std::string(parser_->get().target().substr(0, parser_->get().target().find('?')));
    }
    write(request, std::move(response), method, target);
  }

  void onBody(beast::error_code ec) {
    if (ec) return onReadError(ec);
    auto request = std::make_shared<Request>();
    request->raw = parser_->release();
    request->requestId = nextId();
    request->remoteAddress = clientAddress(request->raw);
    keepAlive_ = request->raw.keep_alive();
    const std::string method(beast_http::to_string(request->raw.method()));
    const std::string target(request->raw.target());

    if (!parseTarget(target, request->path, request->query)) {
      keepAlive_ = false;
      return write(*request,
                   Response::error(ApiError(ErrorCode::BadRequest, "The request path or query is malformed (bad %-encoding or not UTF-8).")),
                   method, target.substr(0, target.find('?')));  // queries stay out of logs
    }
    // Shed load rather than queue without bound: a request that would wait behind this many
    // others is answered 503 at once, and the client may retry.
    if (server_.queued_.fetch_add(1) >= server_.options_.maxQueuedRequests) {
      server_.queued_.fetch_sub(1);
      auto busy = Response::error(ApiError(ErrorCode::Unavailable, "The server is busy; try again shortly."));
      busy.headers.emplace_back("Retry-After", "1");
      return write(*request, std::move(busy), method, request->path);
    }
    // The handler may block on the database: run it on the worker pool, answer on our strand.
    // The work guard keeps the I/O threads running while the handler works: during a drain this
    // request may be the only thing left, and an io_context without work would return from run().
    asio::post(server_.workers_, [self = shared_from_this(), request, method,
                                  work = asio::make_work_guard(stream_.get_executor())] {
      self->server_.queued_.fetch_sub(1);
      auto response = self->server_.router_.dispatch(*request);
      if (response.stream) return self->runStream(request, method, std::move(response));
      asio::post(self->stream_.get_executor(), [self, request, method, response = std::move(response)]() mutable {
        self->write(*request, std::move(response), method, request->path);
      });
    });
  }

  // Streamed responses (Server-Sent Events). The producer runs here on the worker and may block
  // (it waits for the AI provider); each event it sends is posted to the strand, which writes the
  // head, then one chunk per event in order, then the last chunk.

  class StrandSink : public EventSink {
  public:
    explicit StrandSink(std::shared_ptr<Connection> conn) : conn_(std::move(conn)) {}
    bool send(std::string_view event, const boost::json::value& data) override {
      if (conn_->streamBroken_) return false;
      asio::post(conn_->stream_.get_executor(),
                 [conn = conn_, text = formatEvent(event, data)]() mutable { conn->queueStreamChunk(std::move(text)); });
      return true;
    }

  private:
    std::shared_ptr<Connection> conn_;
  };

  void runStream(const std::shared_ptr<Request>& request, const std::string& method, Response response) {
    auto producer = std::move(response.stream);
    response.stream = nullptr;
    auto self = shared_from_this();
    asio::post(stream_.get_executor(), [self, request, method, response = std::move(response)]() mutable {
      self->startStream(*request, std::move(response), method);
    });
    StrandSink sink(self);
    try {
      producer(sink);
    } catch (const std::exception& e) {
      log::error("unhandled error", {{"request_id", request->requestId}, {"error", e.what()}});
      sink.send("error", ApiError(ErrorCode::Internal, "Something went wrong on our side; it has been logged.",
                                  {{"request_id", request->requestId}})
                             .toJson());
    }
    asio::post(stream_.get_executor(), [self] { self->endStream(); });
  }

  struct StreamState {
    beast_http::response<beast_http::empty_body> head;
    std::optional<beast_http::response_serializer<beast_http::empty_body>> serializer;
    std::deque<std::string> chunks;
    std::string current;  // the chunk being written
    bool writing = false;
    bool ended = false;      // the producer is done
    bool finishing = false;  // the last chunk is being written
    std::size_t bytes = 0;
    std::string method, path, requestId, remote, user;
  };

  void startStream(const Request& request, Response response, const std::string& method) {
    if (server_.draining_) keepAlive_ = false;
    auto state = std::make_unique<StreamState>();
    auto& head = state->head;
    head.version(11);
    head.result(response.status);
    head.set(beast_http::field::content_type, response.contentType);
    head.set(beast_http::field::cache_control, "no-store");
    head.set("X-Content-Type-Options", "nosniff");
    head.set("X-Request-Id", request.requestId);
    for (const auto& [name, value] : response.headers) head.set(name, value);
    head.keep_alive(keepAlive_);
    head.chunked(true);
    state->method = method;
    state->path = request.path;
    state->requestId = request.requestId;
    state->remote = request.remoteAddress;
    state->user = request.user ? request.user->id : std::string();
    state->serializer.emplace(state->head);
    state->writing = true;
    streamState_ = std::move(state);
    stream_.expires_after(server_.options_.readTimeout);
    beast_http::async_write_header(stream_, *streamState_->serializer,
                                   [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                                     self->onStreamWritten(ec, n);
                                   });
  }

  void queueStreamChunk(std::string text) {
    if (!streamState_ || streamBroken_) return;
    streamState_->chunks.push_back(std::move(text));
    pumpStream();
  }

  void endStream() {
    if (!streamState_) return;
    if (streamBroken_) {
      streamState_.reset();  // already logged and closed
      return;
    }
    streamState_->ended = true;
    pumpStream();
  }

  void pumpStream() {
    auto& state = *streamState_;
    if (state.writing || streamBroken_) return;
    auto done = [self = shared_from_this()](beast::error_code ec, std::size_t n) { self->onStreamWritten(ec, n); };
    if (!state.chunks.empty()) {
      state.current = std::move(state.chunks.front());
      state.chunks.pop_front();
      state.writing = true;
      stream_.expires_after(server_.options_.readTimeout);
      asio::async_write(stream_, beast_http::make_chunk(asio::buffer(state.current)), std::move(done));
    } else if (state.ended) {
      state.writing = state.finishing = true;
      stream_.expires_after(server_.options_.readTimeout);
      asio::async_write(stream_, beast_http::make_chunk_last(), std::move(done));
    }
  }

  void onStreamWritten(beast::error_code ec, std::size_t bytes) {
    auto& state = *streamState_;
    state.writing = false;
    state.bytes += bytes;
    if (ec || state.finishing) {
      logAccess(state.method, state.path, state.head.result_int(), state.bytes, state.requestId, state.remote,
                state.user);
    }
    if (ec) {
      // The client went away: the producer learns it from send() and finishes its work unheard.
      streamBroken_ = true;
      streamState_->chunks.clear();
      if (state.ended) streamState_.reset();
      return closeNow();
    }
    if (state.finishing) {
      streamState_.reset();
      if (!keepAlive_) return lingeringClose();
      return readHeader();
    }
    pumpStream();
  }

  std::string clientAddress(const RawRequest& raw) const {
    if (server_.options_.trustForwardedFor) {
      auto it = raw.find("X-Forwarded-For");
      if (it != raw.end()) {
        std::string_view value = it->value();
        value = value.substr(0, value.find(','));
        while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
        while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
        const bool addressShaped = std::all_of(value.begin(), value.end(), [](char c) {
          return std::isxdigit(static_cast<unsigned char>(c)) || c == '.' || c == ':';
        });
        if (!value.empty() && value.size() <= 45 && addressShaped) return std::string(value);
      }
    }
    return peer_;
  }

  std::string nextId() { return std::to_string(server_.nextRequestId_.fetch_add(1)); }

  void write(const Request& request, Response response, const std::string& method, const std::string& path) {
    if (server_.draining_) keepAlive_ = false;
    auto message = std::make_shared<beast_http::response<beast_http::string_body>>();
    message->version(11);
    message->result(response.status);
    if (!response.contentType.empty()) message->set(beast_http::field::content_type, response.contentType);
    message->set(beast_http::field::cache_control, "no-store");
    message->set("X-Content-Type-Options", "nosniff");
    message->set("X-Request-Id", request.requestId);
    for (const auto& [name, value] : response.headers) message->set(name, value);
    message->keep_alive(keepAlive_);
    message->body() = std::move(response.body);
    message->prepare_payload();

    stream_.expires_after(server_.options_.readTimeout);
    beast_http::async_write(stream_, *message,
                            [self = shared_from_this(), message, method, path, requestId = request.requestId,
                             remote = request.remoteAddress,
                             user = request.user ? request.user->id : std::string()](beast::error_code ec, std::size_t bytes) {
                              self->logAccess(method, path, message->result_int(), bytes, requestId, remote, user);
                              if (ec) return self->closeNow();
                              if (!self->keepAlive_) return self->lingeringClose();
                              self->readHeader();
                            });
  }

  void logAccess(const std::string& method, const std::string& path, unsigned status, std::size_t bytes,
                 const std::string& requestId, const std::string& remote, const std::string& user) {
    if (!server_.options_.accessLog) return;
    const auto micros =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started_).count();
    boost::json::object fields{{"request_id", requestId}, {"remote", remote},       {"method", method},
                               {"path", path},            {"status", status},      {"bytes", bytes},
                               {"duration_us", micros}};
    if (!user.empty()) fields["user_id"] = user;
    log::write(status >= 500 ? log::Level::Error : log::Level::Info, "request", std::move(fields));
  }

  /// After an answer that ends the connection (413, malformed request…) the client may still be
  /// sending; closing at once would reset the connection and could destroy our answer in flight.
  /// So: half-close, then discard what arrives for a short while.
  void lingeringClose() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return closeNow();
    stream_.expires_after(std::chrono::seconds(2));
    discard();
  }

  void discard() {
    stream_.async_read_some(asio::buffer(sink_), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
      self->discarded_ += n;
      if (ec || self->discarded_ > 8 * 1024 * 1024) return self->closeNow();
      self->discard();
    });
  }

  void closeNow() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.close();
  }

  HttpServer& server_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<beast_http::request_parser<beast_http::string_body>> parser_;
  std::string peer_;
  bool idle_ = true;
  bool keepAlive_ = true;
  std::size_t discarded_ = 0;
  std::array<char, 16 * 1024> sink_{};
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::unique_ptr<StreamState> streamState_;  // strand only
  std::atomic<bool> streamBroken_{false};     // read by the producer's thread
};

HttpServer::HttpServer(ServerOptions options, const Router& router)
    : options_(std::move(options)), router_(router), acceptor_(ioc_), workers_(options_.workerThreads) {}

HttpServer::~HttpServer() { stop(); }

std::uint16_t HttpServer::start() {
  tcp::endpoint endpoint(asio::ip::make_address(options_.host), options_.port);
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(asio::socket_base::reuse_address(true));
  acceptor_.bind(endpoint);
  acceptor_.listen(asio::socket_base::max_listen_connections);
  const auto port = acceptor_.local_endpoint().port();
  accept();
  const unsigned threads = std::max(1u, options_.ioThreads);
  for (unsigned i = 0; i < threads; ++i) ioThreads_.emplace_back([this] { ioc_.run(); });
  return port;
}

void HttpServer::accept() {
  acceptor_.async_accept(asio::make_strand(ioc_), [this](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (ec == asio::error::operation_aborted || !acceptor_.is_open()) return;
      log::warn("accept failed", {{"error", ec.message()}});
    } else {
      auto conn = std::make_shared<Connection>(*this, std::move(socket));
      track(conn);
      conn->start();
    }
    if (!draining_) accept();
  });
}

void HttpServer::track(const std::shared_ptr<Connection>& conn) {
  std::lock_guard lock(connectionsMutex_);
  connections_[conn.get()] = conn;
}

void HttpServer::untrack(const Connection* conn) {
  std::lock_guard lock(connectionsMutex_);
  connections_.erase(conn);
  if (connections_.empty()) connectionsGone_.notify_all();
}

void HttpServer::stop() {
  if (stopped_.exchange(true)) return;
  draining_ = true;
  if (!ioThreads_.empty()) {
    asio::post(ioc_, [this] {
      beast::error_code ec;
      acceptor_.close(ec);
    });
    std::vector<std::shared_ptr<Connection>> live;
    {
      std::lock_guard lock(connectionsMutex_);
      for (auto& [ptr, weak] : connections_) {
        if (auto conn = weak.lock()) live.push_back(std::move(conn));
      }
    }
    for (auto& conn : live) conn->closeIfIdle();
    live.clear();
    std::unique_lock lock(connectionsMutex_);
    if (!connectionsGone_.wait_for(lock, options_.drainTimeout, [this] { return connections_.empty(); })) {
      log::warn("drain timed out; closing remaining connections", {{"connections", connections_.size()}});
    }
  }
  ioc_.stop();
  for (auto& t : ioThreads_) t.join();
  ioThreads_.clear();
  workers_.join();
}

}  // namespace practicum::server::http
