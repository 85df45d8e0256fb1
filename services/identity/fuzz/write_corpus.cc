// Writes the fuzz seed corpus: real-shaped card files of both generations from the test fixture
// and a few edge cases. Usage: eid_fuzz_corpus_writer <directory>
#include <cstdio>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "services/identity/tests/eid/eid_fixture.h"

namespace {

using meldpunt::identity::eid::testing::CardKind;
using meldpunt::identity::eid::testing::CardSpec;
using meldpunt::identity::eid::testing::DefaultAddressFields;
using meldpunt::identity::eid::testing::DefaultIdentityFields;
using meldpunt::identity::eid::testing::EncodeTlv;
using meldpunt::identity::eid::testing::Fields;
using meldpunt::identity::eid::testing::MakeCard;

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s <corpus directory>\n", argv[0]);
    return 2;
  }
  std::vector<std::pair<std::string, std::string>> seeds;

  CardSpec rsa;
  rsa.kind = CardKind::kRsaSha256;
  CardSpec ec;
  ec.kind = CardKind::kEcP384;
  ec.basic_key = true;
  // Only the TLV files: signatures and certificates are not what the parsers read.
  seeds.emplace_back("identity_rsa", MakeCard(rsa).files.identity_file);
  seeds.emplace_back("address_rsa", MakeCard(rsa).files.address_file);
  seeds.emplace_back("identity_ec", MakeCard(ec).files.identity_file);

  Fields foreigner = DefaultIdentityFields();
  foreigner[1] = "B012345678";
  foreigner[6] = "98472899765";  // BIS number
  foreigner[12] = "28.JUL.1998";
  foreigner[15] = "11";
  foreigner[20] = "";
  seeds.emplace_back("identity_foreigner_bis", EncodeTlv(foreigner, false, 32));

  Fields partial = DefaultIdentityFields();
  partial[6] = "85000003405";
  partial[12] = "      1985";
  partial[13] = "W";
  seeds.emplace_back("identity_partial_date", EncodeTlv(partial));

  Fields long_field = DefaultIdentityFields();
  long_field[8] = std::string(130, 'A');  // needs the 7-bit length form
  seeds.emplace_back("identity_long_field", EncodeTlv(long_field));

  Fields address = DefaultAddressFields();
  address[1] = "Rue de la Loi 16 bo\xC3\xAEte 2";
  seeds.emplace_back("address_box", EncodeTlv(address, false, 0));

  seeds.emplace_back("birth_date_de", "23.M\xC3\x84R.1982");
  seeds.emplace_back("birth_date_padded", "30 JUN  1967");
  seeds.emplace_back("national_number", "85.07.30-033.28");
  seeds.emplace_back("national_number_birth_unknown", "00000100166");
  seeds.emplace_back("national_number_february_31", "85023103360");  // valid checksum
  seeds.emplace_back("national_number_bis", "01.49.07-001.85");
  seeds.emplace_back("ecdsa_der_padded",
                     std::string("\x30\x06\x02\x01\x01\x02\x01\x01\x00\x00\x00", 11));

  for (const auto& [name, bytes] : seeds) {
    const std::string path = std::string(argv[1]) + "/" + name;
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) {
      std::fprintf(stderr, "could not write %s\n", path.c_str());
      return 1;
    }
  }
  std::printf("wrote %zu seeds to %s\n", seeds.size(), argv[1]);
  return 0;
}
