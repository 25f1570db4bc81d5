# The beginner's notes, example 1, with their own kind of client: kafka-python sends
# Faker's user registrations to registered_user on one broker, and a consumer in
# group consumer-group-a reads them all from the beginning and commits.
KAFKALAB=$1
source "$(dirname "$0")/harness.sh"
PYTHON=/usr/bin/python3  # Debian's, which has python3-kafka and python3-fake-factory
"$PYTHON" -c 'import kafka, faker' 2>/dev/null ||
    fail "python3-kafka and python3-fake-factory are not installed (scripts/setup.sh installs them)"
EXAMPLE="$HERE/../../scenarios/real_clients/python"
start_serve one-broker.yaml 19692 1 --quiet
"$PYTHON" "$EXAMPLE/producer.py" 127.0.0.1:19692 10 0.1 >"$WORK/produced.txt" 2>&1 ||
    fail "the producer failed: $(cat "$WORK/produced.txt")"
"$PYTHON" "$EXAMPLE/consumer.py" 127.0.0.1:19692 10 >"$WORK/consumed.txt" 2>&1 ||
    fail "the consumer failed: $(cat "$WORK/consumed.txt")"
diff "$WORK/produced.txt" "$WORK/consumed.txt" >"$WORK/diff.txt" ||
    fail "the consumer did not read what the producer sent, in order:
$(cat "$WORK/diff.txt")"
grep -q "^partition 0 offset 9: " "$WORK/consumed.txt" || fail "offsets are not 0 to 9: $(cat "$WORK/consumed.txt")"
stop_serve
expect_clean_report 10
echo "ok"
