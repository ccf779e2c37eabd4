// The HTTP front (server/http/server.cpp): limits, malformed input, keep-alive, timeouts,
// graceful drain and the probes, spoken to over raw sockets where HttpClient is too polite.

#include "server/db/pg.h"
#include "tests/support/test_server.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <set>
#include <thread>

using namespace practicum;
using namespace practicum::test;
using namespace std::chrono_literals;
namespace asio = boost::asio;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

std::chrono::milliseconds since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
}

/// Polls `condition` every 20 ms until it holds or `timeout` passes; returns its last value.
template <class F> bool eventually(F condition, std::chrono::milliseconds timeout = 10s) {
  const auto start = Clock::now();
  while (!condition()) {
    if (since(start) > timeout) return false;
    std::this_thread::sleep_for(20ms);
  }
  return true;
}

/// One raw TCP connection to the server; every wait is bounded.
class Wire {
public:
  explicit Wire(std::uint16_t port) : socket_(ioc_) {
    socket_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  }

  /// Writes every byte (unless the server resets the connection first).
  boost::system::error_code send(std::string_view bytes) {
    boost::system::error_code ec;
    asio::write(socket_, asio::buffer(bytes.data(), bytes.size()), ec);
    return ec;
  }

  /// Reads one complete response; nullopt when the connection ended (or `timeout` passed) first.
  std::optional<HttpResult> read(std::chrono::milliseconds timeout = 10s) {
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(16 * 1024 * 1024);
    std::optional<boost::system::error_code> done;
    bhttp::async_read(socket_, buffer_, parser, [&](boost::system::error_code ec, std::size_t) { done = ec; });
    run(done, timeout);
    if (*done) return std::nullopt;
    auto res = parser.release();
    HttpResult out;
    out.status = res.result_int();
    out.body = std::move(res.body());
    for (const auto& field : res) {
      std::string name(field.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      out.headers[name] = std::string(field.value());
    }
    return out;
  }

  struct Ending {
    bool closed = false;        ///< EOF or reset seen
    std::size_t bytes = 0;      ///< data received before that
    std::chrono::milliseconds after{0};
  };
  /// Waits for the server to end the connection, at most `timeout`.
  Ending waitClosed(std::chrono::milliseconds timeout) {
    Ending out;
    const auto start = Clock::now();
    out.bytes = buffer_.size();
    for (;;) {
      const auto left = timeout - since(start);
      if (left <= 0ms) break;
      std::optional<boost::system::error_code> done;
      std::size_t n = 0;
      socket_.async_read_some(asio::buffer(scratch_), [&](boost::system::error_code ec, std::size_t got) {
        done = ec;
        n = got;
      });
      run(done, left);
      out.bytes += n;
      if (*done == asio::error::operation_aborted) break;  // our own deadline
      if (*done) {
        out.closed = true;
        break;
      }
    }
    out.after = since(start);
    return out;
  }

private:
  void run(std::optional<boost::system::error_code>& done, std::chrono::milliseconds timeout) {
    ioc_.restart();
    ioc_.run_for(timeout);
    if (!done) {
      socket_.cancel();
      ioc_.restart();
      ioc_.run();
    }
  }

  asio::io_context ioc_;
  tcp::socket socket_;
  boost::beast::flat_buffer buffer_;
  std::array<char, 64 * 1024> scratch_{};
};

/// Whether a new TCP connection to the port is refused.
bool refused(std::uint16_t port) {
  asio::io_context ioc;
  tcp::socket socket(ioc);
  boost::system::error_code ec;
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), ec);
  return ec == asio::error::connection_refused;
}

std::string get(const std::string& target, const std::string& extraHeaders = {}) {
  return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extraHeaders + "\r\n";
}

std::string post(const std::string& target, const std::string& body, const std::string& extraHeaders = {}) {
  return "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\n" + extraHeaders + "\r\n" + body;
}

