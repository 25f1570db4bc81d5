# Shared by the real-client tests: starts `kafkalab serve` on a scenario, waits for
# its brokers' ports, and stops it. Sourced; the caller sets KAFKALAB (the binary).
# Every test uses its own base port, so that ctest may run them side by side.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SCENARIOS=$(cd "$HERE/../../scenarios/real_clients" && pwd)
WORK=$(mktemp -d)
SERVE_PID=
trap 'if [ -n "$SERVE_PID" ]; then kill -KILL "$SERVE_PID" 2>/dev/null || true; fi; rm -rf "$WORK"' EXIT

fail() {
    echo "FAIL: $*" >&2
    echo "--- kafkalab serve printed:" >&2
    cat "$WORK/serve.log" >&2 || true
    exit 1
}

command -v kcat >/dev/null || fail "kcat is not installed (scripts/setup.sh installs it)"

# start_serve SCENARIO BASE_PORT BROKERS [flags...]: returns once every port listens.
start_serve() {
    local scenario=$1 port=$2 brokers=$3
    shift 3
    "$KAFKALAB" serve "$SCENARIOS/$scenario" --base-port "$port" "$@" >"$WORK/serve.log" 2>&1 &
    SERVE_PID=$!
    for _ in $(seq 1 200); do
        if [ "$(grep -c ' listens on ' "$WORK/serve.log")" -ge "$brokers" ]; then return 0; fi
        kill -0 "$SERVE_PID" 2>/dev/null || fail "kafkalab serve exited before listening"
        sleep 0.1
    done
    fail "kafkalab serve did not listen within 20 s"
}

# wait_serve: waits for the scenario's end; SERVE_RC is serve's exit code.
wait_serve() {
    SERVE_RC=0
    wait "$SERVE_PID" || SERVE_RC=$?
    SERVE_PID=
}

# stop_serve: Ctrl-C, as a teacher ends a session; the report is still printed.
stop_serve() {
    kill -INT "$SERVE_PID"
    wait_serve
}

# expect_in_log TEXT: the serve output contains TEXT (a fixed string).
expect_in_log() {
    grep -qF -- "$1" "$WORK/serve.log" || fail "expected '$1' in the serve output"
}

# expect_clean_report COUNT: serve exited 0, and its report says every one of COUNT
# records sent was acknowledged and is there, once, in order.
expect_clean_report() {
    [ "$SERVE_RC" = 0 ] || fail "serve exited with $SERVE_RC"
    expect_in_log "sent $1: $1 acknowledged"
    expect_in_log "verdict: clean"
}
