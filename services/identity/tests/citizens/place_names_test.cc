#include "services/identity/src/citizens/place_names.h"

#include "gtest/gtest.h"

namespace meldpunt::identity {
namespace {

TEST(PlaceMatchKeyTest, PublishedZoneNamesMatchAddressMunicipalities) {
  EXPECT_EQ(PlaceMatchKey("Sint-Truiden (Dg.)"), PlaceMatchKey("Sint-Truiden"));
  EXPECT_EQ(PlaceMatchKey("Brustem (Sint-Truiden)"), PlaceMatchKey("Brustem"));
  EXPECT_EQ(PlaceMatchKey("Kerkom-bij-Sint-Truiden"), PlaceMatchKey("Kerkom bij Sint-Truiden"));
  EXPECT_EQ(PlaceMatchKey("SINT-TRUIDEN"), PlaceMatchKey("sint truiden"));
}

TEST(PlaceMatchKeyTest, Normalises) {
  EXPECT_EQ(PlaceMatchKey("Sint-Truiden (Dg.)"), "sint truiden");
  EXPECT_EQ(PlaceMatchKey("  Groot-Gelmen  "), "groot gelmen");
  EXPECT_EQ(PlaceMatchKey("Li\xC3\xA8ge"), "liege");                 // Liège
  EXPECT_EQ(PlaceMatchKey("\xC3\x89" "cau\xC3\x9F" "innes"), "ecaussinnes");  // Écaußinnes
  EXPECT_EQ(PlaceMatchKey("C\xC5\x93ur"), "coeur");                  // Cœur
  EXPECT_EQ(PlaceMatchKey("Sint-Job-in-'t-Goor"), "sint job in t goor");
  EXPECT_EQ(PlaceMatchKey("Sint-Job-in-\xE2\x80\x99t-Goor"), "sint job in t goor");
  EXPECT_EQ(PlaceMatchKey("Ville (Namur) "), "ville");
  EXPECT_EQ(PlaceMatchKey(""), "");
  EXPECT_EQ(PlaceMatchKey("(Dg.)"), "(dg )");  // only a suffix is dropped, never the whole name
}

TEST(PlaceMatchKeyTest, DifferentPlacesStayDifferent) {
  EXPECT_NE(PlaceMatchKey("Brustem"), PlaceMatchKey("Sint-Truiden"));
  EXPECT_NE(PlaceMatchKey("Aalst (Sint-Truiden)"), PlaceMatchKey("Aalter"));
}

TEST(DisplayZoneNameTest, DropsTheBracketedPart) {
  EXPECT_EQ(DisplayZoneName("Brustem (Sint-Truiden)"), "Brustem");
  EXPECT_EQ(DisplayZoneName("Sint-Truiden (Dg.)"), "Sint-Truiden");
  EXPECT_EQ(DisplayZoneName("Kerkom-bij-Sint-Truiden"), "Kerkom-bij-Sint-Truiden");
}

}  // namespace
}  // namespace meldpunt::identity
