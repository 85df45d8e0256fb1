#include "services/identity/tests/eid/eid_fixture.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <cstdlib>
#include <utility>
#include <vector>

#include "absl/time/civil_time.h"
#include "services/identity/src/eid/digest.h"

namespace meldpunt::identity::eid::testing {
namespace {

void Check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "eid_fixture: %s failed\n", what);
  ERR_print_errors_fp(stderr);
  std::abort();
}

time_t Utc(int year, int month, int day) {
  return absl::ToTimeT(absl::FromCivil(absl::CivilSecond(year, month, day, 0, 0, 0),
                                       absl::UTCTimeZone()));
}

EvpPkeyPtr NewRsaKey() {
  EvpPkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(2048)));
  Check(key != nullptr, "RSA key generation");
  return key;
}

EvpPkeyPtr NewP384Key() {
  EvpPkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384"));
  Check(key != nullptr, "EC key generation");
  return key;
}

const EVP_MD* CertDigest(EVP_PKEY* issuer_key) {
  return EVP_PKEY_is_a(issuer_key, "EC") ? EVP_sha384() : EVP_sha256();
}

void AddExtension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  Check(ext != nullptr, "certificate extension");
  Check(X509_add_ext(cert, ext, -1) == 1, "adding extension");
  X509_EXTENSION_free(ext);
}

struct CertParams {
  std::vector<std::pair<std::string, std::string>> subject;
  time_t not_before;
  time_t not_after;
  bool ca;
  const char* key_usage;
  long serial;
};

// issuer == nullptr: self-signed.
X509Ptr MakeCert(EVP_PKEY* key, const CertParams& p, X509* issuer, EVP_PKEY* issuer_key) {
  X509Ptr cert(X509_new());
  Check(cert != nullptr, "X509_new");
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), p.serial);
  X509_NAME* name = X509_get_subject_name(cert.get());
  for (const auto& [field, value] : p.subject) {
    Check(X509_NAME_add_entry_by_txt(name, field.c_str(), MBSTRING_UTF8,
                                     reinterpret_cast<const unsigned char*>(value.c_str()), -1,
                                     -1, 0) == 1,
          "subject name");
  }
  X509_NAME* issuer_name = issuer != nullptr ? X509_get_subject_name(issuer) : name;
  Check(X509_set_issuer_name(cert.get(), issuer_name) == 1, "issuer name");
  ASN1_TIME_set(X509_getm_notBefore(cert.get()), p.not_before);
  ASN1_TIME_set(X509_getm_notAfter(cert.get()), p.not_after);
  Check(X509_set_pubkey(cert.get(), key) == 1, "public key");
  X509* signer = issuer != nullptr ? issuer : cert.get();
  AddExtension(cert.get(), signer, NID_basic_constraints, p.ca ? "critical,CA:TRUE" : "CA:FALSE");
  AddExtension(cert.get(), signer, NID_key_usage, p.key_usage);
  AddExtension(cert.get(), signer, NID_subject_key_identifier, "hash");
  AddExtension(cert.get(), signer, NID_authority_key_identifier, "keyid:always");
  EVP_PKEY* sign_key = issuer_key != nullptr ? issuer_key : key;
  Check(X509_sign(cert.get(), sign_key, CertDigest(sign_key)) > 0, "certificate signature");
  return cert;
}

std::string Pem(X509* cert) {
  BIO* bio = BIO_new(BIO_s_mem());
  Check(bio != nullptr && PEM_write_bio_X509(bio, cert) == 1, "PEM encoding");
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio, &data);
  std::string out(data, static_cast<size_t>(len));
  BIO_free(bio);
  return out;
}

std::string Der(X509* cert) {
  const int len = i2d_X509(cert, nullptr);
  Check(len > 0, "DER length");
  std::string out(static_cast<size_t>(len), '\0');
  auto* p = reinterpret_cast<unsigned char*>(out.data());
  Check(i2d_X509(cert, &p) == len, "DER encoding");
  return out;
}

std::string Sign(EVP_PKEY* key, const EVP_MD* md, std::string_view data) {
  EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pctx = nullptr;
  Check(ctx != nullptr && EVP_DigestSignInit(ctx.get(), &pctx, md, nullptr, key) == 1,
        "sign init");
  if (EVP_PKEY_is_a(key, "RSA")) {
    Check(EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) == 1, "RSA padding");
  }
  size_t len = 0;
  const auto* in = reinterpret_cast<const unsigned char*>(data.data());
  Check(EVP_DigestSign(ctx.get(), nullptr, &len, in, data.size()) == 1, "signature length");
  std::string sig(len, '\0');
  Check(EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len, in,
                       data.size()) == 1,
        "signature");
  sig.resize(len);
  return sig;
}

