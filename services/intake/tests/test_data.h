#pragma once
// What intake's tests send and where: the two tenants, places in and outside Sint-Truiden, a
// category with one attribute of each kind, a valid report request. Shared by the handler tests
// (fakes) and the integration tests (PostgreSQL).

#include <string>

#include <grpcpp/support/status.h>

#include "meldpunt/common/v1/geo.pb.h"
#include "meldpunt/intake/v1/category.pb.h"
#include "meldpunt/intake/v1/intake_service.pb.h"

namespace meldpunt::intake::testing {

// The contracts' common enums (roles, channels, languages), as every intake test spells them.
namespace roles = common::v1;

inline constexpr char kSintTruiden[] = "71053";
inline constexpr char kHasselt[] = "71022";

// The Grote Markt of Sint-Truiden (zone 71053A), and a place in Brussels (no tenant's).
common::v1::GeoPoint GroteMarkt();
common::v1::GeoPoint Brussels();
// A point this many metres north and east of p.
common::v1::GeoPoint Offset(const common::v1::GeoPoint& p, double north_m, double east_m);

// A category with only its code and a Dutch name ("Categorie <code>"), active.
v1::Category PlainCategory(const std::string& code);

// A category with a required list attribute ("hoeveelheid": weinig/veel), an optional number
// ("aantal") and an optional instant ("gezien-op").
v1::Category MakeCategory(const std::string& code, bool sensitive = false, bool active = true);

// A valid request for a citizen's app report at point.
v1::CreateReportRequest NewReport(const std::string& request_id, const std::string& category,
                                  const common::v1::GeoPoint& point);

// The ErrorInfo reason of a failed call.
std::string Reason(const grpc::Status& s);

}  // namespace meldpunt::intake::testing
