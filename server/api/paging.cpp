#include "server/api/paging.h"

#include "core/validation.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <sodium.h>

#include <charconv>

namespace practicum::server::api {

int pageLimit(const http::Request& request) {
  auto text = request.queryParam("limit");
  if (!text) return kDefaultPageSize;
  int limit = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), limit);
  if (ec != std::errc() || end != text->data() + text->size() || limit < 1 || limit > kMaxPageSize) {
    throw ApiError(ErrorCode::BadRequest, "limit must be an integer from 1 to 100.", {{"limit", *text}});
  }
  return limit;
}

std::string encodeCursor(const std::vector<std::string>& parts) {
  boost::json::array a;
  for (const auto& p : parts) a.emplace_back(p);
  const auto json = boost::json::serialize(a);
  std::string out(sodium_base64_ENCODED_LEN(json.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(json.data()), json.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  return out;
}

std::optional<std::vector<std::string>> pageCursor(const http::Request& request, std::size_t parts) {
  auto text = request.queryParam("cursor");
  if (!text) return std::nullopt;
  const ApiError invalid(ErrorCode::BadRequest, "cursor is not one this server handed out.");
  if (text->size() > 2048) throw invalid;
  std::string raw(text->size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(raw.data()), raw.size(), text->c_str(), text->size(), nullptr,
                        &length, nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
    throw invalid;
  }
  raw.resize(length);
  boost::system::error_code ec;
  auto value = boost::json::parse(raw, ec);
  if (ec || !value.is_array() || value.as_array().size() != parts) throw invalid;
  std::vector<std::string> out;
  for (const auto& v : value.as_array()) {
    if (!v.is_string()) throw invalid;
    out.emplace_back(v.as_string());
  }
  return out;
}

}  // namespace practicum::server::api
