#include "services/identity/src/crypto/data_protector.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "gtest/gtest.h"
#include "libs/status/status.h"

namespace meldpunt::identity::crypto {
namespace {

const std::string kSecretA(32, 'a');
const std::string kSecretB(32, 'b');
constexpr char kAad[] = "citizens.national_number|71053";

std::unique_ptr<DataProtector> Make(const std::string& secret) {
  auto protector = DataProtector::FromSecret(secret);
  EXPECT_TRUE(protector.ok()) << protector.status();
  return std::move(protector).value();
}

// A file in the test's temporary directory, removed when the test ends.
class SecretFile {
 public:
  explicit SecretFile(const std::string& content) {
    char name[] = "/tmp/data_protector_test_XXXXXX";
    int fd = mkstemp(name);
    EXPECT_GE(fd, 0);
    close(fd);
    path_ = name;
    std::ofstream(path_, std::ios::binary) << content;
  }
  ~SecretFile() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

TEST(DataProtectorTest, SealThenOpenGivesThePlaintextBack) {
  auto protector = Make(kSecretA);
  auto sealed = protector->Seal("85073003328", kAad);
  ASSERT_TRUE(sealed.ok()) << sealed.status();
  // version byte + 12-byte nonce + ciphertext + 16-byte tag.
  EXPECT_EQ(sealed->size(), 1u + 12u + 11u + 16u);
  EXPECT_EQ(sealed->find("85073003328"), std::string::npos);
  auto opened = protector->Open(*sealed, kAad);
  ASSERT_TRUE(opened.ok()) << opened.status();
  EXPECT_EQ(*opened, "85073003328");
}

TEST(DataProtectorTest, EmptyPlaintextRoundTrips) {
  auto protector = Make(kSecretA);
  auto sealed = protector->Seal("", kAad);
  ASSERT_TRUE(sealed.ok());
  auto opened = protector->Open(*sealed, kAad);
  ASSERT_TRUE(opened.ok()) << opened.status();
  EXPECT_EQ(*opened, "");
}

TEST(DataProtectorTest, SealingTwiceUsesFreshNonces) {
  auto protector = Make(kSecretA);
  EXPECT_NE(*protector->Seal("same", kAad), *protector->Seal("same", kAad));
}

TEST(DataProtectorTest, WrongAadIsRefused) {
  auto protector = Make(kSecretA);
  auto sealed = protector->Seal("85073003328", "citizens.national_number|71053");
  auto opened = protector->Open(*sealed, "citizens.national_number|44021");
  EXPECT_EQ(opened.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(status::Reason(opened.status()), "SEALED_VALUE_INVALID");
}

TEST(DataProtectorTest, OtherKeyIsRefused) {
  auto sealed = Make(kSecretA)->Seal("85073003328", kAad);
  EXPECT_EQ(status::Reason(Make(kSecretB)->Open(*sealed, kAad).status()), "SEALED_VALUE_INVALID");
}

TEST(DataProtectorTest, EveryTamperedByteIsRefused) {
  auto protector = Make(kSecretA);
  const std::string sealed = *protector->Seal("85073003328", kAad);
  for (std::size_t i = 0; i < sealed.size(); ++i) {
    std::string tampered = sealed;
    tampered[i] = static_cast<char>(tampered[i] ^ 0x01);
    auto opened = protector->Open(tampered, kAad);
    EXPECT_EQ(status::Reason(opened.status()), "SEALED_VALUE_INVALID") << "byte " << i;
  }
}

TEST(DataProtectorTest, TruncatedInputIsRefused) {
  auto protector = Make(kSecretA);
  const std::string sealed = *protector->Seal("85073003328", kAad);
  for (std::size_t n = 0; n < sealed.size(); ++n) {
    auto opened = protector->Open(sealed.substr(0, n), kAad);
    EXPECT_EQ(status::Reason(opened.status()), "SEALED_VALUE_INVALID") << "length " << n;
  }
  EXPECT_EQ(status::Reason(protector->Open(sealed + "x", kAad).status()), "SEALED_VALUE_INVALID");
}

TEST(DataProtectorTest, KeyedHashIsStablePerSecretAndContext) {
  auto a = Make(kSecretA);
  auto a_again = Make(kSecretA);
  auto b = Make(kSecretB);
  const std::string hash = a->KeyedHash("ctx", "85073003328");
  EXPECT_EQ(hash.size(), 32u);
  EXPECT_EQ(hash, a_again->KeyedHash("ctx", "85073003328"));
  EXPECT_NE(hash, b->KeyedHash("ctx", "85073003328"));
  EXPECT_NE(hash, a->KeyedHash("other", "85073003328"));
  EXPECT_NE(hash, a->KeyedHash("ctx", "85073003329"));
  // The boundary between context and value is part of the hash.
  EXPECT_NE(a->KeyedHash("ab", "c"), a->KeyedHash("a", "bc"));
}

TEST(DataProtectorTest, ShortSecretIsRefused) {
  auto protector = DataProtector::FromSecret(std::string(31, 'x'));
  EXPECT_EQ(protector.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status::Reason(protector.status()), "DATA_SECRET_TOO_SHORT");
}

TEST(DataProtectorTest, FileWithHexSecretMatchesRawSecret) {
  // 64 hex chars of 0x61 = 32 bytes 'a'.
  std::string hex;
  for (int i = 0; i < 32; ++i) hex += "61";
  SecretFile file("  " + hex + "\n");
  auto from_file = DataProtector::FromFile(file.path());
  ASSERT_TRUE(from_file.ok()) << from_file.status();
  EXPECT_EQ((*from_file)->KeyedHash("c", "v"), Make(kSecretA)->KeyedHash("c", "v"));
}

TEST(DataProtectorTest, FileWithBase64SecretMatchesRawSecret) {
  // base64 of 32 bytes 'a'.
  SecretFile file("YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE=\n");
  auto from_file = DataProtector::FromFile(file.path());
  ASSERT_TRUE(from_file.ok()) << from_file.status();
  auto sealed = Make(kSecretA)->Seal("x", kAad);
  EXPECT_EQ(*(*from_file)->Open(*sealed, kAad), "x");
}

TEST(DataProtectorTest, FileWithShortSecretIsRefusedWithoutShowingIt) {
  // base64 of 31 bytes 'a'.
  const std::string content = "YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYQ==";
  SecretFile file(content);
  auto from_file = DataProtector::FromFile(file.path());
  EXPECT_EQ(status::Reason(from_file.status()), "DATA_SECRET_TOO_SHORT");
  EXPECT_NE(from_file.status().message().find(file.path()), absl::string_view::npos);
  EXPECT_EQ(from_file.status().message().find(content), absl::string_view::npos);
  EXPECT_EQ(from_file.status().message().find("aaaa"), absl::string_view::npos);
}

TEST(DataProtectorTest, ShortHexSecretIsRefused) {
  // 32 hex chars (a 128-bit key): not the 64-char hex form, and read as base64 only 24 bytes.
  SecretFile file("00112233445566778899aabbccddeeff\n");
  EXPECT_EQ(status::Reason(DataProtector::FromFile(file.path()).status()), "DATA_SECRET_TOO_SHORT");
}

TEST(DataProtectorTest, MalformedFileIsRefusedWithoutShowingIt) {
  const std::string content = "not a secret! $$$";
  SecretFile file(content);
  auto from_file = DataProtector::FromFile(file.path());
  EXPECT_EQ(status::Reason(from_file.status()), "DATA_SECRET_MALFORMED");
  EXPECT_EQ(from_file.status().message().find(content), absl::string_view::npos);
}

TEST(DataProtectorTest, EmptyAndMissingFilesAreRefused) {
  SecretFile empty(" \n");
  EXPECT_EQ(status::Reason(DataProtector::FromFile(empty.path()).status()),
            "DATA_SECRET_MALFORMED");
  EXPECT_EQ(status::Reason(DataProtector::FromFile("/nonexistent/secret").status()),
            "DATA_SECRET_FILE_UNREADABLE");
}

}  // namespace
}  // namespace meldpunt::identity::crypto
