#pragma once
// The gRPC edge of intake: authenticates the principal, checks the role, validates the request,
// calls the repository on a worker thread and maps the result. Domain rules live in the files
// beside it; this file only wires them to the contract.

#include "libs/auth/principal.h"
#include "libs/server/call.h"
#include "meldpunt/intake/v1/intake_service.grpc.pb.h"
#include "services/intake/src/category_repository.h"

namespace meldpunt::intake {

class IntakeServiceImpl : public v1::IntakeService::CallbackService {
 public:
  IntakeServiceImpl(const server::UnaryRunner* runner, const auth::PrincipalVerifier* verifier,
                    CategoryRepository* categories)
      : runner_(runner), verifier_(verifier), categories_(categories) {}

  grpc::ServerUnaryReactor* ListCategories(grpc::CallbackServerContext* ctx,
                                           const v1::ListCategoriesRequest* req,
                                           v1::ListCategoriesResponse* resp) override;
  grpc::ServerUnaryReactor* GetCategory(grpc::CallbackServerContext* ctx,
                                        const v1::GetCategoryRequest* req,
                                        v1::GetCategoryResponse* resp) override;
  grpc::ServerUnaryReactor* UpsertCategory(grpc::CallbackServerContext* ctx,
                                           const v1::UpsertCategoryRequest* req,
                                           v1::UpsertCategoryResponse* resp) override;

  // Reports are the next milestone (issue "Intake and gateway"); until then these answer
  // UNIMPLEMENTED with reason NOT_IMPLEMENTED, never a fake success.
  grpc::ServerUnaryReactor* CreateReport(grpc::CallbackServerContext* ctx,
                                         const v1::CreateReportRequest* req,
                                         v1::CreateReportResponse* resp) override;
  grpc::ServerUnaryReactor* GetReport(grpc::CallbackServerContext* ctx,
                                      const v1::GetReportRequest* req,
                                      v1::GetReportResponse* resp) override;
  grpc::ServerUnaryReactor* ListReports(grpc::CallbackServerContext* ctx,
                                        const v1::ListReportsRequest* req,
                                        v1::ListReportsResponse* resp) override;
  grpc::ServerUnaryReactor* AddReportMedia(grpc::CallbackServerContext* ctx,
                                           const v1::AddReportMediaRequest* req,
                                           v1::AddReportMediaResponse* resp) override;
  grpc::ServerUnaryReactor* ListNearbyReports(grpc::CallbackServerContext* ctx,
                                              const v1::ListNearbyReportsRequest* req,
                                              v1::ListNearbyReportsResponse* resp) override;

 private:
  grpc::ServerUnaryReactor* NotImplemented(grpc::CallbackServerContext* ctx);

  const server::UnaryRunner* runner_;
  const auth::PrincipalVerifier* verifier_;
  CategoryRepository* categories_;
};

}  // namespace meldpunt::intake
