#include "server/http/message.h"

#include "core/json_reader.h"
#include "core/validation.h"

#include <boost/beast/core/string.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cctype>

namespace practicum::server::http {

std::string_view Request::header(beast_http::field field) const {
  auto it = raw.find(field);
  return it == raw.end() ? std::string_view() : std::string_view(it->value());
}

std::string_view Request::header(std::string_view name) const {
  auto it = raw.find(name);
  return it == raw.end() ? std::string_view() : std::string_view(it->value());
}

boost::json::object Request::jsonBody() const {
  auto type = header(beast_http::field::content_type);
  const auto semicolon = type.find(';');
  if (semicolon != std::string_view::npos) type = type.substr(0, semicolon);
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  if (!body().empty() && !boost::beast::iequals(type, "application/json")) {
    throw ApiError(ErrorCode::UnsupportedMediaType, "Send the body as application/json.");
  }
  return parseJsonObject(body());
}

std::string Request::uuidParam(std::size_t index) const {
  auto value = pathParams.at(index);
  if (!validation::isUuid(value)) throw ApiError(ErrorCode::BadRequest, "The id in the path must be a UUID.", {{"id", value}});
  std::transform(value.begin(), value.end(), value.begin(),
                 [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
  return value;
}

std::optional<std::string> Request::queryParam(const std::string& key) const {
  auto it = query.find(key);
  if (it == query.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

Response Response::json(unsigned status, const boost::json::value& body) {
  Response r;
  r.status = status;
  r.body = boost::json::serialize(body);
  return r;
}

std::string htmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

Response Response::html(unsigned status, std::string page) {
  Response r;
  r.status = status;
  r.body = std::move(page);
  r.contentType = "text/html; charset=utf-8";
  // Our pages run no script and embed nothing from elsewhere.
  r.headers.emplace_back("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
  r.headers.emplace_back("X-Frame-Options", "DENY");
  return r;
}

Response Response::noContent() {
  Response r;
  r.status = 204;
  r.contentType.clear();
  return r;
}

Response Response::error(const ApiError& error) {
  auto r = json(httpStatus(error.code()), error.toJson());
  if (error.code() == ErrorCode::RateLimited) {
    if (const auto* after = error.details().if_contains("retry_after_seconds")) {
      r.headers.emplace_back("Retry-After", boost::json::serialize(*after));
    }
  }
  return r;
}

Response Response::eventStream(EventProducer producer) {
  Response r;
  r.status = 200;
  r.contentType = "text/event-stream";
  // nginx would otherwise buffer the stream and deliver it at the end.
  r.headers.emplace_back("X-Accel-Buffering", "no");
  r.stream = std::move(producer);
  return r;
}

std::string formatEvent(std::string_view event, const boost::json::value& data) {
  // Serialized JSON has no raw newline (they are escaped in strings), so one data line suffices.
  std::string out = "event: ";
  out += event;
  out += "\ndata: ";
  out += boost::json::serialize(data);
  out += "\n\n";
  return out;
}

namespace {

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool percentDecode(std::string_view in, bool plusIsSpace, std::string& out) {
  out.clear();
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '%') {
      if (i + 2 >= in.size()) return false;
      const int hi = hexValue(in[i + 1]);
      const int lo = hexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (plusIsSpace && in[i] == '+') {
      out.push_back(' ');
    } else {
      out.push_back(in[i]);
    }
  }
  // NUL would silently cut the text short in libpq; no legitimate path or query holds one.
  return out.find('\0') == std::string::npos && validation::isValidUtf8(out);
}

}  // namespace

bool parseTarget(std::string_view target, std::string& path, std::map<std::string, std::string>& query) {
  const auto q = target.find('?');
  if (!percentDecode(target.substr(0, q), false, path)) return false;
  if (path.empty() || path.front() != '/') return false;
  if (q == std::string_view::npos) return true;
  auto rest = target.substr(q + 1);
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const auto pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    std::string key, value;
    if (!percentDecode(pair.substr(0, eq), true, key)) return false;
    if (eq != std::string_view::npos && !percentDecode(pair.substr(eq + 1), true, value)) return false;
    query[std::move(key)] = std::move(value);
  }
  return true;
}

}  // namespace practicum::server::http
