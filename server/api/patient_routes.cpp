// /patients: the catalog. Students see the public brief; staff also see and author the case.

#include "core/codecs.h"
#include "core/consultation/case.h"
#include "core/validation.h"
#include "server/api/paging.h"
#include "server/api/routes.h"
#include "server/repo/patients.h"

namespace practicum::server::api {

namespace verb = boost::beast::http;
using http::Access;
using http::Request;
using http::Response;

namespace {

Response list(Services& s, Request& r) {
  const bool staff = isStaff(r.currentUser().role);
  repo::PatientQuery q;
  q.withCase = staff;
  q.limit = pageLimit(r);
  q.text = r.queryParam("q");
  q.tag = r.queryParam("tag");
  if (q.text && validation::utf8Length(*q.text) > 200) throw ApiError(ErrorCode::BadRequest, "q must be at most 200 characters.");
  if (q.tag && validation::utf8Length(*q.tag) > 40) throw ApiError(ErrorCode::BadRequest, "tag must be at most 40 characters.");
  if (auto d = r.queryParam("difficulty")) {
    q.difficulty = enumFromString<Difficulty>(*d);
    if (!q.difficulty) {
      throw ApiError(ErrorCode::BadRequest, "difficulty must be one of: " + enumChoices<Difficulty>() + ".");
    }
  }
  if (auto archived = r.queryParam("include_archived")) {
    if (*archived != "true" && *archived != "false") throw ApiError(ErrorCode::BadRequest, "include_archived must be true or false.");
    if (*archived == "true" && !staff) throw ApiError(ErrorCode::Forbidden, "Only instructors and admins see archived patients.");
    q.includeArchived = *archived == "true";
  }
  if (auto cursor = pageCursor(r, 2)) {
    // The id half goes to a ::uuid cast: a forged one must be a 400, not a failed statement (500).
    if (!validation::isUuid((*cursor)[1])) throw ApiError(ErrorCode::BadRequest, "cursor is not one this server handed out.");
    q.after = std::pair((*cursor)[0], (*cursor)[1]);
  }

  auto conn = s.pool.acquire();
  auto patients = repo::listPatients(*conn, q);
  boost::json::array items;
  for (const auto& p : patients) items.push_back(toJson(p, staff));
  std::optional<std::string> next;
  if (static_cast<int>(patients.size()) == q.limit) next = encodeCursor({patients.back().name, patients.back().id});
  return Response::json(200, pageJson(std::move(items), next));
}

/// The problems of a structured case (one naming its schema_version), keyed "case.<path>" as
/// parseCase reports them; empty when it is fine or not a structured case. Other objects are kept
/// as drafts: such a patient can be listed but not booked until it gets a complete case.
boost::json::object caseProblems(const boost::json::object& body) {
  const auto* value = body.if_contains("case");
  if (!value || !value->is_object() || !value->get_object().contains("schema_version")) return {};
  try {
    consultation::parseCase(value->get_object());
    return {};
  } catch (const ApiError& e) {
    boost::json::object out;
    if (const auto* fields = e.details().if_contains("fields"); fields && fields->is_object()) {
      for (const auto& [key, message] : fields->get_object()) out["case." + std::string(key)] = message;
    }
    if (out.empty()) out["case"] = e.what();
    return out;
  }
}

/// Decodes a patient body and checks its case, reporting every problem of both in one 422.
template <class Decode> PatientInput decodeWithCase(const boost::json::object& body, Decode decode) {
  auto problems = caseProblems(body);
  try {
    auto input = decode(body);
    if (problems.empty()) return input;
  } catch (const ApiError& e) {
    const auto* fields = e.details().if_contains("fields");
    if (e.code() != ErrorCode::ValidationFailed || !fields || !fields->is_object()) throw;
    for (const auto& [key, message] : fields->get_object()) problems[key] = message;
  }
  throw ApiError(ErrorCode::ValidationFailed, "Some fields are missing or invalid.", {{"fields", std::move(problems)}});
}

Patient existing(db::Connection& conn, const std::string& id) {
  auto p = repo::findPatient(conn, id);
  if (!p) throw ApiError(ErrorCode::NotFound, "No such patient.");
  return *p;
}

}  // namespace

void registerPatientRoutes(http::Router& router, Services& s) {
  router.add(verb::verb::get, "/api/v1/patients", Access::Authenticated, [&s](Request& r) { return list(s, r); });
  router.add(verb::verb::get, "/api/v1/patients/{id}", Access::Authenticated, [&s](Request& r) {
    const auto id = r.uuidParam(0);
    auto conn = s.pool.acquire();
    return Response::json(200, toJson(existing(*conn, id), isStaff(r.currentUser().role)));
  });
  router.add(verb::verb::post, "/api/v1/patients", Access::Staff, [&s](Request& r) {
    const auto input = decodeWithCase(r.jsonBody(), decodePatientCreate);
    auto conn = s.pool.acquire();
    auto p = repo::insertPatient(*conn, input, r.currentUser().id);
    auto response = Response::json(201, toJson(p, true));
    response.headers.emplace_back("Location", "/api/v1/patients/" + p.id);
    return response;
  });
  router.add(verb::verb::patch, "/api/v1/patients/{id}", Access::Staff, [&s](Request& r) {
    const auto id = r.uuidParam(0);
    const auto input = decodeWithCase(r.jsonBody(), decodePatientPatch);
    auto conn = s.pool.acquire();
    auto p = repo::updatePatient(*conn, id, input);
    if (!p) throw ApiError(ErrorCode::NotFound, "No such patient.");
    return Response::json(200, toJson(*p, true));
  });
  // Archives: the patient leaves the catalog and cannot be booked; past sessions stay readable.
  router.add(verb::verb::delete_, "/api/v1/patients/{id}", Access::Staff, [&s](Request& r) {
    const auto id = r.uuidParam(0);
    auto conn = s.pool.acquire();
    if (!repo::archivePatient(*conn, id)) throw ApiError(ErrorCode::NotFound, "No such patient.");
    return Response::noContent();
  });
}

}  // namespace practicum::server::api
