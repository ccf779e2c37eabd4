#pragma once
/// Maps method + path pattern ("/api/v1/patients/{id}") to a handler, enforcing who may call it.
/// Every error a handler throws is answered here, so no exception reaches the network layer.

#include "server/http/message.h"

#include <functional>
#include <string>
#include <vector>

namespace practicum::server::http {

enum class Access {
  Public,         ///< anyone
  Authenticated,  ///< any signed-in, active user
  Staff,          ///< instructors and admins
  Admin,          ///< admins
};

using Handler = std::function<Response(Request&)>;
/// Resolves the bearer token of a request to its user; throws ApiError(Unauthenticated).
using Authenticator = std::function<User(const Request&)>;

class Router {
public:
  void add(beast_http::verb method, std::string pattern, Access access, Handler handler);
  void setAuthenticator(Authenticator authenticator) { authenticator_ = std::move(authenticator); }

  /// Finds the route, authenticates and authorises, runs the handler; never throws.
  Response dispatch(Request& request) const;

private:
  struct Route {
    beast_http::verb method;
    std::vector<std::string> segments;  // "{}" marks a parameter
    Access access;
    Handler handler;
  };
  static bool match(const Route& route, const std::vector<std::string_view>& segments, std::vector<std::string>& params);

  std::vector<Route> routes_;
  Authenticator authenticator_;
};

}  // namespace practicum::server::http
