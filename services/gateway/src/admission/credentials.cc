#include "services/gateway/src/admission/credentials.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "libs/status/status.h"

namespace meldpunt::gateway {
namespace {

// Far above any real key or token; a larger header is refused before it is parsed.
constexpr std::size_t kMaxCredentialBytes = 8 * 1024;

absl::Status Malformed(std::string_view message) {
  return status::Unauthenticated("CREDENTIALS_MALFORMED", message);
}

absl::Status Ambiguous() {
  return status::Unauthenticated("CREDENTIALS_AMBIGUOUS",
                                 "the call carries more than one API key or authorization header");
}

// The single value of a header, nullopt when absent, an error when given twice.
absl::StatusOr<std::optional<std::string>> Single(const ClientMetadata& md, const char* key) {
  auto range = md.equal_range(key);
  if (range.first == range.second) return std::optional<std::string>();
  if (std::next(range.first) != range.second) return Ambiguous();
  const grpc::string_ref& v = range.first->second;
  if (v.size() > kMaxCredentialBytes) return Malformed("a credential header is too long");
  return std::optional<std::string>(std::string(v.data(), v.size()));
}

}  // namespace

bool IsValidTenantId(std::string_view tenant_id) {
  if (tenant_id.size() != 5) return false;
  for (char c : tenant_id) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

absl::StatusOr<CallCredentials> ExtractCredentials(const ClientMetadata& md) {
  CallCredentials out;
  auto api_key = Single(md, kApiKeyHeader);
  if (!api_key.ok()) return api_key.status();
  if (api_key->has_value()) {
    std::string key(absl::StripAsciiWhitespace(**api_key));
    if (key.empty()) return Malformed("x-api-key is empty");
    out.api_key = std::move(key);
  }

  auto authorization = Single(md, kAuthorizationHeader);
  if (!authorization.ok()) return authorization.status();
  if (authorization->has_value()) {
    absl::string_view value = absl::StripAsciiWhitespace(**authorization);
    auto space = value.find(' ');
    if (space == absl::string_view::npos) {
      return Malformed("authorization must be \"Bearer <token>\" or \"ApiKey <key>\"");
    }
    absl::string_view scheme = value.substr(0, space);
    std::string credential(absl::StripAsciiWhitespace(value.substr(space + 1)));
    if (credential.empty()) return Malformed("authorization carries no credential");
    if (absl::EqualsIgnoreCase(scheme, "Bearer")) {
      out.bearer_token = std::move(credential);
    } else if (absl::EqualsIgnoreCase(scheme, "ApiKey")) {
      if (out.api_key) return Ambiguous();
      out.api_key = std::move(credential);
    } else {
      return Malformed("authorization must be \"Bearer <token>\" or \"ApiKey <key>\"");
    }
  }

  auto tenant = Single(md, kTenantHeader);
  if (!tenant.ok()) {
    return status::InvalidArgument("TENANT_INVALID", "x-meldpunt-tenant is given more than once");
  }
  if (tenant->has_value()) {
    std::string t(absl::StripAsciiWhitespace(**tenant));
    if (!IsValidTenantId(t)) {
      return status::InvalidArgument("TENANT_INVALID", "x-meldpunt-tenant must be a 5-digit NIS code");
    }
    out.tenant_id = std::move(t);
  }
  return out;
}

}  // namespace meldpunt::gateway
