# librdkafka's idempotent producer (InitProducerId v4, flexible) and its balanced
# consumer group: a first kcat -G reads all 20 records and commits, a second one in
# the same group finds the committed offsets (OffsetFetch v7, flexible) and reads none.
KAFKALAB=$1
source "$(dirname "$0")/harness.sh"
start_serve three-brokers.yaml 20192 3 --quiet
for i in $(seq 1 20); do echo "user-$i:registration $i"; done >"$WORK/sent.txt"
kcat -b 127.0.0.1:20192 -P -t registered_user -K: -l -X enable.idempotence=true -d eos "$WORK/sent.txt" \
    >"$WORK/producer.log" 2>&1 || fail "kcat -P failed: $(cat "$WORK/producer.log")"
grep -q "Acquired PID" "$WORK/producer.log" || fail "the producer got no producer id: $(cat "$WORK/producer.log")"
consume() {
    timeout 60 kcat -b 127.0.0.1:20192 -G readers -X auto.offset.reset=earliest -e -q -f '%k:%s\n' registered_user
}
consume >"$WORK/first.txt" 2>&1 || fail "the first group consumer failed: $(cat "$WORK/first.txt")"
sort "$WORK/sent.txt" | diff - <(sort "$WORK/first.txt") >"$WORK/diff.txt" ||
    fail "the first group consumer did not read what was sent: $(cat "$WORK/diff.txt")"
consume >"$WORK/second.txt" 2>&1 || fail "the second group consumer failed: $(cat "$WORK/second.txt")"
[ ! -s "$WORK/second.txt" ] || fail "the second consumer of the group read again: $(cat "$WORK/second.txt")"
stop_serve
expect_clean_report 20
echo "ok"
