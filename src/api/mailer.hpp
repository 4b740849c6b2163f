// Sending e-mail through the SMTP server an administrator configured (libcurl's SMTP client, so
// TLS and authentication in the URL work as curl documents: smtp://host:25, smtps://user:pass@
// host:465). Without one, nothing is sent and the caller offers the text to copy.
#pragma once

#include <string>
#include <vector>

#include "core/error.hpp"

namespace lienket::api {

struct MailMessage {
  std::string from;
  std::vector<std::string> to;
  std::string subject;  // UTF-8; encoded per RFC 2047
  std::string body;     // UTF-8 plain text
};

// Errors: kInvalidArgument without recipients; kUnavailable when the server refuses or cannot be
// reached (curl's message included).
[[nodiscard]] core::Status SendMail(const std::string& smtp_url, const MailMessage& message);

}  // namespace lienket::api
