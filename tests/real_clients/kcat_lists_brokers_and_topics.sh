# kcat -L against `kafkalab serve`: the simulated brokers, each at its own loopback
# port, the controller, and the topic's partitions with leaders, replicas and ISR.
KAFKALAB=$1
source "$(dirname "$0")/harness.sh"
start_serve three-brokers.yaml 19092 3 --quiet
kcat -b 127.0.0.1:19092 -L -m 10 >"$WORK/metadata.txt" 2>&1 || fail "kcat -L failed: $(cat "$WORK/metadata.txt")"
for line in " 3 brokers:" "broker 1 at 127.0.0.1:19092" "broker 2 at 127.0.0.1:19093" "broker 3 at 127.0.0.1:19094" \
    'topic "registered_user" with 3 partitions:'; do
    grep -qF -- "$line" "$WORK/metadata.txt" || fail "kcat -L lacks '$line':
$(cat "$WORK/metadata.txt")"
done
[ "$(grep -c '(controller)' "$WORK/metadata.txt")" = 1 ] || fail "not exactly one controller:
$(cat "$WORK/metadata.txt")"
for p in 0 1 2; do
    grep -qE "partition $p, leader [123], replicas: [123],[123],[123], isrs: [123],[123],[123]" "$WORK/metadata.txt" ||
        fail "partition $p is not led and fully in sync:
$(cat "$WORK/metadata.txt")"
done
# Asking another broker gives the same brokers: every one has the metadata.
kcat -b 127.0.0.1:19094 -L -m 10 | grep -qF "broker 2 at 127.0.0.1:19093" || fail "broker-3 does not list broker-2"
stop_serve
[ "$SERVE_RC" = 0 ] || fail "serve exited with $SERVE_RC"
expect_in_log "real-1 connected to broker-1 (127.0.0.1:19092)"
echo "ok"
