# A real producer writes through a leader crash (scenarios/real_clients/leader-crash.yaml).
# With acks=all it keeps going after the election and nothing acknowledged is lost;
# with acks=1 the checker finds the records broker-1 confirmed alone, then lost.
#   kcat_leader_crash.sh KAFKALAB all|1 BASE_PORT
KAFKALAB=$1
ACKS=$2
PORT=$3
source "$(dirname "$0")/harness.sh"
start_serve leader-crash.yaml "$PORT" 3
# 20 records a second for 12 s: across the cut (4s), the crash (6s) and the election.
for i in $(seq 1 240); do
    echo "order-$i:{\"order\": $i}"
    sleep 0.05
done | kcat -b "127.0.0.1:$PORT" -P -t orders -K: -X request.required.acks="$ACKS" \
    -X message.timeout.ms=60000 >"$WORK/producer.log" 2>&1 || fail "kcat -P failed: $(cat "$WORK/producer.log")"
grep -q "Delivery failed" "$WORK/producer.log" && fail "kcat reports failed deliveries: $(cat "$WORK/producer.log")"
# After the election broker-2 leads; everything still in the log reads back from it.
kcat -b "127.0.0.1:$((PORT + 1))" -C -t orders -o beginning -e -q -f '%s\n' >"$WORK/read.txt" 2>&1 ||
    fail "kcat -C failed: $(cat "$WORK/read.txt")"
wait_serve
expect_in_log "orders-0 leader broker 2"
expect_in_log "sent 240: 240 acknowledged"
if [ "$ACKS" = all ]; then
    [ "$(wc -l <"$WORK/read.txt")" = 240 ] || fail "read back $(wc -l <"$WORK/read.txt") of 240 records"
    expect_in_log "verdict: clean"
    [ "$SERVE_RC" = 0 ] || fail "serve exited with $SERVE_RC"
else
    expect_in_log "verdict: acknowledged records were LOST"
    grep -qE "from real-[0-9]+: acknowledged at orders-0 offset" "$WORK/serve.log" ||
        fail "the report names no lost record of the real producer"
    [ "$(wc -l <"$WORK/read.txt")" -lt 240 ] || fail "all 240 records read back: nothing was lost"
fi
echo "ok"
