// Test helper for the api folder's *_test.cpp files: a real server (Service + HttpServer on
// 127.0.0.1, any free port, on its own thread) over a fresh SQLite database in a temporary
// folder, with one account per role, and a small client that keeps a session cookie and sends
// the CSRF token the way the front end does.
#pragma once

#include <arpa/inet.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "access/user.hpp"
#include "api/server.hpp"
#include "api/service.hpp"
#include "core/date.hpp"
#include "io/test_scratch_dir.hpp"
#include "linkage/tax_code.hpp"
#include "store/test_database.hpp"

namespace lienket::api::testing {

inline constexpr const char* kPassword = "mat-khau-dai-1234";

// The month before today's: every province of the test (Nghệ An, Hà Tĩnh) exists then, it has
// started, and the monthly form takes it.
inline std::string PreviousMonth() {
  core::Date today = core::Date::Today();
  int year = today.month == 1 ? today.year - 1 : today.year;
  int month = today.month == 1 ? 12 : today.month - 1;
  return fmt::format("{:04}-{:02}", year, month);
}

// A fresh database and service; Start() serves it over HTTP.
class TestServer {
 public:
  explicit TestServer(ServiceConfig config = {}) {
    auto ctx = app::Context::Open(database_.url());
    if (!ctx) throw std::runtime_error(ctx.error().message_en);
    if (config.web_root.empty()) config.web_root = std::string(LIENKET_SOURCE_DIR) + "/web";
    auto service = Service::Create(std::move(*ctx), std::move(config), &log_);
    if (!service) throw std::runtime_error(service.error().message_en);
    service_ = std::move(*service);
  }
  ~TestServer() { Stop(); }
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  Service& service() { return *service_; }
  int port() const { return port_; }
  std::string access_log() const { return log_.str(); }

  int UnitId(std::string_view key) {
    const stats::AdminUnit* unit = service_->ctx().units.FindByKey(key);
    if (unit == nullptr) throw std::runtime_error("no unit " + std::string(key));
    return unit->id;
  }

  // Creates an account directly in the store (before Start, or under the service's mutex).
  std::int64_t AddUser(const std::string& login, access::Role role,
                       std::optional<std::string> unit = std::nullopt, std::string region = "",
                       std::string email = "", bool active = true) {
    access::User u;
    u.login = login;
    u.display_name = "Người dùng " + login;
    u.role = role;
    if (unit) u.unit_id = UnitId(*unit);
    u.region_key = std::move(region);
    u.email = std::move(email);
    u.active = active;
    auto hash = access::HashPassword(kPassword);
    if (!hash) throw std::runtime_error(hash.error().message_en);
    auto id = service_->workflow().CreateUser(u, *hash);
    if (!id) throw std::runtime_error(id.error().message_en);
    if (!active) {
      u.id = *id;
      u.active = false;
      auto updated = service_->workflow().UpdateUser(u, std::nullopt);
      if (!updated) throw std::runtime_error(updated.error().message_en);
    }
    users_[login] = *id;
    return *id;
  }
  std::int64_t UserId(const std::string& login) const { return users_.at(login); }

  // The accounts of the tests: admin; coordinator of mien-bac-28; officer and approver of Nghệ
  // An; officer of Hà Tĩnh; an enterprise; an inactive officer of Nghệ An.
  void AddStandardUsers() {
    AddUser("admin", access::Role::kAdmin, std::nullopt, "", "admin@lienket.example");
    AddUser("coord", access::Role::kCoordinator, std::nullopt, "mien-bac-28",
            "dieu-phoi@lienket.example");
    AddUser("officer.na", access::Role::kOfficer, "nghe-an", "", "can-bo@nghean.example");
    AddUser("approver.na", access::Role::kApprover, "nghe-an", "", "lanh-dao@nghean.example");
    AddUser("officer.ht", access::Role::kOfficer, "ha-tinh", "", "can-bo@hatinh.example");
    AddUser("enterprise", access::Role::kEnterprise, std::nullopt, "", "dn@example.com");
    AddUser("inactive", access::Role::kOfficer, "nghe-an", "", "nghi@nghean.example", false);
  }

