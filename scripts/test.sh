#!/usr/bin/env bash
# Installs what is missing, builds and runs the whole test suite twice: in Release, and
# under AddressSanitizer + UBSan (build/sanitize: -O1, model invariants checked after
# every event, the shipped sweeps at 200 seeds instead of 1000); then fuzzes each
# parser of user input for 20 s. This is what CI runs.
#   KAFKALAB_SANITIZE=0      the Release pass only
#   KAFKALAB_SANITIZE=only   the sanitizer pass only
#   KAFKALAB_FUZZ=0          without the 20 s of fuzzing per harness (scripts/fuzz.sh --ci)
# Compiles go through ccache when it is installed; CCACHE_BASEDIR lets two clones of
# the repository share the cache, so a clean clone rebuilds only what changed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1

run_suite() {
    local preset=$1
    echo "== $preset: build and test"
    cmake --preset "$preset" >/dev/null
    cmake --build --preset "$preset" -j "$(nproc)"
    ctest --preset "$preset" -j "$(nproc)"
}

sanitize=${KAFKALAB_SANITIZE:-1}
if [ "$sanitize" != only ]; then run_suite release; fi
if [ "$sanitize" != 0 ]; then run_suite sanitize; fi
if [ "${KAFKALAB_FUZZ:-1}" = 1 ]; then bash scripts/fuzz.sh --ci; fi
