// ReportSubmitted is written in the report's own transaction: both or neither. And the relay
// publishes it to intake's stream.
#include <gtest/gtest.h>

#include "libs/events/outbox.h"
#include "libs/events/relay.h"
#include "libs/redis/hiredis_client.h"
#include "libs/testing/test_redis.h"
#include "services/intake/tests/intake_fixture.h"

namespace meldpunt::intake::testing {
namespace {

class OutboxTest : public ReportsTest {};

TEST_F(OutboxTest, TheEventCommitsWithTheReportAndCarriesNoPersonalData) {
  auto req = NewReport("o-1", "drugsafval", GroteMarkt());
  req.mutable_contact_preference()->set_channel(roles::CONTACT_CHANNEL_EMAIL);
  req.mutable_contact_preference()->set_email("jan@example.be");
  const auto report = MustCreate(AsCitizen(kSintTruiden, "cit-1"), req);
  auto events = OutboxEvents();
  ASSERT_EQ(events.size(), 1u);
  const auto& e = events[0];
  EXPECT_EQ(e.type(), "ReportSubmitted");
  EXPECT_EQ(e.tenant_id(), kSintTruiden);
  EXPECT_EQ(e.aggregate_id(), report.id());
  EXPECT_EQ(e.producer(), "intake");
  EXPECT_FALSE(e.correlation_id().empty());
  const auto& p = e.report_submitted();
  EXPECT_EQ(p.report_id(), report.id());
  EXPECT_EQ(p.reference(), report.reference());
  EXPECT_EQ(p.category_code(), "drugsafval");
  EXPECT_TRUE(p.category_sensitive());
  EXPECT_EQ(p.channel(), roles::CHANNEL_APP);
  EXPECT_EQ(p.zone_id(), "71053A");
  EXPECT_DOUBLE_EQ(p.location().latitude(), GroteMarkt().latitude());
  EXPECT_EQ(p.citizen_id(), "cit-1");
  EXPECT_FALSE(p.guest_has_contact());
  EXPECT_EQ(p.contact_channel(), roles::CONTACT_CHANNEL_EMAIL);
  EXPECT_EQ(p.submitted_by(), "cit-1");
  EXPECT_EQ(p.created_at().seconds(), report.created_at().seconds());
  const std::string wire = e.SerializeAsString();
  EXPECT_EQ(wire.find("jan@example.be"), std::string::npos);
  EXPECT_EQ(wire.find(report.description()), std::string::npos);
}

TEST_F(OutboxTest, AFailedTransactionLeavesNeitherReportNorEventNorNumber) {
  // A failure injected at the last statement of the transaction (the request log insert), after
  // the report and its event were written.
  Exec(R"sql(
    CREATE FUNCTION fail_on_request() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.request_id = 'fail-me' THEN RAISE EXCEPTION 'injected failure'; END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER fail_on_request BEFORE INSERT ON meldpunt_request_log
      FOR EACH ROW EXECUTE FUNCTION fail_on_request();
  )sql");
  v1::CreateReportResponse resp;
  grpc::Status s = Create(AsCitizen(kSintTruiden, "cit-1"), NewReport("fail-me", "zwerfvuil", GroteMarkt()), &resp);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(Scalar("SELECT count(*) FROM reports"), 0);
  EXPECT_EQ(Scalar("SELECT count(*) FROM meldpunt_outbox"), 0);
  EXPECT_EQ(Scalar("SELECT count(*) FROM report_counters"), 0);
  EXPECT_EQ(harness_.events_written(), 0);
  // Refused requests write nothing either.
  EXPECT_FALSE(Create(AsCitizen(kSintTruiden, "cit-1"), NewReport("out", "zwerfvuil", Brussels()), &resp).ok());
  EXPECT_EQ(Scalar("SELECT count(*) FROM meldpunt_outbox"), 0);
  // The next report gets the first number.
  const auto report = MustCreate(AsCitizen(kSintTruiden, "cit-1"), NewReport("ok", "zwerfvuil", GroteMarkt()));
  EXPECT_EQ(report.reference().substr(9), "000001");
  EXPECT_EQ(Scalar("SELECT count(*) FROM meldpunt_outbox"), 1);
}

TEST_F(OutboxTest, TheRelayPublishesToIntakesStream) {
  auto redis_server = meldpunt::testing::TestRedis::Create();
  ASSERT_TRUE(redis_server.ok()) << redis_server.status();
  auto redis = (*redis_server)->NewClient();
  MustCreate(AsCitizen(kSintTruiden, "cit-1"), NewReport("r-1", "zwerfvuil", GroteMarkt()));
  MustCreate(AsCitizen(kSintTruiden, "cit-2"), NewReport("r-2", "zwerfvuil", GroteMarkt()));
  events::OutboxRelay relay(*pool_, *redis);
  auto round = relay.PublishOnce();
  ASSERT_TRUE(round.ok()) << round.status();
  EXPECT_EQ(round->published, 2);
  auto len = redis->Command({"XLEN", events::StreamName("intake")});
  ASSERT_TRUE(len.ok()) << len.status();
  EXPECT_EQ(len->integer, 2);
  EXPECT_EQ(Scalar("SELECT count(*) FROM meldpunt_outbox WHERE published_at IS NULL"), 0);
}

}  // namespace
}  // namespace meldpunt::intake::testing