/// The JSON error every refusal of the front must carry, plus the headers of every response.
void expectJsonError(const HttpResult& r, unsigned status, const std::string& code) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.errorCode(), code) << r.body;
  EXPECT_EQ(r.headers.count("content-type") ? r.headers.at("content-type") : "", "application/json");
  EXPECT_EQ(r.headers.count("cache-control") ? r.headers.at("cache-control") : "", "no-store");
  EXPECT_FALSE(r.headers.count("x-request-id") ? r.headers.at("x-request-id").empty() : true);
}

class HttpFront : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    server = new TestServer([](server::Config& c) {
      c.readTimeout = 1s;
      c.idleTimeout = 1s;
    });
  }
  static void TearDownTestSuite() {
    delete server;
    server = nullptr;
  }
  static TestServer* server;
};
TestServer* HttpFront::server = nullptr;

}  // namespace

TEST_F(HttpFront, ProbesAndCommonHeaders) {
  auto client = server->client();
  auto health = client.get("/healthz");
  EXPECT_EQ(health.status, 200u);
  EXPECT_EQ(health.json().at("status").as_string(), "ok");
  auto ready = client.get("/readyz");
  EXPECT_EQ(ready.status, 200u);
  EXPECT_EQ(ready.json().at("status").as_string(), "ready");

  // Every answer, success or error, carries a fresh request id and is never cached.
  std::set<std::string> ids;
  for (const auto& r : {health, ready, client.get("/api/v1/me"), client.get("/nope"), client.request("PUT", "/healthz")}) {
    ASSERT_TRUE(r.headers.contains("x-request-id")) << r.status;
    EXPECT_FALSE(r.headers.at("x-request-id").empty());
    ids.insert(r.headers.at("x-request-id"));
    EXPECT_EQ(r.headers.at("cache-control"), "no-store") << r.status;
    EXPECT_EQ(r.headers.at("x-content-type-options"), "nosniff") << r.status;
  }
  EXPECT_EQ(ids.size(), 5u) << "request ids repeat";
}

TEST_F(HttpFront, HeaderBlockOver8KiBIs431) {
  std::string manySmall;
  for (int i = 0; i < 90; ++i) manySmall += "X-Filler-" + std::to_string(i) + ": " + std::string(90, 'c') + "\r\n";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"one 9 KiB header", get("/healthz", "X-Filler: " + std::string(9 * 1024, 'a') + "\r\n")},
      {"a 9 KiB request line", get("/healthz?q=" + std::string(9 * 1024, 'b'))},
      {"90 small headers, 9 KiB in all", get("/healthz", manySmall)},
  };
  for (const auto& [name, bytes] : cases) {
    SCOPED_TRACE(name);
    Wire wire(server->port());
    wire.send(bytes);
    auto r = wire.read();
    ASSERT_TRUE(r) << "no answer to an oversized header block";
    expectJsonError(*r, 431, "headers_too_large");
    EXPECT_EQ(r->headers["connection"], "close");
    EXPECT_TRUE(wire.waitClosed(5s).closed);
  }

  // Just under the limit is fine.
  Wire ok(server->port());
  ok.send(get("/healthz", "X-Filler: " + std::string(7 * 1024, 'a') + "\r\n"));
  auto r = ok.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200u);
}

TEST_F(HttpFront, BodyOf2MiBIs413AndTheAnswerArrives) {
  // The client writes the whole body before reading: the server must half-close and drain, not
  // reset, or the 413 would be lost.
  const std::string body(2 * 1024 * 1024, 'x');
  for (const std::string target : {"/api/v1/auth/login", "/api/v1/auth/register", "/healthz"}) {
    SCOPED_TRACE(target);
    Wire wire(server->port());
    EXPECT_FALSE(wire.send(post(target, body))) << "the server reset the connection while we were still writing";
    auto r = wire.read();
    ASSERT_TRUE(r) << "the 413 never arrived";
    expectJsonError(*r, 413, "payload_too_large");
    EXPECT_EQ(r->headers["connection"], "close");
  }
  // Through the ordinary client too.
  auto client = server->client();
  auto r = client.request("POST", "/api/v1/auth/login", body);
  expectJsonError(r, 413, "payload_too_large");
  // The same client goes on working on a new connection.
  EXPECT_EQ(client.get("/healthz").status, 200u);
}

