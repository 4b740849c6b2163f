// Login throttling, per account and per address: after kFreeFailures failed logins within the
// window, each further attempt must wait, the wait doubling with every failure up to kMaxDelay.
// A success clears the account's record (not the address's). In memory: a restart forgives,
// which is acceptable for a delay (not a lockout) and keeps a database write off the hot path.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace lienket::api {

class LoginThrottle {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr int kFreeFailures = 5;
  static constexpr std::chrono::seconds kWindow{15 * 60};
  static constexpr std::chrono::seconds kMaxDelay{15 * 60};

  // Seconds the caller must still wait before trying `login` from `address`; 0 = go ahead.
  [[nodiscard]] int SecondsToWait(const std::string& login, const std::string& address,
                                  Clock::time_point now);
  void RecordFailure(const std::string& login, const std::string& address, Clock::time_point now);
  void RecordSuccess(const std::string& login);

 private:
  struct Record {
    int failures = 0;
    Clock::time_point first_failure;
    Clock::time_point blocked_until;
  };
  int Wait(const std::unordered_map<std::string, Record>& table, const std::string& key,
           Clock::time_point now) const;
  void Fail(std::unordered_map<std::string, Record>* table, const std::string& key,
            Clock::time_point now);

  std::mutex mutex_;
  std::unordered_map<std::string, Record> by_login_;
  std::unordered_map<std::string, Record> by_address_;
};

}  // namespace lienket::api
