// The server's view of HTTP, independent of the HTTP library: a request with its matched path
// parameters and the caller, a response, and the one table from error codes to HTTP statuses.
// Only server.cpp includes the HTTP library (cpp-httplib); routes see these types.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "access/user.hpp"
#include "core/error.hpp"

namespace lienket::api {

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string path;    // without the query
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string remote_address;
  // Filled by the service before the route runs.
  std::string request_id;
  std::map<std::string, std::string> path_params;  // {unit} -> "nghe-an"
  std::optional<access::User> user;                // the session's user, if any
  std::optional<access::Session> session;

  [[nodiscard]] std::string Header(const std::string& lower_name) const;
  // Query parameter or "" when absent.
  [[nodiscard]] std::string Query(const std::string& name) const;
  [[nodiscard]] const std::string& Param(const std::string& name) const;
  [[nodiscard]] const access::User* Caller() const { return user ? &*user : nullptr; }
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  // A body shared with a cache, sent without copying; when set, `body` is ignored.
  std::shared_ptr<const std::string> shared_body;
  std::vector<std::pair<std::string, std::string>> headers;

  [[nodiscard]] std::size_t BodySize() const {
    return shared_body ? shared_body->size() : body.size();
  }
  [[nodiscard]] static HttpResponse Json(const nlohmann::json& body, int status = 200);
  // A file download with Content-Disposition: attachment (RFC 6266/5987 for Vietnamese names).
  [[nodiscard]] static HttpResponse File(std::string bytes, std::string content_type,
                                         const std::string& file_name);
};

// The one error shape of the API:
//   {"error": {"code", "message_vi", "message_en", "details": [...]}, "request_id"}.
[[nodiscard]] HttpResponse ErrorResponse(const core::Error& error, const std::string& request_id,
                                         nlohmann::json details = nlohmann::json::array());
// invalid_argument 400, unauthenticated 401, permission_denied 403, not_found 404,
// already_exists 409, failed_precondition 409, resource_exhausted 429 (413 for bodies, set by
// the caller), unavailable 503, internal 500.
[[nodiscard]] int HttpStatusFor(core::ErrorCode code);

// Errors routes return. The messages say what to do.
[[nodiscard]] core::Error Unauthenticated();
[[nodiscard]] core::Error PermissionDenied(std::string_view what_vi, std::string_view what_en);
[[nodiscard]] core::Error NotFound(std::string_view what_vi, std::string_view what_en);
[[nodiscard]] core::Error BadRequest(std::string_view what_vi, std::string_view what_en);

// The database id in path parameter `param` ("/api/events/{id}"): digits, not 0. Anything else is
// kNotFound naming `what` ("sự kiện \"abc\"" / "event \"abc\""), as an unknown id would be.
[[nodiscard]] core::Result<std::int64_t> PathId(const HttpRequest& r, const std::string& param,
                                                std::string_view what_vi, std::string_view what_en);

// A private file name in the temporary folder for a converter that needs a file (an uploaded
// .xlsx, a report written by pandoc), removed when the object goes, whatever happened.
struct ScratchFile {
  std::string path;
  explicit ScratchFile(std::string_view extension);
  ~ScratchFile();
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;
};

// The problems of a request body's fields, reported together: 400 with one detail per field.
struct FieldProblems {
  nlohmann::json details = nlohmann::json::array();
  void Add(std::string field, const core::Error& e) {
    Add(std::move(field), e.message_vi, e.message_en);
  }
  void Add(std::string field, std::string vi, std::string en) {
    details.push_back({{"field", std::move(field)},
                       {"message_vi", std::move(vi)},
                       {"message_en", std::move(en)}});
  }
  [[nodiscard]] bool empty() const { return details.empty(); }
  [[nodiscard]] HttpResponse Response(const HttpRequest& r) const;
};

// Parses a JSON object body and checks its fields: every key must be in `allowed` (an unknown
// field is an error, so a misspelt field never silently does nothing). Errors: kInvalidArgument
// naming the position of a syntax error or the unknown fields.
[[nodiscard]] core::Result<nlohmann::json> ParseJsonBody(const std::string& body,
                                                         const std::vector<std::string>& allowed);
// A string field of a parsed body, "" when absent or null; kInvalidArgument when not a string.
[[nodiscard]] core::Result<std::string> StringField(const nlohmann::json& body,
                                                    const std::string& name);

}  // namespace lienket::api
