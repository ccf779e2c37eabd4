#pragma once
/// The API's error vocabulary: a stable machine code, its HTTP status, and the exception
/// that carries an error from deep inside a handler to the one place that answers it.

#include <boost/json/object.hpp>

#include <stdexcept>
#include <string>
#include <string_view>

namespace practicum {

enum class ErrorCode {
  MalformedJson,         // 400 body is not JSON, not UTF-8, or not an object
  BadRequest,            // 400 malformed query string, header or path
  InvalidSignature,      // 400 a webhook whose signature is missing, malformed, forged or stale
  Unauthenticated,       // 401 missing, unknown, expired or revoked token
  InvalidCredentials,    // 401 login failed (same answer for unknown email and wrong password)
  InsufficientCredits,   // 402
  Forbidden,             // 403 authenticated but not allowed
  NotFound,              // 404
  MethodNotAllowed,      // 405
  Conflict,              // 409 state does not allow the change
  EmailTaken,            // 409
  PayloadTooLarge,       // 413
  UnsupportedMediaType,  // 415
  ValidationFailed,      // 422 well-formed JSON with invalid, missing or unknown fields
  HeadersTooLarge,       // 431
  RateLimited,           // 429
  Internal,              // 500
  Unavailable,           // 503 database down, draining
};

std::string_view errorCodeName(ErrorCode code);
unsigned httpStatus(ErrorCode code);

/// Thrown by validation and handlers; answered as {"error":{"code","message","details"}}.
class ApiError : public std::runtime_error {
public:
  ApiError(ErrorCode code, std::string message, boost::json::object details = {});

  ErrorCode code() const noexcept { return code_; }
  const boost::json::object& details() const noexcept { return details_; }

  /// The response body: {"error":{"code":…,"message":…,"details":{…}}}.
  boost::json::object toJson() const;

private:
  ErrorCode code_;
  boost::json::object details_;
};

}  // namespace practicum
