#include "api/mailer.hpp"

#include <curl/curl.h>
#include <fmt/format.h>
#include <sodium.h>

#include <chrono>
#include <cstring>

namespace lienket::api {
namespace {

std::string Base64(std::string_view bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.pop_back();  // the terminating NUL
  return out;
}

struct Payload {
  std::string text;
  std::size_t offset = 0;
};

std::size_t ReadPayload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* p = static_cast<Payload*>(user);
  std::size_t n = std::min(size * count, p->text.size() - p->offset);
  std::memcpy(buffer, p->text.data() + p->offset, n);
  p->offset += n;
  return n;
}

std::string RfcDate() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return buf;
}

}  // namespace

core::Status SendMail(const std::string& smtp_url, const MailMessage& m) {
  if (m.to.empty())
    return core::MakeError(core::ErrorCode::kInvalidArgument, "Không có địa chỉ người nhận",
                           "There is no recipient address");
  std::string body64 = Base64(m.body);
  std::string wrapped;
  for (std::size_t i = 0; i < body64.size(); i += 76) wrapped += body64.substr(i, 76) + "\r\n";
  Payload payload;
  payload.text = fmt::format(
      "Date: {}\r\nFrom: {}\r\nTo: {}\r\nSubject: =?UTF-8?B?{}?=\r\nMIME-Version: 1.0\r\n"
      "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n{}",
      RfcDate(), m.from, fmt::join(m.to, ", "), Base64(m.subject), wrapped);
  CURL* curl = curl_easy_init();
  if (curl == nullptr)
    return core::MakeError(core::ErrorCode::kUnavailable, "Không khởi tạo được thư viện gửi thư",
                           "Could not start the mail library");
  curl_slist* recipients = nullptr;
  for (const std::string& to : m.to) recipients = curl_slist_append(recipients, fmt::format("<{}>", to).c_str());
  std::string from = fmt::format("<{}>", m.from);
  curl_easy_setopt(curl, CURLOPT_URL, smtp_url.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadPayload);
  curl_easy_setopt(curl, CURLOPT_READDATA, &payload);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 20L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(recipients);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK)
    return core::MakeError(core::ErrorCode::kUnavailable,
                           fmt::format("Máy chủ thư không nhận thư: {}", curl_easy_strerror(rc)),
                           fmt::format("The mail server did not accept the message: {}",
                                       curl_easy_strerror(rc)));
  return {};
}

}  // namespace lienket::api
