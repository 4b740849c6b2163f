// The HTTP listener: cpp-httplib's thread-pooled server in front of Service::Handle. The only
// file that includes the HTTP library. Stop() (or SIGINT/SIGTERM via RunUntilSignal) lets
// requests in flight finish, then returns.
#pragma once

#include <memory>
#include <string>

#include "api/service.hpp"

namespace lienket::api {

class HttpServer {
 public:
  explicit HttpServer(Service* service);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds to host:port (port 0 = any free port) and returns the port. Errors: kUnavailable.
  [[nodiscard]] core::Result<int> Bind(const std::string& host, int port);
  // Serves until Stop(). Blocking.
  void Run();
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Serves until SIGINT or SIGTERM, then shuts down gracefully.
void RunUntilSignal(HttpServer* server);

}  // namespace lienket::api
