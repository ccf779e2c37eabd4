#include "core/errors.h"

namespace practicum {

std::string_view errorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::MalformedJson: return "malformed_json";
    case ErrorCode::BadRequest: return "bad_request";
    case ErrorCode::InvalidSignature: return "invalid_signature";
    case ErrorCode::Unauthenticated: return "unauthenticated";
    case ErrorCode::InvalidCredentials: return "invalid_credentials";
    case ErrorCode::InsufficientCredits: return "insufficient_credits";
    case ErrorCode::Forbidden: return "forbidden";
    case ErrorCode::NotFound: return "not_found";
    case ErrorCode::MethodNotAllowed: return "method_not_allowed";
    case ErrorCode::Conflict: return "conflict";
    case ErrorCode::EmailTaken: return "email_taken";
    case ErrorCode::PayloadTooLarge: return "payload_too_large";
    case ErrorCode::UnsupportedMediaType: return "unsupported_media_type";
    case ErrorCode::ValidationFailed: return "validation_failed";
    case ErrorCode::HeadersTooLarge: return "headers_too_large";
    case ErrorCode::RateLimited: return "rate_limited";
    case ErrorCode::Internal: return "internal";
    case ErrorCode::Unavailable: return "unavailable";
  }
  return "internal";
}

unsigned httpStatus(ErrorCode code) {
  switch (code) {
    case ErrorCode::MalformedJson:
    case ErrorCode::BadRequest:
    case ErrorCode::InvalidSignature: return 400;
    case ErrorCode::Unauthenticated:
    case ErrorCode::InvalidCredentials: return 401;
    case ErrorCode::InsufficientCredits: return 402;
    case ErrorCode::Forbidden: return 403;
    case ErrorCode::NotFound: return 404;
    case ErrorCode::MethodNotAllowed: return 405;
    case ErrorCode::Conflict:
    case ErrorCode::EmailTaken: return 409;
    case ErrorCode::PayloadTooLarge: return 413;
    case ErrorCode::UnsupportedMediaType: return 415;
    case ErrorCode::ValidationFailed: return 422;
    case ErrorCode::RateLimited: return 429;
    case ErrorCode::HeadersTooLarge: return 431;
    case ErrorCode::Internal: return 500;
    case ErrorCode::Unavailable: return 503;
  }
  return 500;
}

ApiError::ApiError(ErrorCode code, std::string message, boost::json::object details)
    : std::runtime_error(std::move(message)), code_(code), details_(std::move(details)) {}

boost::json::object ApiError::toJson() const {
  return {{"error", {{"code", errorCodeName(code_)}, {"message", what()}, {"details", details_}}}};
}

}  // namespace practicum
