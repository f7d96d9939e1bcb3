#!/usr/bin/env bash
# Installs docsift's build and test dependencies from Debian 12 packages (as root or via sudo).
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends \
  build-essential cmake pkg-config git ca-certificates \
  libicu-dev libxxhash-dev libeigen3-dev libcli11-dev libsimdjson-dev libdivsufsort-dev librocksdb-dev \
  zlib1g-dev libzstd-dev zstd gzip libgtest-dev libbenchmark-dev libopenmpi-dev openmpi-bin \
  clang-14 libclang-rt-14-dev llvm-14 \
  python3 python3-dev pybind11-dev python3-pybind11 python3-numpy python3-venv python3-pip \
  python3-setuptools python3-wheel python3-pytest python3-pandas chromium >/dev/null
echo "docsift: dependencies installed" >&2
