#pragma once
// The producer side of events: an event is written to the outbox table inside the same
// PostgreSQL transaction as the state change it announces, so both commit or neither does. The
// relay (relay.h) publishes it afterwards.
//
//   absl::StatusOr<v1::Event> event = NewEvent(clock, tenant, report_id, "intake");
//   *event->mutable_report_submitted() = ...;
//   return pg::Transact(pool, [&](pqxx::work& tx) {
//     ... the state change ...
//     return AppendToOutbox(tx, StreamName("intake"), *event);
//   });

#include <string>
#include <string_view>

#include <pqxx/transaction>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/time/clock.h"
#include "libs/postgres/pool.h"
#include "meldpunt/events/v1/event.pb.h"

namespace meldpunt::events {

// ErrorInfo reasons.
inline constexpr char kReasonEventInvalid[] = "EVENT_INVALID";  // INVALID_ARGUMENT

// The stream a service publishes its events to: "meldpunt:events:<service>".
std::string StreamName(std::string_view service);

// A new envelope with a fresh random event_id, occurred_at = clock.Now() and the given
// attributes. The caller then sets the payload; AppendToOutbox() fills in type from it.
absl::StatusOr<v1::Event> NewEvent(const time::Clock& clock, std::string_view tenant_id,
                                   std::string_view aggregate_id, std::string_view producer);

// The message name of the payload that is set ("ReportSubmitted"), or "" when none is.
std::string PayloadType(const v1::Event& event);

// Inserts the event into meldpunt_outbox within tx (the caller's transaction: commit it along
// with the state change). INVALID_ARGUMENT (EVENT_INVALID) when event_id is not a UUID, no
// payload is set, type disagrees with the payload or stream is empty; ALREADY_EXISTS when the
// event_id was used before. A database error leaves tx aborted: return the status so the
// transaction is rolled back. tx must be scoped to the event's tenant (auth::ScopeToTenant, as
// the state change is): row-level security refuses any other tenant's row.
absl::Status AppendToOutbox(pqxx::work& tx, std::string_view stream, const v1::Event& event);

// Recovery after Redis lost data it had acknowledged (a restart without persistence, a
// failover to a replica that was behind): marks rows published at or after since as
// unpublished again, so the relay sends them once more. Consumers skip the ones they had
// already applied. Returns how many rows were requeued; rows already pruned are gone.
absl::StatusOr<std::int64_t> RequeuePublished(pg::Pool& pool, absl::Time since);

// Declares tx the relay's (transaction-local): row-level security then shows it every tenant's
// outbox rows, and only those (libs/events/migrations/0002_outbox_and_parked_rls.sql). For the
// relay's own work (publish, prune, backlog, requeue); nothing else reads the outbox across
// tenants.
void ScopeToOutboxRelay(pqxx::transaction_base& tx);

}  // namespace meldpunt::events
