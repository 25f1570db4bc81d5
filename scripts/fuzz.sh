#!/usr/bin/env bash
# Builds the libFuzzer harnesses (clang, ASan, UBSan) and runs each for a bounded time.
#
#   scripts/fuzz.sh            60 s per harness
#   scripts/fuzz.sh 600        ten minutes per harness
#   scripts/fuzz.sh --ci       20 s per harness (what CI runs)
#
# Seeds come from tests/data/good, tests/data/bad, scenarios/lessons, the tool lines
# the lessons run and real clients' requests (tests/fuzz/wire_seeds.py); the corpus
# grows in the build directory from one run to the next.
# A crash, hang (over 10 s for one input) or memory blow-up (over 2 GB) stops the run
# with exit code 1 and leaves the input in <build>/fuzz-artifacts/: add it to
# tests/data/bad/ with the error it must produce once fixed.
# KAFKALAB_FUZZ_BUILD picks the build directory (default build/fuzz).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=60
case "${1:-}" in
    --ci) seconds=20 ;;
    "") ;;
    *[!0-9]*) echo "usage: scripts/fuzz.sh [SECONDS | --ci]" >&2; exit 2 ;;
    *) seconds=$1 ;;
esac

build=${KAFKALAB_FUZZ_BUILD:-build/fuzz}
CC=clang-14 CXX=clang++-14 cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKAFKALAB_FUZZ=ON \
    -DKAFKALAB_BUILD_TESTS=OFF -DKAFKALAB_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" --target fuzz_scenario_loader fuzz_cli_command fuzz_wire_request -j "$(nproc)"

# Seed corpora: every scenario file we have, and every tool line the lessons type.
seeds=$build/fuzz-seeds
rm -rf "$seeds"
mkdir -p "$seeds/scenario" "$seeds/cli" "$build/fuzz-corpus/scenario" "$build/fuzz-corpus/cli" \
    "$build/fuzz-corpus/wire" "$build/fuzz-artifacts"
cp tests/data/good/*.yaml tests/data/bad/*.yaml tests/data/faults/*.yaml tests/data/runs/*.yaml scenarios/lessons/*.yaml "$seeds/scenario/"
n=0
{ { grep -ohE "run: '[^']*'" scenarios/lessons/*.yaml tests/data/*/*.yaml || true; } | sed -e "s/^run: '//" -e "s/'\$//"
  cat tests/fuzz/cli_seeds.txt; } | sort -u | while IFS= read -r line; do
    n=$((n + 1))
    printf '%s' "$line" >"$seeds/cli/line-$n"
done

# Real clients' request frames, written with kafka-python's protocol classes.
/usr/bin/python3 tests/fuzz/wire_seeds.py "$seeds/wire"

run() {
    local harness=$1 corpus=$2 max_len=$3
    shift 3
    echo "== $harness: $seconds s"
    "$build/$harness" "$build/fuzz-corpus/$corpus" "$seeds/$corpus" -max_total_time="$seconds" -timeout=10 \
        -rss_limit_mb=2048 -max_len="$max_len" -print_final_stats=1 -artifact_prefix="$build/fuzz-artifacts/$harness-" \
        "$@" 2>"$build/$harness.log" || { tail -40 "$build/$harness.log"; exit 1; }
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$build/$harness.log" | sed "s/^/   /"
}

run fuzz_scenario_loader scenario 65536 -dict=tests/fuzz/scenario.dict
run fuzz_cli_command cli 4096
run fuzz_wire_request wire 65536
echo "no crash, hang or out-of-memory found"
