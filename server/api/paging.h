#pragma once
/// Keyset pagination: ?limit= and an opaque ?cursor= naming the last row of the previous page.

#include "server/http/message.h"

#include <optional>
#include <string>
#include <vector>

namespace practicum::server::api {

inline constexpr int kDefaultPageSize = 20;
inline constexpr int kMaxPageSize = 100;

/// ?limit=, 1…100 (default 20); throws ApiError(BadRequest) otherwise.
int pageLimit(const http::Request& request);
/// The cursor's key parts, or nullopt without ?cursor=; throws ApiError(BadRequest) when forged.
std::optional<std::vector<std::string>> pageCursor(const http::Request& request, std::size_t parts);
std::string encodeCursor(const std::vector<std::string>& parts);

}  // namespace practicum::server::api
