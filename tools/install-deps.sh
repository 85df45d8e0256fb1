#!/usr/bin/env bash
# Installs exactly the Debian 12 packages Meldpunt needs to build, test and run locally.
# Idempotent: packages already present are left alone and apt is not touched at all.
set -euo pipefail

PACKAGES=(
  # build
  build-essential cmake ninja-build pkg-config ccache
  # contracts and RPC
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler grpc-proto libabsl-dev
  # stores
  libpqxx-dev libhiredis-dev postgresql postgresql-15-postgis-3 postgresql-contrib redis-server
  # crypto, metrics, tests
  libssl-dev libargon2-dev prometheus-cpp-dev libgtest-dev libgmock-dev
  # HTTP facade and JSON (gateway's Open311 endpoint)
  libcpp-httplib-dev nlohmann-json3-dev
  # foreign gRPC client for interop tests; load baselines
  python3-grpcio python3-protobuf
  # tooling used by the runtime scripts
  procps iproute2 util-linux ca-certificates openssl
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: not root. Run as root, or: sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
# The package starts a system cluster and redis on their default ports; Meldpunt runs its own
# throwaway servers on other ports, so the system ones are left as the distribution set them up.
echo "install-deps: done"