  void Start() {
    http_ = std::make_unique<HttpServer>(service_.get());
    auto port = http_->Bind("127.0.0.1", 0);
    if (!port) throw std::runtime_error(port.error().message_en);
    port_ = *port;
    thread_ = std::thread([this] { http_->Run(); });
    // Wait until it answers.
    httplib::Client c("127.0.0.1", port_);
    for (int i = 0; i < 200; ++i) {
      if (auto r = c.Get("/healthz"); r && r->status == 200) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    throw std::runtime_error("the test server does not answer");
  }
  void Stop() {
    if (http_) http_->Stop();
    if (thread_.joinable()) thread_.join();
  }

 private:
  io::TestScratchDir dir_;
  store::TestDatabase database_{dir_.File("lienket.db")};  // SQLite file or PostgreSQL schema
  std::ostringstream log_;
  std::unique_ptr<Service> service_;
  std::unique_ptr<HttpServer> http_;
  std::thread thread_;
  int port_ = 0;
  std::map<std::string, std::int64_t> users_;
};

struct Answer {
  int status = 0;  // 0 = no answer (connection error)
  std::string body;
  httplib::Headers headers;
  mutable std::optional<nlohmann::json> parsed_;

  // The body parsed as JSON (discarded when it is not), kept with the answer so that
  // `for (auto& row : answer.Json()["rows"])` iterates over a live value. A missing key reads
  // as null.
  nlohmann::json& Json() const {
    if (!parsed_) parsed_ = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    return *parsed_;
  }
  std::string Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

// A browser-like caller: keeps the session cookie, sends X-CSRF-Token on state-changing calls.
class Caller {
 public:
  explicit Caller(int port) : client_("127.0.0.1", port) {
    client_.set_read_timeout(60, 0);
    client_.set_write_timeout(60, 0);
  }

  Answer Send(const std::string& method, const std::string& path, const std::string& body = "",
              const std::string& content_type = "application/json",
              httplib::Headers extra = {}) {
    httplib::Request req;
    req.method = method;
    req.path = path;
    req.headers = std::move(extra);
    if (!cookie_.empty() && !req.has_header("Cookie")) req.headers.emplace("Cookie", cookie_);
    bool changing = method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
    if (changing && send_csrf_ && !csrf_.empty() && !req.has_header("X-CSRF-Token"))
      req.headers.emplace("X-CSRF-Token", csrf_);
    if (changing || !body.empty()) {
      req.body = body;
      req.headers.emplace("Content-Type", content_type);
    }
    auto result = client_.send(req);
    Answer a;
    if (!result) return a;
    a.status = result->status;
    a.body = result->body;
    a.headers = result->headers;
    return a;
  }
  Answer Get(const std::string& path) { return Send("GET", path); }
  Answer Post(const std::string& path, const nlohmann::json& body = nlohmann::json::object()) {
    return Send("POST", path, body.dump());
  }
  Answer Put(const std::string& path, const nlohmann::json& body) {
    return Send("PUT", path, body.dump());
  }
  Answer Patch(const std::string& path, const nlohmann::json& body) {
    return Send("PATCH", path, body.dump());
  }

  // Logs in; keeps the cookie and the CSRF token. Returns the answer.
  Answer Login(const std::string& login, const std::string& password = kPassword) {
    Answer a = Post("/api/login", {{"login", login}, {"password", password}});
    if (a.status == 200) {
      std::string set_cookie = a.Header("Set-Cookie");
      cookie_ = set_cookie.substr(0, set_cookie.find(';'));
      csrf_ = a.Json().value("csrf_token", "");
    }
    return a;
  }
  void Forget() {
    cookie_.clear();
    csrf_.clear();
  }
  const std::string& cookie() const { return cookie_; }
  const std::string& csrf() const { return csrf_; }
  void set_cookie(std::string c) { cookie_ = std::move(c); }
  void set_csrf(std::string c) { csrf_ = std::move(c); }
  void send_csrf(bool on) { send_csrf_ = on; }

