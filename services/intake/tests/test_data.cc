#include "services/intake/tests/test_data.h"

#include <cmath>

#include "libs/status/grpc_status.h"
#include "libs/status/status.h"

namespace meldpunt::intake::testing {
namespace {

}  // namespace

common::v1::GeoPoint GroteMarkt() {
  common::v1::GeoPoint p;
  p.set_latitude(50.8163);
  p.set_longitude(5.1856);
  return p;
}

common::v1::GeoPoint Brussels() {
  common::v1::GeoPoint p;
  p.set_latitude(50.8467);
  p.set_longitude(4.3525);
  return p;
}

common::v1::GeoPoint Offset(const common::v1::GeoPoint& p, double north_m, double east_m) {
  constexpr double kMetersPerDegree = 111195.0;
  common::v1::GeoPoint out;
  out.set_latitude(p.latitude() + north_m / kMetersPerDegree);
  out.set_longitude(p.longitude() +
                    east_m / (kMetersPerDegree * std::cos(p.latitude() * 3.14159265358979 / 180)));
  return out;
}

v1::Category PlainCategory(const std::string& code) {
  v1::Category c;
  c.set_code(code);
  auto* nl = c.add_names();
  nl->set_language(roles::LANGUAGE_NL);
  nl->set_text("Categorie " + code);
  c.set_active(true);
  return c;
}

v1::Category MakeCategory(const std::string& code, bool sensitive, bool active) {
  v1::Category c = PlainCategory(code);
  c.set_active(active);
  c.set_sensitive(sensitive);
  auto* amount = c.add_attributes();
  amount->set_code("hoeveelheid");
  amount->set_datatype(v1::ATTRIBUTE_DATATYPE_SINGLE_VALUE_LIST);
  amount->set_variable(true);
  amount->set_required(true);
  amount->set_order(1);
  amount->add_values()->set_key("weinig");
  amount->add_values()->set_key("veel");
  auto* count = c.add_attributes();
  count->set_code("aantal");
  count->set_datatype(v1::ATTRIBUTE_DATATYPE_NUMBER);
  count->set_variable(true);
  count->set_order(2);
  auto* seen = c.add_attributes();
  seen->set_code("gezien-op");
  seen->set_datatype(v1::ATTRIBUTE_DATATYPE_DATETIME);
  seen->set_variable(true);
  seen->set_order(3);
  return c;
}

v1::CreateReportRequest NewReport(const std::string& request_id, const std::string& category,
                                  const common::v1::GeoPoint& point) {
  v1::CreateReportRequest r;
  r.set_request_id(request_id);
  r.set_category_code(category);
  r.set_channel(roles::CHANNEL_APP);
  *r.mutable_location() = point;
  r.set_description("Een hoop vuilniszakken naast de glasbol.");
  auto* answer = r.add_attribute_values();
  answer->set_code("hoeveelheid");
  answer->add_values("veel");
  return r;
}

std::string Reason(const grpc::Status& s) { return status::Reason(status::FromGrpc(s)); }

}  // namespace meldpunt::intake::testing
