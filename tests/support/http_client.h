#pragma once
/// A blocking HTTP/1.1 client for tests: JSON requests on one keep-alive connection, and raw
/// bytes on a fresh one for hostile input the JSON helpers could never produce.

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace practicum::test {

struct HttpResult {
  unsigned status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  ///< lower-case names

  /// The body as JSON; an empty object when it is not JSON.
  boost::json::value json() const;
  /// error.code of an error body, or "" when there is none.
  std::string errorCode() const;
};

class HttpClient {
public:
  explicit HttpClient(std::uint16_t port);
  ~HttpClient();
  HttpClient(HttpClient&&) noexcept;

  /// Sends a request on the kept-alive connection (reconnecting when the server closed it).
  HttpResult request(std::string_view method, std::string_view target, std::optional<std::string> body = std::nullopt,
                     const std::map<std::string, std::string>& headers = {},
                     std::string_view contentType = "application/json");

  HttpResult get(std::string_view target, const std::string& token = {});
  HttpResult post(std::string_view target, const boost::json::object& body, const std::string& token = {});
  HttpResult patch(std::string_view target, const boost::json::object& body, const std::string& token = {});
  HttpResult del(std::string_view target, const std::string& token = {});
  /// A raw body with application/json, e.g. malformed or non-UTF-8 bytes.
  HttpResult postRaw(std::string_view method, std::string_view target, std::string body, const std::string& token = {});

  /// Writes `bytes` on a new connection and reads one response (status 0 if the server closed
  /// without answering).
  HttpResult raw(const std::string& bytes);

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Percent-encodes a query value.
std::string urlEncode(std::string_view text);

}  // namespace practicum::test
