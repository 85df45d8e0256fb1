#include "services/identity/src/eid/trusted_roots.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "absl/strings/str_cat.h"
#include "libs/status/status.h"
#include "services/identity/src/eid/reasons.h"

namespace meldpunt::identity::eid {
namespace {

absl::Status Invalid(std::string_view message) {
  return status::InvalidArgument(kTrustRootsInvalid, message);
}

struct BioDeleter {
  void operator()(BIO* b) const { BIO_free(b); }
};

}  // namespace

absl::StatusOr<std::unique_ptr<TrustedRoots>> TrustedRoots::FromPem(std::string_view pem) {
  if (pem.size() > 1024 * 1024) return Invalid("trusted roots PEM larger than 1 MiB");
  std::unique_ptr<BIO, BioDeleter> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  X509StorePtr store(X509_STORE_new());
  if (!bio || !store) return status::Internal("OPENSSL", "out of memory");
  size_t count = 0;
  while (true) {
    X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (!cert) break;
    ++count;
    if (X509_check_ca(cert.get()) == 0) {
      return Invalid(absl::StrCat("trusted root ", count, " is not a CA certificate"));
    }
    if ((X509_get_extension_flags(cert.get()) & EXFLAG_SS) == 0) {
      return Invalid(absl::StrCat("trusted root ", count, " is not self-signed"));
    }
    if (X509_STORE_add_cert(store.get(), cert.get()) != 1) {
      return Invalid(absl::StrCat("trusted root ", count, " could not be added"));
    }
  }
  ERR_clear_error();  // the read loop ends on a "no start line" error
  if (count == 0) return Invalid("no certificate in the trusted roots PEM");
  return std::unique_ptr<TrustedRoots>(new TrustedRoots(std::move(store), count));
}

}  // namespace meldpunt::identity::eid
