# kafkalab-viz --serve: the viewer's own run takes real clients, so a class watches
# kcat's records replicate. Headless under Xvfb: it serves for 8 s, then saves a
# screenshot; meanwhile kcat produces into it and reads everything back.
KAFKALAB_VIZ=$1
source "$(dirname "$0")/harness.sh"
ASAN_OPTIONS=detect_leaks=0 xvfb-run -a -s '-screen 0 1280x720x24' "$KAFKALAB_VIZ" "$SCENARIOS/three-brokers.yaml" \
    --serve --base-port 19892 --serve-for 8s --screenshot "$WORK/viz.png" >"$WORK/serve.log" 2>&1 &
SERVE_PID=$!
for _ in $(seq 1 200); do
    [ "$(grep -c ' listens on ' "$WORK/serve.log")" -ge 3 ] && break
    kill -0 "$SERVE_PID" 2>/dev/null || fail "kafkalab-viz exited before listening"
    sleep 0.1
done
for i in $(seq 1 60); do echo "user-$((i % 5)):registration $i"; done >"$WORK/sent.txt"
kcat -b 127.0.0.1:19892 -P -t registered_user -K: -l "$WORK/sent.txt" 2>"$WORK/producer.err" ||
    fail "kcat -P failed: $(cat "$WORK/producer.err")"
kcat -b 127.0.0.1:19893 -C -t registered_user -o beginning -e -q >"$WORK/read.txt" 2>&1 ||
    fail "kcat -C failed: $(cat "$WORK/read.txt")"
[ "$(wc -l <"$WORK/read.txt")" = 60 ] || fail "read back $(wc -l <"$WORK/read.txt") of 60 records"
wait_serve
[ "$SERVE_RC" = 0 ] || fail "kafkalab-viz exited with $SERVE_RC"
expect_in_log "real-1 connected to broker-1 (127.0.0.1:19892)"
expect_in_log "wrote $WORK/viz.png (1280x720"
# A PNG's width and height are the big-endian words at bytes 16 and 20.
[ "$(od -An -tu1 -j16 -N8 "$WORK/viz.png" | tr -s ' ')" = " 0 0 5 0 0 0 2 208" ] || fail "the screenshot is not 1280x720"
echo "ok"