 private:
  httplib::Client client_;
  std::string cookie_;
  std::string csrf_;
  bool send_csrf_ = true;
};

// The error shape every error answer must have.
inline ::testing::AssertionResult IsErrorShape(const Answer& a) {
  const nlohmann::json& j = a.Json();
  if (j.is_discarded() || !j.is_object())
    return ::testing::AssertionFailure() << "not JSON: " << a.body.substr(0, 200);
  if (!j.contains("error") || !j["error"].is_object())
    return ::testing::AssertionFailure() << "no error object: " << a.body.substr(0, 200);
  const nlohmann::json& e = j["error"];
  for (const char* field : {"code", "message_vi", "message_en"})
    if (!e.contains(field) || !e[field].is_string() || e[field].get<std::string>().empty())
      return ::testing::AssertionFailure() << "error." << field << " missing: " << a.body;
  if (!e.contains("details") || !e["details"].is_array())
    return ::testing::AssertionFailure() << "error.details missing: " << a.body;
  if (!j.contains("request_id") || !j["request_id"].is_string())
    return ::testing::AssertionFailure() << "request_id missing: " << a.body;
  return ::testing::AssertionSuccess();
}

inline std::string DecodeBase64(const std::string& text) {
  static const std::string kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  int bits = 0;
  unsigned value = 0;
  for (char c : text) {
    std::size_t at = kAlphabet.find(c);
    if (at == std::string::npos) continue;  // '=', line breaks
    value = (value << 6) | static_cast<unsigned>(at);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((value >> bits) & 0xFF);
    }
  }
  return out;
}

// The decoded Subject of a message: "=?UTF-8?B?...?=".
inline std::string DecodedSubject(const std::string& data) {
  std::size_t at = data.find("Subject: =?UTF-8?B?");
  if (at == std::string::npos) return {};
  at += std::string("Subject: =?UTF-8?B?").size();
  std::size_t end = data.find("?=", at);
  return DecodeBase64(data.substr(at, end - at));
}

// The decoded body of a message (lienket's mailer writes it in base64).
inline std::string DecodedBody(const std::string& data) {
  std::size_t at = data.find("\r\n\r\n");
  return at == std::string::npos ? std::string() : DecodeBase64(data.substr(at + 4));
}

// A valid 10-digit tax code: the first number from `nine` (nine digits) whose check digit exists.
inline std::string TaxCode(long long nine) {
  for (;; ++nine) {
    std::string prefix = fmt::format("{:09}", nine);
    if (auto d = linkage::TaxCodeCheckDigit(prefix)) return prefix + std::to_string(*d);
  }
}

// The day `days` (≥ 0) after `d`.
inline core::Date DaysAfter(core::Date d, int days) {
  while (days-- > 0) {
    if (++d.day > core::DaysInMonth(d.year, d.month)) {
      d.day = 1;
      if (++d.month > 12) {
        d.month = 1;
        ++d.year;
      }
    }
  }
  return d;
}

// A minimal SMTP server on 127.0.0.1: accepts connections until stopped, answers every command,
// and keeps each message with its recipients.
class SmtpSink {
 public:
  struct Mail {
    std::vector<std::string> recipients;
    std::string data;
  };

  SmtpSink() {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(listener_, 8) != 0)
      throw std::runtime_error("smtp sink: cannot listen");
    socklen_t len = sizeof addr;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~SmtpSink() {
    stop_ = true;
    thread_.join();
    ::close(listener_);
  }
  int port() const { return port_; }
  std::vector<Mail> mails() {
    std::lock_guard lock(mutex_);
    return mails_;
  }

 private:
  void Serve() {
    while (!stop_) {
      pollfd p{listener_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      int fd = ::accept(listener_, nullptr, nullptr);
      if (fd < 0) continue;
      Talk(fd);
      ::close(fd);
    }
  }
  static void Say(int fd, const std::string& line) {
    std::string out = line + "\r\n";
    (void)::send(fd, out.data(), out.size(), MSG_NOSIGNAL);
  }
  void Talk(int fd) {
    Say(fd, "220 sink ESMTP");
    std::string buffer;
    Mail mail;
    bool in_data = false;
    char chunk[4096];
    while (true) {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 5000) <= 0) return;
      ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
      if (n <= 0) return;
      buffer.append(chunk, static_cast<std::size_t>(n));
      while (true) {
        if (in_data) {
          std::size_t end = buffer.find("\r\n.\r\n");
          if (end == std::string::npos) break;
          mail.data = buffer.substr(0, end + 2);
          buffer.erase(0, end + 5);
          in_data = false;
          {
            std::lock_guard lock(mutex_);
            mails_.push_back(mail);
          }
          mail = Mail{};
          Say(fd, "250 queued");
          continue;
        }
        std::size_t eol = buffer.find("\r\n");
        if (eol == std::string::npos) break;
        std::string line = buffer.substr(0, eol);
        buffer.erase(0, eol + 2);
        std::string verb = line.substr(0, 4);
        for (char& ch : verb) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        if (verb == "EHLO" || verb == "HELO") {
          Say(fd, "250 sink");
        } else if (verb == "MAIL") {
          Say(fd, "250 ok");
        } else if (verb == "RCPT") {
          std::size_t lt = line.find('<');
          std::size_t gt = line.find('>');
          if (lt != std::string::npos && gt != std::string::npos)
            mail.recipients.push_back(line.substr(lt + 1, gt - lt - 1));
          Say(fd, "250 ok");
        } else if (verb == "DATA") {
          in_data = true;
          Say(fd, "354 go ahead");
        } else if (verb == "QUIT") {
          Say(fd, "221 bye");
          return;
        } else {
          Say(fd, "250 ok");
        }
      }
    }
  }

  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::mutex mutex_;
  std::vector<Mail> mails_;
};

}  // namespace lienket::api::testing
