// The exported gauges follow the real outbox and pool: rows waiting show as backlog, and the
// backlog drains to zero once the relay publishes them.
#include "libs/service_metrics/service_metrics.h"

#include <thread>

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "libs/events/outbox.h"
#include "libs/postgres/migrator.h"
#include "libs/redis/hiredis_client.h"
#include "libs/testing/test_database.h"
#include "libs/testing/test_redis.h"
#include "migrations/events.h"

namespace meldpunt::service_metrics {
namespace {

template <typename F>
bool Eventually(F cond) {
  for (int i = 0; i < 3000 && !cond(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  return cond();
}

bool Has(observability::Metrics& m, const std::string& line) {
  return m.Scrape().find(line) != std::string::npos;
}

TEST(ServiceMetricsTest, GaugesFollowPoolAndOutbox) {
  auto db = meldpunt::testing::TestDatabase::Create();
  ASSERT_TRUE(db.ok()) << db.status();
  ASSERT_TRUE(pg::Migrate((*db)->dsn(), "events", migrations::events()).ok());
  pg::PoolOptions po;
  po.dsn = (*db)->dsn();
  po.size = 2;
  auto pool = pg::CreatePool(po);
  ASSERT_TRUE(pool.ok()) << pool.status();
  auto redis_server = meldpunt::testing::TestRedis::Create();
  ASSERT_TRUE(redis_server.ok()) << redis_server.status();
  redis::RedisOptions ro;
  ro.host = (*redis_server)->host();
  ro.port = (*redis_server)->port();
  auto redis = redis::HiredisClient::Create(ro);
  ASSERT_TRUE(redis.ok()) << redis.status();

  for (int i = 0; i < 3; ++i) {
    auto event = events::NewEvent(time::DefaultClock(), "71053", "agg", "test");
    ASSERT_TRUE(event.ok());
    event->mutable_test_ping()->set_seq(i);
    ASSERT_TRUE(pg::Transact(**pool, [&](pqxx::work& tx) {
                  return events::AppendToOutbox(tx, events::StreamName("test"), *event);
                }).ok());
  }

  events::RelayOptions relay_options;
  relay_options.poll_interval = std::chrono::milliseconds(20);
  events::OutboxRelay relay(**pool, **redis, relay_options);
  // Created after what it samples, so it is destroyed (and its sampler stopped) first.
  auto metrics = observability::Metrics::Create("");
  ASSERT_TRUE(metrics.ok());
  ExportPool(**metrics, "t", **pool);
  ExportRelay(**metrics, "t", relay);

  // Samplers run once at registration, then every few seconds.
  EXPECT_TRUE(Eventually([&] { return Has(**metrics, "meldpunt_outbox_unpublished{service=\"t\"} 3"); }))
      << (*metrics)->Scrape();
  EXPECT_TRUE(Has(**metrics, "meldpunt_pg_pool_connections{service=\"t\",state=\"open\"} "));

  relay.Start();
  ASSERT_TRUE(Eventually([&] { return relay.Stats().published == 3; }));
  relay.Stop();
  // The next sample (within kSamplePeriod) shows the drained backlog.
  EXPECT_TRUE(Eventually([&] { return Has(**metrics, "meldpunt_outbox_unpublished{service=\"t\"} 0"); }))
      << (*metrics)->Scrape();
  EXPECT_TRUE(Has(**metrics, "meldpunt_outbox_published{service=\"t\"} 3"));
}

}  // namespace
}  // namespace meldpunt::service_metrics
