#include "services/intake/src/reports/request_fingerprint.h"

#include <openssl/sha.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "libs/idempotency/request_log.h"

namespace meldpunt::intake {
namespace {

std::string Sha256(const std::string& bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  return std::string(reinterpret_cast<const char*>(digest), sizeof digest);
}

}  // namespace

std::string CallerBoundFingerprint(const google::protobuf::Message& request,
                                   const auth::Principal& caller) {
  const std::string content = idempotency::Fingerprint(request);
  // Length-prefixed parts, so no two callers' inputs can collide by concatenation.
  return Sha256(absl::StrCat(content.size(), ":", content, caller.kind(), ":",
                             caller.subject().size(), ":", caller.subject()));
}

std::string Sha256Hex(const std::string& bytes) { return absl::BytesToHexString(Sha256(bytes)); }

}  // namespace meldpunt::intake
