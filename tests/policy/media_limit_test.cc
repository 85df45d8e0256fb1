// The photo limit is one setting for the whole upload path: intake (which checks photos) and the
// gateway (which lets uploads through) read the same flag and environment variable, and their
// defaults agree, so a photo intake accepts is never refused at the gateway.
#include <gtest/gtest.h>

#include "libs/config/flags.h"
#include "libs/server/media_limit.h"
#include "libs/server/service_main.h"
#include "services/gateway/src/gateway_options.h"
#include "services/intake/src/intake_options.h"

namespace meldpunt {
namespace {

TEST(MediaLimitTest, OneEnvironmentVariableSetsBothServices) {
  const config::EnvLookup env = [](const std::string& name) -> std::optional<std::string> {
    if (name == "MELDPUNT_MAX_MEDIA_BYTES") return std::string("2097152");
    return std::nullopt;
  };
  intake::IntakeOptions in;
  config::Flags intake_flags("meldpunt-intake");
  intake::RegisterIntakeFlags(intake_flags, &in);
  const char* argv[] = {"meldpunt-intake"};
  ASSERT_TRUE(intake_flags.Parse(1, argv, env).ok());
  gateway::GatewayOptions gw;
  config::Flags gateway_flags("meldpunt-gateway");
  gateway::RegisterGatewayFlags(gateway_flags, &gw);
  ASSERT_TRUE(gateway_flags.Parse(1, argv, env).ok());
  EXPECT_EQ(in.max_media_bytes, 2 << 20);
  EXPECT_EQ(gw.max_media_bytes, 2 << 20);
}

TEST(MediaLimitTest, TheGatewaysDefaultsLetIntakesLargestPhotoThrough) {
  EXPECT_EQ(gateway::GatewayOptions{}.max_media_bytes, intake::IntakeOptions{}.max_media_bytes);
  server::ServiceOptions shared;
  gateway::ApplyGatewayDefaults(shared);
  gateway::GatewayOptions gw;
  gw.principal_signing_key = "gw1:/nonexistent.pem";
  EXPECT_GE(shared.common.max_message_bytes,
            intake::MinMessageBytes(intake::IntakeOptions{}));
  // A larger photo limit without a matching message limit is refused at start.
  gw.max_media_bytes = 32 << 20;
  absl::Status s = gateway::ValidateGatewayOptions(gw, shared);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("--max-media-bytes"), absl::string_view::npos) << s;
}

}  // namespace
}  // namespace meldpunt
