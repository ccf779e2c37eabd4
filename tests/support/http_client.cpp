#include "tests/support/http_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

namespace practicum::test {

boost::json::value HttpResult::json() const {
  boost::system::error_code ec;
  auto v = boost::json::parse(body, ec);
  return ec ? boost::json::value(boost::json::object()) : v;
}

std::string HttpResult::errorCode() const {
  auto v = json();
  if (!v.is_object()) return {};
  const auto* e = v.as_object().if_contains("error");
  if (!e || !e->is_object()) return {};
  const auto* code = e->as_object().if_contains("code");
  return code && code->is_string() ? std::string(code->as_string()) : std::string();
}

struct HttpClient::Impl {
  std::uint16_t port;
  asio::io_context ioc;
  std::optional<beast::tcp_stream> stream;
  beast::flat_buffer buffer;

  void connect() {
    stream.emplace(ioc);
    stream->connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    buffer.clear();
  }

  HttpResult readResponse() {
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    stream->expires_after(std::chrono::seconds(30));
    bhttp::read(*stream, buffer, parser);
    auto res = parser.release();
    HttpResult out;
    out.status = res.result_int();
    out.body = std::move(res.body());
    for (const auto& field : res) {
      std::string name(field.name_string());
      std::transform(name.begin(), name.end(), name.begin(), [](char c) { return static_cast<char>(std::tolower(c)); });
      out.headers[name] = std::string(field.value());
    }
    if (!res.keep_alive()) stream.reset();
    return out;
  }
};

HttpClient::HttpClient(std::uint16_t port) : impl_(std::make_unique<Impl>()) { impl_->port = port; }
HttpClient::~HttpClient() = default;
HttpClient::HttpClient(HttpClient&&) noexcept = default;

HttpResult HttpClient::request(std::string_view method, std::string_view target, std::optional<std::string> body,
                               const std::map<std::string, std::string>& headers, std::string_view contentType) {
  bhttp::request<bhttp::string_body> req;
  req.method_string(method);
  req.target(target);
  req.version(11);
  req.set(bhttp::field::host, "127.0.0.1");
  if (body) {
    req.set(bhttp::field::content_type, contentType);
    req.body() = std::move(*body);
  }
  for (const auto& [name, value] : headers) req.set(name, value);
  req.prepare_payload();
  for (int attempt = 0;; ++attempt) {
    try {
      if (!impl_->stream) impl_->connect();
      impl_->stream->expires_after(std::chrono::seconds(30));
      bhttp::write(*impl_->stream, req);
      return impl_->readResponse();
    } catch (const boost::system::system_error&) {
      // The server may have closed an idle keep-alive connection: retry once on a new one.
      impl_->stream.reset();
      if (attempt > 0) throw;
    }
  }
}

namespace {
std::map<std::string, std::string> auth(const std::string& token) {
  if (token.empty()) return {};
  return {{"Authorization", "Bearer " + token}};
}
}  // namespace

HttpResult HttpClient::get(std::string_view target, const std::string& token) {
  return request("GET", target, std::nullopt, auth(token));
}
HttpResult HttpClient::post(std::string_view target, const boost::json::object& body, const std::string& token) {
  return request("POST", target, boost::json::serialize(body), auth(token));
}
HttpResult HttpClient::patch(std::string_view target, const boost::json::object& body, const std::string& token) {
  return request("PATCH", target, boost::json::serialize(body), auth(token));
}
HttpResult HttpClient::del(std::string_view target, const std::string& token) {
  return request("DELETE", target, std::nullopt, auth(token));
}
HttpResult HttpClient::postRaw(std::string_view method, std::string_view target, std::string body, const std::string& token) {
  return request(method, target, std::move(body), auth(token));
}

HttpResult HttpClient::raw(const std::string& bytes) {
  Impl fresh;
  fresh.port = impl_->port;
  fresh.connect();
  boost::system::error_code ec;
  asio::write(fresh.stream->socket(), asio::buffer(bytes), ec);
  try {
    return fresh.readResponse();
  } catch (const boost::system::system_error&) {
    return {};
  }
}

std::string urlEncode(std::string_view text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace practicum::test
