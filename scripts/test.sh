#!/usr/bin/env bash
# Installs what is missing, builds (Release) and runs the whole test suite: what CI runs.
#   KAFKALAB_SANITIZE=1      then the suite again under AddressSanitizer + UBSan
#                            (Debug, build/sanitize)
#   KAFKALAB_SANITIZE=only   the sanitizer pass only
#   KAFKALAB_FUZZ=1          then each fuzzing harness for 20 s (scripts/fuzz.sh --ci)
# The sanitizer and fuzzing passes each compile the project again, which takes longer
# than the CI budget allows on two cores with a cold compiler cache, so CI leaves them
# out for now. Compiles go through ccache when it is installed; CCACHE_BASEDIR lets
# two clones of the repository share the cache.
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

sanitize=${KAFKALAB_SANITIZE:-0}
if [ "$sanitize" != only ]; then run_suite release; fi
if [ "$sanitize" != 0 ]; then run_suite sanitize; fi
if [ "${KAFKALAB_FUZZ:-0}" = 1 ]; then bash scripts/fuzz.sh --ci; fi
