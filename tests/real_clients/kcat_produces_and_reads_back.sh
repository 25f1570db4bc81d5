# kcat -P writes keyed records into the simulated cluster and kcat -C reads every one
# back from the beginning; records with one key share a partition, as Kafka's
# partitioners promise; the checker counts the real producer's records as its own.
KAFKALAB=$1
source "$(dirname "$0")/harness.sh"
start_serve three-brokers.yaml 19192 3 --quiet
for i in $(seq 1 100); do
    echo "user-$((i % 10)):{\"id\": $i, \"name\": \"user $i\"}"
done >"$WORK/sent.txt"
kcat -b 127.0.0.1:19192 -P -t registered_user -K: -l "$WORK/sent.txt" 2>"$WORK/producer.err" ||
    fail "kcat -P failed: $(cat "$WORK/producer.err")"
kcat -b 127.0.0.1:19192 -C -t registered_user -o beginning -e -q -f '%p %k:%s\n' >"$WORK/read.txt" 2>&1 ||
    fail "kcat -C failed: $(cat "$WORK/read.txt")"
cut -d' ' -f2- "$WORK/read.txt" | sort >"$WORK/read-sorted.txt"
sort "$WORK/sent.txt" | diff - "$WORK/read-sorted.txt" >"$WORK/diff.txt" ||
    fail "records read back differ from those sent:
$(cat "$WORK/diff.txt")"
keys_on_two_partitions=$(awk '{split($2, kv, ":"); print kv[1], $1}' "$WORK/read.txt" | sort -u |
    awk '{n[$1]++} END {for (k in n) if (n[k] > 1) print k}')
[ -z "$keys_on_two_partitions" ] || fail "keys on more than one partition: $keys_on_two_partitions"
stop_serve
expect_clean_report 100
echo "ok"
