#include "tests/support/loopback_server.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>

#include <sys/socket.h>

#include <atomic>
#include <cctype>
#include <mutex>
#include <set>
#include <thread>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

namespace practicum::test {

namespace {

std::string lowerCase(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string formDecode(std::string_view in) {
  std::string out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '+') {
      out.push_back(' ');
    } else if (in[i] == '%' && i + 2 < in.size() && hexValue(in[i + 1]) >= 0 && hexValue(in[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hexValue(in[i + 1]) * 16 + hexValue(in[i + 2])));
      i += 2;
    } else {
      out.push_back(in[i]);
    }
  }
  return out;
}

class SocketConnection final : public LoopbackConnection {
public:
  SocketConnection(tcp::socket& socket, const std::atomic<bool>& stopping) : socket_(socket), stopping_(stopping) {}
  bool write(std::string_view bytes) override {
    boost::system::error_code ec;
    asio::write(socket_, asio::buffer(bytes.data(), bytes.size()), ec);
    return !ec;
  }
  bool waitForHangup() override {
    boost::system::error_code ec;
    char byte = 0;
    while (!ec) socket_.read_some(asio::buffer(&byte, 1), ec);  // returns when the client hangs up
    return !stopping_;
  }

private:
  tcp::socket& socket_;
  const std::atomic<bool>& stopping_;
};

}  // namespace

boost::json::value RecordedRequest::json() const {
  boost::system::error_code ec;
  auto v = boost::json::parse(body, ec);
  return ec ? boost::json::value() : v;
}

std::map<std::string, std::string> RecordedRequest::form() const {
  std::map<std::string, std::string> out;
  std::string_view rest(body);
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const auto pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    out[formDecode(pair.substr(0, eq))] = eq == std::string_view::npos ? "" : formDecode(pair.substr(eq + 1));
  }
  return out;
}

std::string RecordedRequest::header(std::string_view name) const {
  auto it = headers.find(lowerCase(name));
  return it == headers.end() ? std::string() : it->second;
}

struct LoopbackHttpServer::Impl {
  Handler handler;
  asio::io_context ioc;
  tcp::acceptor acceptor{ioc};
  std::uint16_t port = 0;
  std::thread acceptThread;
  std::atomic<bool> stopping{false};

  mutable std::mutex mutex;
  std::vector<RecordedRequest> requests;
  std::set<int> openSockets;  ///< native handles, so the destructor can unblock their threads
  std::vector<std::thread> connections;
  std::size_t connectionCount = 0;

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
    SocketConnection connection(socket, stopping);
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
      for (const auto& field : request) record.headers[lowerCase(field.name_string())] = std::string(field.value());
      record.body = request.body();
      record.receivedAt = std::chrono::steady_clock::now();
      record.connection = id;
      {
        std::lock_guard lock(mutex);
        requests.push_back(record);
      }
      if (!handler(record, connection) || !request.keep_alive()) break;
    }
    {
      std::lock_guard lock(mutex);
      openSockets.erase(socket.native_handle());
    }
    boost::system::error_code ignored;
    socket.shutdown(tcp::socket::shutdown_both, ignored);
    socket.close(ignored);
  }
};

LoopbackHttpServer::LoopbackHttpServer(Handler handler) : impl_(std::make_unique<Impl>()) {
  impl_->handler = std::move(handler);
  const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), 0);
  impl_->acceptor.open(endpoint.protocol());
  impl_->acceptor.set_option(tcp::acceptor::reuse_address(true));
  impl_->acceptor.bind(endpoint);
  impl_->acceptor.listen();
  impl_->port = impl_->acceptor.local_endpoint().port();
  impl_->acceptThread = std::thread([this] { impl_->acceptLoop(); });
}

LoopbackHttpServer::~LoopbackHttpServer() {
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

std::uint16_t LoopbackHttpServer::port() const {
  return impl_->port;
}

std::string LoopbackHttpServer::baseUrl() const {
  return "http://127.0.0.1:" + std::to_string(impl_->port);
}

std::vector<RecordedRequest> LoopbackHttpServer::requests() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->requests;
}

std::string httpResponse(unsigned status, std::string_view contentType, std::string_view body,
                         const std::vector<std::pair<std::string, std::string>>& headers) {
  std::string out = "HTTP/1.1 " + std::to_string(status) + " " +
                    std::string(bhttp::obsolete_reason(bhttp::int_to_status(status))) + "\r\n";
  out += "Content-Type: " + std::string(contentType) + "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  for (const auto& [name, value] : headers) out += name + ": " + value + "\r\n";
  out += "\r\n";
  out += body;
  return out;
}

}  // namespace practicum::test
