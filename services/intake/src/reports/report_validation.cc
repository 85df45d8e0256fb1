#include "services/intake/src/reports/report_validation.h"

#include "libs/contact/contact_details.h"
#include "libs/contact/contact_fields.h"

#include "absl/strings/str_cat.h"
#include "libs/status/status.h"
#include "services/intake/src/api/caller_rules.h"
#include "services/intake/src/categories/category_validation.h"
#include "services/intake/src/reports/contact_validation.h"
#include "libs/text/text.h"
#include "services/intake/src/zones/geo.h"

namespace meldpunt::intake {
namespace {

namespace c = common::v1;

constexpr std::size_t kMaxDescriptionChars = 4000;
constexpr std::size_t kMaxLocationDescriptionChars = 500;
constexpr std::size_t kMaxExternalReferenceChars = 128;
constexpr std::size_t kMaxGuestNameChars = 100;
constexpr std::size_t kMaxCitizenIdChars = 128;
constexpr int kMaxMediaUrls = 5;
constexpr std::size_t kMaxMediaUrlChars = 2000;
constexpr int kMaxAttributeValues = 100;

absl::Status Denied(const char* reason, const std::string& message) {
  return status::Error(absl::StatusCode::kPermissionDenied, reason, message);
}

bool IsPrintableAscii(const std::string& text) {
  for (unsigned char ch : text) {
    if (ch < 0x21 || ch > 0x7e) return false;
  }
  return true;
}

bool IsHttpsUrl(const std::string& url) {
  constexpr char kScheme[] = "https://";
  if (url.size() > kMaxMediaUrlChars || url.rfind(kScheme, 0) != 0) return false;
  if (url.size() == sizeof(kScheme) - 1 || url[sizeof(kScheme) - 1] == '/') return false;
  return IsPrintableAscii(url);
}

absl::Status CheckReporter(const v1::CreateReportRequest& request, const auth::Principal& caller,
                           v1::Report& report) {
  const bool citizen = auth::IsCitizenCaller(caller);
  const v1::Reporter& reporter = request.reporter();
  switch (reporter.kind_case()) {
    case v1::Reporter::kCitizenId:
      if (citizen && reporter.citizen_id() != caller.subject()) {
        return Denied("REPORTER_NOT_ALLOWED", "a citizen may report only as themself");
      }
      if (reporter.citizen_id().empty() || reporter.citizen_id().size() > kMaxCitizenIdChars ||
          !IsPrintableAscii(reporter.citizen_id())) {
        return status::InvalidField("REPORTER_INVALID", "reporter.citizen_id",
                       "1 to 128 printable ASCII characters");
      }
      report.mutable_reporter()->set_citizen_id(reporter.citizen_id());
      return absl::OkStatus();
    case v1::Reporter::kGuest: {
      if (citizen) {
        return Denied("REPORTER_NOT_ALLOWED", "a signed-in citizen reports as themself, not as a guest");
      }
      const auto& guest = reporter.guest();
      for (const auto& [field, value] : {std::make_pair("reporter.guest.first_name", &guest.first_name()),
                                         std::make_pair("reporter.guest.last_name", &guest.last_name())}) {
        if (text::Utf8Length(*value) > kMaxGuestNameChars || text::HasControlCharacters(*value, false)) {
          return status::InvalidField("REPORTER_INVALID", field, "at most 100 characters on one line");
        }
      }
      *report.mutable_reporter()->mutable_guest() = guest;
      return absl::OkStatus();
    }
    case v1::Reporter::KIND_NOT_SET:
      // A citizen's report is always theirs; for others, no reporter means anonymous or the
      // city's own report (submitted_by says who entered it).
      if (citizen) report.mutable_reporter()->set_citizen_id(caller.subject());
      return absl::OkStatus();
  }
  return absl::OkStatus();
}

absl::Status CheckPlace(const v1::CreateReportRequest& request, v1::Report& report) {
  const bool has_point = request.has_location();
  const bool has_address = request.has_address() && contact::HasAddress(request.address());
  if (!has_point && !has_address) {
    return status::InvalidField(kReasonLocationRequired, "location", "a point, an address or both are required");
  }
  if (has_point) {
    if (absl::Status s = ValidatePoint(request.location(), "location"); !s.ok()) return s;
    *report.mutable_location() = request.location();
  }
  if (has_address) {
    auto address = contact::NormalizePostalAddress(request.address(), "address");
    if (!address.ok()) return address.status();
    *report.mutable_address() = *address;
  }
  if (text::Utf8Length(request.location_description()) > kMaxLocationDescriptionChars ||
      text::HasControlCharacters(request.location_description(), true)) {
    return status::InvalidField("TEXT_TOO_LONG", "location_description", "at most 500 characters");
  }
  report.set_location_description(request.location_description());
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<v1::Report> ValidateCreateReport(const v1::CreateReportRequest& request,
                                                const auth::Principal& caller) {
  v1::Report report;
  if (!IsValidCode(request.category_code())) {
    return status::InvalidField("CATEGORY_CODE_INVALID", "category_code", "2-64 characters of a-z, 0-9, - and _");
  }
  report.set_category_code(request.category_code());

  if (request.channel() == c::CHANNEL_UNSPECIFIED || !c::Channel_IsValid(request.channel())) {
    return status::InvalidField("CHANNEL_INVALID", "channel", "the channel the report came in through is required");
  }
  if (!ChannelAllowed(caller, request.channel())) {
    return Denied("CHANNEL_NOT_ALLOWED",
                  absl::StrCat("the caller may not report through ", c::Channel_Name(request.channel())));
  }
  report.set_channel(request.channel());

  if (absl::Status s = CheckReporter(request, caller, report); !s.ok()) return s;

  if (!c::Language_IsValid(request.language())) {
    return status::InvalidField("LANGUAGE_INVALID", "language", "unknown language");
  }
  c::Language language = request.language();
  if (language == c::LANGUAGE_UNSPECIFIED) {
    language = request.has_contact_preference() &&
                       request.contact_preference().language() != c::LANGUAGE_UNSPECIFIED &&
                       c::Language_IsValid(request.contact_preference().language())
                   ? request.contact_preference().language()
                   : c::LANGUAGE_NL;
  }
  report.set_language(language);

  // Unset: no answer wanted, in the report's language. Set: its language unspecified is Dutch.
  const bool citizen_reporter = report.reporter().kind_case() == v1::Reporter::kCitizenId;
  auto contact = NormalizeContactPreference(
      request.contact_preference(), citizen_reporter,
      request.has_contact_preference() ? c::LANGUAGE_NL : language);
  if (!contact.ok()) return contact.status();
  *report.mutable_contact_preference() = *contact;

  if (absl::Status s = CheckPlace(request, report); !s.ok()) return s;

  const std::size_t description_chars = text::Utf8Length(request.description());
  if (description_chars == 0 || !text::HasVisibleText(request.description()) ||
      description_chars > kMaxDescriptionChars ||
      text::HasControlCharacters(request.description(), true)) {
    return status::InvalidField(kReasonDescriptionInvalid, "description", "1 to 4,000 characters of text");
  }
  report.set_description(request.description());

  if (request.attribute_values_size() > kMaxAttributeValues) {
    return status::InvalidField("ATTRIBUTE_INVALID", "attribute_values", "at most 100 answers");
  }
  *report.mutable_attribute_values() = request.attribute_values();

  if (request.media_urls_size() > kMaxMediaUrls) {
    return status::InvalidField("MEDIA_URL_INVALID", "media_urls", "at most 5 links");
  }
  for (int i = 0; i < request.media_urls_size(); ++i) {
    if (!IsHttpsUrl(request.media_urls(i))) {
      return status::InvalidField("MEDIA_URL_INVALID", absl::StrCat("media_urls[", i, "]"),
                     "an https:// link of at most 2,000 characters is expected");
    }
  }
  *report.mutable_media_urls() = request.media_urls();

  if (text::Utf8Length(request.external_reference()) > kMaxExternalReferenceChars ||
      text::HasControlCharacters(request.external_reference(), false)) {
    return status::InvalidField("TEXT_TOO_LONG", "external_reference", "at most 128 characters on one line");
  }
  report.set_external_reference(request.external_reference());
  report.set_submitted_by(caller.subject());
  report.set_tenant_id(caller.tenant_id());
  return report;
}

}  // namespace meldpunt::intake
