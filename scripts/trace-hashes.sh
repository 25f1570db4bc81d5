#!/usr/bin/env bash
# Prints one line per golden run: every lesson with its own seed, and the first seeds of
# each shipped sweep with random faults. Each line is "<scenario> seed=<s> faults=<f>
# <trace records> <trace hash>". tests/golden/trace-hashes.txt holds the lines of the
# last accepted model; a change that moves a hash changes behaviour and must say why.
#   scripts/trace-hashes.sh KAFKALAB                 print the lines
#   scripts/trace-hashes.sh KAFKALAB --check         compare with the golden file, exit 1 on a difference
#   scripts/trace-hashes.sh KAFKALAB --write         rewrite the golden file
#   KAFKALAB_GOLDEN_SWEEP_SEEDS=N                    seeds per sweep (default 25)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
kafkalab=${1:?usage: trace-hashes.sh KAFKALAB [--check|--write]}
mode=${2:-print}
golden="$root/tests/golden/trace-hashes.txt"
sweep_seeds=${KAFKALAB_GOLDEN_SWEEP_SEEDS:-25}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

hash_of() {  # scenario label, then run's extra flags
    local label=$1; shift
    local out
    out=$("$kafkalab" run --quiet --trace "$work/trace.jsonl" "$@" 2>&1 || true)
    local line
    line=$(grep -m1 '^trace: ' <<<"$out" || echo "trace: ? records, hash ?")
    # "trace: N records, hash H" -> "N H"
    read -r _ records _ _ hash <<<"$line"
    echo "$label $records $hash"
}

lines() {
    for lesson in "$root"/scenarios/lessons/*.yaml; do
        hash_of "lessons/$(basename "$lesson") seed=default faults=scripted" "$lesson"
    done
    for sweep in "$root"/scenarios/sweeps/*.yaml; do
        for seed in $(seq 1 "$sweep_seeds"); do
            hash_of "sweeps/$(basename "$sweep") seed=$seed faults=random" --seed "$seed" --faults random "$sweep"
        done
    done
}

case "$mode" in
    print) lines ;;
    --write) lines > "$golden"; echo "wrote $golden ($(wc -l < "$golden") runs)" ;;
    --check)
        lines > "$work/now.txt"
        if diff -u "$golden" "$work/now.txt" > "$work/diff.txt"; then
            echo "golden: all $(wc -l < "$golden") trace hashes match"
        else
            echo "golden: trace hashes differ from tests/golden/trace-hashes.txt (- golden, + this build):"
            grep '^[-+][a-z]' "$work/diff.txt"
            echo "if the change is meant, rewrite it: scripts/trace-hashes.sh $kafkalab --write"
            exit 1
        fi ;;
    *) echo "trace-hashes.sh: unknown mode '$mode' (expected --check or --write)" >&2; exit 2 ;;
esac