constexpr const char* kRootKeyUsage = "critical,keyCertSign,cRLSign";
constexpr const char* kRrnKeyUsage = "critical,digitalSignature,nonRepudiation";

struct Root {
  EvpPkeyPtr key;
  X509Ptr cert;
};

Root MakeRoot(EvpPkeyPtr key, const char* name, long serial) {
  Root root{std::move(key), nullptr};
  root.cert = MakeCert(root.key.get(),
                       {{{"C", "BE"}, {"CN", name}}, Utc(2010, 1, 1), Utc(2040, 1, 1), true,
                        kRootKeyUsage, serial},
                       nullptr, nullptr);
  return root;
}

// Each made once per process and only when first needed: RSA key generation is the slow part.
const Root& RsaRoot() {
  static const Root* root = new Root(MakeRoot(NewRsaKey(), "Meldpunt Test Root CA RSA", 1));
  return *root;
}
const Root& EcRoot() {
  static const Root* root = new Root(MakeRoot(NewP384Key(), "Meldpunt Test Root CA EC", 2));
  return *root;
}
// Same name as the trusted RSA root: trust must come from the key, not the name.
const Root& ForeignRoot() {
  static const Root* root = new Root(MakeRoot(NewRsaKey(), "Meldpunt Test Root CA RSA", 3));
  return *root;
}
EVP_PKEY* RsaRrnKey() {
  static EVP_PKEY* const key = NewRsaKey().release();
  return key;
}
EVP_PKEY* EcRrnKey() {
  static EVP_PKEY* const key = NewP384Key().release();
  return key;
}

std::string RrnCertificate(const CardSpec& spec, EVP_PKEY* rrn_key) {
  const bool ec = spec.kind == CardKind::kEcP384;
  CertParams p{{{"C", "BE"}, {"O", "RRN"}, {"CN", "RRN"}},
               Utc(2020, 1, 1),
               Utc(2030, 1, 1),
               false,
               kRrnKeyUsage,
               100};
  const Root& root = ec ? EcRoot() : RsaRoot();
  X509* issuer = root.cert.get();
  EVP_PKEY* issuer_key = root.key.get();
  switch (spec.cert) {
    case CertProblem::kNone: break;
    case CertProblem::kForeignRoot:
      issuer = ForeignRoot().cert.get();
      issuer_key = ForeignRoot().key.get();
      break;
    case CertProblem::kExpired:
      p.not_before = Utc(2015, 1, 1);
      p.not_after = Utc(2025, 1, 1);
      break;
    case CertProblem::kNotYetValid:
      p.not_before = Utc(2026, 1, 1);
      p.not_after = Utc(2036, 1, 1);
      break;
    case CertProblem::kWrongSubject:
      p.subject = {{"C", "BE"}, {"O", "RRN"}, {"CN", "Citizen CA"}};
      break;
    case CertProblem::kNoNonRepudiation:
      p.key_usage = "critical,digitalSignature";
      break;
  }
  return Der(MakeCert(rrn_key, p, issuer, issuer_key).get());
}

const EVP_MD* IdentityDigest(CardKind kind) {
  switch (kind) {
    case CardKind::kRsaSha256: return EVP_sha256();
    case CardKind::kRsaSha1: return EVP_sha1();
    case CardKind::kEcP384: return EVP_sha384();
  }
  return EVP_sha256();
}

size_t PhotoHashLength(CardKind kind) {
  switch (kind) {
    case CardKind::kRsaSha256: return 32;
    case CardKind::kRsaSha1: return 20;
    case CardKind::kEcP384: return 48;
  }
  return 32;
}

std::string EncodeLength(size_t length) {
  std::string groups;
  groups.push_back(static_cast<char>(length & 0x7F));
  length >>= 7;
  while (length > 0) {
    groups.insert(groups.begin(), static_cast<char>(0x80 | (length & 0x7F)));
    length >>= 7;
  }
  return groups;
}

std::string SpkiDer(EVP_PKEY* key) {
  const int len = i2d_PUBKEY(key, nullptr);
  Check(len > 0, "SPKI length");
  std::string out(static_cast<size_t>(len), '\0');
  auto* p = reinterpret_cast<unsigned char*>(out.data());
  Check(i2d_PUBKEY(key, &p) == len, "SPKI encoding");
  return out;
}

}  // namespace

