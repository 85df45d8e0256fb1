#pragma once
// The roots an RRN certificate must be issued by. In production these are the Belgium Root CAs
// (configured as a PEM file, never fetched at run time); tests make their own.

#include <memory>
#include <string_view>

#include "absl/status/statusor.h"
#include "services/identity/src/eid/openssl_ptr.h"

namespace meldpunt::identity::eid {

class TrustedRoots {
 public:
  // One or more PEM certificates ("-----BEGIN CERTIFICATE-----"). Each must be a self-signed CA
  // certificate. INVALID_ARGUMENT with reason EID_TRUST_ROOTS_INVALID otherwise: a start-up
  // configuration error.
  static absl::StatusOr<std::unique_ptr<TrustedRoots>> FromPem(std::string_view pem);

  // Read-only after construction; OpenSSL allows concurrent verifications against one store.
  X509_STORE* store() const { return store_.get(); }
  size_t size() const { return count_; }

 private:
  TrustedRoots(X509StorePtr store, size_t count) : store_(std::move(store)), count_(count) {}
  X509StorePtr store_;
  size_t count_;
};

}  // namespace meldpunt::identity::eid
