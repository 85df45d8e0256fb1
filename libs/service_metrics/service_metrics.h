#pragma once
// Gauges every service with a database and events exports the same way: connection pool usage,
// outbox backlog (how far the relay lags behind commits) and consumer lag (how far a consumer
// lags behind its stream). Sampled on the metrics sampler thread, never on a request path.
// The samplers hold references: call metrics.StopSamplers() before destroying what was exported.

#include <chrono>
#include <string>

#include "libs/events/consumer.h"
#include "libs/events/relay.h"
#include "libs/observability/metrics.h"
#include "libs/postgres/pool.h"

namespace meldpunt::service_metrics {

inline constexpr std::chrono::seconds kSamplePeriod{5};

// meldpunt_pg_pool_connections{service, state=open|in_use}, meldpunt_pg_pool_waiting{service},
// meldpunt_pg_pool_reconnects{service}.
void ExportPool(observability::Metrics& metrics, const std::string& service, pg::Pool& pool);

// meldpunt_outbox_unpublished{service}, meldpunt_outbox_oldest_age_seconds{service},
// meldpunt_outbox_published{service}, meldpunt_outbox_relay_failures{service}.
void ExportRelay(observability::Metrics& metrics, const std::string& service,
                 events::OutboxRelay& relay);

// meldpunt_consumer_pending{service, consumer}, meldpunt_consumer_lag{service, consumer},
// meldpunt_consumer_parked{service, consumer}.
void ExportConsumer(observability::Metrics& metrics, const std::string& service,
                    const std::string& consumer, events::EventConsumer& events_consumer);

}  // namespace meldpunt::service_metrics
