// The OpenAPI description served at /api/openapi.json against the route table: every route is
// documented with its method and path parameters, every documented operation is a route, every
// error answer uses the one error schema, and every $ref resolves.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>

#include "api/http_test_util.hpp"
#include "store/embedded_files.hpp"

namespace lienket::api {
namespace {

nlohmann::json LoadOpenApi() {
  auto bytes = store::FindEmbedded("src/api/openapi.json");
  if (!bytes) return nlohmann::json();
  return nlohmann::json::parse(*bytes, nullptr, /*allow_exceptions=*/false);
}

// "/static/{path*}" is documented as "/static/{path}".
std::string DocumentedPath(const std::string& pattern) {
  return std::regex_replace(pattern, std::regex(R"(\{([a-z_]+)\*\})"), "{$1}");
}

std::set<std::string> PathParamsOf(const std::string& path) {
  std::set<std::string> out;
  std::regex param(R"(\{([a-z_]+)\})");
  for (auto it = std::sregex_iterator(path.begin(), path.end(), param); it != std::sregex_iterator();
       ++it)
    out.insert((*it)[1]);
  return out;
}

const char* kMethods[] = {"get", "put", "post", "delete", "options", "head", "patch", "trace"};

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

class OpenApiTest : public ::testing::Test {
 protected:
  testing::TestServer server_;
  nlohmann::json doc_ = LoadOpenApi();
};

TEST_F(OpenApiTest, IsEmbeddedValidJsonOfOpenApi3) {
  ASSERT_TRUE(store::FindEmbedded("src/api/openapi.json").has_value());
  ASSERT_FALSE(doc_.is_discarded());
  ASSERT_TRUE(doc_.is_object());
  ASSERT_TRUE(doc_.contains("openapi"));
  EXPECT_EQ(doc_["openapi"].get<std::string>().rfind("3.", 0), 0u) << doc_["openapi"];
  EXPECT_TRUE(doc_["info"].contains("title"));
  EXPECT_TRUE(doc_["info"].contains("version"));
  ASSERT_TRUE(doc_["paths"].is_object());
  EXPECT_FALSE(doc_["paths"].empty());
}

TEST_F(OpenApiTest, EveryRouteIsDocumentedWithItsMethodAndPathParameters) {
  ASSERT_TRUE(doc_.is_object());
  const nlohmann::json& paths = doc_["paths"];
  for (const Route& route : server_.service().routes()) {
    std::string path = DocumentedPath(route.pattern);
    SCOPED_TRACE(route.method + " " + route.pattern);
    ASSERT_TRUE(paths.contains(path)) << "undocumented path";
    const nlohmann::json& item = paths[path];
    std::string method = Lower(route.method);
    ASSERT_TRUE(item.contains(method)) << "undocumented method";
    const nlohmann::json& op = item[method];
    std::set<std::string> documented;
    for (const auto* params : {item.contains("parameters") ? &item["parameters"] : nullptr,
                               op.contains("parameters") ? &op["parameters"] : nullptr}) {
      if (params == nullptr) continue;
      for (const nlohmann::json& p : *params)
        if (p.value("in", "") == "path") {
          documented.insert(p.value("name", ""));
          EXPECT_TRUE(p.value("required", false)) << p.value("name", "");
        }
    }
    EXPECT_EQ(documented, PathParamsOf(path));
    EXPECT_TRUE(op.contains("summary"));
    EXPECT_TRUE(op.contains("description")) << "the Vietnamese summary";
    EXPECT_TRUE(op.contains("responses"));
  }
}

TEST_F(OpenApiTest, EveryDocumentedOperationIsARoute) {
  ASSERT_TRUE(doc_.is_object());
  std::set<std::pair<std::string, std::string>> routes;
  for (const Route& route : server_.service().routes())
    routes.insert({Lower(route.method), DocumentedPath(route.pattern)});
  int operations = 0;
  for (const auto& [path, item] : doc_["paths"].items()) {
    for (const char* method : kMethods) {
      if (!item.contains(method)) continue;
      ++operations;
      EXPECT_TRUE(routes.count({method, path})) << method << " " << path << " is not a route";
    }
  }
  EXPECT_EQ(operations, static_cast<int>(server_.service().routes().size()));
}

TEST_F(OpenApiTest, ErrorAnswersUseTheOneErrorSchema) {
  ASSERT_TRUE(doc_.is_object());
  const nlohmann::json& error = doc_["components"]["schemas"]["Error"];
  ASSERT_TRUE(error.is_object());
  const nlohmann::json& inner = error["properties"]["error"]["properties"];
  for (const char* field : {"code", "message_vi", "message_en", "details"})
    EXPECT_TRUE(inner.contains(field)) << field;
  EXPECT_TRUE(error["properties"].contains("request_id"));
  const nlohmann::json& shared = doc_["components"]["responses"];
  for (const auto& [path, item] : doc_["paths"].items()) {
    for (const char* method : kMethods) {
      if (!item.contains(method)) continue;
      for (const auto& [status, response] : item[method]["responses"].items()) {
        if (status[0] != '4' && status[0] != '5') continue;
        SCOPED_TRACE(std::string(method) + " " + path + " " + status);
        const nlohmann::json* r = &response;
        if (r->contains("$ref")) {
          std::string name = (*r)["$ref"].get<std::string>();
          ASSERT_EQ(name.rfind("#/components/responses/", 0), 0u);
          name = name.substr(std::string("#/components/responses/").size());
          ASSERT_TRUE(shared.contains(name));
          r = &shared[name];
        }
        EXPECT_EQ((*r)["content"]["application/json"]["schema"]["$ref"],
                  "#/components/schemas/Error");
      }
    }
  }
}

TEST_F(OpenApiTest, StateChangingOperationsNeedTheSessionAndCsrfToken) {
  ASSERT_TRUE(doc_.is_object());
  const nlohmann::json& schemes = doc_["components"]["securitySchemes"];
  EXPECT_EQ(schemes["session"]["in"], "cookie");
  EXPECT_EQ(schemes["session"]["name"], "lienket_session");
  EXPECT_EQ(schemes["csrf"]["in"], "header");
  EXPECT_EQ(schemes["csrf"]["name"], "X-CSRF-Token");
  for (const Route& route : server_.service().routes()) {
    const nlohmann::json& op = doc_["paths"][DocumentedPath(route.pattern)][Lower(route.method)];
    SCOPED_TRACE(route.method + " " + route.pattern);
    if (!route.requires_login) continue;
    ASSERT_TRUE(op.contains("security"));
    bool session = false;
    bool csrf = false;
    for (const nlohmann::json& requirement : op["security"]) {
      session = session || requirement.contains("session");
      csrf = csrf || requirement.contains("csrf");
    }
    EXPECT_TRUE(session);
    bool changing = route.method != "GET";
    EXPECT_EQ(csrf, changing);
    EXPECT_TRUE(op["responses"].contains("401"));
  }
}

TEST_F(OpenApiTest, JsonBodiesRefuseUnknownFields) {
  ASSERT_TRUE(doc_.is_object());
  const nlohmann::json& schemas = doc_["components"]["schemas"];
  for (const auto& [path, item] : doc_["paths"].items()) {
    for (const char* method : kMethods) {
      if (!item.contains(method) || !item[method].contains("requestBody")) continue;
      const nlohmann::json& content = item[method]["requestBody"]["content"];
      if (!content.contains("application/json")) continue;
      nlohmann::json schema = content["application/json"]["schema"];
      if (schema.contains("$ref"))
        schema = schemas[schema["$ref"].get<std::string>().substr(21)];
      EXPECT_EQ(schema["type"], "object") << method << " " << path;
      EXPECT_EQ(schema["additionalProperties"], false) << method << " " << path;
    }
  }
}

void CollectRefs(const nlohmann::json& j, std::set<std::string>* refs) {
  if (j.is_object()) {
    for (const auto& [key, value] : j.items()) {
      if (key == "$ref" && value.is_string()) refs->insert(value.get<std::string>());
      CollectRefs(value, refs);
    }
  } else if (j.is_array()) {
    for (const nlohmann::json& v : j) CollectRefs(v, refs);
  }
}

TEST_F(OpenApiTest, EveryRefResolvesAndOperationIdsAreUnique) {
  ASSERT_TRUE(doc_.is_object());
  std::set<std::string> refs;
  CollectRefs(doc_, &refs);
  EXPECT_FALSE(refs.empty());
  for (const std::string& ref : refs) {
    ASSERT_EQ(ref.rfind("#/", 0), 0u) << ref;
    nlohmann::json::json_pointer pointer(ref.substr(1));
    EXPECT_TRUE(doc_.contains(pointer)) << ref;
  }
  std::set<std::string> ids;
  for (const auto& [path, item] : doc_["paths"].items()) {
    for (const char* method : kMethods) {
      if (!item.contains(method) || !item[method].contains("operationId")) continue;
      EXPECT_TRUE(ids.insert(item[method]["operationId"].get<std::string>()).second)
          << item[method]["operationId"];
    }
  }
}

TEST_F(OpenApiTest, IsServedAtApiOpenapiJson) {
  server_.Start();
  testing::Caller anonymous(server_.port());
  testing::Answer a = anonymous.Get("/api/openapi.json");
  ASSERT_EQ(a.status, 200);
  EXPECT_EQ(nlohmann::json::parse(a.body), doc_);
}

}  // namespace
}  // namespace lienket::api
