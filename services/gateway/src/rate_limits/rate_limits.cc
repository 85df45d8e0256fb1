#include "services/gateway/src/rate_limits/rate_limits.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "libs/status/status.h"

namespace meldpunt::gateway {
namespace {

constexpr CallerTier kAllTiers[] = {CallerTier::kLow, CallerTier::kStandard, CallerTier::kHigh,
                                 CallerTier::kUser};

absl::Status Bad(absl::string_view entry, absl::string_view why) {
  return status::InvalidArgument("INVALID_CONFIGURATION",
                                 absl::StrCat("rate limit \"", entry, "\": ", why));
}

}  // namespace

CallerTier TierOf(v1::RateClass rate_class) {
  switch (rate_class) {
    case v1::RATE_CLASS_LOW: return CallerTier::kLow;
    case v1::RATE_CLASS_HIGH: return CallerTier::kHigh;
    default: return CallerTier::kStandard;
  }
}

std::string_view TierName(CallerTier tier) {
  switch (tier) {
    case CallerTier::kLow: return "low";
    case CallerTier::kStandard: return "standard";
    case CallerTier::kHigh: return "high";
    case CallerTier::kUser: return "user";
  }
  return "unknown";
}

RateLimits RateLimits::Defaults() {
  using C = MethodRateClass;
  using T = CallerTier;
  RateLimits l;
  // {per second, burst}. A high client is the app backend carrying every citizen's calls; a user
  // is one person: a citizen reporting a handful of problems, a coordinator working the inbox.
  l.Set(C::kRead, T::kLow, {5, 20});
  l.Set(C::kRead, T::kStandard, {50, 100});
  l.Set(C::kRead, T::kHigh, {500, 1000});
  l.Set(C::kRead, T::kUser, {10, 30});
  l.Set(C::kWrite, T::kLow, {1, 5});
  l.Set(C::kWrite, T::kStandard, {20, 40});
  l.Set(C::kWrite, T::kHigh, {200, 400});
  l.Set(C::kWrite, T::kUser, {1, 10});
  l.Set(C::kUpload, T::kLow, {1, 3});
  l.Set(C::kUpload, T::kStandard, {5, 20});
  l.Set(C::kUpload, T::kHigh, {50, 100});
  l.Set(C::kUpload, T::kUser, {0.5, 10});
  l.Set(C::kLogin, T::kLow, {1, 5});
  l.Set(C::kLogin, T::kStandard, {5, 20});
  l.Set(C::kLogin, T::kHigh, {50, 100});
  l.Set(C::kLogin, T::kUser, {0.2, 5});
  l.Set(C::kAnalytics, T::kLow, {0.5, 5});
  l.Set(C::kAnalytics, T::kStandard, {2, 10});
  l.Set(C::kAnalytics, T::kHigh, {10, 30});
  l.Set(C::kAnalytics, T::kUser, {1, 10});
  l.Set(C::kAdmin, T::kLow, {1, 10});
  l.Set(C::kAdmin, T::kStandard, {1, 10});
  l.Set(C::kAdmin, T::kHigh, {1, 10});
  l.Set(C::kAdmin, T::kUser, {1, 10});
  for (C c : kAllMethodRateClasses) l.SetFailOpen(c, true);
  l.SetFailOpen(C::kLogin, false);
  l.SetFailOpen(C::kAdmin, false);
  return l;
}

absl::StatusOr<RateLimits> RateLimits::Parse(const std::string& overrides) {
  RateLimits l = Defaults();
  for (absl::string_view entry : absl::StrSplit(overrides, ',', absl::SkipWhitespace())) {
    entry = absl::StripAsciiWhitespace(entry);
    auto eq = entry.find('=');
    auto dot = entry.find('.');
    if (eq == absl::string_view::npos || dot == absl::string_view::npos || dot > eq) {
      return Bad(entry, "expected <class>.<tier>=<per second>/<burst> or <class>.fail=open|closed");
    }
    absl::string_view class_name = entry.substr(0, dot);
    absl::string_view tier_name = entry.substr(dot + 1, eq - dot - 1);
    absl::string_view value = entry.substr(eq + 1);
    const MethodRateClass* rate_class = nullptr;
    for (const auto& c : kAllMethodRateClasses) {
      if (RateClassName(c) == std::string_view(class_name.data(), class_name.size())) rate_class = &c;
    }
    if (rate_class == nullptr) return Bad(entry, "unknown method class");
    if (tier_name == "fail") {
      if (value != "open" && value != "closed") return Bad(entry, "fail must be open or closed");
      l.SetFailOpen(*rate_class, value == "open");
      continue;
    }
    const CallerTier* tier = nullptr;
    for (const auto& t : kAllTiers) {
      if (TierName(t) == std::string_view(tier_name.data(), tier_name.size())) tier = &t;
    }
    if (tier == nullptr) return Bad(entry, "tier must be low, standard, high or user");
    std::pair<absl::string_view, absl::string_view> parts = absl::StrSplit(value, '/');
    rate_limit::BucketLimit limit;
    if (!absl::SimpleAtod(parts.first, &limit.per_second) ||
        !absl::SimpleAtod(parts.second, &limit.burst) || !(limit.per_second > 0) ||
        !(limit.burst >= 1) || limit.per_second > 1e6 || limit.burst > 1e9) {
      return Bad(entry, "rate must be > 0 per second and burst >= 1");
    }
    l.Set(*rate_class, *tier, limit);
  }
  return l;
}

const rate_limit::BucketLimit& RateLimits::Get(MethodRateClass rate_class, CallerTier tier) const {
  return limits_[static_cast<std::size_t>(rate_class)][static_cast<std::size_t>(tier)];
}

bool RateLimits::FailOpen(MethodRateClass rate_class) const {
  return fail_open_[static_cast<std::size_t>(rate_class)];
}

void RateLimits::Set(MethodRateClass rate_class, CallerTier tier, rate_limit::BucketLimit limit) {
  limits_[static_cast<std::size_t>(rate_class)][static_cast<std::size_t>(tier)] = limit;
}

void RateLimits::SetFailOpen(MethodRateClass rate_class, bool fail_open) {
  fail_open_[static_cast<std::size_t>(rate_class)] = fail_open;
}

}  // namespace meldpunt::gateway
