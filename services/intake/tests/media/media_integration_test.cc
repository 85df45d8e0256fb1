// AddReportMedia through real gRPC: photos stored without location metadata, with the upload's
// SHA-256; size, type, count and ownership enforced; idempotent on request_id.
#include <pqxx/pqxx>

#include <gtest/gtest.h>

#include "services/intake/src/reports/request_fingerprint.h"
#include "services/intake/tests/intake_fixture.h"
#include "services/intake/tests/media/test_images.h"

namespace meldpunt::intake::testing {
namespace {

class MediaTest : public ReportsTest {
 protected:
  void Seed() override {
    report_ = MustCreate(AsCitizen(kSintTruiden, "cit-1"), NewReport("r", "zwerfvuil", GroteMarkt()));
  }

  grpc::Status Add(std::unique_ptr<grpc::ClientContext> ctx, const std::string& request_id,
                   const std::string& content, const std::string& type = "",
                   v1::AddReportMediaResponse* resp = nullptr, const std::string& report_id = "") {
    v1::AddReportMediaRequest req;
    req.set_request_id(request_id);
    req.set_report_id(report_id.empty() ? report_.id() : report_id);
    req.set_content(content);
    req.set_content_type(type);
    req.set_filename("C:\\Users\\an\\Pictures\\IMG_0001.jpg");
    v1::AddReportMediaResponse ignored;
    return stub_->AddReportMedia(ctx.get(), req, resp ? resp : &ignored);
  }

  std::string Stored(const std::string& media_id) {
    std::string bytes;
    absl::Status s = admin_pool_->WithConnection([&](pqxx::connection& c) -> absl::Status {
      pqxx::nontransaction tx(c);
      pqxx::row row = tx.exec_params1("SELECT content FROM media WHERE id = $1::uuid", media_id);
      bytes = pqxx::binarystring(row[0]).str();
      return absl::OkStatus();
    });
    EXPECT_TRUE(s.ok()) << s;
    return bytes;
  }

