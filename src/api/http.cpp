#include "api/http.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>

#include "access/user.hpp"

namespace lienket::api {

using core::ErrorCode;

std::string HttpRequest::Header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? std::string() : it->second;
}

std::string HttpRequest::Query(const std::string& name) const {
  auto it = query.find(name);
  return it == query.end() ? std::string() : it->second;
}

const std::string& HttpRequest::Param(const std::string& name) const {
  static const std::string kEmpty;
  auto it = path_params.find(name);
  return it == path_params.end() ? kEmpty : it->second;
}

HttpResponse HttpResponse::Json(const nlohmann::json& body, int status) {
  HttpResponse r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

HttpResponse HttpResponse::File(std::string bytes, std::string content_type,
                                const std::string& file_name) {
  HttpResponse r;
  r.content_type = std::move(content_type);
  r.body = std::move(bytes);
  std::string ascii;
  std::string encoded;
  for (unsigned char c : file_name) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '.' || c == '-' || c == '_';
    ascii += plain ? static_cast<char>(c) : '_';
    encoded += plain ? std::string(1, static_cast<char>(c)) : fmt::format("%{:02X}", c);
  }
  r.headers.emplace_back("Content-Disposition",
                         fmt::format("attachment; filename=\"{}\"; filename*=UTF-8''{}", ascii,
                                     encoded));
  return r;
}

int HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return 400;
    case ErrorCode::kUnauthenticated: return 401;
    case ErrorCode::kPermissionDenied: return 403;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kAlreadyExists: return 409;
    case ErrorCode::kFailedPrecondition: return 409;
    case ErrorCode::kResourceExhausted: return 429;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

HttpResponse ErrorResponse(const core::Error& error, const std::string& request_id,
                           nlohmann::json details) {
  nlohmann::json body = {{"error",
                          {{"code", core::ErrorCodeName(error.code)},
                           {"message_vi", error.message_vi},
                           {"message_en", error.message_en},
                           {"details", std::move(details)}}},
                         {"request_id", request_id}};
  return HttpResponse::Json(body, HttpStatusFor(error.code));
}

core::Error Unauthenticated() {
  return {ErrorCode::kUnauthenticated, "Cần đăng nhập để làm việc này",
          "You need to log in to do this"};
}

core::Error PermissionDenied(std::string_view what_vi, std::string_view what_en) {
  return {ErrorCode::kPermissionDenied, fmt::format("Tài khoản này không có quyền {}", what_vi),
          fmt::format("This account may not {}", what_en)};
}

core::Error NotFound(std::string_view what_vi, std::string_view what_en) {
  return {ErrorCode::kNotFound, fmt::format("Không tìm thấy {}", what_vi),
          fmt::format("Not found: {}", what_en)};
}

core::Result<std::int64_t> PathId(const HttpRequest& r, const std::string& param,
                                  std::string_view what_vi, std::string_view what_en) {
  const std::string& text = r.Param(param);
  std::int64_t id = 0;
  for (char c : text) {
    if (c < '0' || c > '9' || id > 1'000'000'000'000) {
      id = 0;
      break;
    }
    id = id * 10 + (c - '0');
  }
  if (id == 0)
    return tl::unexpected(
        NotFound(fmt::format("{} \"{}\"", what_vi, text), fmt::format("{} \"{}\"", what_en, text)));
  return id;
}

HttpResponse FieldProblems::Response(const HttpRequest& r) const {
  return ErrorResponse(
      {ErrorCode::kInvalidArgument, fmt::format("Có {} trường cần sửa", details.size()),
       fmt::format("{} fields need fixing", details.size())},
      r.request_id, details);
}

ScratchFile::ScratchFile(std::string_view extension) {
  std::error_code ec;
  path = (std::filesystem::temp_directory_path(ec) /
          fmt::format("lienket-{}-{}.{}", getpid(), access::RandomHex(8), extension))
             .string();
}

ScratchFile::~ScratchFile() {
  std::error_code ignored;
  std::filesystem::remove(path, ignored);
}

core::Error BadRequest(std::string_view what_vi, std::string_view what_en) {
  return {ErrorCode::kInvalidArgument, std::string(what_vi), std::string(what_en)};
}

core::Result<nlohmann::json> ParseJsonBody(const std::string& body,
                                           const std::vector<std::string>& allowed) {
  nlohmann::json parsed = nlohmann::json::parse(body.empty() ? std::string("{}") : body, nullptr,
                                                /*allow_exceptions=*/false);
  if (parsed.is_discarded())
    return core::MakeError(ErrorCode::kInvalidArgument,
                           "Nội dung yêu cầu không phải JSON hợp lệ",
                           "The request body is not valid JSON");
  if (!parsed.is_object())
    return core::MakeError(ErrorCode::kInvalidArgument, "Nội dung yêu cầu phải là một đối tượng JSON",
                           "The request body must be a JSON object");
  std::vector<std::string> unknown;
  for (const auto& [key, value] : parsed.items())
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) unknown.push_back(key);
  if (!unknown.empty())
    return core::MakeError(ErrorCode::kInvalidArgument,
                           fmt::format("Trường không được hỗ trợ: {}", fmt::join(unknown, ", ")),
                           fmt::format("Unknown fields: {}", fmt::join(unknown, ", ")));
  return parsed;
}

core::Result<std::string> StringField(const nlohmann::json& body, const std::string& name) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return std::string();
  if (!it->is_string())
    return core::MakeError(ErrorCode::kInvalidArgument,
                           fmt::format("Trường \"{}\" phải là chuỗi", name),
                           fmt::format("Field \"{}\" must be a string", name));
  return it->get<std::string>();
}

}  // namespace lienket::api
