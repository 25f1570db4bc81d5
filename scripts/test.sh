#!/usr/bin/env bash
# Installs what is missing, builds (Release), and runs the whole test suite.
# KAFKALAB_SANITIZE=1 runs it under AddressSanitizer and UBSan instead.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
preset=release
if [ "${KAFKALAB_SANITIZE:-0}" = 1 ]; then preset=sanitize; fi
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j "$(nproc)"
ctest --preset "$preset" -j "$(nproc)"
