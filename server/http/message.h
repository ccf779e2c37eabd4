#pragma once
/// What a handler sees of a request, and what it answers.

#include "core/domain.h"
#include "core/errors.h"

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/json/value.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace practicum::server::http {

namespace beast_http = boost::beast::http;
using RawRequest = beast_http::request<beast_http::string_body>;

struct Request {
  RawRequest raw;
  std::string path;                          ///< percent-decoded path, without the query
  std::map<std::string, std::string> query;  ///< percent-decoded; the last of repeated keys wins
  std::string remoteAddress;
  std::string requestId;
  std::vector<std::string> pathParams;  ///< the {…} segments of the matched route, in order
  std::optional<User> user;             ///< set when the route requires authentication

  beast_http::verb method() const { return raw.method(); }
  const std::string& body() const { return raw.body(); }
  std::string_view header(beast_http::field field) const;
  std::string_view header(std::string_view name) const;
  /// The signed-in user; only valid on routes that require authentication.
  const User& currentUser() const { return *user; }
  /// The JSON object body, after checking Content-Type; throws ApiError otherwise.
  boost::json::object jsonBody() const;
  /// A path parameter that must be a UUID, lower-cased; throws ApiError(BadRequest) otherwise.
  std::string uuidParam(std::size_t index) const;
  /// The query parameter, if present and non-empty.
  std::optional<std::string> queryParam(const std::string& key) const;
};

/// Where the producer of a streamed response sends its Server-Sent Events. Thread-safe; events go
/// out in the order sent.
class EventSink {
public:
  virtual ~EventSink() = default;
  /// Queues "event: <event>\ndata: <data as one line of JSON>\n\n"; false once the client has
  /// gone (the producer may still finish its work: nothing more is written).
  virtual bool send(std::string_view event, const boost::json::value& data) = 0;
};

/// Produces a streamed body. Runs on the worker pool after the headers were sent; may block.
using EventProducer = std::function<void(EventSink&)>;

struct Response {
  unsigned status = 200;
  std::string body;
  std::string contentType = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  /// Set by eventStream(): the body is text/event-stream, sent chunked as the producer runs.
  EventProducer stream;

  static Response json(unsigned status, const boost::json::value& body);
  /// A small HTML page (checkout return pages), with headers that forbid scripts and framing.
  static Response html(unsigned status, std::string page);
  static Response noContent();
  static Response error(const ApiError& error);
  /// 200 text/event-stream whose events `producer` sends; an exception escaping it ends the stream
  /// with an `error` event.
  static Response eventStream(EventProducer producer);
};

/// & < > " ' as character references, for text put into HTML (pages and mail).
std::string htmlEscape(std::string_view text);

/// One Server-Sent Event as written on the wire.
std::string formatEvent(std::string_view event, const boost::json::value& data);

/// Splits "target" into a decoded path and query map; false when the percent-encoding is
/// malformed or decodes to invalid UTF-8.
bool parseTarget(std::string_view target, std::string& path, std::map<std::string, std::string>& query);

}  // namespace practicum::server::http