TEST_F(HttpFront, BodyLimitIsExactly1MiB) {
  Wire atLimit(server->port());
  atLimit.send(post("/api/v1/auth/login", std::string(1024 * 1024, ' ') + ""));
  auto r = atLimit.read();
  ASSERT_TRUE(r);
  // Read in full and handed to the handler, which finds no JSON in it.
  EXPECT_EQ(r->status, 400u) << r->body;
  EXPECT_EQ(r->errorCode(), "malformed_json");

  Wire over(server->port());
  over.send(post("/api/v1/auth/login", std::string(1024 * 1024 + 1, ' ')));
  auto r2 = over.read();
  ASSERT_TRUE(r2);
  expectJsonError(*r2, 413, "payload_too_large");
}

TEST_F(HttpFront, ChunkedBodyOver1MiBIs413) {
  std::string request =
      "POST /api/v1/auth/register HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\n\r\n";
  const std::string chunk(64 * 1024, 'y');
  for (int i = 0; i < 20; ++i) request += "10000\r\n" + chunk + "\r\n";  // 20 × 64 KiB = 1.25 MiB
  request += "0\r\n\r\n";
  Wire wire(server->port());
  EXPECT_FALSE(wire.send(request));
  auto r = wire.read();
  ASSERT_TRUE(r) << "the 413 never arrived";
  expectJsonError(*r, 413, "payload_too_large");

  // A small chunked body is read like any other.
  Wire small(server->port());
  small.send(
      "POST /api/v1/auth/register HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\n\r\n1\r\n{\r\n1\r\n}\r\n0\r\n\r\n");
  auto r2 = small.read();
  ASSERT_TRUE(r2);
  EXPECT_EQ(r2->status, 422u) << r2->body;
  EXPECT_EQ(r2->errorCode(), "validation_failed");
}

TEST_F(HttpFront, KeepAliveServes100RequestsOnOneConnection) {
  auto account = server->createAccount(Role::Student);
  Wire wire(server->port());
  std::set<std::string> ids;
  for (int i = 0; i < 100; ++i) {
    const bool me = i % 2 == 1;
    wire.send(me ? get("/api/v1/me", "Authorization: Bearer " + account.token + "\r\n") : get("/healthz"));
    auto r = wire.read();
    ASSERT_TRUE(r) << "the connection ended after " << i << " requests";
    ASSERT_EQ(r->status, 200u) << r->body;
    EXPECT_NE(r->headers["connection"], "close");
    if (me) {
      EXPECT_EQ(r->json().at("id").as_string(), account.user.id);
    }
    ids.insert(r->headers["x-request-id"]);
  }
  EXPECT_EQ(ids.size(), 100u);

  // Pipelined: 20 requests in one write, 20 answers in order.
  std::string batch;
  for (int i = 0; i < 20; ++i) batch += i % 2 ? get("/readyz") : get("/healthz");
  wire.send(batch);
  for (int i = 0; i < 20; ++i) {
    auto r = wire.read();
    ASSERT_TRUE(r) << "pipelined answer " << i << " missing";
    EXPECT_EQ(r->json().at("status").as_string(), i % 2 ? "ready" : "ok");
  }

  // Connection: close is honoured: answered, then closed.
  wire.send(get("/healthz", "Connection: close\r\n"));
  auto last = wire.read();
  ASSERT_TRUE(last);
  EXPECT_EQ(last->status, 200u);
  EXPECT_EQ(last->headers["connection"], "close");
  EXPECT_TRUE(wire.waitClosed(5s).closed);
}

