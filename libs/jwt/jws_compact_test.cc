#include "libs/jwt/jws_compact.h"

#include <gtest/gtest.h>

#include "libs/status/status.h"

namespace meldpunt::jwt {
namespace {

TEST(Base64UrlTest, RoundTripsEveryByteWithoutPadding) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  for (std::size_t n : {0u, 1u, 2u, 3u, 4u, 255u, 256u}) {
    const std::string encoded = Base64UrlEncode(bytes.substr(0, n));
    EXPECT_EQ(encoded.find_first_of("=+/"), std::string::npos) << encoded;
    auto decoded = Base64UrlDecode(encoded);
    ASSERT_TRUE(decoded.ok()) << decoded.status();
    EXPECT_EQ(*decoded, bytes.substr(0, n));
  }
}

TEST(Base64UrlTest, DecodeRefusesPaddingOtherAlphabetAndNonCanonicalSpellings) {
  EXPECT_EQ(Base64UrlEncode("a"), "YQ");
  for (const char* bad : {"YQ==", "YQ=", "a+b/", "Y", "YR", "Y Q", "YQ\n"}) {
    auto decoded = Base64UrlDecode(bad);
    ASSERT_FALSE(decoded.ok()) << bad;
    EXPECT_EQ(status::Reason(decoded.status()), "TOKEN_MALFORMED") << bad;
  }
}

TEST(SplitCompactJwsTest, TakesApartAWellFormedToken) {
  const std::string header = Base64UrlEncode(R"({"alg":"EdDSA","kid":"k1"})");
  const std::string claims = Base64UrlEncode(R"({"sub":"x"})");
  const std::string token = header + "." + claims + "." + Base64UrlEncode("sig");
  auto parts = SplitCompactJws(token);
  ASSERT_TRUE(parts.ok()) << parts.status();
  EXPECT_EQ(parts->header["kid"], "k1");
  EXPECT_EQ(parts->claims_json, R"({"sub":"x"})");
  EXPECT_EQ(parts->signing_input, header + "." + claims);
  EXPECT_EQ(parts->signature, "sig");
}

TEST(SplitCompactJwsTest, TheSizeBoundCanBeRaisedForOutsideTokens) {
  const std::string token = Base64UrlEncode(R"({"alg":"RS256"})") + "." +
                            Base64UrlEncode(std::string(9000, 'x')) + "." + Base64UrlEncode("s");
  EXPECT_EQ(status::Reason(SplitCompactJws(token).status()), "TOKEN_MALFORMED");
  EXPECT_TRUE(SplitCompactJws(token, 16 * 1024).ok());
}

TEST(SplitCompactJwsTest, RefusesWrongShapes) {
  const std::string header = Base64UrlEncode(R"({"alg":"EdDSA"})");
  const std::string deep = Base64UrlEncode(R"({"a":[[[[[[[[[[1]]]]]]]]]]})");
  for (const std::string& bad :
       {std::string(), header + ".e30", header + ".e30.c2ln.x", Base64UrlEncode("[1]") + ".e30.c2ln",
        deep + ".e30.c2ln", header + ".e30." + std::string(9000, 'A')}) {
    auto parts = SplitCompactJws(bad);
    ASSERT_FALSE(parts.ok()) << bad;
    EXPECT_EQ(status::Reason(parts.status()), "TOKEN_MALFORMED");
    EXPECT_EQ(parts.status().code(), absl::StatusCode::kUnauthenticated);
  }
}

}  // namespace
}  // namespace meldpunt::jwt
