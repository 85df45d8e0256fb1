#include "libs/events/outbox.h"

#include <exception>

#include <google/protobuf/descriptor.h>
#include <pqxx/binarystring>
#include <pqxx/result>

#include "absl/strings/str_cat.h"
#include "libs/events/uuid.h"
#include "libs/postgres/errors.h"
#include "libs/status/status.h"

namespace meldpunt::events {
namespace {

constexpr char kInsert[] =
    "INSERT INTO meldpunt_outbox (event_id, tenant_id, type, stream, payload) "
    "VALUES ($1::uuid, $2, $3, $4, $5)";

constexpr char kRequeue[] =
    "UPDATE meldpunt_outbox SET published_at = NULL "
    "WHERE published_at IS NOT NULL AND published_at >= to_timestamp($1)";

absl::Status Invalid(std::string_view message) {
  return status::InvalidArgument(kReasonEventInvalid, message);
}

}  // namespace

std::string StreamName(std::string_view service) {
  return absl::StrCat("meldpunt:events:", std::string(service));
}

absl::StatusOr<v1::Event> NewEvent(const time::Clock& clock, std::string_view tenant_id,
                                   std::string_view aggregate_id, std::string_view producer) {
  absl::StatusOr<std::string> id = NewUuidV4();
  if (!id.ok()) return id.status();
  v1::Event event;
  event.set_event_id(*id);
  event.set_tenant_id(std::string(tenant_id));
  event.set_aggregate_id(std::string(aggregate_id));
  event.set_producer(std::string(producer));
  const absl::Time now = clock.Now();
  const std::int64_t micros = absl::ToUnixMicros(now);
  // Floor division so an instant before 1970 still gets nanos in [0, 1e9).
  std::int64_t seconds = micros / 1000000;
  std::int64_t rest = micros % 1000000;
  if (rest < 0) {
    rest += 1000000;
    --seconds;
  }
  event.mutable_occurred_at()->set_seconds(seconds);
  event.mutable_occurred_at()->set_nanos(static_cast<std::int32_t>(rest * 1000));
  return event;
}

std::string PayloadType(const v1::Event& event) {
  const google::protobuf::OneofDescriptor* oneof =
      v1::Event::descriptor()->FindOneofByName("payload");
  if (oneof == nullptr) return "";
  const google::protobuf::FieldDescriptor* field =
      event.GetReflection()->GetOneofFieldDescriptor(event, oneof);
  if (field == nullptr || field->message_type() == nullptr) return "";
  return field->message_type()->name();
}

absl::Status AppendToOutbox(pqxx::work& tx, std::string_view stream, const v1::Event& event) {
  if (stream.empty()) return Invalid("event stream is empty");
  if (!IsUuid(event.event_id())) return Invalid("event_id is not a UUID");
  const std::string payload_type = PayloadType(event);
  if (payload_type.empty()) return Invalid("event has no payload");
  if (!event.type().empty() && event.type() != payload_type) {
    return Invalid(absl::StrCat("event type ", event.type(), " does not match its payload ",
                                payload_type));
  }
  std::string bytes;
  bool serialized;
  if (event.type().empty()) {
    v1::Event typed = event;
    typed.set_type(payload_type);
    serialized = typed.SerializeToString(&bytes);
  } else {
    serialized = event.SerializeToString(&bytes);
  }
  if (!serialized) return Invalid("event cannot be serialized");
  // proto3 refuses to parse strings that are not UTF-8 (but serializes them with a log line):
  // catch that here rather than as a poison event at every consumer.
  if (v1::Event check; !check.ParseFromString(bytes)) {
    return Invalid("event does not parse back (a string field that is not UTF-8?)");
  }
  try {
    tx.exec_params(kInsert, event.event_id(), event.tenant_id(), payload_type,
                   std::string(stream), pqxx::binarystring(bytes));
  } catch (const std::exception& e) {
    return pg::MapException(e);
  }
  return absl::OkStatus();
}

void ScopeToOutboxRelay(pqxx::transaction_base& tx) {
  tx.exec("SELECT set_config('meldpunt.outbox_relay', 'on', true)");
}

absl::StatusOr<std::int64_t> RequeuePublished(pg::Pool& pool, absl::Time since) {
  std::int64_t requeued = 0;
  absl::Status status = pg::Transact(pool, [&](pqxx::work& tx) -> absl::Status {
    ScopeToOutboxRelay(tx);
    requeued = static_cast<std::int64_t>(
        tx.exec_params(kRequeue, absl::ToDoubleSeconds(since - absl::UnixEpoch()))
            .affected_rows());
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return requeued;
}

}  // namespace meldpunt::events
