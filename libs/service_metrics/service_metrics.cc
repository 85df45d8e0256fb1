#include "libs/service_metrics/service_metrics.h"

#include <prometheus/gauge.h>

namespace meldpunt::service_metrics {

void ExportPool(observability::Metrics& metrics, const std::string& service, pg::Pool& pool) {
  auto& open = metrics.Gauge("meldpunt_pg_pool_connections", "PostgreSQL connections by state",
                             {{"service", service}, {"state", "open"}});
  auto& in_use = metrics.Gauge("meldpunt_pg_pool_connections", "PostgreSQL connections by state",
                               {{"service", service}, {"state", "in_use"}});
  auto& waiting = metrics.Gauge("meldpunt_pg_pool_waiting",
                                "calls waiting for a PostgreSQL connection", {{"service", service}});
  auto& reconnects = metrics.Gauge("meldpunt_pg_pool_reconnects",
                                   "connections reopened after a loss", {{"service", service}});
  metrics.AddSampler(
      [&pool, &open, &in_use, &waiting, &reconnects] {
        pg::PoolStats stats = pool.Stats();
        open.Set(static_cast<double>(stats.open));
        in_use.Set(static_cast<double>(stats.in_use));
        waiting.Set(static_cast<double>(stats.waiting));
        reconnects.Set(static_cast<double>(stats.reconnects));
      },
      kSamplePeriod);
}

void ExportRelay(observability::Metrics& metrics, const std::string& service,
                 events::OutboxRelay& relay) {
  auto& unpublished = metrics.Gauge("meldpunt_outbox_unpublished",
                                    "outbox rows not yet published", {{"service", service}});
  auto& oldest = metrics.Gauge("meldpunt_outbox_oldest_age_seconds",
                               "age of the oldest unpublished outbox row", {{"service", service}});
  auto& published = metrics.Gauge("meldpunt_outbox_published",
                                  "events published by this process", {{"service", service}});
  auto& failures = metrics.Gauge("meldpunt_outbox_relay_failures",
                                 "relay rounds that failed in this process", {{"service", service}});
  auto& requeued = metrics.Gauge("meldpunt_outbox_requeued_after_redis_loss",
                                 "published rows sent again by this process because Redis had "
                                 "lost their entries", {{"service", service}});
  metrics.AddSampler(
      [&relay, &unpublished, &oldest, &published, &failures, &requeued] {
        events::RelayStats stats = relay.Stats();
        published.Set(static_cast<double>(stats.published));
        failures.Set(static_cast<double>(stats.failures));
        requeued.Set(static_cast<double>(stats.requeued));
        // The backlog is a query: when the database is down the gauges keep their last value.
        auto backlog = relay.Backlog();
        if (!backlog.ok()) return;
        unpublished.Set(static_cast<double>(backlog->unpublished));
        oldest.Set(std::chrono::duration<double>(backlog->oldest_age).count());
      },
      kSamplePeriod);
}

void ExportConsumer(observability::Metrics& metrics, const std::string& service,
                    const std::string& consumer, events::EventConsumer& events_consumer) {
  const std::map<std::string, std::string> labels = {{"service", service}, {"consumer", consumer}};
  auto& pending = metrics.Gauge("meldpunt_consumer_pending",
                                "events delivered but not yet acknowledged", labels);
  auto& lag = metrics.Gauge("meldpunt_consumer_lag", "events in the stream not yet delivered",
                            labels);
  auto& parked = metrics.Gauge("meldpunt_consumer_parked", "poison events parked by this process",
                               labels);
  metrics.AddSampler(
      [&events_consumer, &pending, &lag, &parked] {
        parked.Set(static_cast<double>(events_consumer.Stats().parked));
        auto current = events_consumer.Lag();
        if (!current.ok()) return;
        pending.Set(static_cast<double>(current->pending));
        if (current->lag) lag.Set(static_cast<double>(*current->lag));
      },
      kSamplePeriod);
}

}  // namespace meldpunt::service_metrics
