// AddReportMedia at the gRPC edge, on the fake repositories: who may add, what is refused before
// the repository is asked (size, name, type by content), and what is stored.
#include <gtest/gtest.h>

#include "services/intake/src/reports/request_fingerprint.h"
#include "services/intake/tests/api/api_fixture.h"
#include "services/intake/tests/media/test_images.h"

namespace meldpunt::intake::testing {
namespace {

using grpc::StatusCode;

class MediaHandlersTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (HasFatalFailure()) return;
    report_ = MustCreate("r-1", "cit-1");
  }

  v1::AddReportMediaRequest Photo(const std::string& request_id, const std::string& content) const {
    v1::AddReportMediaRequest req;
    req.set_request_id(request_id);
    req.set_report_id(report_.id());
    req.set_content(content);
    req.set_filename("C:\\Users\\an\\Pictures\\IMG_0001.jpg");
    return req;
  }

  grpc::Status Add(std::unique_ptr<grpc::ClientContext> ctx, const v1::AddReportMediaRequest& req,
                   v1::AddReportMediaResponse* resp = nullptr) {
    v1::AddReportMediaResponse ignored;
    return stub_->AddReportMedia(ctx.get(), req, resp ? resp : &ignored);
  }

  v1::Report report_;
};

TEST_F(MediaHandlersTest, NeedsAReadingRole) {
  const auto req = Photo("m-1", MakeJpeg(JpegParts()));
  EXPECT_TRUE(Refused(Add(ServiceHarness::Anonymous(), req), StatusCode::UNAUTHENTICATED,
                      "PRINCIPAL_MISSING"));
  EXPECT_TRUE(Refused(Add(harness_.As(kSintTruiden, roles::ROLE_ANALYST), req),
                      StatusCode::PERMISSION_DENIED, "ROLE_NOT_ALLOWED"));
  EXPECT_EQ(media_.stored(), 0);
}

TEST_F(MediaHandlersTest, RefusesBadUploadsBeforeTheRepository) {
  const auto as_owner = [&] { return harness_.AsCitizen(kSintTruiden, "cit-1"); };
  EXPECT_TRUE(Refused(Add(as_owner(), Photo("", MakeJpeg(JpegParts()))), StatusCode::INVALID_ARGUMENT,
                      "REQUEST_ID_INVALID"));
  auto bad_id = Photo("m-1", MakeJpeg(JpegParts()));
  bad_id.set_report_id("42");
  EXPECT_TRUE(Refused(Add(as_owner(), bad_id), StatusCode::INVALID_ARGUMENT, "REPORT_ID_INVALID"));
  EXPECT_TRUE(Refused(Add(as_owner(), Photo("m-2", std::string(64 << 10, 'x') + "x")),
                      StatusCode::INVALID_ARGUMENT, "MEDIA_TOO_LARGE"));
  auto bad_name = Photo("m-3", MakeJpeg(JpegParts()));
  bad_name.set_filename("two\nlines.jpg");
  EXPECT_TRUE(Refused(Add(as_owner(), bad_name), StatusCode::INVALID_ARGUMENT, "FILENAME_INVALID"));
  EXPECT_TRUE(Refused(Add(as_owner(), Photo("m-4", "GIF89a....")), StatusCode::INVALID_ARGUMENT,
                      "MEDIA_TYPE_UNSUPPORTED"));
  auto mislabelled = Photo("m-5", MakePng(PngParts()));
  mislabelled.set_content_type("image/jpeg");
  EXPECT_TRUE(Refused(Add(as_owner(), mislabelled), StatusCode::INVALID_ARGUMENT, "MEDIA_TYPE_MISMATCH"));
  EXPECT_EQ(media_.stored(), 0);
  EXPECT_EQ(harness_.events_written(), 1);  // the report's own
}

TEST_F(MediaHandlersTest, StoresTheCleanedPhotoWithTheUploadsDigest) {
  const std::string upload = MakeJpeg(JpegParts().ExifGps().Comment());
  v1::AddReportMediaResponse resp;
  grpc::Status s = Add(harness_.AsCitizen(kSintTruiden, "cit-1"), Photo("m-1", upload), &resp);
  ASSERT_TRUE(s.ok()) << Reason(s) << ": " << s.error_message();
  EXPECT_EQ(resp.media().content_type(), "image/jpeg");
  EXPECT_EQ(resp.media().filename(), "IMG_0001.jpg");
  EXPECT_EQ(resp.media().sha256(), Sha256Hex(upload));
  EXPECT_EQ(resp.media().size_bytes(), static_cast<std::int64_t>(upload.size()));
  const std::string stored = media_.StoredContent(resp.media().media_id());
  EXPECT_EQ(stored, MakeJpeg(JpegParts()));  // EXIF and comment gone
  EXPECT_EQ(media_.last_command().owner_citizen_id, "cit-1");
  EXPECT_EQ(media_.last_command().max_per_report, 2);
  EXPECT_EQ(harness_.events_written(), 2);

  // A retry answers the same photo, without a second one or a second event.
  v1::AddReportMediaResponse again;
  ASSERT_TRUE(Add(harness_.AsCitizen(kSintTruiden, "cit-1"), Photo("m-1", upload), &again).ok());
  EXPECT_EQ(again.media().media_id(), resp.media().media_id());
  EXPECT_EQ(media_.stored(), 1);
  EXPECT_EQ(harness_.events_written(), 2);
}

TEST_F(MediaHandlersTest, OnlyTheOwnerOrStaffAddAndOnlyUpToTheLimit) {
  EXPECT_TRUE(Refused(Add(harness_.AsCitizen(kSintTruiden, "cit-2"), Photo("m-1", MakeJpeg(JpegParts()))),
                      StatusCode::NOT_FOUND, "REPORT_NOT_FOUND"));
  EXPECT_TRUE(Refused(Add(harness_.As(kHasselt, roles::ROLE_COORDINATOR), Photo("m-1", MakeJpeg(JpegParts()))),
                      StatusCode::NOT_FOUND, "REPORT_NOT_FOUND"));
  ASSERT_TRUE(Add(harness_.As(kSintTruiden, roles::ROLE_WARDEN), Photo("m-2", MakePng(PngParts()))).ok());
  EXPECT_EQ(media_.last_command().owner_citizen_id, "");
  ASSERT_TRUE(Add(harness_.AsCitizen(kSintTruiden, "cit-1"), Photo("m-3", MakeJpeg(JpegParts()))).ok());
  EXPECT_TRUE(Refused(Add(harness_.AsCitizen(kSintTruiden, "cit-1"), Photo("m-4", MakeJpeg(JpegParts()))),
                      StatusCode::FAILED_PRECONDITION, "MEDIA_LIMIT_REACHED"));
  EXPECT_EQ(media_.stored(), 2);
}

}  // namespace
}  // namespace meldpunt::intake::testing
