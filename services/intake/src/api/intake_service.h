#pragma once
// The gRPC edge of intake: authenticates the principal, checks the role, validates the request,
// calls a repository on a worker thread and maps the result. Domain rules live in the area
// folders (reports/, categories/, media/, zones/); the handlers are spread over
// category_handlers.cc, report_handlers.cc, media_handlers.cc and nearby_handlers.cc beside this
// file, who may call what in caller_rules.h.

#include <functional>

#include "libs/server/authorized_call.h"
#include "meldpunt/intake/v1/intake_service.grpc.pb.h"
#include "services/intake/src/api/caller_rules.h"
#include "services/intake/src/api/intake_settings.h"
#include "services/intake/src/categories/category_repository.h"
#include "services/intake/src/media/media_repository.h"
#include "services/intake/src/reports/report_repository.h"

namespace meldpunt::intake {

struct IntakeServiceDeps {
  const server::AuthorizedRunner* calls = nullptr;
  CategoryRepository* categories = nullptr;
  ReportRepository* reports = nullptr;
  MediaRepository* media = nullptr;
  IntakeSettings settings;
  // Called after a transaction with an event committed (e.g. OutboxRelay::Wake, so the event is
  // published now rather than at the relay's next poll). May be empty.
  std::function<void()> events_written;
};

class IntakeServiceImpl : public v1::IntakeService::CallbackService {
 public:
  explicit IntakeServiceImpl(IntakeServiceDeps deps) : deps_(std::move(deps)) {}

  grpc::ServerUnaryReactor* ListCategories(grpc::CallbackServerContext* ctx,
                                           const v1::ListCategoriesRequest* req,
                                           v1::ListCategoriesResponse* resp) override {
    return deps_.calls->Run(ctx, kCatalogueReaders, this, &IntakeServiceImpl::HandleListCategories,
                            req, resp);
  }
  grpc::ServerUnaryReactor* GetCategory(grpc::CallbackServerContext* ctx,
                                        const v1::GetCategoryRequest* req,
                                        v1::GetCategoryResponse* resp) override {
    return deps_.calls->Run(ctx, kCatalogueReaders, this, &IntakeServiceImpl::HandleGetCategory,
                            req, resp);
  }
  grpc::ServerUnaryReactor* UpsertCategory(grpc::CallbackServerContext* ctx,
                                           const v1::UpsertCategoryRequest* req,
                                           v1::UpsertCategoryResponse* resp) override {
    return deps_.calls->Run(ctx, kCatalogueEditors, this, &IntakeServiceImpl::HandleUpsertCategory,
                            req, resp);
  }
  grpc::ServerUnaryReactor* CreateReport(grpc::CallbackServerContext* ctx,
                                         const v1::CreateReportRequest* req,
                                         v1::CreateReportResponse* resp) override {
    return deps_.calls->Run(ctx, kReportCreators, this, &IntakeServiceImpl::HandleCreateReport, req,
                            resp);
  }
  grpc::ServerUnaryReactor* GetReport(grpc::CallbackServerContext* ctx,
                                      const v1::GetReportRequest* req,
                                      v1::GetReportResponse* resp) override {
    return deps_.calls->Run(ctx, kReportReaders, this, &IntakeServiceImpl::HandleGetReport, req,
                            resp);
  }
  grpc::ServerUnaryReactor* ListReports(grpc::CallbackServerContext* ctx,
                                        const v1::ListReportsRequest* req,
                                        v1::ListReportsResponse* resp) override {
    return deps_.calls->Run(ctx, kReportReaders, this, &IntakeServiceImpl::HandleListReports, req,
                            resp);
  }
  grpc::ServerUnaryReactor* AddReportMedia(grpc::CallbackServerContext* ctx,
                                           const v1::AddReportMediaRequest* req,
                                           v1::AddReportMediaResponse* resp) override {
    return deps_.calls->Run(ctx, kReportReaders, this, &IntakeServiceImpl::HandleAddReportMedia,
                            req, resp);
  }
  grpc::ServerUnaryReactor* ListNearbyReports(grpc::CallbackServerContext* ctx,
                                              const v1::ListNearbyReportsRequest* req,
                                              v1::ListNearbyReportsResponse* resp) override {
    return deps_.calls->Run(ctx, kNearbyReaders, this, &IntakeServiceImpl::HandleListNearbyReports,
                            req, resp);
  }

 private:
  // The work of each rpc, after AuthorizedRunner admitted the caller (*_handlers.cc).
  absl::Status HandleListCategories(const server::AuthorizedCall& call,
                                    const v1::ListCategoriesRequest* req,
                                    v1::ListCategoriesResponse* resp) const;
  absl::Status HandleGetCategory(const server::AuthorizedCall& call,
                                 const v1::GetCategoryRequest* req,
                                 v1::GetCategoryResponse* resp) const;
  absl::Status HandleUpsertCategory(const server::AuthorizedCall& call,
                                    const v1::UpsertCategoryRequest* req,
                                    v1::UpsertCategoryResponse* resp) const;
  absl::Status HandleAddReportMedia(const server::AuthorizedCall& call,
                                    const v1::AddReportMediaRequest* req,
                                    v1::AddReportMediaResponse* resp) const;
  absl::Status HandleListNearbyReports(const server::AuthorizedCall& call,
                                       const v1::ListNearbyReportsRequest* req,
                                       v1::ListNearbyReportsResponse* resp) const;
  absl::Status HandleCreateReport(const server::AuthorizedCall& call,
                                  const v1::CreateReportRequest* req,
                                  v1::CreateReportResponse* resp) const;
  absl::Status HandleGetReport(const server::AuthorizedCall& call, const v1::GetReportRequest* req,
                               v1::GetReportResponse* resp) const;
  absl::Status HandleListReports(const server::AuthorizedCall& call,
                                 const v1::ListReportsRequest* req,
                                 v1::ListReportsResponse* resp) const;
  void EventsWritten() const {
    if (deps_.events_written) deps_.events_written();
  }

  const IntakeServiceDeps deps_;
};

}  // namespace meldpunt::intake
