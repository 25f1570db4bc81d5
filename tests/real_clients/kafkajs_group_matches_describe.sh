# kafkajs 2.2.4 against `kafkalab serve`: the admin client creates and deletes a
# topic; a keyed producer, then a group of two consumers that read everything and
# commit. What the clients say they own and committed must be what the simulation's
# kafka-consumer-groups --describe prints.
#   kafkajs_group_matches_describe.sh KAFKALAB NODE_DIR   (scripts/setup.sh installed kafkajs there)
KAFKALAB=$1
NODE_DIR=$2
source "$(dirname "$0")/harness.sh"
command -v node >/dev/null || fail "node is not installed (scripts/setup.sh installs it)"
grep -qs '"version": "2.2.4"' "$NODE_DIR/node_modules/kafkajs/package.json" ||
    fail "kafkajs 2.2.4 is not installed in $NODE_DIR (scripts/setup.sh installs it; tests do not touch the network)"

start_serve group-describe.yaml 19592 3
# The admin client first: a topic created through the controller, then deleted.
NODE_PATH="$NODE_DIR/node_modules" node "$HERE/kafkajs/admin.js" 19592 >"$WORK/admin.txt" 2>&1 ||
    fail "the kafkajs admin client failed: $(cat "$WORK/admin.txt")"
# The group is described at scenario time 25s; the clients stay in it until 28 s.
NODE_PATH="$NODE_DIR/node_modules" KAFKAJS_NO_PARTITIONER_WARNING=1 \
    node "$HERE/kafkajs/group.js" 19592 registered_user 30 28000 >"$WORK/clients.txt" 2>"$WORK/clients.err" ||
    fail "the kafkajs clients failed: $(cat "$WORK/clients.err")"
wait_serve
expect_clean_report 30
# "| analytics registered_user PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG CONSUMER-ID HOST CLIENT-ID"
awk '$1 == "|" && $2 == "analytics" && $3 == "registered_user" {print $4, $5, $8}' "$WORK/serve.log" | sort \
    >"$WORK/described.txt"
[ "$(wc -l <"$WORK/described.txt")" = 3 ] || fail "describe shows $(wc -l <"$WORK/described.txt") partitions, not 3"
diff "$WORK/clients.txt" "$WORK/described.txt" >"$WORK/diff.txt" ||
    fail "kafkajs and kafka-consumer-groups --describe disagree (partition, committed offset, member):
$(cat "$WORK/diff.txt")"
[ "$(awk '{s += $2} END {print s}' "$WORK/described.txt")" = 30 ] || fail "committed offsets do not add up to 30 records"
echo "ok"
