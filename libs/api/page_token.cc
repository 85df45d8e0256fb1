#include "libs/api/page_token.h"

#include <openssl/sha.h>

#include <cstdint>

#include "absl/strings/escaping.h"
#include "libs/status/status.h"

namespace meldpunt::api {
namespace {

constexpr char kVersion = 1;
constexpr std::size_t kMaxTokenBytes = 2048;
constexpr std::size_t kCheckBytes = 8;

void AppendField(std::string& out, std::string_view value) {
  const auto n = static_cast<uint32_t>(value.size());
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((n >> shift) & 0xff);
  out.append(value.data(), value.size());
}

// A checksum over the body and its binding: not a secret (queries are tenant-scoped by the
// server anyway), but it turns an edited or foreign token into a clear error.
std::string Check(std::string_view body, std::string_view tenant, std::string_view fingerprint) {
  std::string input;
  AppendField(input, tenant);
  AppendField(input, fingerprint);
  input.append(body.data(), body.size());
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(input.data()), input.size(), digest);
  return std::string(reinterpret_cast<const char*>(digest), kCheckBytes);
}

absl::Status Invalid() {
  return status::InvalidArgument(kReasonPageTokenInvalid,
                                 "page_token is malformed or was issued for another query");
}

}  // namespace

absl::StatusOr<int> EffectivePageSize(int requested, int default_size, int max_size) {
  if (requested < 0) {
    return status::InvalidArgument(kReasonPageSizeInvalid, "page_size must not be negative");
  }
  if (requested == 0) return default_size;
  return requested > max_size ? max_size : requested;
}

std::string EncodePageToken(std::string_view tenant_id, std::string_view query_fingerprint,
                            const std::vector<std::string>& cursor) {
  std::string body(1, kVersion);
  for (const auto& field : cursor) AppendField(body, field);
  std::string raw = Check(body, tenant_id, query_fingerprint) + body;
  return absl::WebSafeBase64Escape(raw);
}

absl::StatusOr<std::vector<std::string>> DecodePageToken(std::string_view token,
                                                         std::string_view tenant_id,
                                                         std::string_view query_fingerprint) {
  if (token.empty()) return std::vector<std::string>{};
  if (token.size() > kMaxTokenBytes) return Invalid();
  std::string raw;
  if (!absl::WebSafeBase64Unescape(absl::string_view(token.data(), token.size()), &raw) ||
      raw.size() < kCheckBytes + 1) {
    return Invalid();
  }
  std::string_view body(raw.data() + kCheckBytes, raw.size() - kCheckBytes);
  if (raw.compare(0, kCheckBytes, Check(body, tenant_id, query_fingerprint)) != 0 ||
      body[0] != kVersion) {
    return Invalid();
  }
  std::vector<std::string> cursor;
  std::size_t pos = 1;
  while (pos < body.size()) {
    if (body.size() - pos < 4) return Invalid();
    uint32_t n = 0;
    for (int i = 0; i < 4; ++i) n = (n << 8) | static_cast<unsigned char>(body[pos + i]);
    pos += 4;
    if (n > body.size() - pos) return Invalid();
    cursor.emplace_back(body.substr(pos, n));
    pos += n;
  }
  return cursor;
}

}  // namespace meldpunt::api