TEST_F(HttpFront, MalformedRequestsAre400Json) {
  const std::vector<std::string> requests = {
      "GARBAGE\r\n\r\n",
      std::string("\x00\x01\x02\x03\xff\xfe\r\n\r\n", 10),
      "GET /healthz HTTP/1.1\r\nHost: x\r\nthis line has no colon\r\n\r\n",
      "GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n",
      "GET /healthz\r\nHost: x\r\n\r\n",
      "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
      "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
      "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
      "GET /healthz HTTP/1.1\r\nHost: x\r\nBad\x01Name: y\r\n\r\n",
  };
  for (const auto& bytes : requests) {
    SCOPED_TRACE(::testing::PrintToString(bytes));
    Wire wire(server->port());
    wire.send(bytes);
    auto r = wire.read();
    ASSERT_TRUE(r) << "closed without an answer";
    expectJsonError(*r, 400, "bad_request");
    EXPECT_EQ(r->headers["connection"], "close");
    EXPECT_TRUE(wire.waitClosed(5s).closed) << "a broken stream must not be reused";
  }
}

TEST_F(HttpFront, InvalidPercentEncodingOrUtf8InTargetIs400) {
  for (const std::string target : {"/api/v1/patients?q=%C3%28", "/api/v1/%C3%28", "/healthz?x=%C3",
                                   "/healthz?x=%zz", "/healthz?%ff=1", "/healthz%", "/healthz?x=%E2%82"}) {
    SCOPED_TRACE(target);
    Wire wire(server->port());
    wire.send(get(target));
    auto r = wire.read();
    ASSERT_TRUE(r);
    expectJsonError(*r, 400, "bad_request");
  }
  // Well-formed encoding is decoded before routing.
  auto client = server->client();
  EXPECT_EQ(client.get("/heal%74hz").status, 200u);
  EXPECT_EQ(client.get("/healthz?x=%C3%A9").status, 200u);
}

TEST_F(HttpFront, IdleConnectionIsClosedAfterIdleTimeout) {
  // Silent from the start.
  Wire silent(server->port());
  auto ending = silent.waitClosed(5s);
  EXPECT_TRUE(ending.closed) << "still open after 5 s with idleTimeout = 1 s";
  EXPECT_EQ(ending.bytes, 0u) << "a connection that never asked gets no answer";
  EXPECT_GE(ending.after, 800ms);

  // Silent after one answered request.
  Wire kept(server->port());
  kept.send(get("/healthz"));
  ASSERT_TRUE(kept.read());
  auto ending2 = kept.waitClosed(5s);
  EXPECT_TRUE(ending2.closed);
  EXPECT_EQ(ending2.bytes, 0u);
  EXPECT_GE(ending2.after, 800ms);
}

// Once a request's first byte has arrived, the whole request must arrive within readTimeout
// (1 s here). Beast's tcp_stream closes the socket when its timer fires, so the server cannot
// answer 408: the connection is closed without a response. That is what is asserted.
TEST_F(HttpFront, RequestThatNeverCompletesIsClosedAfterReadTimeout) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"body short of its Content-Length",
       "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
       "{\"email\":"},
      {"header never finished", "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Partial: yes"},
      {"chunked body without its last chunk",
       "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
       "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n"},
  };
  for (const auto& [name, bytes] : cases) {
    SCOPED_TRACE(name);
    Wire wire(server->port());
    wire.send(bytes);
    auto ending = wire.waitClosed(5s);
    EXPECT_TRUE(ending.closed) << "still open 5 s after a stalled request (readTimeout = 1 s)";
    EXPECT_EQ(ending.bytes, 0u) << "no 408 can be written on a socket Beast has closed";
    EXPECT_GE(ending.after, 800ms);
    EXPECT_LT(ending.after, 3s);
  }
}

