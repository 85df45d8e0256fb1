#include "services/intake/src/reports/list_query.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/util/time_util.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "libs/api/page_token.h"
#include "libs/events/uuid.h"
#include "libs/status/status.h"
#include "libs/time/conversions.h"
#include "services/intake/src/api/caller_rules.h"
#include "services/intake/src/categories/category_validation.h"
#include "services/intake/src/reports/reference.h"
#include "libs/postgres/sql_params.h"
#include "services/intake/src/zones/geo.h"

namespace meldpunt::intake {
namespace {

constexpr int kMaxFilterValues = 100;

absl::Status BadToken() {
  return status::InvalidArgument(api::kReasonPageTokenInvalid, "page_token is malformed");
}

std::string Deterministic(const google::protobuf::Message& message) {
  std::string bytes;
  google::protobuf::io::StringOutputStream stream(&bytes);
  google::protobuf::io::CodedOutputStream coded(&stream);
  coded.SetSerializationDeterministic(true);
  message.SerializeToCodedStream(&coded);
  coded.Trim();
  return bytes;
}

bool IsShortPrintable(const std::string& text, std::size_t max) {
  if (text.empty() || text.size() > max) return false;
  for (unsigned char c : text) {
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

absl::StatusOr<std::int64_t> Micros(const google::protobuf::Timestamp& t, const char* field) {
  if (t.seconds() < google::protobuf::util::TimeUtil::kTimestampMinSeconds ||
      t.seconds() > google::protobuf::util::TimeUtil::kTimestampMaxSeconds || t.nanos() < 0 ||
      t.nanos() > 999999999) {
    return status::InvalidField(kReasonFilterInvalid, field, "not a valid timestamp");
  }
  return time::ToMicros(time::FromProto(t));
}

// The cursor of a token: [micros, tie].
absl::StatusOr<std::optional<Cursor>> DecodeCursor(const std::string& token,
                                                   const std::string& tenant_id,
                                                   const std::string& fingerprint) {
  auto fields = api::DecodePageToken(token, tenant_id, fingerprint);
  if (!fields.ok()) return fields.status();
  if (fields->empty()) return std::optional<Cursor>();
  Cursor cursor;
  if (fields->size() != 2 || !absl::SimpleAtoi((*fields)[0], &cursor.micros)) return BadToken();
  cursor.tie = (*fields)[1];
  return std::optional<Cursor>(std::move(cursor));
}

}  // namespace

absl::StatusOr<PagedQuery> BuildReportQuery(const v1::ListReportsRequest& request,
                                            const auth::Principal& caller) {
  PagedQuery paged;
  ReportQuery& q = paged.query;
  auto size = api::EffectivePageSize(request.page_size());
  if (!size.ok()) return size.status();
  q.limit = *size;

  if (request.statuses_size() > kMaxFilterValues || request.category_codes_size() > kMaxFilterValues ||
      request.zone_ids_size() > kMaxFilterValues || request.channels_size() > kMaxFilterValues ||
      request.references_size() > kMaxFilterValues) {
    return status::InvalidField(kReasonFilterInvalid, "filters", "at most 100 values per filter");
  }
  for (int s : request.statuses()) {
    if (s == v1::REPORT_STATUS_UNSPECIFIED || !v1::ReportStatus_IsValid(s)) {
      return status::InvalidField(kReasonFilterInvalid, "statuses", "unknown status");
    }
    q.statuses.push_back(static_cast<v1::ReportStatus>(s));
  }
  for (const auto& code : request.category_codes()) {
    if (!IsValidCode(code)) return status::InvalidField(kReasonFilterInvalid, "category_codes", "malformed category code");
    q.category_codes.push_back(code);
  }
  for (const auto& zone : request.zone_ids()) {
    if (!IsShortPrintable(zone, 64)) return status::InvalidField(kReasonFilterInvalid, "zone_ids", "malformed zone id");
    q.zone_ids.push_back(zone);
  }
  for (int c : request.channels()) {
    if (c == common::v1::CHANNEL_UNSPECIFIED || !common::v1::Channel_IsValid(c)) {
      return status::InvalidField(kReasonFilterInvalid, "channels", "unknown channel");
    }
    q.channels.push_back(static_cast<common::v1::Channel>(c));
  }
  if (request.has_created_after()) {
    auto micros = Micros(request.created_after(), "created_after");
    if (!micros.ok()) return micros.status();
    q.created_after_us = *micros;
  }
  if (request.has_created_before()) {
    auto micros = Micros(request.created_before(), "created_before");
    if (!micros.ok()) return micros.status();
    q.created_before_us = *micros;
  }
  if (q.created_after_us && q.created_before_us && *q.created_after_us >= *q.created_before_us) {
    return status::InvalidField(kReasonFilterInvalid, "created_before", "must be after created_after");
  }
  if (request.has_area()) {
    if (absl::Status s = ValidateArea(request.area(), "area", {}); !s.ok()) return s;
    q.area = request.area();
  }
  if (auth::IsCitizenCaller(caller)) {
    q.citizen_id = caller.subject();  // a citizen lists only their own, whatever was asked
  } else if (!request.citizen_id().empty()) {
    if (!IsShortPrintable(request.citizen_id(), 128)) return status::InvalidField(kReasonFilterInvalid, "citizen_id", "malformed id");
    q.citizen_id = request.citizen_id();
  }
  for (const auto& reference : request.references()) {
    if (!IsWellFormedReference(reference)) return status::InvalidField(kReasonFilterInvalid, "references", "malformed reference");
    q.references.push_back(reference);
  }
  if (!v1::ReportOrder_IsValid(request.order_by())) return status::InvalidField(kReasonFilterInvalid, "order_by", "unknown order");
  q.order = request.order_by() == v1::REPORT_ORDER_UNSPECIFIED ? v1::REPORT_ORDER_CREATED_AT_DESC
                                                               : request.order_by();

  // Bound to everything that decides the result set and its order, page size excepted.
  v1::ListReportsRequest bound = request;
  bound.clear_page_size();
  bound.clear_page_token();
  bound.set_citizen_id(q.citizen_id);
  bound.set_order_by(q.order);
  paged.fingerprint = absl::StrCat("reports/", Deterministic(bound));

  auto cursor = DecodeCursor(request.page_token(), caller.tenant_id(), paged.fingerprint);
  if (!cursor.ok()) return cursor.status();
  if (*cursor && !events::IsUuid((*cursor)->tie)) return BadToken();
  q.after = std::move(*cursor);
  return paged;
}

std::string NextReportsPageToken(const std::string& tenant_id, const PagedQuery& paged,
                                 const v1::Report& last) {
  const auto& t = paged.query.order == v1::REPORT_ORDER_STATUS_UPDATED_AT_DESC ? last.status_updated_at()
                                                                               : last.created_at();
  return api::EncodePageToken(tenant_id, paged.fingerprint,
                              {absl::StrCat(time::ToMicros(time::FromProto(t))), last.id()});
}

absl::StatusOr<PagedNearbyQuery> BuildNearbyQuery(const v1::ListNearbyReportsRequest& request,
                                                  const std::string& tenant_id, absl::Time now) {
  PagedNearbyQuery paged;
  NearbyQuery& q = paged.query;
  auto size = api::EffectivePageSize(request.page_size());
  if (!size.ok()) return size.status();
  q.limit = *size;
  if (absl::Status s = ValidateArea(request.area(), "area", {kNearbyMaxRadiusM, kNearbyMaxSideM});
      !s.ok()) {
    return s;
  }
  q.area = request.area();
  const std::int64_t earliest = absl::ToUnixMicros(now - kNearbyMaxPeriod);
  q.since_us = absl::ToUnixMicros(now - kNearbyDefaultPeriod);
  if (request.has_since()) {
    auto since = Micros(request.since(), "since");
    if (!since.ok()) return since.status();
    if (*since < earliest) {
      return status::InvalidField("SINCE_INVALID", "since", "at most 90 days ago");
    }
    q.since_us = *since;
  }
  if (request.category_codes_size() > kMaxFilterValues) {
    return status::InvalidField(kReasonFilterInvalid, "category_codes", "at most 100 values");
  }
  for (const auto& code : request.category_codes()) {
    if (!IsValidCode(code)) return status::InvalidField(kReasonFilterInvalid, "category_codes", "malformed category code");
    q.category_codes.push_back(code);
  }
  v1::ListNearbyReportsRequest bound = request;
  bound.clear_page_size();
  bound.clear_page_token();
  paged.fingerprint = absl::StrCat("nearby/", Deterministic(bound));
  auto cursor = DecodeCursor(request.page_token(), tenant_id, paged.fingerprint);
  if (!cursor.ok()) return cursor.status();
  if (*cursor && !IsWellFormedReference((*cursor)->tie)) return BadToken();
  q.after = std::move(*cursor);
  return paged;
}

std::string NextNearbyPageToken(const std::string& tenant_id, const PagedNearbyQuery& paged,
                                const v1::PublicReport& last) {
  return api::EncodePageToken(tenant_id, paged.fingerprint,
                              {absl::StrCat(time::ToMicros(time::FromProto(last.created_at()))), last.reference()});
}

}  // namespace meldpunt::intake
