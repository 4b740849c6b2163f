#include "api/server.hpp"

#include <fmt/format.h>
#include <httplib.h>
#include <signal.h>

#include <thread>

namespace lienket::api {

struct HttpServer::Impl {
  Service* service = nullptr;
  httplib::Server server;
};

namespace {

constexpr std::size_t kWorkerThreads = 128;

std::string LowerCase(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

void Serve(Service* service, const httplib::Request& in, httplib::Response& out) {
  HttpRequest request;
  request.method = in.method;
  request.path = in.path;
  for (const auto& [name, value] : in.params) request.query.emplace(name, value);
  for (const auto& [name, value] : in.headers) request.headers.emplace(LowerCase(name), value);
  request.body = in.body;
  request.remote_address = in.remote_addr;
  HttpResponse response = service->Handle(std::move(request));
  out.status = response.status;
  for (const auto& [name, value] : response.headers) out.set_header(name, value);
  // The body goes out from where it is (a cached overview is shared, not copied): the library's
  // set_content would copy it once more.
  std::shared_ptr<const std::string> body =
      response.shared_body ? std::move(response.shared_body)
                           : std::make_shared<const std::string>(std::move(response.body));
  std::size_t size = body->size();
  out.set_content_provider(
      size, response.content_type,
      [body = std::move(body)](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
        return sink.write(body->data() + offset, length);
      });
}

}  // namespace

HttpServer::HttpServer(Service* service) : impl_(std::make_unique<Impl>()) {
  impl_->service = service;
  httplib::Server& s = impl_->server;
  auto handler = [service](const httplib::Request& in, httplib::Response& out) {
    Serve(service, in, out);
  };
  for (const char* method : {"GET", "POST", "PUT", "PATCH", "DELETE"}) {
    std::string m = method;
    if (m == "GET") s.Get(".*", handler);  // the library answers HEAD with the GET route
    if (m == "POST") s.Post(".*", handler);
    if (m == "PUT") s.Put(".*", handler);
    if (m == "PATCH") s.Patch(".*", handler);
    if (m == "DELETE") s.Delete(".*", handler);
  }
  // Bodies above the service's limit are cut off by the library with 413; the service checks
  // the same limit for a clear message.
  s.set_payload_max_length(service->config().max_body_bytes + 1);
  s.set_read_timeout(30, 0);
  s.set_write_timeout(120, 0);
  s.set_keep_alive_max_count(1000);
  // Answers are written as headers then body: with Nagle's algorithm on (the library's default)
  // the body of a small answer waited for the client's delayed ACK, 40 ms on Linux, which set
  // the mixed load's median (bench/load_mixed.sh: p50 44 ms on an idle machine).
  s.set_tcp_nodelay(true);
  // A kept-alive connection holds its worker thread until it closes, so the pool must be larger
  // than the number of clients that keep connections open (browsers keep up to six each); the
  // library's default of eight made later clients queue for seconds.
  s.new_task_queue = [] { return new httplib::ThreadPool(kWorkerThreads); };
  s.set_exception_handler([](const httplib::Request&, httplib::Response& out, std::exception_ptr) {
    out.status = 500;
    out.set_content(
        R"({"error":{"code":"internal","message_vi":"Lỗi nội bộ của máy chủ","message_en":"Internal server error","details":[]},"request_id":""})",
        "application/json; charset=utf-8");
  });
  // Errors the library answers itself, before the service sees the request (a body far over the
  // limit: 413; a request it cannot parse: 400): the same error shape and headers as every other
  // answer.
  s.set_error_handler([](const httplib::Request&, httplib::Response& out) {
    if (!out.body.empty() || out.content_length_ > 0) return;
    std::string request_id = access::RandomHex(8);
    core::Error error =
        out.status == 413
            ? core::Error{core::ErrorCode::kResourceExhausted, "Nội dung gửi lên quá lớn",
                          "The request body is too large"}
            : core::Error{core::ErrorCode::kInvalidArgument, "Yêu cầu HTTP không hợp lệ",
                          "The HTTP request is malformed"};
    HttpResponse shaped = ErrorResponse(error, request_id);
    for (const auto& [name, value] : SecurityHeaders()) out.set_header(name, value);
    out.set_header("X-Request-Id", request_id);
    out.set_content(shaped.body, shaped.content_type);
  });
}

HttpServer::~HttpServer() { Stop(); }

core::Result<int> HttpServer::Bind(const std::string& host, int port) {
  int bound = port;
  bool ok = true;
  if (port == 0) {
    bound = impl_->server.bind_to_any_port(host);
    ok = bound > 0;
  } else {
    ok = impl_->server.bind_to_port(host, port);
  }
  if (!ok)
    return core::MakeError(core::ErrorCode::kUnavailable,
                           fmt::format("Không mở được cổng {}:{} (đã có chương trình khác dùng?)",
                                       host, port),
                           fmt::format("Cannot listen on {}:{} (is another program using it?)",
                                       host, port));
  return bound;
}

void HttpServer::Run() { impl_->server.listen_after_bind(); }

void HttpServer::Stop() {
  if (impl_ && impl_->server.is_running()) impl_->server.stop();
}

void RunUntilSignal(HttpServer* server) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  // Block the signals in this thread (and the server threads it starts), then wait for one.
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::thread serving([server] { server->Run(); });
  int received = 0;
  sigwait(&signals, &received);
  server->Stop();
  serving.join();
}

}  // namespace lienket::api
