// Login throttling: free failures, then a doubling wait up to the cap, per account and (more
// leniently) per address; a success forgives the account; old failures leave the window.
#include "api/login_throttle.hpp"

#include <gtest/gtest.h>

namespace lienket::api {
namespace {

using Clock = LoginThrottle::Clock;
using std::chrono::seconds;

TEST(LoginThrottle, FreeFailuresThenTheNextAttemptWaits) {
  LoginThrottle t;
  Clock::time_point now = Clock::now();
  for (int i = 0; i < LoginThrottle::kFreeFailures - 1; ++i) {
    EXPECT_EQ(t.SecondsToWait("an", "10.0.0.1", now), 0) << i;
    t.RecordFailure("an", "10.0.0.1", now);
  }
  EXPECT_EQ(t.SecondsToWait("an", "10.0.0.1", now), 0);
  t.RecordFailure("an", "10.0.0.1", now);  // the 5th failure
  // The 6th attempt must wait.
  EXPECT_GT(t.SecondsToWait("an", "10.0.0.1", now), 0);
  // Another login from the same address is not held back by this account's failures.
  EXPECT_EQ(t.SecondsToWait("binh", "10.0.0.1", now), 0);
  // The same login from another address is.
  EXPECT_GT(t.SecondsToWait("an", "10.0.0.2", now), 0);
}

TEST(LoginThrottle, WaitDoublesAndIsCapped) {
  LoginThrottle t;
  Clock::time_point now = Clock::now();
  int previous = 0;
  for (int i = 0; i < 30; ++i) {
    t.RecordFailure("an", "10.0.0." + std::to_string(i), now);
    int wait = t.SecondsToWait("an", "10.9.9.9", now);
    EXPECT_GE(wait, previous) << i;
    EXPECT_LE(wait, static_cast<int>(LoginThrottle::kMaxDelay.count())) << i;
    previous = wait;
  }
  EXPECT_EQ(previous, static_cast<int>(LoginThrottle::kMaxDelay.count()));
}

TEST(LoginThrottle, TheWaitEnds) {
  LoginThrottle t;
  Clock::time_point now = Clock::now();
  for (int i = 0; i < LoginThrottle::kFreeFailures + 1; ++i) t.RecordFailure("an", "a", now);
  int wait = t.SecondsToWait("an", "a", now);
  ASSERT_GT(wait, 0);
  EXPECT_EQ(t.SecondsToWait("an", "a", now + seconds(wait)), 0);
}

TEST(LoginThrottle, SuccessForgivesTheAccount) {
  LoginThrottle t;
  Clock::time_point now = Clock::now();
  for (int i = 0; i < LoginThrottle::kFreeFailures + 2; ++i) t.RecordFailure("an", "a", now);
  ASSERT_GT(t.SecondsToWait("an", "a", now), 0);
  t.RecordSuccess("an");
  EXPECT_EQ(t.SecondsToWait("an", "a", now), 0);
}

TEST(LoginThrottle, FailuresOutsideTheWindowAreForgotten) {
  LoginThrottle t;
  Clock::time_point start = Clock::now();
  for (int i = 0; i < LoginThrottle::kFreeFailures - 1; ++i) t.RecordFailure("an", "a", start);
  Clock::time_point later = start + LoginThrottle::kWindow + seconds(1);
  t.RecordFailure("an", "a", later);  // the window restarts: this is the first failure
  EXPECT_EQ(t.SecondsToWait("an", "a", later), 0);
}

TEST(LoginThrottle, AnAddressGetsMoreAttemptsThanAnAccount) {
  LoginThrottle t;
  Clock::time_point now = Clock::now();
  // Many accounts from one office gateway, each failing once: not blocked for a while.
  for (int i = 0; i < LoginThrottle::kFreeFailures * 2; ++i)
    t.RecordFailure("user" + std::to_string(i), "gateway", now);
  EXPECT_EQ(t.SecondsToWait("someone-else", "gateway", now), 0);
  // A sweep of many logins from one address is slowed down eventually.
  for (int i = 0; i < LoginThrottle::kFreeFailures * 4; ++i)
    t.RecordFailure("sweep" + std::to_string(i), "gateway", now);
  EXPECT_GT(t.SecondsToWait("someone-else", "gateway", now), 0);
}

}  // namespace
}  // namespace lienket::api
