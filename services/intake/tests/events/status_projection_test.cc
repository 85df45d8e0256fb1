#include "services/intake/src/events/status_projection.h"

#include <gtest/gtest.h>

namespace meldpunt::intake {
namespace {

namespace c = common::v1;
constexpr char kReport[] = "6f1c2a9e-1d2b-4c3d-8e4f-5a6b7c8d9e0f";
constexpr char kPrimary[] = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

TEST(StatusProjectionTest, CaseStatusesMapToWhatCitizensSee) {
  EXPECT_EQ(ProjectCaseStatus(c::CASE_STATUS_NEW), v1::REPORT_STATUS_RECEIVED);
  EXPECT_EQ(ProjectCaseStatus(c::CASE_STATUS_TRIAGED), v1::REPORT_STATUS_RECEIVED);
  EXPECT_EQ(ProjectCaseStatus(c::CASE_STATUS_ASSIGNED), v1::REPORT_STATUS_IN_TREATMENT);
  EXPECT_EQ(ProjectCaseStatus(c::CASE_STATUS_IN_PROGRESS), v1::REPORT_STATUS_IN_TREATMENT);
  EXPECT_EQ(ProjectCaseStatus(c::CASE_STATUS_ON_HOLD), v1::REPORT_STATUS_IN_TREATMENT);
  EXPECT_EQ(ProjectCaseStatus(c::CASE_STATUS_RESOLVED), v1::REPORT_STATUS_RESOLVED);
  EXPECT_EQ(ProjectCaseStatus(c::CASE_STATUS_CLOSED), v1::REPORT_STATUS_CLOSED);
  EXPECT_EQ(ProjectCaseStatus(c::CASE_STATUS_REJECTED), v1::REPORT_STATUS_REJECTED);
  EXPECT_EQ(ProjectCaseStatus(c::CASE_STATUS_MERGED), v1::REPORT_STATUS_MERGED);
  EXPECT_EQ(ProjectCaseStatus(c::CASE_STATUS_UNSPECIFIED), v1::REPORT_STATUS_UNSPECIFIED);
  EXPECT_EQ(ProjectCaseStatus(static_cast<c::CaseStatus>(77)), v1::REPORT_STATUS_UNSPECIFIED);
}

TEST(StatusProjectionTest, AssignmentPutsTheReportInTreatmentWithItsDepartment) {
  events::v1::Event e;
  auto* a = e.mutable_case_assigned();
  a->set_case_id("case-1");
  a->set_report_id(kReport);
  a->set_department_id("dep-groen");
  auto* name = a->add_department_names();
  name->set_language(c::LANGUAGE_NL);
  name->set_text("Groendienst");
  auto changes = ChangesFor(e);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].report_id, kReport);
  EXPECT_EQ(changes[0].case_id, "case-1");
  EXPECT_EQ(changes[0].status, v1::REPORT_STATUS_IN_TREATMENT);
  EXPECT_EQ(changes[0].department_id, "dep-groen");
  ASSERT_TRUE(changes[0].department_names.has_value());
  EXPECT_EQ((*changes[0].department_names)[0].text(), "Groendienst");
}

TEST(StatusProjectionTest, StatusChangesCarryOnlyPublicNotes) {
  events::v1::Event e;
  auto* s = e.mutable_case_status_changed();
  s->set_report_id(kReport);
  s->set_to_status(c::CASE_STATUS_RESOLVED);
  auto changes = ChangesFor(e);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].status, v1::REPORT_STATUS_RESOLVED);
  EXPECT_FALSE(changes[0].status_note.has_value());
  EXPECT_FALSE(changes[0].department_id.has_value());
  s->set_public_note("Opgeruimd");
  EXPECT_EQ(ChangesFor(e)[0].status_note, "Opgeruimd");
}

TEST(StatusProjectionTest, MergesMarkEachDuplicate) {
  events::v1::Event e;
  auto* m = e.mutable_case_merged();
  m->set_primary_report_id(kPrimary);
  auto* d1 = m->add_merged();
  d1->set_report_id(kReport);
  auto* d2 = m->add_merged();
  d2->set_report_id("not-a-uuid");
  auto changes = ChangesFor(e);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].status, v1::REPORT_STATUS_MERGED);
  EXPECT_EQ(changes[0].duplicate_of_report_id, kPrimary);
}

TEST(StatusProjectionTest, OtherEventsChangeNothing) {
  events::v1::Event e;
  e.mutable_test_ping()->set_seq(1);
  EXPECT_TRUE(ChangesFor(e).empty());
  e.mutable_case_sla_breached()->set_report_id(kReport);
  EXPECT_TRUE(ChangesFor(e).empty());
  e.mutable_case_opened()->set_report_id("'; DROP TABLE reports; --");
  EXPECT_TRUE(ChangesFor(e).empty());
}

}  // namespace
}  // namespace meldpunt::intake
