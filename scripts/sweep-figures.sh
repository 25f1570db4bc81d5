#!/usr/bin/env bash
# The sweep figures of docs/RELIABILITY.md, made by running the shipped sweeps, so the
# page cannot drift from the build: one Markdown table row per sweep in
# scenarios/sweeps/, over seeds 1..N (default 10000) with random faults.
#   scripts/sweep-figures.sh KAFKALAB [N]            print the table
#   scripts/sweep-figures.sh KAFKALAB [N] --check    compare with the table in docs/RELIABILITY.md
#   scripts/sweep-figures.sh KAFKALAB [N] --write    rewrite that table
# The table sits between the lines <!-- sweep-figures --> and <!-- /sweep-figures -->.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
kafkalab=${1:?usage: sweep-figures.sh KAFKALAB [N] [--check|--write]}
seeds=${2:-10000}
mode=${3:-print}
page="$root/docs/RELIABILITY.md"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

table() {
    echo "| sweep | runs | faults injected | records sent | acknowledged | runs losing acknowledged records | records lost | runs with duplicates | runs that did not recover |"
    echo "|---|---|---|---|---|---|---|---|---|"
    for sweep in "$root"/scenarios/sweeps/*.yaml; do
        name=$(basename "$sweep" .yaml)
        # A sweep exits 1 when a run fails an expectation; the figures say which.
        "$kafkalab" sweep "$sweep" --seeds "1..$seeds" --faults random --jobs "$(nproc)" --out "$work/$name.jsonl" \
            2>/dev/null || true
        python3 - "$work/$name.jsonl" "$name" <<'PY'
import json, sys
runs = faults = sent = acked = losing = lost = duplicating = not_live = asked = 0
for line in open(sys.argv[1]):
    r = json.loads(line)
    runs += 1
    faults += len(r["faults"])
    sent += r["records"]["sent"]
    acked += r["records"]["acknowledged"]
    n = r["anomalies"]["lost-write"]
    losing += n > 0
    lost += n
    duplicating += r["anomalies"]["duplicate"] > 0
    asked += r["liveness"] != "not-asked"
    not_live += r["liveness"] in ("not-live", "not-judged")
share = f" ({100.0 * losing / runs:.1f} %)" if runs else ""
live = f"{not_live:,}" if asked else "not asked"
print(f"| `{sys.argv[2]}` | {runs:,} | {faults:,} | {sent:,} | {acked:,} | {losing:,}{share} | {lost:,} | {duplicating:,} | {live} |")
PY
    done
}

case "$mode" in
    print) table ;;
    --write|--check)
        table > "$work/table.md"
        python3 - "$page" "$work/table.md" "$mode" <<'PY'
import sys
page, table, mode = sys.argv[1], open(sys.argv[2]).read(), sys.argv[3]
text = open(page).read()
begin, end = "<!-- sweep-figures -->\n", "<!-- /sweep-figures -->\n"
if begin not in text or end not in text:
    sys.exit(f"{page}: no {begin.strip()} ... {end.strip()} block")
head, rest = text.split(begin, 1)
old, tail = rest.split(end, 1)
if mode == "--write":
    open(page, "w").write(head + begin + table + end + tail)
    print(f"wrote the sweep figures into {page}")
elif old != table:
    print("sweep figures: docs/RELIABILITY.md differs from this build (- page, + build):")
    for a, b in zip(old.splitlines(), table.splitlines()):
        if a != b:
            print("- " + a)
            print("+ " + b)
    print("rewrite it: scripts/sweep-figures.sh KAFKALAB 10000 --write")
    sys.exit(1)
else:
    print("sweep figures: docs/RELIABILITY.md matches this build")
PY
        ;;
    *) echo "sweep-figures.sh: unknown mode '$mode' (expected --check or --write)" >&2; exit 2 ;;
esac
