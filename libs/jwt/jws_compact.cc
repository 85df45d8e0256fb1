#include "libs/jwt/jws_compact.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "libs/status/status.h"

namespace meldpunt::jwt {
namespace {

// Claims are flat; deep nesting is only ever an attack on the parser.
constexpr int kMaxJsonDepth = 8;

absl::Status Malformed(std::string_view message) {
  return status::Unauthenticated("TOKEN_MALFORMED", message);
}

// Base64url without padding (RFC 7515 §2), strictly: any other character is malformed.
bool DecodeSegment(std::string_view segment, std::string* out) {
  for (char c : segment) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  if (segment.size() % 4 == 1) return false;
  if (!absl::WebSafeBase64Unescape(absl::string_view(segment.data(), segment.size()), out)) return false;
  // Canonical only: unused low bits in the last character must be zero, so one token has exactly
  // one spelling (a token string can then key a cache or a revocation list safely).
  std::string again;
  absl::WebSafeBase64Escape(*out, &again);
  return again == segment;
}

// Counted outside strings, before the recursive parser ever sees the text.
bool DepthWithin(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > max_depth) return false;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return true;
}

}  // namespace

std::string Base64UrlEncode(std::string_view bytes) {
  std::string out;
  absl::WebSafeBase64Escape(absl::string_view(bytes.data(), bytes.size()), &out);
  return out;
}

absl::StatusOr<std::string> Base64UrlDecode(std::string_view text) {
  std::string out;
  if (!DecodeSegment(text, &out)) return Malformed("a value is not canonical base64url");
  return out;
}

absl::StatusOr<nlohmann::json> ParseJsonObject(std::string_view text, const char* what) {
  if (!DepthWithin(text, kMaxJsonDepth)) {
    return Malformed(absl::StrCat("the token's ", what, " nests too deep"));
  }
  nlohmann::json parsed =
      nlohmann::json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    return Malformed(absl::StrCat("the token's ", what, " is not a JSON object"));
  }
  return parsed;
}

absl::StatusOr<JwsParts> SplitCompactJws(std::string_view token, std::size_t max_bytes) {
  if (token.empty() || token.size() > max_bytes) return Malformed("the token is empty or too long");
  const auto dot1 = token.find('.');
  const auto dot2 = dot1 == std::string_view::npos ? dot1 : token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos) {
    return Malformed("a token has three dot-separated parts");
  }
  JwsParts parts;
  std::string header_json;
  if (!DecodeSegment(token.substr(0, dot1), &header_json) ||
      !DecodeSegment(token.substr(dot1 + 1, dot2 - dot1 - 1), &parts.claims_json) ||
      !DecodeSegment(token.substr(dot2 + 1), &parts.signature)) {
    return Malformed("a token part is not canonical base64url");
  }
  auto header = ParseJsonObject(header_json, "header");
  if (!header.ok()) return header.status();
  parts.header = std::move(*header);
  parts.signing_input = std::string(token.substr(0, dot2));
  return parts;
}

}  // namespace meldpunt::jwt
