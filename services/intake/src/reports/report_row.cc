#include "services/intake/src/reports/report_row.h"

#include <map>

#include <pqxx/pqxx>

#include "libs/api/enum_names.h"
#include "libs/auth/assurance.h"
#include "libs/postgres/sql_params.h"
#include "libs/postgres/statement.h"
#include "libs/time/conversions.h"
#include "services/intake/src/reports/report_json.h"
#include "sql/intake.h"

namespace meldpunt::intake {

const char kSelectReports[] =
    "SELECT r.id::text AS id, r.reference, r.tenant_id, r.category_code, r.channel,"
    " r.reporter_kind, r.citizen_id, r.guest_first_name, r.guest_last_name,"
    " r.contact_channel, r.contact_language, r.contact_email, r.contact_phone,"
    " r.contact_postal_address::text AS contact_postal_address, r.language,"
    " ST_Y(r.location::geometry) AS latitude, ST_X(r.location::geometry) AS longitude,"
    " r.address_street, r.address_house_number, r.address_box, r.address_postal_code,"
    " r.address_municipality, r.address_country, r.location_description, r.zone_id,"
    " COALESCE(z.name, '') AS zone_name, r.description,"
    " r.attribute_values::text AS attribute_values,"
    " array_to_json(r.media_urls)::text AS media_urls, r.external_reference, r.submitted_by,"
    " COALESCE(r.reporter_assurance, '') AS reporter_assurance, r.reporter_verified,"
    " r.status, (extract(epoch from r.status_updated_at) * 1000000)::bigint AS status_updated_us,"
    " r.status_note, r.case_id, r.department_id, r.department_names::text AS department_names,"
    " r.duplicate_of_report_id,"
    " (extract(epoch from r.created_at) * 1000000)::bigint AS created_us,"
    " (extract(epoch from r.updated_at) * 1000000)::bigint AS updated_us"
    " FROM reports r"
    " LEFT JOIN zones z ON z.tenant_id = r.tenant_id AND z.zone_id = r.zone_id AND z.kind = 'zone'";

absl::StatusOr<v1::Report> ReportFromRow(const pqxx::row& row) {
  const auto text = [&row](const char* name) { return row[name].as<std::string>(); };
  v1::Report r;
  r.set_id(text("id"));
  r.set_reference(text("reference"));
  r.set_tenant_id(text("tenant_id"));
  r.set_category_code(text("category_code"));
  r.set_channel(api::EnumFromDb<common::v1::Channel>(text("channel")));
  const std::string kind = text("reporter_kind");
  if (kind == "citizen") {
    r.mutable_reporter()->set_citizen_id(text("citizen_id"));
  } else if (kind == "guest") {
    r.mutable_reporter()->mutable_guest()->set_first_name(text("guest_first_name"));
    r.mutable_reporter()->mutable_guest()->set_last_name(text("guest_last_name"));
  }
  auto* contact = r.mutable_contact_preference();
  contact->set_channel(api::EnumFromDb<common::v1::ContactChannel>(text("contact_channel")));
  contact->set_language(api::EnumFromDb<common::v1::Language>(text("contact_language")));
  contact->set_email(text("contact_email"));
  contact->set_phone(text("contact_phone"));
  if (!row["contact_postal_address"].is_null()) {
    if (absl::Status s = PostalAddressFromJson(text("contact_postal_address"),
                                               contact->mutable_postal_address());
        !s.ok()) {
      return s;
    }
  }
  r.set_language(api::EnumFromDb<common::v1::Language>(text("language")));
  if (!row["latitude"].is_null()) {
    r.mutable_location()->set_latitude(row["latitude"].as<double>());
    r.mutable_location()->set_longitude(row["longitude"].as<double>());
  }
  common::v1::PostalAddress address;
  address.set_street(text("address_street"));
  address.set_house_number(text("address_house_number"));
  address.set_box(text("address_box"));
  address.set_postal_code(text("address_postal_code"));
  address.set_municipality(text("address_municipality"));
  address.set_country(text("address_country"));
  if (address.ByteSizeLong() > 0) *r.mutable_address() = address;
  r.set_location_description(text("location_description"));
  r.set_zone_id(text("zone_id"));
  r.set_zone_name(text("zone_name"));
  r.set_description(text("description"));
  if (absl::Status s = AttributeValuesFromJson(text("attribute_values"), r.mutable_attribute_values());
      !s.ok()) {
    return s;
  }
  if (absl::Status s = StringsFromJson(text("media_urls"), r.mutable_media_urls()); !s.ok()) return s;
  r.set_external_reference(text("external_reference"));
  r.set_submitted_by(text("submitted_by"));
  r.set_reporter_assurance_level(auth::AssuranceFromName(text("reporter_assurance")));
  r.set_reporter_verified(row["reporter_verified"].as<bool>());
  r.set_status(api::EnumFromDb<v1::ReportStatus>(text("status")));
  *r.mutable_status_updated_at() = time::ToProto(time::FromMicros(row["status_updated_us"].as<std::int64_t>()));
  r.set_status_note(text("status_note"));
  r.set_case_id(text("case_id"));
  r.set_department_id(text("department_id"));
  if (absl::Status s = LocalizedTextsFromJson(text("department_names"), r.mutable_department_names());
      !s.ok()) {
    return s;
  }
  r.set_duplicate_of_report_id(text("duplicate_of_report_id"));
  *r.mutable_created_at() = time::ToProto(time::FromMicros(row["created_us"].as<std::int64_t>()));
  *r.mutable_updated_at() = time::ToProto(time::FromMicros(row["updated_us"].as<std::int64_t>()));
  return r;
}

absl::Status AttachMedia(pqxx::work& tx, const std::string& tenant_id,
                         std::vector<v1::Report>& reports) {
  if (reports.empty()) return absl::OkStatus();
  std::vector<std::string> ids;
  std::map<std::string, v1::Report*> by_id;
  for (auto& r : reports) {
    ids.push_back(r.id());
    by_id[r.id()] = &r;
  }
  pqxx::result media =
      pg::ExecUnnamed(tx, sql::intake::select_report_media, tenant_id, pg::TextArray(ids));
  for (const auto& row : media) {
    auto it = by_id.find(row[0].as<std::string>());
    if (it == by_id.end()) continue;
    common::v1::MediaRef* m = it->second->add_media();
    m->set_media_id(row[1].as<std::string>());
    m->set_content_type(row[2].as<std::string>());
    m->set_sha256(row[3].as<std::string>());
    m->set_size_bytes(row[4].as<std::int64_t>());
    m->set_filename(row[5].as<std::string>());
    *m->mutable_created_at() = time::ToProto(time::FromMicros(row[6].as<std::int64_t>()));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<v1::Report>> ReadReport(pqxx::work& tx, const std::string& tenant_id,
                                                     const std::string& id) {
  const pqxx::result rows = tx.exec_params(
      std::string(kSelectReports) + " WHERE r.tenant_id = $1 AND r.id = $2::uuid", tenant_id, id);
  if (rows.empty()) return std::optional<v1::Report>();
  auto report = ReportFromRow(rows[0]);
  if (!report.ok()) return report.status();
  std::vector<v1::Report> one = {*std::move(report)};
  if (absl::Status s = AttachMedia(tx, tenant_id, one); !s.ok()) return s;
  return std::optional<v1::Report>(std::move(one.front()));
}

}  // namespace meldpunt::intake