// A client trickling its header a byte at a time is cut off by the read timeout too, even though
// bytes keep coming (the timer is not restarted by each byte).
TEST_F(HttpFront, TricklingHeaderIsCutOffAfterReadTimeout) {
  Wire wire(server->port());
  const std::string header = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: " + std::string(200, 's') + "\r\n\r\n";
  const auto start = Clock::now();
  bool closed = false;
  for (std::size_t i = 0; i < header.size() && since(start) < 5s; ++i) {
    if (wire.send(header.substr(i, 1))) {
      closed = true;  // the server is gone
      break;
    }
    auto ending = wire.waitClosed(100ms);  // also paces the trickle
    EXPECT_EQ(ending.bytes, 0u);
    if (ending.closed) {
      closed = true;
      break;
    }
  }
  EXPECT_TRUE(closed) << "a trickling client kept its connection for " << since(start).count() << " ms";
  EXPECT_LT(since(start), 3s);
}

// Readiness answers 503 when the database cannot be reached: TestServer's pool opens connections
// lazily, so pointing config.databaseUrl at a database that does not exist gives a server that
// starts but can never reach its database.
TEST(HttpReadiness, ReadyzIs503WhenTheDatabaseDoesNotExist) {
  TestServer server([](server::Config& c) { c.databaseUrl = TestDatabase::urlOf("practicum_no_such_database"); });
  auto client = server.client();
  EXPECT_EQ(client.get("/healthz").status, 200u) << "liveness does not depend on the database";
  expectJsonError(client.get("/readyz"), 503, "unavailable");
  // API routes say the same thing, not 500.
  const std::string token(43, 'a');
  expectJsonError(client.get("/api/v1/me", token), 503, "unavailable");
}

// The database disappears under a running server (renamed away) and comes back: readiness follows.
TEST(HttpReadiness, ReadyzFollowsTheDatabaseGoingAndComing) {
  TestServer server;
  auto account = server.createAccount(Role::Student);
  auto client = server.client();
  ASSERT_EQ(client.get("/readyz").status, 200u);

  const auto name = server.database().name();
  const auto away = name + "_away";
  db::Connection admin(TestDatabase::clusterUrl());
  auto rename = [&](const std::string& from, const std::string& to) {
    return eventually([&] {
      admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
                  from);
      try {
        admin.script("ALTER DATABASE " + from + " RENAME TO " + to);
        return true;
      } catch (const db::PgError&) {
        return false;  // a terminated backend had not exited yet
      }
    });
  };
  ASSERT_TRUE(rename(name, away));
  // The pool's connections are dead and no new one can be opened.
  for (int i = 0; i < 3; ++i) {
    SCOPED_TRACE(i);
    expectJsonError(client.get("/readyz"), 503, "unavailable");
  }
  expectJsonError(client.get("/api/v1/me", account.token), 503, "unavailable");
  EXPECT_EQ(client.get("/healthz").status, 200u);

  ASSERT_TRUE(rename(away, name));
  EXPECT_EQ(client.get("/readyz").status, 200u) << "the pool did not recover";
  EXPECT_EQ(client.get("/api/v1/me", account.token).status, 200u);
}

// /readyz turns 503 as soon as draining starts, while /healthz stays 200. TestServer raises its
// draining flag only inside its destructor, after which no new request is read, so this test
// wires the production pieces (Services, registerRoutes, HttpServer) with a flag of its own, the
// way cli.cpp's serve() does.
TEST(HttpReadiness, ReadyzIs503OnceDraining) {
  TestDatabase database;
  server::Config config;
  config.databaseUrl = database.url();
  db::Pool pool(config.databaseUrl, 2, std::chrono::seconds(5));
  server::auth::PasswordHasher hasher(1);
  std::atomic<bool> draining{false};
  server::api::Services services{config, pool, hasher, draining};
  server::http::Router router;
  server::api::registerRoutes(router, services);
  server::http::ServerOptions options;
  options.port = 0;
  options.ioThreads = 1;
  options.workerThreads = 2;
  options.accessLog = false;
  server::http::HttpServer http(options, router);
  const auto port = http.start();

  HttpClient client(port);
  EXPECT_EQ(client.get("/readyz").status, 200u);
  draining = true;  // what serve() does on SIGTERM, just before HttpServer::stop()
  expectJsonError(client.get("/readyz"), 503, "unavailable");
  EXPECT_EQ(client.get("/healthz").status, 200u);
  http.stop();
  EXPECT_TRUE(refused(port));
}

