#include "libs/api/enum_names.h"

#include <gtest/gtest.h>

#include "meldpunt/common/v1/channel.pb.h"
#include "meldpunt/common/v1/language.pb.h"

namespace meldpunt::api {
namespace {

TEST(EnumNamesTest, StripsThePrefixOfTheZeroValue) {
  EXPECT_EQ(EnumToDb(common::v1::CHANNEL_APP), "APP");
  EXPECT_EQ(EnumToDb(common::v1::LANGUAGE_NL), "NL");
  EXPECT_EQ(EnumToDb(common::v1::CHANNEL_UNSPECIFIED), "UNSPECIFIED");
}

TEST(EnumNamesTest, ParsesStoredNamesAndUnknownAsUnspecified) {
  EXPECT_EQ(EnumFromDb<common::v1::Channel>("APP"), common::v1::CHANNEL_APP);
  EXPECT_EQ(EnumFromDb<common::v1::Language>("FR"), common::v1::LANGUAGE_FR);
  EXPECT_EQ(EnumFromDb<common::v1::Language>("XX"), common::v1::LANGUAGE_UNSPECIFIED);
  EXPECT_EQ(EnumFromDb<common::v1::Channel>("CHANNEL_APP"), common::v1::CHANNEL_UNSPECIFIED);
}

TEST(EnumNamesTest, EveryValueRoundTrips) {
  const auto* d = google::protobuf::GetEnumDescriptor<common::v1::Channel>();
  for (int i = 0; i < d->value_count(); ++i) {
    const auto value = static_cast<common::v1::Channel>(d->value(i)->number());
    EXPECT_EQ(EnumFromDb<common::v1::Channel>(EnumToDb(value)), value) << d->value(i)->name();
  }
}

TEST(EnumNamesTest, UndefinedNumberHasNoName) {
  EXPECT_EQ(EnumToDb(static_cast<common::v1::Channel>(999)), "");
}

}  // namespace
}  // namespace meldpunt::api
