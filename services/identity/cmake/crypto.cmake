# Personal-data protection: AES-256-GCM sealing and keyed hashes from one master secret.
add_library(meldpunt_identity_crypto STATIC src/crypto/data_protector.cc)
target_link_libraries(meldpunt_identity_crypto
  PUBLIC meldpunt_status absl::status absl::statusor
  PRIVATE absl::strings OpenSSL::Crypto)

meldpunt_test(NAME identity_crypto_test LABEL unit
  SOURCES tests/crypto/data_protector_test.cc
  LIBS meldpunt_identity_crypto)
