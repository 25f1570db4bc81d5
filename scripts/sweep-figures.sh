#!/usr/bin/env bash
# The sweep figures of docs/RELIABILITY.md, made by running the shipped sweeps, so the
# page cannot drift from the build: one Markdown table row per sweep in
# scenarios/sweeps/, over seeds 1..N (default 10000) with random faults.
#   scripts/sweep-figures.sh KAFKALAB [N]                       print the table
#   scripts/sweep-figures.sh KAFKALAB [N] --check [SWEEP...]    compare with the table in docs/RELIABILITY.md
#   scripts/sweep-figures.sh KAFKALAB [N] --write [SWEEP...]    rewrite that table
# The table sits between the lines <!-- sweep-figures --> and <!-- /sweep-figures -->.
# Naming sweeps (file names without .yaml) makes, checks or rewrites only their rows and
# keeps the others as they are: the wide sweeps take minutes per thousand seeds, so CI
# checks the small ones and the wide ones' rows are made by hand.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
kafkalab=${1:?usage: sweep-figures.sh KAFKALAB [N] [--check|--write] [SWEEP...]}
seeds=${2:-10000}
mode=${3:-print}
shift $(( $# < 3 ? $# : 3 ))
page="$root/docs/RELIABILITY.md"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

sweeps=()
if [ $# -gt 0 ]; then
    for name in "$@"; do
        [ -f "$root/scenarios/sweeps/$name.yaml" ] || { echo "sweep-figures.sh: no sweep scenarios/sweeps/$name.yaml" >&2; exit 2; }
        sweeps+=("$root/scenarios/sweeps/$name.yaml")
    done
else
    sweeps=("$root"/scenarios/sweeps/*.yaml)
fi

rows() {
    for sweep in "${sweeps[@]}"; do
        name=$(basename "$sweep" .yaml)
        # A sweep exits 1 when a run fails an expectation; the figures say which.
        "$kafkalab" sweep "$sweep" --seeds "1..$seeds" --faults random --jobs "$(nproc)" --out "$work/$name.jsonl" \
            2>/dev/null || true
        python3 - "$work/$name.jsonl" "$name" <<'PY'
import json, sys
runs = faults = sent = acked = losing = lost = duplicating = not_live = asked = 0
by_cause = {}
for line in open(sys.argv[1]):
    r = json.loads(line)
    runs += 1
    faults += len(r["faults"])
    sent += r["records"]["sent"]
    acked += r["records"]["acknowledged"]
    n = r["anomalies"]["lost-write"]
    losing += n > 0
    lost += n
    for cause in r["lost_by_cause"]:
        by_cause[cause] = by_cause.get(cause, 0) + 1
    duplicating += r["anomalies"]["duplicate"] > 0
    asked += r["liveness"] != "not-asked"
    not_live += r["liveness"] in ("not-live", "not-judged")
share = f" ({100.0 * losing / runs:.1f} %)" if runs else ""
causes = ", ".join(f"{cause} {n:,}" for cause, n in sorted(by_cause.items())) or "-"
live = f"{not_live:,}" if asked else "not asked"
print(f"| `{sys.argv[2]}` | {runs:,} | {faults:,} | {sent:,} | {acked:,} | {losing:,}{share} | {causes} | {lost:,} | {duplicating:,} | {live} |")
PY
    done
}

header="| sweep | runs | faults injected | records sent | acknowledged | runs losing acknowledged records | losing runs by cause | records lost | runs with duplicates | runs that did not recover |
|---|---|---|---|---|---|---|---|---|---|"

case "$mode" in
    print) echo "$header"; rows ;;
    --write|--check)
        rows > "$work/rows.md"
        python3 - "$page" "$work/rows.md" "$mode" "$header" <<'PY'
import sys
page, made, mode, header = sys.argv[1], open(sys.argv[2]).read().splitlines(), sys.argv[3], sys.argv[4]
text = open(page).read()
begin, end = "<!-- sweep-figures -->\n", "<!-- /sweep-figures -->\n"
if begin not in text or end not in text:
    sys.exit(f"{page}: no {begin.strip()} ... {end.strip()} block")
head, rest = text.split(begin, 1)
old, tail = rest.split(end, 1)
name = lambda row: row.split("|")[1].strip()
old_rows = {name(r): r for r in old.splitlines()[2:] if r.startswith("| `")}
made_rows = {name(r): r for r in made}
if mode == "--write":
    rows = dict(old_rows) if old.startswith(header) else {}
    rows.update(made_rows)
    table = header + "\n" + "".join(rows[k] + "\n" for k in sorted(rows))
    open(page, "w").write(head + begin + table + end + tail)
    print(f"wrote the sweep figures into {page}")
else:
    differ = [(old_rows.get(k, "(no row)"), r) for k, r in made_rows.items() if old_rows.get(k) != r]
    if not old.startswith(header):
        differ.insert(0, (old.splitlines()[0] if old else "(no table)", header.splitlines()[0]))
    if differ:
        print("sweep figures: docs/RELIABILITY.md differs from this build (- page, + build):")
        for a, b in differ:
            print("- " + a)
            print("+ " + b)
        print("rewrite it: scripts/sweep-figures.sh KAFKALAB N --write [SWEEP...]")
        sys.exit(1)
    print("sweep figures: docs/RELIABILITY.md matches this build")
PY
        ;;
    *) echo "sweep-figures.sh: unknown mode '$mode' (expected --check or --write)" >&2; exit 2 ;;
esac