// Graceful drain: requests in flight when stop() begins all get their full answer; idle
// keep-alive connections are closed; new connections are refused.
TEST(HttpDrain, InFlightRequestsFinishAndNewConnectionsAreRefused) {
  auto* server = new TestServer();
  const auto port = server->port();
  auto student = server->createAccount(Role::Student);

  Wire idle(port);
  idle.send(get("/healthz"));
  ASSERT_TRUE(idle.read());

  // Hold the tables the requests need, so each one stays inside its handler, visibly waiting on
  // a lock in pg_stat_activity, until we let go.
  std::optional<db::Connection> locker(std::in_place, server->database().url());
  locker->script("BEGIN; LOCK TABLE patients, login_failures IN ACCESS EXCLUSIVE MODE");
  db::Connection watcher(server->database().url());

  struct Flight {
    std::string method, target;
    std::optional<std::string> body;
    std::string token;
    unsigned expected;
  };
  const auto login = [&](const std::string& password) {
    return boost::json::serialize(boost::json::object{{"email", student.user.email}, {"password", password}});
  };
  const std::vector<Flight> flights = {
      {"GET", "/api/v1/patients", std::nullopt, student.token, 200},
      {"GET", "/api/v1/patients?limit=5", std::nullopt, student.token, 200},
      {"GET", "/api/v1/patients?q=x", std::nullopt, student.token, 200},
      {"POST", "/api/v1/auth/login", login(student.password), {}, 200},
      {"POST", "/api/v1/auth/login", login(student.password), {}, 200},
      {"POST", "/api/v1/auth/login", login("wrong password 1"), {}, 401},
  };
  std::vector<HttpResult> results(flights.size());
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < flights.size(); ++i) {
    threads.emplace_back([&, i] {
      HttpClient client(port);
      std::map<std::string, std::string> headers;
      if (!flights[i].token.empty()) headers["Authorization"] = "Bearer " + flights[i].token;
      try {
        results[i] = client.request(flights[i].method, flights[i].target, flights[i].body, headers);
      } catch (const std::exception&) {
        results[i] = {};  // status 0: no complete answer
      }
    });
  }
  const auto blocked = [&] {
    return watcher
               .query("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")
               .integer(0, 0);
  };
  ASSERT_TRUE(eventually([&] { return blocked() == static_cast<std::int64_t>(flights.size()); }))
      << "only " << blocked() << " requests reached the database";

  std::thread stopper([&] { delete server; });
  EXPECT_TRUE(eventually([&] { return refused(port); }, 5s)) << "still accepting while draining";
  auto ending = idle.waitClosed(5s);
  EXPECT_TRUE(ending.closed) << "an idle keep-alive connection was not closed at drain";
  EXPECT_EQ(ending.bytes, 0u);

  locker->script("ROLLBACK");
  locker.reset();
  for (auto& t : threads) t.join();
  stopper.join();

  for (std::size_t i = 0; i < flights.size(); ++i) {
    SCOPED_TRACE(flights[i].method + " " + flights[i].target);
    EXPECT_EQ(results[i].status, flights[i].expected) << results[i].body;
    EXPECT_TRUE(results[i].json().is_object() && !results[i].json().as_object().empty()) << "incomplete body";
    EXPECT_EQ(results[i].headers["connection"], "close") << "a draining server must not keep connections alive";
  }
  EXPECT_TRUE(refused(port));
}
