#include "api/login_throttle.hpp"

#include <algorithm>

namespace lienket::api {

int LoginThrottle::Wait(const std::unordered_map<std::string, Record>& table,
                        const std::string& key, Clock::time_point now) const {
  auto it = table.find(key);
  if (it == table.end() || it->second.blocked_until <= now) return 0;
  auto left = std::chrono::ceil<std::chrono::seconds>(it->second.blocked_until - now);
  return static_cast<int>(left.count());
}

int LoginThrottle::SecondsToWait(const std::string& login, const std::string& address,
                                 Clock::time_point now) {
  std::lock_guard lock(mutex_);
  return std::max(Wait(by_login_, login, now), Wait(by_address_, address, now));
}

void LoginThrottle::Fail(std::unordered_map<std::string, Record>* table, const std::string& key,
                         Clock::time_point now) {
  Record& r = (*table)[key];
  if (r.failures == 0 || now - r.first_failure > kWindow) {
    r.failures = 0;
    r.first_failure = now;
  }
  ++r.failures;
  // The attempt after the kFreeFailures-th failure already waits (2 s, then 4 s, ...).
  if (r.failures >= kFreeFailures) {
    int extra = std::min(r.failures - kFreeFailures + 1, 10);
    auto delay = std::min<std::chrono::seconds>(std::chrono::seconds(1 << extra), kMaxDelay);
    r.blocked_until = now + delay;
  }
}

void LoginThrottle::RecordFailure(const std::string& login, const std::string& address,
                                  Clock::time_point now) {
  std::lock_guard lock(mutex_);
  Fail(&by_login_, login, now);
  // An address may be a whole office behind one gateway: allow it more attempts.
  Fail(&by_address_, address, now);
  Record& a = by_address_[address];
  if (a.failures < kFreeFailures * 4) a.blocked_until = Clock::time_point();
  if (by_login_.size() > 100000) by_login_.clear();  // bound memory against a login sweep
  if (by_address_.size() > 100000) by_address_.clear();
}

void LoginThrottle::RecordSuccess(const std::string& login) {
  std::lock_guard lock(mutex_);
  by_login_.erase(login);
}

}  // namespace lienket::api
