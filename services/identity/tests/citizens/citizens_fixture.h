#pragma once
// Shared set-up of the citizens integration tests: identity's test database
// (tests/fixtures/identity_database.h), Sint-Truiden's zones loaded through the zone import's
// code, and a PgCitizenRepository with a fixed test secret.

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "services/identity/src/citizens/pg_citizen_repository.h"
#include "services/identity/src/crypto/data_protector.h"
#include "services/identity/tests/fixtures/identity_database.h"

namespace meldpunt::identity::testing {

// The contracts' common enums (genders, languages, channels), as the citizens tests spell them.
namespace c = common::v1;

inline constexpr char kSintTruiden[] = "71053";
inline constexpr char kHasselt[] = "71022";

// Valid national numbers (checksums right): a woman born 1985-07-30, a man born 1990-01-01.
inline constexpr char kAnNumber[] = "85073003328";
inline constexpr char kBertNumber[] = "90010100123";

std::string RepoPath(const std::string& relative);

// An eID-like identity living at municipality.
VerifiedIdentity Person(const std::string& national_number, const std::string& given_names,
                        const std::string& family_name, const std::string& birth_date,
                        common::v1::Gender gender, const std::string& municipality);
VerifiedIdentity An();    // An Peeters, Brustem
VerifiedIdentity Bert();  // Bert Janssens, Sint-Truiden

class CitizensTest : public IdentityDatabaseTest {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Creates the citizen or fails the test.
  v1::Citizen MustUpsert(const std::string& tenant, const VerifiedIdentity& identity,
                         common::v1::Language language = common::v1::LANGUAGE_UNSPECIFIED);

  const absl::Time now_ = absl::FromUnixSeconds(1767225600);  // 2026-01-01T00:00:00Z

  std::unique_ptr<crypto::DataProtector> protector_;
  std::unique_ptr<PgCitizenRepository> repo_;
};

}  // namespace meldpunt::identity::testing
