#pragma once
// Shared set-up of the citizens integration tests: a fresh database owned by its own
// non-superuser role (so row-level security applies, as in production), migrated with the
// components identity uses, Sint-Truiden's zones loaded through the zone import's code, and a
// PgCitizenRepository with a fixed test secret.

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "libs/postgres/pool.h"
#include "libs/testing/test_database.h"
#include "meldpunt/events/v1/event.pb.h"
#include "services/identity/src/citizens/pg_citizen_repository.h"
#include "services/identity/src/crypto/data_protector.h"

namespace meldpunt::identity::testing {

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

struct OutboxRow {
  std::string stream;
  std::string raw;  // the stored payload bytes
  events::v1::Event event;
};

class CitizensTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Creates the citizen or fails the test.
  v1::Citizen MustUpsert(const std::string& tenant, const VerifiedIdentity& identity,
                         common::v1::Language language = common::v1::LANGUAGE_UNSPECIFIED);

  // One integer from a query run as the superuser (which bypasses row-level security).
  std::int64_t Scalar(const std::string& sql);
  // Raw bytes of the first column of the first row, as the superuser.
  std::string Bytes(const std::string& sql);

  std::vector<OutboxRow> Outbox();

  const absl::Time now_ = absl::FromUnixSeconds(1767225600);  // 2026-01-01T00:00:00Z

  std::unique_ptr<meldpunt::testing::TestDatabase> db_;
  std::string app_dsn_;
  std::unique_ptr<pg::Pool> pool_;        // as the service's role
  std::unique_ptr<pg::Pool> admin_pool_;  // superuser
  std::unique_ptr<crypto::DataProtector> protector_;
  std::unique_ptr<PgCitizenRepository> repo_;
};

}  // namespace meldpunt::identity::testing
