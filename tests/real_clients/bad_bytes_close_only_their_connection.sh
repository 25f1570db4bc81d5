# Bad bytes on a socket close that connection with a log line naming what was wrong;
# the simulation and the other clients go on (kcat still reads the cluster after).
KAFKALAB=$1
source "$(dirname "$0")/harness.sh"
start_serve three-brokers.yaml 19492 3 --quiet

# send_bytes PRINTF_FORMAT: one connection to broker-1 that writes the bytes and waits
# (up to 2 s) for the server to close it.
send_bytes() {
    exec 3<>/dev/tcp/127.0.0.1/19492
    printf "$1" >&3
    timeout 2 cat <&3 >/dev/null || true
    exec 3>&- 3<&-
}
send_bytes '\xff\xff\xff\xff'                                              # a negative size
send_bytes '\x00\x00\x00\x0a\x03\xe7\x00\x00\x00\x00\x00\x01\xff\xff'       # API key 999
send_bytes '\x00\x00\x00\x0c\x00\x03\x00\x01\x00\x00\x00\x01\xff\xff\x00\x00' # Metadata v1, body cut short
send_bytes '\x00\x00\x00\x0a\x00\x00\x00\x02\x00\x00\x00\x01\xff\xff'       # Produce v2: not spoken here
# A frame announced at 100 bytes, of which 5 come before the client goes away.
exec 3<>/dev/tcp/127.0.0.1/19492
printf '\x00\x00\x00\x64hello' >&3
exec 3>&- 3<&-

kcat -b 127.0.0.1:19492 -L -m 10 >"$WORK/metadata.txt" 2>&1 || fail "kcat -L failed after the bad bytes"
grep -qF "broker 3 at 127.0.0.1:19494" "$WORK/metadata.txt" || fail "kcat -L after the bad bytes: $(cat "$WORK/metadata.txt")"
stop_serve
[ "$SERVE_RC" = 0 ] || fail "serve exited with $SERVE_RC"
expect_in_log "real-1 disconnected: a frame of -1 bytes"
expect_in_log "real-2 closed: unknown API key 999"
expect_in_log "real-3 closed: malformed request: truncated"
expect_in_log "real-4 closed: Produce v2 is outside the versions spoken here (3-7)"
expect_in_log "real-5 disconnected: closed by the client"
echo "ok"