  v1::Report report_;
};

TEST_F(MediaTest, AJpegIsStoredWithoutItsGpsAndDescribedByTheUpload) {
  const std::string upload = MakeJpeg(JpegParts().ExifGps().Xmp().Comment());
  v1::AddReportMediaResponse resp;
  grpc::Status s = Add(AsCitizen(kSintTruiden, "cit-1"), "m-1", upload, "image/jpeg", &resp);
  ASSERT_TRUE(s.ok()) << Reason(s) << " " << s.error_message();
  const auto& m = resp.media();
  EXPECT_EQ(m.content_type(), "image/jpeg");
  EXPECT_EQ(m.sha256(), Sha256Hex(upload));
  EXPECT_EQ(m.size_bytes(), static_cast<std::int64_t>(upload.size()));
  EXPECT_EQ(m.filename(), "IMG_0001.jpg");
  const std::string stored = Stored(m.media_id());
  EXPECT_EQ(stored, MakeJpeg(JpegParts()));
  EXPECT_EQ(stored.find("Exif"), std::string::npos);
  EXPECT_EQ(stored.find("GPS"), std::string::npos);

  v1::GetReportRequest get;
  get.set_id(report_.id());
  v1::GetReportResponse got;
  ASSERT_TRUE(stub_->GetReport(AsCitizen(kSintTruiden, "cit-1").get(), get, &got).ok());
  ASSERT_EQ(got.report().media_size(), 1);
  EXPECT_EQ(got.report().media(0).media_id(), m.media_id());
  EXPECT_EQ(got.report().media(0).sha256(), m.sha256());

  auto events = OutboxEvents();
  ASSERT_EQ(events.size(), 2u);  // ReportSubmitted, ReportMediaAdded
  EXPECT_EQ(events[1].type(), "ReportMediaAdded");
  EXPECT_EQ(events[1].report_media_added().media_id(), m.media_id());
  EXPECT_EQ(events[1].report_media_added().reference(), report_.reference());
}

TEST_F(MediaTest, APngIsStoredWithoutItsExifAndText) {
  const std::string upload = MakePng(PngParts().Exif().Text());
  v1::AddReportMediaResponse resp;
  ASSERT_TRUE(Add(As(kSintTruiden, roles::ROLE_COORDINATOR), "m-png", upload, "", &resp).ok());
  EXPECT_EQ(resp.media().content_type(), "image/png");
  EXPECT_EQ(Stored(resp.media().media_id()), MakePng(PngParts()));
}

TEST_F(MediaTest, OversizedOtherAndBrokenContentIsRefused) {
  auto citizen = [&] { return AsCitizen(kSintTruiden, "cit-1"); };
  std::string big = MakeJpeg(JpegParts());
  big.insert(2, std::string(300 << 10, '\0'));  // over the test limit of 256 KiB
  grpc::Status s = Add(citizen(), "big", big);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Reason(s), "MEDIA_TOO_LARGE");
  EXPECT_EQ(Reason(Add(citizen(), "pdf", "%PDF-1.7 not an image", "application/pdf")),
            "MEDIA_TYPE_UNSUPPORTED");
  EXPECT_EQ(Reason(Add(citizen(), "empty", "")), "MEDIA_TYPE_UNSUPPORTED");
  EXPECT_EQ(Reason(Add(citizen(), "claims-png", MakeJpeg(JpegParts()), "image/png")),
            "MEDIA_TYPE_MISMATCH");
  const std::string jpeg = MakeJpeg(JpegParts().ExifGps());
  EXPECT_EQ(Reason(Add(citizen(), "cut", jpeg.substr(0, jpeg.size() - 10))), "MEDIA_CORRUPT");
  EXPECT_EQ(Reason(Add(citizen(), "bad-id", jpeg, "", nullptr, "not-a-uuid")), "REPORT_ID_INVALID");
  EXPECT_EQ(Scalar("SELECT count(*) FROM media"), 0);
}

TEST_F(MediaTest, AtMostTheConfiguredNumberPerReport) {
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(Add(AsCitizen(kSintTruiden, "cit-1"), "n-" + std::to_string(i), MakeJpeg(JpegParts())).ok());
  }
  grpc::Status s = Add(AsCitizen(kSintTruiden, "cit-1"), "n-3", MakeJpeg(JpegParts()));
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(s), "MEDIA_LIMIT_REACHED");
  EXPECT_EQ(Scalar("SELECT count(*) FROM media"), 3);
}

TEST_F(MediaTest, ARetryAnswersTheSameMediaAndAReusedIdIsRefused) {
  v1::AddReportMediaResponse first, again;
  ASSERT_TRUE(Add(AsCitizen(kSintTruiden, "cit-1"), "same", MakeJpeg(JpegParts()), "", &first).ok());
  ASSERT_TRUE(Add(AsCitizen(kSintTruiden, "cit-1"), "same", MakeJpeg(JpegParts()), "", &again).ok());
  EXPECT_EQ(again.media().media_id(), first.media().media_id());
  EXPECT_EQ(Scalar("SELECT count(*) FROM media"), 1);
  grpc::Status s = Add(AsCitizen(kSintTruiden, "cit-1"), "same", MakePng(PngParts()));
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(Reason(s), "REQUEST_ID_REUSED");
}

TEST_F(MediaTest, CitizensAddPhotosToTheirOwnReportsOnly) {
  grpc::Status s = Add(AsCitizen(kSintTruiden, "cit-2"), "other", MakeJpeg(JpegParts()));
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Reason(s), "REPORT_NOT_FOUND");
  s = Add(AsCitizen(kSintTruiden, "cit-1"), "guessed", MakeJpeg(JpegParts()), "", nullptr,
          "6f1c2a9e-1d2b-4c3d-8e4f-5a6b7c8d9e0f");
  EXPECT_EQ(Reason(s), "REPORT_NOT_FOUND");
  EXPECT_EQ(Scalar("SELECT count(*) FROM media"), 0);
}

}  // namespace
}  // namespace meldpunt::intake::testing