absl::Time TestNow() {
  return absl::FromCivil(absl::CivilSecond(2025, 6, 1, 12, 0, 0), absl::UTCTimeZone());
}

std::string TrustedRootsPem() {
  return Pem(RsaRoot().cert.get()) + Pem(EcRoot().cert.get());
}

std::string TrustedRootPem(CardKind kind) {
  return Pem(kind == CardKind::kEcP384 ? EcRoot().cert.get() : RsaRoot().cert.get());
}

std::string ForeignRootPem() { return Pem(ForeignRoot().cert.get()); }

Fields DefaultIdentityFields() {
  return {
      {1, "591234567829"},
      {2, std::string("\x53\x4c\x49\x4e\x33\x66\x00\x29\x6c\xff\x26\x23\x66\x0b\x08\x26", 16)},
      {3, "01.02.2020"},
      {4, "01.02.2030"},
      {5, "Sint-Truiden"},
      {6, "85073003328"},
      {7, "Peeters"},
      {8, "Jan Maria"},
      {9, "L"},
      {10, "Belg"},
      {11, "Hasselt"},
      {12, "30 JUL 1985"},
      {13, "M"},
      {15, "1"},
      {16, "0"},
  };
}

Fields DefaultAddressFields() {
  return {{1, "Grote Markt 12 bus 3"}, {2, "3800"}, {3, "Sint-Truiden"}};
}

std::string TestPhoto(char variant) {
  std::string photo("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 20);
  for (int i = 0; i < 200; ++i) photo.push_back(static_cast<char>((i * 7 + variant) & 0xFF));
  photo.append("\xFF\xD9", 2);
  return photo;
}

std::string EncodeTlv(const Fields& fields, bool with_version, size_t padding) {
  std::string out;
  if (with_version) out.append("\x00\x01\x01", 3);
  for (const auto& [tag, value] : fields) {
    out.push_back(static_cast<char>(tag));
    out.append(EncodeLength(value.size()));
    out.append(value);
  }
  out.append(padding, '\0');
  return out;
}

TestCard MakeCard(const CardSpec& spec) {
  const bool ec = spec.kind == CardKind::kEcP384;
  EVP_PKEY* rrn_key = ec ? EcRrnKey() : RsaRrnKey();
  TestCard card;

  Fields identity = spec.identity;
  if (!spec.photo.empty() && identity.count(17) == 0) {
    identity[17] = DigestForHashLength(PhotoHashLength(spec.kind), spec.photo);
  }
  if (spec.basic_key) {
    card.basic_key.reset(NewP384Key().release(), EVP_PKEY_free);
    card.basic_key_file = SpkiDer(card.basic_key.get());
    identity[26] = DigestForHashLength(48, card.basic_key_file);
  }

  CardFiles& f = card.files;
  f.identity_file = EncodeTlv(identity, true, spec.identity_padding);
  f.identity_signature = Sign(rrn_key, IdentityDigest(spec.kind), f.identity_file);
  // Newer cards keep the DER signature in a fixed-size file.
  if (ec) f.identity_signature.resize(112, '\0');

  const std::string address = EncodeTlv(spec.address, true, 0);
  const EVP_MD* address_md = IdentityDigest(spec.kind);
  if (!ec && spec.address_hash == AddressHash::kSha1) address_md = EVP_sha1();
  if (!ec && spec.address_hash == AddressHash::kSha256) address_md = EVP_sha256();
  f.address_file = address + std::string(spec.address_padding, '\0');
  f.address_signature = Sign(rrn_key, address_md, address + f.identity_signature);
  if (ec) f.address_signature.resize(112, '\0');

  f.rrn_certificate = RrnCertificate(spec, rrn_key);
  f.photo = spec.photo;
  return card;
}

CardChallenge TestCard::SignChallenge(std::string_view nonce, bool raw) const {
  Check(basic_key != nullptr, "card has a basic key");
  CardChallenge c;
  c.nonce = std::string(nonce);
  c.basic_public_key_file = basic_key_file;
  c.signature = Sign(basic_key.get(), EVP_sha384(), nonce);
  if (raw) {
    const auto* p = reinterpret_cast<const unsigned char*>(c.signature.data());
    EcdsaSigPtr sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(c.signature.size())));
    Check(sig != nullptr, "ECDSA signature decoding");
    std::string out(96, '\0');
    auto* o = reinterpret_cast<unsigned char*>(out.data());
    Check(BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), o, 48) == 48 &&
              BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), o + 48, 48) == 48,
          "raw signature");
    c.signature = out;
  }
  return c;
}

}  // namespace meldpunt::identity::eid::testing
