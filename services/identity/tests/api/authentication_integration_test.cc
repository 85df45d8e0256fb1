// Every method of IdentityService refuses a call without a principal, and a call whose principal
// is signed by a key the service does not trust (unknown key id, or another key under the
// trusted id): UNAUTHENTICATED, before any work. The same calls with a trusted principal get
// past authentication, so the refusals are the principal's doing.
#include <gtest/gtest.h>

#include "services/identity/tests/api/service_fixture.h"

namespace meldpunt::identity::service_test {
namespace {

// A role each method admits, so that a trusted principal is not refused for its role.
cv1::Role AllowedRole(Method m) {
  switch (m) {
    case Method::kGetCitizen:
    case Method::kUpdateCitizenProfile:
      return cv1::ROLE_FRONT_OFFICE;
    case Method::kResolveContacts:
    case Method::kCountCitizens:
      return cv1::ROLE_SERVICE;
    default:
      return cv1::ROLE_INTEGRATOR;
  }
}

using AuthenticationTest = IdentityServiceTest;

TEST_F(AuthenticationTest, NoPrincipalIsUnauthenticated) {
  for (Method m : kAllMethods) {
    grpc::Status s = Call(m, Anonymous().get());
    EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED) << MethodName(m);
    EXPECT_EQ(Reason(s), "PRINCIPAL_MISSING") << MethodName(m);
  }
}

TEST_F(AuthenticationTest, PrincipalOfAnUnknownKeyIsUnauthenticated) {
  for (Method m : kAllMethods) {
    grpc::Status s = Call(m, SignedByUnknownKey(kSintTruiden, AllowedRole(m)).get());
    EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED) << MethodName(m);
    EXPECT_EQ(Reason(s), "PRINCIPAL_UNKNOWN_KEY") << MethodName(m);
  }
}

TEST_F(AuthenticationTest, PrincipalSignedByAnotherKeyUnderTheTrustedIdIsUnauthenticated) {
  for (Method m : kAllMethods) {
    grpc::Status s = Call(m, SignedByImpostorKey(kSintTruiden, AllowedRole(m)).get());
    EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED) << MethodName(m);
    EXPECT_EQ(Reason(s), "PRINCIPAL_BAD_SIGNATURE") << MethodName(m);
  }
}

TEST_F(AuthenticationTest, TrustedPrincipalGetsPastAuthentication) {
  // The plain requests fail later for their own reasons (unknown user, malformed refresh token,
  // no such citizen), never on the principal.
  for (Method m : kAllMethods) {
    grpc::Status s = Call(m, As(kSintTruiden, AllowedRole(m)).get());
    EXPECT_NE(s.error_code(), grpc::StatusCode::PERMISSION_DENIED) << MethodName(m);
    EXPECT_NE(Reason(s).rfind("PRINCIPAL_", 0), 0u) << MethodName(m) << ": " << Reason(s);
  }
  EXPECT_EQ(Scalar("SELECT count(*) FROM citizens"), 2) << "VerifyEid and LoginWithOidc ran";
}

}  // namespace
}  // namespace meldpunt::identity::service_test
